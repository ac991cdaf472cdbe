import asyncio

event0 = asyncio.Event()

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    print(f"w{n} here 13 at {now()}")
    if n == 3:
        raise ValueError(f"w{n} failed")
    return n

async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())

asyncio.run(main())
