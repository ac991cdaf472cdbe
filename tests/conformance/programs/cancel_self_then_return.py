# A task that cancels itself and then finishes without awaiting again: Task.__step meets
# StopIteration with _must_cancel set and cancels the task with its message
# (super().cancel(msg=self._cancel_message)), so every read of its result is a new
# CancelledError with that message. A CancelledError that propagates out of the coroutine
# instead leaves no message for later reads (super().cancel() without one).
import asyncio


async def job(how):
    asyncio.current_task().cancel("stop")
    if how == "twice":
        asyncio.current_task().cancel("again")
    if how == "uncancel":
        asyncio.current_task().uncancel()
    if how == "async with":
        async with asyncio.Semaphore(1):
            return 1
    return 1


async def raised():
    asyncio.current_task().cancel("stop")
    await asyncio.sleep(0)


async def main():
    for how in ["return", "twice", "uncancel", "async with"]:
        t = asyncio.create_task(job(how))
        print(how, await asyncio.gather(t, return_exceptions=True))
        for read in range(2):
            try:
                await t
            except asyncio.CancelledError as e:
                print(" await", repr(e))
        print(" exception()", repr(t.exception()) if not t.cancelled() else "cancelled")
    t = asyncio.create_task(raised())
    print("raised", await asyncio.gather(t, return_exceptions=True))
    try:
        await t
    except asyncio.CancelledError as e:
        print(" await", repr(e))
    asyncio.current_task().cancel("main stops")


asyncio.run(main())
