# A failed task's exception, taken more than once. _asyncio's future keeps the traceback the
# exception had when the task failed and gives it back the first time the result is taken (an
# await, .result()); later times the exception is raised with none (future_get_result clears
# fut_exception_tb), so each awaiter's traceback has its own frames only. gather()'s future keeps
# the traceback the exception has when gather gets it; .exception() leaves the traceback alone.
import asyncio

async def fail(n):
    await asyncio.sleep(0.1 * n)
    raise ValueError(f"task {n} failed")

async def other(t):
    try:
        await t
    except ValueError:
        print("other saw it")

async def main():
    t = asyncio.create_task(fail(1))
    try:
        await t
    except ValueError as e:
        print("first await:", e)
    await other(t)
    print(repr(t.exception()))
    t2 = asyncio.create_task(fail(2))
    try:
        await asyncio.gather(t2)
    except ValueError:
        print("via gather")
    try:
        t2.result()
    except ValueError:
        print("result() after gather")
    await asyncio.gather(t, return_exceptions=True)
    await t

asyncio.run(main())
