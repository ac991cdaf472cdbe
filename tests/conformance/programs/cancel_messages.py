import asyncio


async def work(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"work {n} got", repr(e), e.args)
        raise


async def quits():
    await asyncio.sleep(0.1)
    raise asyncio.CancelledError("I quit")


async def parent(child):
    return await child


async def main():
    t = asyncio.create_task(work(1))
    await asyncio.sleep(0)
    print(t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("await 1:", repr(e))
    try:
        await t
    except asyncio.CancelledError as e:
        print("await 2:", repr(e))

    early = asyncio.create_task(work(2))
    early.cancel("before it ran")
    try:
        early.result()
    except asyncio.InvalidStateError as e:
        print("not yet:", e)
    await asyncio.sleep(0)
    try:
        early.result()
    except asyncio.CancelledError as e:
        print("result():", repr(e))
    try:
        early.exception()
    except asyncio.CancelledError as e:
        print("exception():", repr(e))

    q = asyncio.create_task(quits())
    try:
        await q
    except asyncio.CancelledError as e:
        print("quits:", repr(e), q.cancelled())

    c = asyncio.create_task(work(3))
    p = asyncio.create_task(parent(c))
    await asyncio.sleep(0)
    p.cancel("from the top")
    try:
        await p
    except asyncio.CancelledError as e:
        print("parent:", repr(e), c.cancelled())

    plain = asyncio.create_task(work(4))
    await asyncio.sleep(0)
    plain.cancel()
    try:
        await plain
    except asyncio.CancelledError as e:
        print("plain:", repr(e), e.args)

    g1 = asyncio.create_task(work(5))
    g2 = asyncio.create_task(work(6))
    await asyncio.sleep(0)
    g1.cancel("gather child")
    try:
        await asyncio.gather(g1, g2)
    except asyncio.CancelledError as e:
        print("gather:", repr(e))
    g2.cancel()
    print(await asyncio.gather(g1, g2, return_exceptions=True))

    try:
        async with asyncio.timeout(1):
            raise asyncio.CancelledError("through a timeout")
    except asyncio.CancelledError as e:
        print("timeout block:", repr(e))

    swallow = asyncio.create_task(work(7))
    await asyncio.sleep(0)
    swallow.cancel("first")
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout after a message: TimeoutError")


asyncio.run(main())
