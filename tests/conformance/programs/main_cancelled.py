# The main task ends cancelled: it awaited a task cancelled with a message and let the
# CancelledError through. asyncio.run's run_until_complete raises the CancelledError the main task
# ended with (_asyncio's fut_cancelled_exc), so the traceback has main's frame and the message.
import asyncio

async def main():
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(1)
    t.cancel("bye")
    try:
        await t
    except asyncio.CancelledError as e:
        print("caught", repr(e))
    t2 = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(1)
    t2.cancel("second")
    await t2

asyncio.run(main())
