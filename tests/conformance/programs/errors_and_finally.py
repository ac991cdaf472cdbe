import asyncio

lock = asyncio.Lock()
sem = asyncio.BoundedSemaphore(2)

async def risky(n):
    try:
        async with lock:
            print(f"risky {n} holds the lock")
            await asyncio.sleep(0.5)
            if n % 2:
                raise KeyError(f"k{n}")
            return {"n": n, "ok": True}
    except KeyError as e:
        print("caught", repr(e), str(e), e.args)
        raise ValueError(f"wrapped {n}") from e
    finally:
        print(f"risky {n} finally, lock held: {lock.locked()}")

async def over_release():
    async with sem:
        pass
    try:
        sem.release()
    except ValueError as e:
        print("over-release:", e)

async def main():
    results = await asyncio.gather(*(risky(n) for n in range(4)), over_release(), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    try:
        await asyncio.wait_for(asyncio.sleep(10, result="late"), timeout=0.25)
    except TimeoutError as e:
        print("wait_for:", type(e).__name__, repr(e))
    print(await asyncio.wait_for(asyncio.sleep(0.1, result="in time"), timeout=1))
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result() of a cancelled task raises", repr(e))
    print("time", asyncio.get_running_loop().time())
    assert lock.locked() is False, "lock should be free"
    x = {}["missing"]

asyncio.run(main())
