import asyncio

lock0 = asyncio.Lock()

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    async with lock0:
        await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    print("w", n, "lock0 locked:", lock0.locked())
    try:
        async with asyncio.timeout(1):
            print(f"w{n} step 17 at {now()}")
    except TimeoutError:
        print(f"w{n} timed out at {now()}")
    return n

async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())
    raise RuntimeError("main gives up")

asyncio.run(main())
