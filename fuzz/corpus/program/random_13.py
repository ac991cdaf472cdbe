import asyncio

bsem0 = asyncio.BoundedSemaphore(1)
sem1 = asyncio.Semaphore(3)

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    print(f"w{n} tick 14 at {now()}")
    return n

async def main():
    tasks = []
    for n in range(2):
        tasks.append(asyncio.create_task(worker(n), name=f"worker-{n}"))
    await asyncio.sleep(0.1)
    print('cancel:', tasks[0].cancel())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())

asyncio.run(main())
