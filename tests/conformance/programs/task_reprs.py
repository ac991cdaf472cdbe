# print(task) at each stage of a task's life, as asyncio's base_tasks._task_repr_info writes it:
# pending at its coroutine's line, what it waits for (a future, another task, a gather()), who waits
# for it, cancelling, cancelled, finished with its result or its exception.
import asyncio


async def worker(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError("two")
    return [n] * 8


async def watcher(task):
    await task


async def main():
    t1 = asyncio.create_task(worker(1))
    t2 = asyncio.create_task(worker(2), name="second")
    print(t1)
    await asyncio.sleep(0)
    print(t1)
    w = asyncio.create_task(watcher(t1))
    await asyncio.sleep(0)
    print(t1)
    print(w)
    g = asyncio.gather(worker(3), worker(0.5))
    await asyncio.sleep(0)
    print(g)
    await asyncio.sleep(3)
    print(t1)
    print(t2)
    print(g)
    t3 = asyncio.create_task(worker(5))
    await asyncio.sleep(0)
    t3.cancel()
    print(t3)
    await asyncio.sleep(0)
    print(t3)
    print([t1, t3])


asyncio.run(main())
