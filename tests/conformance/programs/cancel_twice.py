# cancel(msg) twice before the task runs again. The first cancel() cancels the future the task
# waits on, with its message; the second finds that future done and only notes its own message
# (_must_cancel, _cancel_message), which Task.__step then ignores: the CancelledError thrown in is
# already the future's. A task not yet started, or one whose wakeup is already scheduled, has no
# future to cancel: there the last message wins.
import asyncio


async def sleeper(label, delay):
    try:
        await asyncio.sleep(delay)
        print(label, "woke")
    except asyncio.CancelledError as e:
        print(label, "cancelled with", e.args)
        raise


async def outer(label):
    await asyncio.create_task(sleeper(label + "/inner", 5))


async def report(label, task):
    try:
        await task
    except asyncio.CancelledError as e:
        print(label, "ended with", e.args, task.cancelled())


async def main():
    waiting = asyncio.create_task(sleeper("waiting", 5))
    await asyncio.sleep(0)
    print(waiting.cancel("first"), waiting.cancel("second"), waiting.cancel())
    await report("waiting", waiting)

    unstarted = asyncio.create_task(sleeper("unstarted", 5))
    print(unstarted.cancel("first"), unstarted.cancel("second"))
    await report("unstarted", unstarted)

    due = asyncio.create_task(sleeper("due", 0.5))
    await asyncio.sleep(0.5)
    print(due.cancel("first"), due.cancel("second"))
    await report("due", due)

    nested = asyncio.create_task(outer("nested"))
    await asyncio.sleep(0.1)
    print(nested.cancel("first"), nested.cancel("second"))
    await report("nested", nested)

    later = asyncio.create_task(sleeper("later", 5))
    await asyncio.sleep(0)
    later.cancel("first")
    await asyncio.sleep(0)
    print(later.cancel("too late"), later.cancelled())


asyncio.run(main())
