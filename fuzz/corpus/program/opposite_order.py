import asyncio

a = asyncio.Semaphore(1)
b = asyncio.Semaphore(1)

async def first():
    async with a:
        print("first has a")
        await asyncio.sleep(0.5)
        async with b:
            print("first has both")

async def second():
    async with b:
        print("second has b")
        await asyncio.sleep(0.5)
        async with a:
            print("second has both")

async def main():
    await asyncio.gather(first(), second())

asyncio.run(main())
