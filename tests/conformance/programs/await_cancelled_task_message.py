# Awaiting a task that is already cancelled: Future.__await__ ends with result(), which raises the
# CancelledError the task ended with (its cancel() message) the first time, _make_cancelled_error
# handing it over once; later awaits get a bare CancelledError().
import asyncio


async def worker():
    await asyncio.sleep(5)


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel("stop now")
    await asyncio.sleep(0)
    print("cancelled:", task.cancelled())
    for attempt in range(2):
        try:
            await task
        except asyncio.CancelledError as e:
            print("await", attempt, repr(e))
    other = asyncio.create_task(worker())
    await asyncio.sleep(0)
    other.cancel("other")
    print(await asyncio.gather(other, return_exceptions=True))
    try:
        await other
    except asyncio.CancelledError as e:
        print("after gather:", repr(e))


asyncio.run(main())
