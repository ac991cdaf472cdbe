# Unpacking what cannot be unpacked, in CPython 3.11's words: a value that is no iterable is
# unpack_iterable's "cannot unpack non-iterable T object", not iter()'s "'T' object is not iterable".
import asyncio


async def fetch(n):
    await asyncio.sleep(0.1)
    return n if n < 2 else (n, n * n)


async def main():
    for src in [5, None, 2.5, "ab", "abc", [1], {"k": 1, "j": 2}, range(2), True]:
        try:
            a, b = src
            print("ok", a, b)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    for n in [3, 2, 1]:
        value, square = await fetch(n)
        print(n, value, square)


asyncio.run(main())
