# A TimeoutError that only passes through an `async with asyncio.timeout()` (raised inside it by a
# nested timeout, by wait_for, or by the program) leaves Timeout.__aexit__ unchanged: only the
# timeout that expired raises a new TimeoutError `from` the CancelledError.
import asyncio


def show(where, e):
    print(where, repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)


async def main():
    try:
        async with asyncio.timeout(3):
            await asyncio.wait_for(asyncio.sleep(5), 1)
    except TimeoutError as e:
        show("wait_for inside timeout:", e)
    try:
        async with asyncio.timeout(3):
            raise TimeoutError("mine")
    except TimeoutError as e:
        show("raised inside timeout:", e)
    try:
        async with asyncio.timeout(5):
            async with asyncio.timeout(1):
                await asyncio.sleep(2)
    except TimeoutError as e:
        show("inner of two:", e)
    try:
        async with asyncio.timeout(1):
            async with asyncio.timeout(5):
                await asyncio.sleep(2)
    except TimeoutError as e:
        show("outer of two:", e)
    async with asyncio.timeout(10):
        async with asyncio.timeout(1):
            await asyncio.sleep(2)


asyncio.run(main())
