import asyncio

bsem0 = asyncio.BoundedSemaphore(1)
sem1 = asyncio.Semaphore(1)
bsem2 = asyncio.BoundedSemaphore(2)

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    async with sem1:
        await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    print(f"w{n} here 16 at {now()}")
    try:
        r = await asyncio.wait_for(helper(n, 0), 2)
        print(f"w{n} got {r} at {now()}")
    except asyncio.TimeoutError:
        print(f"w{n} wait_for timed out at {now()}")
    print(f"w{n} tick 22 at {now()}")
    return n

async def main():
    tasks = []
    for n in range(1):
        tasks.append(asyncio.create_task(worker(n), name=f"worker-{n}"))
    await asyncio.sleep(1.5)
    print('cancel:', tasks[0].cancel())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())

asyncio.run(main())
