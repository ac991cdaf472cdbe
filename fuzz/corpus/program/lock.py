import asyncio

lock = asyncio.Lock()
counter = 0

async def increment(n):
    global counter
    async with lock:
        value = counter
        await asyncio.sleep(0.1)
        counter = value + 1
        print(f"task {n}: counter = {counter} at {asyncio.get_running_loop().time():.1f}")

async def main():
    await asyncio.gather(*[increment(n) for n in range(5)])
    print("final", counter, lock.locked())

asyncio.run(main())
