# Delays of NaN and infinity, as CPython 3.11's loop treats them: a NaN deadline compares false with
# every time, so the timer is due at once (sleep returns, wait_for and timeout() time out); a timer
# at infinity never fires, and what waits on something else meanwhile ends normally. Ints past a
# float's range: below zero a sleep of 0, above it OverflowError.
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
    # `if delay <= 0` compares the int itself: no float is made of it, so no OverflowError
    print("sleep(-10**400) returned", await asyncio.sleep(-10**400, "at once"), "at", loop.time())
    try:
        await asyncio.sleep(10**400)
    except OverflowError as e:
        print("sleep(10**400):", e)


asyncio.run(main())
