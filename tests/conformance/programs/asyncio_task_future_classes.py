# asyncio.Task and asyncio.Future are _asyncio's classes, the ones type() gives: a task is a Task
# and a Future, gather()'s future a Future, and `type(t) is asyncio.Task`. asyncio.Task(coro) makes
# a task, as create_task() does, and
# asyncio.Future() a pending future (awaited for ever: a deadlock).
import asyncio


async def work(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    t = asyncio.create_task(work(1))
    g = asyncio.gather(work(2), work(3))
    print(isinstance(t, asyncio.Task), isinstance(t, asyncio.Future), type(t) is asyncio.Task, type(t) == asyncio.Future)
    print(isinstance(g, asyncio.Future), isinstance(g, asyncio.Task), isinstance(work(0), asyncio.Task))
    print(asyncio.Task, asyncio.Future, asyncio.Task.__name__)
    print([type(x).__name__ for x in [t, g, 1, "s", asyncio.Lock()] if isinstance(x, (asyncio.Future, asyncio.Lock))])
    print(t, g, type(t))
    print(await t, await g)
    t4 = asyncio.Task(work(4), name="made directly")
    print(t4.get_name(), await t4, isinstance(t4, asyncio.Task), t4)
    f = asyncio.Future()
    print(f, type(f), f.done(), isinstance(f, asyncio.Future), type(asyncio.gather()), asyncio.gather())
    f.cancel()
    print(f, f.cancelled())
    try:
        await f
    except asyncio.CancelledError:
        print("a cancelled future raises CancelledError")
    await asyncio.Future()


asyncio.run(main())
