# A NaN deadline in CPython's timer heap: it compares false with every other deadline, so heapq leaves
# it where it was pushed. Due at once only when it reaches the top: behind a timer set before it, it
# fires with that timer; set first, it fires at once.
import asyncio

nan = float("nan")


async def napper(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke at", asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    late = asyncio.create_task(asyncio.sleep(nan))
    await asyncio.sleep(0.2)  # set before the task's sleep(nan): the NaN timer waits behind it
    print("after 0.2:", late.done())
    await asyncio.sleep(0)
    print("a step later:", late.done(), loop.time())

    tasks = [asyncio.create_task(napper(f"n{i}", d)) for i, d in enumerate([0.5, nan, 0.3, 0.1, nan, 0.4])]
    await asyncio.gather(*tasks)
    print("gathered at", loop.time())

    try:
        await asyncio.wait_for(napper("slow", 1), nan)
    except TimeoutError:
        print("wait_for(nan) timed out at", loop.time())
    sems = asyncio.Semaphore(1)
    async def holder(i, d):
        async with sems:
            await asyncio.sleep(d)
            print("holder", i, "released at", loop.time())
    await asyncio.gather(*(holder(i, d) for i, d in enumerate([0.25, nan, 0.25, nan])))


asyncio.run(main())
