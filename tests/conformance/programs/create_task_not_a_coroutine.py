# create_task(), asyncio.Task() and gather() are given things that are not coroutines. CPython's
# Task refuses them in its constructor ("a coroutine was expected, got 5") before any task exists,
# so no task is created or named and the task counter (Task-N) does not move; gather() wraps
# what is not awaitable in ensure_future, which refuses it with its own message.
import asyncio


async def work(n):
    await asyncio.sleep(0.1)
    return n


async def main():
    for bad in (5, "work", None, (1, 2), [3]):
        try:
            asyncio.create_task(bad)
        except TypeError as e:
            print("create_task:", e)
    try:
        asyncio.Task(7)
    except TypeError as e:
        print("Task:", e)
    try:
        await asyncio.gather(work(2), 3)
    except TypeError as e:
        print("gather:", e)
    t = asyncio.create_task(work(4))
    print(t.get_name(), await t)


asyncio.run(main())
