# Each worker holds sem, takes the lock while holding it, lets both go, then comes back for sem:
# a task's timeline lane has a hold inside a hold and a second wait (tests/js/program-trace.test.mjs,
# tests/browser/timeline.test.mjs).
import asyncio
sem = asyncio.Semaphore(1)
lock = asyncio.Lock()
async def worker():
    async with sem:
        await asyncio.sleep(1)
        async with lock:
            await asyncio.sleep(1)
    await asyncio.sleep(1)
    async with sem:
        await asyncio.sleep(0.5)
async def main():
    await asyncio.gather(worker(), worker())
asyncio.run(main())
