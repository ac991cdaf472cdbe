# time.sleep() in async code blocks the whole loop: with 3 permits the tasks still run one at a
# time, and a ticker meant to tick every 0.3 s falls behind. asyncio.sleep() lets them overlap.
import asyncio
import time


async def limited_task(n, sem):
    async with sem:
        print(f"Task {n} started")
        time.sleep(0.5)  # blocks: no other task runs meanwhile
        print(f"Task {n} finished")


async def polite_task(n, sem):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(0.5)
        print(f"Task {n} finished")


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.3)


def slow_helper():
    time.sleep(0.2)  # a blocking call inside an ordinary function blocks just the same
    return "helper done"


async def main():
    sem = asyncio.Semaphore(3)
    start = time.perf_counter()
    await asyncio.gather(ticker(), *(limited_task(n, sem) for n in range(1, 6)))
    print(f"with time.sleep: {time.perf_counter() - start:.1f} s")
    start = time.monotonic()
    await asyncio.gather(*(polite_task(n, sem) for n in range(1, 6)))
    print(f"with asyncio.sleep: {time.monotonic() - start:.1f} s")
    start = time.perf_counter_ns()
    print(slow_helper(), (time.perf_counter_ns() - start) // 10**8)


asyncio.run(main())
