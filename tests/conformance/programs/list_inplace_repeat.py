# list *= n repeats the list itself (list_inplace_repeat), so every name for it sees the change, as
# list += does; a tuple or str *= n makes a new object. The errors leave the list as it was.
import asyncio

shared = [0, 1]


async def grow(times):
    global shared
    alias = shared
    alias *= times
    await asyncio.sleep(0)
    print(times, shared, alias is shared)


async def main():
    await asyncio.gather(grow(2), grow(1), grow(True))
    row = ["."]
    grid = row
    grid *= 3
    print(row, grid is row)
    row *= 0
    print(grid, len(row))
    back = [1, 2]
    back *= -4
    print(back)
    for bad in (1.5, "2", 2**70, None):
        keep = [1]
        alias = keep
        try:
            alias *= bad
        except (TypeError, OverflowError, MemoryError) as e:
            print(type(e).__name__, e, keep)
    word = "ab"
    other = word
    other *= 2
    print(word, other)
    pair = (1, 2)
    again = pair
    again *= 2
    print(pair, again)


asyncio.run(main())
