# asyncio.run() called while the module's code handles an exception: under the tasks' coroutines that
# exception is still sys.exc_info() (_PyErr_GetTopmostException walks down to it), so what a task
# raises handling nothing, and a cancelled future's CancelledError, take it as __context__.
import asyncio


async def task_raises():
    try:
        raise ValueError("in task")
    except ValueError as e:
        print("task's:", repr(e.__context__))


async def waits():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("cancelled's:", repr(e.__context__))


async def main():
    await task_raises()
    t = asyncio.create_task(waits())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)


try:
    raise KeyError("around")
except KeyError:
    asyncio.run(main())
print("after:", "done")
