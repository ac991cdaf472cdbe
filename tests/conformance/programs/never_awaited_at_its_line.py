# A coroutine that never ran warns where CPython's reference counting frees it: after print() returns
# (print(work())), at a truth test (if sem.acquire():), and as the exception leaves `async with`
# for a coroutine that is not a context manager; the warning comes before the traceback.
import asyncio

sem = asyncio.Semaphore(1)


async def work():
    return 1


async def main():
    print(type(work()).__name__)
    if sem.acquire():
        print("acquired?", sem.locked())
    kept = work()
    print(type(kept).__name__, "kept: no warning yet")
    await kept
    try:
        async with sem.acquire():
            print("never")
    except TypeError as e:
        print("caught:", e)
    async with sem.acquire():
        print("never")


asyncio.run(main())
