import asyncio

sem = asyncio.Semaphore(3)

async def limited_task(n):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(2)
        print(f"Task {n} finished")

async def main():
    await asyncio.gather(*(limited_task(n) for n in range(1, 6)))

asyncio.run(main())
