import asyncio

sem = asyncio.Semaphore(2)

async def worker(n):
    await sem.acquire()
    print(f"worker {n} got a permit")
    await asyncio.sleep(1)
    print(f"worker {n} done, but forgot to release")

async def main():
    await asyncio.gather(*(worker(n) for n in range(4)))
    print("never printed")

asyncio.run(main())
