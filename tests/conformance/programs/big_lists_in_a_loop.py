# Big temporary lists in a loop that awaits: each is garbage at the next iteration.
import asyncio


async def main():
    total = 0
    for i in range(300):
        total += len(sorted(range(100000)))
        await asyncio.sleep(0)
    print(total)


asyncio.run(main())
