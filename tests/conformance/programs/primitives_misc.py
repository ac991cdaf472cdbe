import asyncio

sem = asyncio.Semaphore(1)
ev = asyncio.Event()

async def job(n, d):
    await asyncio.sleep(d)
    return n

async def holder():
    async with sem:
        await asyncio.sleep(1)
        print("holder releasing; locked:", sem.locked(), sem._value)
    print("after release; locked:", sem.locked(), sem._value)

async def waiter():
    async with sem:
        print("waiter in at", asyncio.get_running_loop().time())

async def setter():
    await asyncio.sleep(0.3)
    ev.set()
    print("set", ev.is_set())

async def main():
    t = asyncio.create_task(job(1, 0.5))
    print(await asyncio.wait_for(t, 1), t.done())
    done = asyncio.create_task(job(2, 0))
    await asyncio.sleep(0.1)
    print(await asyncio.gather(done, job(3, 0.1), asyncio.sleep(0.2, result="s")))
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout(0) fired at", asyncio.get_running_loop().time())
    h = asyncio.create_task(holder())
    w = asyncio.create_task(waiter())
    await asyncio.gather(h, w)
    asyncio.create_task(setter())
    print("waited", await ev.wait())
    ev.clear()
    try:
        await asyncio.wait_for(ev.wait(), 0.2)
    except asyncio.TimeoutError:
        print("event wait timed out, is_set:", ev.is_set())
    x = [n * 2 for n in range(3)]
    print(x)

asyncio.run(main())
