import asyncio


async def worker():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("worker swallowed a cancel at", loop.time(), asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print("worker timed out at", loop.time())
    except asyncio.CancelledError:
        print("worker sees CancelledError at", loop.time())
        raise
    return "done"


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        print(await t)
    except asyncio.CancelledError:
        print("worker ended cancelled")


asyncio.run(main())
