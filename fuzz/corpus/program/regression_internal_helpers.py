import asyncio

bsem0 = asyncio._release_on_done(2)
event1 = asyncio.Event()
sem2 = asyncio.Semaphore(3)

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    async with bsem0:
        await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    for j1 in range(3):
        try:
            r = await asyncio.wait_for(helper(n, 0.1), 0)
            print(f"w{n} got {r} at {now()}")
        except asyncio.TimeoutError:
            print(f"w{n} wait_for timed out at {now()}")
    return n

async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(2)]
    await asyncio.sleep(2)
    print('cancel:', tasks[1].cancel())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())

asyncio.run(main())
