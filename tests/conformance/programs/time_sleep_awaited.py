# A classic mistake: `from time import sleep` where asyncio.sleep was meant. time.sleep(1) blocks the
# loop for a second and returns None, and awaiting None fails.
import asyncio
from time import sleep


async def limited_task(n, sem):
    async with sem:
        print(f"Task {n} started")
        await sleep(1)
        print(f"Task {n} finished")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited_task(n, sem) for n in range(1, 4)))


asyncio.run(main())
