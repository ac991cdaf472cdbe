# Two semaphores taken in opposite orders (the classic deadlock) beside a Lock that a bystander
# takes and releases: the views draw each primitive (tests/browser/program-playback, tests/js/program-run).
import asyncio

a = asyncio.Semaphore(1)
b = asyncio.Semaphore(1)
lock = asyncio.Lock()

async def one():
    async with a:
        await asyncio.sleep(1)
        async with b:
            print("one has both")

async def two():
    async with b:
        await asyncio.sleep(1)
        async with a:
            print("two has both")

async def bystander():
    async with lock:
        print("the lock is free")

async def main():
    await asyncio.gather(one(), two(), bystander())

asyncio.run(main())
