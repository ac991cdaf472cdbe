# asyncio.sleep is a coroutine function: a delay that is not a number fails its first step
# (`if delay <= 0`), when the coroutine is awaited or run by a task, not when it is called; the
# coroutine has run, so no "never awaited" warning follows the traceback.
import asyncio

async def main():
    nap = asyncio.sleep("soon")
    print("called, not failed yet")
    t = asyncio.create_task(asyncio.sleep(None))
    try:
        await t
    except TypeError as e:
        print("task:", e)
    try:
        await nap
    except TypeError as e:
        print("awaited:", e)
    await asyncio.sleep([0.5])

asyncio.run(main())
