# A learner writes the name of the caught exception without `as`: python3 refuses the program
# before it runs, with "invalid syntax" ("expected ':'" is only for a line that ends there).
import asyncio

sem = asyncio.Semaphore(1)

async def worker(n):
    try:
        async with sem:
            await asyncio.sleep(1)
    except asyncio.CancelledError e:
        print(f"worker {n} cancelled")
        raise

async def main():
    t = asyncio.create_task(worker(1))
    await asyncio.sleep(0.5)
    t.cancel()

asyncio.run(main())
