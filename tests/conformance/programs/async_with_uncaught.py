# An exception leaving an `async with sem:` block: __aexit__ releases the permit and the exception
# goes on without a traceback line for the `async with` (a re-raise adds none).
import asyncio

sem = asyncio.Semaphore(1)


async def worker(n):
    async with sem:
        print(f"worker {n} holds the permit")
        await asyncio.sleep(1)
        if n == 2:
            raise ValueError(f"worker {n} failed")


async def main():
    await asyncio.gather(worker(1), worker(2), worker(3))


asyncio.run(main())
