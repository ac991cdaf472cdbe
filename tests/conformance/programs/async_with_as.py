import asyncio

# `async with X as name`: Semaphore's and Lock's __aenter__ return None (acquire() returns True).


async def main():
    sem = asyncio.Semaphore(2)
    lock = asyncio.Lock()
    async with sem as s:
        print("semaphore:", s, sem.locked())
    async with lock as held:
        print("lock:", held, lock.locked())
    print("acquire():", await sem.acquire(), await lock.acquire())
    sem.release()
    lock.release()


asyncio.run(main())
