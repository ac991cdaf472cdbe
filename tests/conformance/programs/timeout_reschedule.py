import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            print("when", cm.when(), "expired", cm.expired())
            cm.reschedule(loop.time() + 2)
            await asyncio.sleep(1.5)
            print("still running at", loop.time(), cm.when())
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out at", loop.time(), "expired", cm.expired())
    async with asyncio.timeout(None) as cm:
        print("no deadline", cm.when())
        cm.reschedule(loop.time() + 0.5)
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("cancelled inside at", loop.time())
            raise
    print("not reached")


async def outer():
    loop = asyncio.get_running_loop()
    try:
        await main()
    except TimeoutError:
        print("outer caught TimeoutError at", loop.time())
    async with asyncio.timeout(5) as cm:
        cm.reschedule(None)
        await asyncio.sleep(6)
        print("no longer a deadline", cm.when(), cm.expired())
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async with asyncio.timeout_at(loop.time() + 0.25) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout_at expired at", loop.time(), cm.when())
    async with asyncio.timeout(1) as cm:
        cm.reschedule(loop.time() - 1)
        print("past deadline, not yet cancelled", cm.expired())
        try:
            await asyncio.sleep(0)
            print("not reached either")
        except asyncio.CancelledError:
            print("cancelled at once", cm.expired())
            raise


try:
    asyncio.run(outer())
except TimeoutError:
    print("TimeoutError from the last block")


async def not_entered():
    cm = asyncio.timeout(1)
    print(cm.when(), cm.expired())
    try:
        cm.reschedule(2)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async with asyncio.timeout(0.5) as cm:
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                try:
                    cm.reschedule(5)
                except RuntimeError as e:
                    print("RuntimeError:", e)
                raise
    except TimeoutError:
        print("expired", cm.expired())
    try:
        cm.reschedule(3)
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(not_entered())
