# Each event's line (where the page's editor points while a learner steps): the line that made it.
import asyncio
import time

sem = asyncio.Semaphore(1)
lock = asyncio.Lock()
ready = asyncio.Event()
print("module level")


async def hold(n):
    async with sem:
        print(f"{n} holds")
        await asyncio.sleep(1)


async def via_helper(n):
    await hold(n)
    return n


async def by_hand():
    await lock.acquire()
    try:
        time.sleep(0.5)
    finally:
        lock.release()


async def fails():
    await asyncio.sleep(0)
    raise ValueError("no")


async def does_nothing():
    pass


async def too_slow():
    async with asyncio.timeout(0.5):
        await asyncio.sleep(5)


async def main():
    waiter = asyncio.create_task(ready.wait())
    results = await asyncio.gather(
        via_helper(1),
        hold(2),
        by_hand(),
        fails(),
        return_exceptions=True,
    )
    print(results)
    ready.set()
    await waiter
    try:
        await asyncio.wait_for(hold(3), timeout=0.25)
    except TimeoutError:
        print("wait_for ran out")
    try:
        await too_slow()
    except TimeoutError:
        print("timeout ran out")
    await asyncio.create_task(does_nothing())  # ends at its `pass`
    late = asyncio.create_task(hold(4))
    late.cancel()
    await asyncio.sleep(0)


asyncio.run(main())
