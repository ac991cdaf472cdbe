# A task whose awaited future is done but which has not run since: its repr shows the finished
# future (Task._fut_waiter stays set until the next __step).
import asyncio


async def wait_event(ev):
    return await ev.wait()


async def nap(delay, result=None):
    return await asyncio.sleep(delay, result)


async def hold(lock):
    async with lock:
        await asyncio.sleep(0.1)


async def take(sem):
    await sem.acquire()
    sem.release()


async def gathered(fut):
    return await fut


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(wait_event(ev))
    await asyncio.sleep(0)
    ev.set()
    print(t)
    await asyncio.sleep(0)
    print(t)

    n = asyncio.create_task(nap(1, "slept"))
    m = asyncio.create_task(nap(1))
    await asyncio.sleep(1)
    print(n)
    print(m)
    await asyncio.sleep(0)

    lock = asyncio.Lock()
    sem = asyncio.Semaphore(0)
    h = asyncio.create_task(hold(lock))
    await asyncio.sleep(0)
    w = asyncio.create_task(hold(lock))
    s = asyncio.create_task(take(sem))
    await asyncio.sleep(0.1)
    print(w)
    sem.release()
    print(s)
    s.cancel()
    print(s)
    await asyncio.gather(h, w, return_exceptions=True)
    await asyncio.sleep(0)
    print(s)

    g = asyncio.gather(nap(0.5, 1), nap(0.5, 2))
    a = asyncio.create_task(gathered(g))
    b = asyncio.create_task(gathered(g))
    await asyncio.sleep(0.1)
    print(a)
    await asyncio.sleep(0.4)
    print(b)
    await asyncio.gather(a, b)

    g2 = asyncio.gather(nap(1), nap(2))
    c = asyncio.create_task(gathered(g2))
    await asyncio.sleep(0)
    c.cancel()
    print(c)
    await asyncio.sleep(0)
    print(c)

    ev2 = asyncio.Event()
    d = asyncio.create_task(wait_event(ev2))
    await asyncio.sleep(0)
    d.cancel()
    print(d)
    await asyncio.sleep(0)
    print(d)


asyncio.run(main())
