# A task that failed, kept in a variable nobody awaits, while main waits in wait_for on an Event: the
# prelude's wait_for rebinds a variable that held asyncio's operation object (not a list), which the
# "never retrieved" bookkeeping read as a list and crashed on (found by a sweep, session 26).
import asyncio


async def f1():
    raise ValueError("x")


async def main():
    t = asyncio.create_task(f1())
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(asyncio.Event().wait(), 0.1)
    except TimeoutError:
        print("timed out")
    lock = asyncio.Lock()
    await lock.acquire()
    try:
        await asyncio.wait_for(lock.acquire(), 0.1)
    except TimeoutError:
        print("timed out again")
    print(t.done())


asyncio.run(main())
