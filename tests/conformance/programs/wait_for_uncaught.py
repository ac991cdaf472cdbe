# wait_for() timing out, not caught: TimeoutError from the task's CancelledError. The traceback's
# second part goes through main (wait_for's own frames are asyncio's, not shown).
import asyncio


async def slow():
    await asyncio.sleep(5)


async def main():
    print("waiting")
    await asyncio.wait_for(slow(), timeout=1)


asyncio.run(main())
