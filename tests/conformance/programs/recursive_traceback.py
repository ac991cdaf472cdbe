# A recursive function's uncaught exception: CPython's traceback has a line for every frame the
# exception left, the same function at the same line again and again, and from the fourth identical
# line on says "[Previous line repeated N more times]" (traceback.c, TB_RECURSIVE_CUTOFF = 3).
import asyncio

def countdown(n):
    if n == 0:
        raise ValueError("liftoff failed")
    return countdown(n - 1)

async def descend(n):
    if n == 0:
        await asyncio.sleep(0.1)
        raise KeyError("bottom")
    return await descend(n - 1)

async def main():
    try:
        countdown(2)
    except ValueError as e:
        print("caught", e)
    try:
        await descend(3)
    except KeyError as e:
        print("caught", e)
        try:
            raise e
        except KeyError:
            print("raised again")
    try:
        countdown(2)
    except ValueError:
        await descend(2)
    countdown(6)

asyncio.run(main())
