# asyncio.run cancels the tasks main() left while main's exception propagates (Runner.__exit__):
# each task's CancelledError, made by its cancelled future's result(), has it as __context__, and
# so has an exception a task raises while it handles nothing (found by a sweep, session 26).
import asyncio


async def leftover():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("leftover:", repr(e.__context__))
        raise


async def main():
    asyncio.create_task(leftover())
    await asyncio.sleep(0)
    raise KeyError("main")


asyncio.run(main())
