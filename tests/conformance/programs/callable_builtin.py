import asyncio

async def work(n):
    await asyncio.sleep(0)
    return n

def plain():
    return 1

async def main():
    sem = asyncio.Semaphore(1)
    t = asyncio.create_task(work(1))
    things = [print, len, plain, work, lambda: 0, sem.acquire, "x".upper, [].append, int, str, asyncio.Semaphore,
              asyncio.sleep, ValueError, ValueError("x"), 3, "text", None, [1], {}, (1,), sem, t, asyncio,
              range(3), type(sem), callable, asyncio.get_running_loop().time, object]
    print([callable(x) for x in things])
    await t
    c = work(2)
    print(callable(c))
    await c
    try:
        callable()
    except TypeError as e:
        print(e)
    try:
        callable(1, 2)
    except TypeError as e:
        print(e)
    try:
        callable(obj=1)
    except TypeError as e:
        print(e)
    f = callable
    print(f(f), repr(callable))

asyncio.run(main())
