# A task that cancels itself has no future to cancel yet (_must_cancel): the step that ends at its
# next await cancels that future with the message. A later cancel() finds the future cancelled
# already, so the CancelledError thrown in is still the future's, with the first message (or none).
# Awaiting a task, the later cancel() reaches that task first: its message is the one that comes back.
import asyncio


async def other():
    await asyncio.sleep(3)


async def worker(message, kind):
    asyncio.current_task().cancel(message)
    try:
        if kind == "sleep":
            await asyncio.sleep(5)
        elif kind == "wait_for":
            await asyncio.wait_for(asyncio.sleep(5), 10)
        elif kind == "event":
            await asyncio.Event().wait()
        else:
            await asyncio.create_task(other())
    except asyncio.CancelledError as e:
        print("inside", kind, e.args)
        raise


async def main():
    for message in ["self", None]:
        for kind in ["sleep", "wait_for", "event", "task"]:
            t = asyncio.create_task(worker(message, kind))
            await asyncio.sleep(0)
            t.cancel("main")
            try:
                await t
            except asyncio.CancelledError as e:
                print("outer", e.args)


asyncio.run(main())
