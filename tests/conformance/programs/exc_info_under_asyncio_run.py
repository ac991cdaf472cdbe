# asyncio.run() called inside an `except`: CPython's sys.exc_info() under the tasks' coroutines is
# still that exception. A bare `raise` in a task re-raises it; a gather's exception, raised again by
# its result() in the loop's callback (a Future subclass: PyErr_SetObject), takes it as __context__,
# where a task's exception thrown straight in keeps its own (not here: program_events.py's wrapper
# of each task's coroutine changes that case in the reference); a cancel() that found no future to
# cancel (the task at sleep(0)) makes a CancelledError without it (found by a sweep, session 26).
import asyncio


def chain(e):
    out = []
    while e is not None and len(out) < 8:
        out.append(repr(e))
        e = e.__context__
    return " <- ".join(out)


async def f():
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("x")


async def reraises():
    raise


async def at_sleep0():
    try:
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("at sleep(0):", chain(e))


async def times_out():
    async with asyncio.timeout(0.5):
        await asyncio.Event().wait()


async def gathers_timeout():
    await asyncio.gather(times_out())


async def main():
    try:
        await asyncio.gather(f())
    except ValueError as e:
        print("gather:", chain(e))
    try:
        await asyncio.wait_for(f(), 1)
    except ValueError as e:
        print("wait_for:", chain(e))
    try:
        await reraises()
    except RuntimeError as e:
        print("bare raise:", chain(e))
    t = asyncio.create_task(at_sleep0())
    await asyncio.sleep(0)
    t.cancel()
    await t
    asyncio.current_task().cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("self-cancelled:", chain(e))
    r = await asyncio.gather(gathers_timeout(), return_exceptions=True)
    print("timeout in gather:", chain(r[0]))
    await reraises()


try:
    raise RuntimeError("outer")
except RuntimeError:
    asyncio.run(main())
