# A gather(return_exceptions=True) that is cancelled raises the CancelledError of its last child
# (gather's _done_callback: `exc = fut._make_cancelled_error()` after `for fut in children`), with
# that child's traceback; the results it would have given name each cancelled child's CancelledError('').
import asyncio


async def wait(ev, label):
    try:
        await ev.wait()
    finally:
        print("cleanup", label)


async def quick():
    return "quick"


async def main():
    ev = asyncio.Event()
    g = asyncio.gather(wait(ev, "a"), wait(ev, "b"), return_exceptions=True)
    await asyncio.sleep(0)
    g.cancel("stop")
    try:
        await g
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e), e.args)
    t = asyncio.create_task(wait(ev, "c"))
    u = asyncio.create_task(quick())
    g2 = asyncio.gather(t, u, return_exceptions=True)
    await asyncio.sleep(0)
    t.cancel("bye")
    print(await g2)
    await asyncio.wait_for(asyncio.gather(wait(ev, "d"), quick(), return_exceptions=True), timeout=0.5)


asyncio.run(main())
