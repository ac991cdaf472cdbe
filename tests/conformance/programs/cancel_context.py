# A CancelledError thrown into a coroutine (Task.__step's coro.throw) takes as __context__ the
# exception each coroutine it passes through is handling (gen_send_ex's _PyErr_ChainStackItem), the
# outermost last; one made by a cancelled future's result() takes what the loop's caller handles
# (asyncio.run's shutdown while main's exception propagates). Found by a sweep (session 26).
import asyncio


async def paused_in_except():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            print("in except:", repr(e.__context__))
            raise


async def paused_in_finally():
    try:
        raise KeyError("body")
    finally:
        await asyncio.sleep(1)


async def inner_not_handling():
    await asyncio.sleep(1)


async def outer_handling():
    try:
        raise OSError("outer")
    except OSError:
        try:
            await inner_not_handling()
        except asyncio.CancelledError as e:
            print("outer's:", repr(e.__context__))


async def inner_catches():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("inner sees:", repr(e.__context__))
        raise RuntimeError("replaced")


async def outer_of_inner_catches():
    try:
        raise LookupError("held")
    except LookupError:
        try:
            await inner_catches()
        except RuntimeError as e:
            print("replaced's context:", repr(e.__context__), repr(e.__context__.__context__))


async def both_handling():
    try:
        raise IndexError("outer one")
    except IndexError:
        await paused_in_except()


async def cancel_after(coro, label):
    t = asyncio.create_task(coro)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print(label, repr(e.__context__))
    except Exception as e:
        print(label, "raised", repr(e))


async def main():
    try:
        await asyncio.wait_for(paused_in_except(), 0.1)
    except TimeoutError as e:
        print("timed out:", repr(e.__context__), repr(e.__context__.__context__))
    await cancel_after(paused_in_finally(), "finally:")
    await cancel_after(outer_handling(), "outer_handling:")
    await cancel_after(outer_of_inner_catches(), "inner_catches:")
    await cancel_after(both_handling(), "both:")
    await cancel_after(inner_not_handling(), "none:")


asyncio.run(main())
