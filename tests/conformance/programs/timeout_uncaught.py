# asyncio.timeout() expiring, not caught: TimeoutError raised from the CancelledError (its cause),
# as Timeout.__aexit__ does, and the traceback shows both.
import asyncio


async def main():
    print("waiting")
    async with asyncio.timeout(1):
        await asyncio.sleep(5)


asyncio.run(main())
