# asyncio's functions are Python functions in CPython (all but get_running_loop, which is
# _asyncio's): forgetting the parentheses of `await asyncio.sleep(1)` is "object function can't be
# used in 'await' expression", and their type is `function`. Built-ins have a __name__ too.
import asyncio


async def main():
    for aw in [asyncio.sleep, asyncio.get_running_loop, asyncio.Semaphore(1).acquire, asyncio.current_task().done,
               asyncio.Lock, asyncio.gather, asyncio.wait_for]:
        try:
            await aw
        except TypeError as e:
            print(e)
    print([type(f).__name__ for f in [asyncio.sleep, asyncio.gather, asyncio.create_task, asyncio.timeout,
                                      asyncio.run, asyncio.current_task, asyncio.get_running_loop, asyncio.wait_for,
                                      print, len]])
    print(asyncio.sleep.__name__, print.__name__, asyncio.get_running_loop.__name__, sorted.__name__)
    for bad in ["asyncio.sleep[0]", "asyncio.sleep.delay"]:
        try:
            if bad == "asyncio.sleep[0]":
                asyncio.sleep[0]
            else:
                asyncio.sleep.delay
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep


asyncio.run(main())
