# A task cancelled before its first step: Task.__step throws CancelledError into a coroutine that
# never ran, which raises it at its `async def` line. That line is the innermost of the traceback
# (here and in the CancelledError that wait_for(..., 0)'s TimeoutError comes from).
import asyncio


async def worker(n):
    await asyncio.sleep(n)


async def main():
    try:
        await asyncio.wait_for(worker(1), 0)
    except TimeoutError as e:
        print("wait_for(..., 0):", repr(e), repr(e.__cause__))
    t = asyncio.create_task(worker(2))
    t.cancel()
    await t


asyncio.run(main())
