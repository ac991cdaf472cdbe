# A traceback points where CPython 3.11 does in statements over several lines: a method call at its
# name's line, obj[key] += 1 at the subscript's line, a multi-line `raise ... from e` at `raise`.
import asyncio

counts = {}


async def tally(word):
    await asyncio.sleep(0)
    n = (word
         .upper()
         .index("Z"))
    return n


async def main():
    try:
        await tally("apples")
    except ValueError as e:
        print("tally:", e)
    try:
        counts[
            "apples"
        ] += 1
    except KeyError as e:
        print("counts:", e)
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError(
            "bad input"
        ) from e


asyncio.run(main())
