import asyncio

sem0 = asyncio.Semaphore(1)

def now():
    return asyncio.get_running_loop().time()

async def helper(n, d):
    await asyncio.sleep(d)
    return n * 10

async def worker(n):
    print(f"w{n} starts at {now()}")
    await sem0.acquire()
    try:
        print("w", n, "sem0 locked:", sem0.locked(), sem0._value)
        if n == 3:
            raise KeyError(f"w{n} failed")
        print(f"w{n} here 18 at {now()}")
    finally:
        sem0.release()
    try:
        async with asyncio.timeout(0.25):
            print(f"w{n} here 23 at {now()}")
    except TimeoutError:
        print(f"w{n} timed out at {now()}")
    return n

async def main():
    tasks = [asyncio.create_task(worker(n)) for n in range(4)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print("results", results)
    print([t.cancelled() for t in tasks], [t.done() for t in tasks])
    print("main ends at", now())

asyncio.run(main())
print("after run")
