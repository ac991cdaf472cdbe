import asyncio

bsem0 = asyncio.BoundedSemaphore(1)

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    async with bsem0:
        print("w", n, "bsem0 locked:", bsem0.locked(), bsem0._value)
        if n == 3:
            raise RuntimeError(f"w{n} failed")
    return n

async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(4)]
    await asyncio.sleep(2)
    print('cancel:', tasks[3].cancel())
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())
    raise RuntimeError("main gives up")

asyncio.run(main())
print("after run")
