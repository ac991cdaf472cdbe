# A task that awaits itself: CPython hands it RuntimeError on the loop's next iteration (the other
# task runs in between), and a cancel made meanwhile wins.
import asyncio


async def other():
    print("other runs before the error arrives")


async def worker():
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as e:
        print("caught:", str(e).split(":")[0])


async def victim():
    try:
        await asyncio.current_task()
    except asyncio.CancelledError:
        print("cancelled instead")
        raise


async def main():
    t = asyncio.create_task(worker(), name="w")
    asyncio.create_task(other())
    await t
    v = asyncio.create_task(victim())
    await asyncio.sleep(0)
    v.cancel()
    try:
        await v
    except asyncio.CancelledError:
        print("victim cancelled:", v.cancelled())
    await asyncio.current_task()


asyncio.run(main())
