# Delays of NaN and infinity, as CPython 3.11's loop treats them: a NaN deadline compares false with
# every time, so the timer is due at once (sleep returns, wait_for and timeout() time out); a timer
# at infinity never fires, and what waits on something else meanwhile ends normally.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    nan, inf = float("nan"), float("inf")
    await asyncio.sleep(nan)
    print("sleep(nan) returned at", loop.time())
    await asyncio.sleep(1)
    try:
        await asyncio.wait_for(asyncio.sleep(1), nan)
    except TimeoutError as e:
        print("wait_for(..., nan):", repr(e), "at", loop.time())
    try:
        async with asyncio.timeout(nan):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("timeout(nan):", repr(e), "at", loop.time())
    try:
        async with asyncio.timeout_at(nan):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("timeout_at(nan):", repr(e), "at", loop.time())
    print("wait_for(..., inf):", await asyncio.wait_for(asyncio.sleep(1, "done"), inf), "at", loop.time())
    async with asyncio.timeout(inf) as cm:
        await asyncio.sleep(1)
    print("timeout(inf) passed at", loop.time(), "expired:", cm.expired())
    await asyncio.sleep(-inf)
    print("sleep(-inf) returned at", loop.time())


asyncio.run(main())
