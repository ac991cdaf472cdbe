# asyncio.timeout_at(when) is Timeout(when): made without a running loop, when() returns the value as
# given (an int stays an int), and a deadline that is not a number fails only where it is compared
# with loop.time(): entering the block, or in reschedule(), which first cancels the old deadline.
import asyncio

early = asyncio.timeout_at(5)
print("made at module level:", early.when(), repr(early))


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(0.1)
        cm.reschedule(int(start) + 100)
        print("rescheduled:", cm.when(), repr(cm))
    try:
        async with asyncio.timeout(0.5) as cm:
            try:
                cm.reschedule("later")
            except TypeError as e:
                print("reschedule:", e)
            print("when() is now", repr(cm.when()))
            await asyncio.sleep(1)  # the 0.5 s deadline was cancelled: no TimeoutError
            print("slept past the old deadline at", round(loop.time() - start, 2))
    except TimeoutError:
        print("timed out")
    soon = asyncio.timeout_at("soon")
    print("made:", soon.when())
    try:
        async with soon:
            print("never printed")
    except TypeError as e:
        print("entering:", e)
    try:
        async with asyncio.timeout_at(start + 0.2) as cm:  # long past
            await asyncio.sleep(0)
    except TimeoutError:
        print("expired:", cm.expired(), round(cm.when() - start, 2))


asyncio.run(main())
