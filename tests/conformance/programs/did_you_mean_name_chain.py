# A misspelt global inside a comprehension of a task: the NameError's suggestion comes from the
# comprehension's names first, then the module's globals; each exception of the chain gets its own.
import asyncio

sem = asyncio.Semaphore(2)
results = []

async def worker(n):
    async with sem:
        await asyncio.sleep(0.1 * n)
        results.append(n)
        try:
            return [reslts for _ in range(n)]
        except NameError as e:
            print(f"worker {n}: {e}")
            raise RuntimeError(f"worker {n} failed") from e

async def main():
    outcome = await asyncio.gather(worker(1), worker(2), return_exceptions=True)
    print(outcome)
    print(results, sem.locked())
    await worker(3)

asyncio.run(main())
