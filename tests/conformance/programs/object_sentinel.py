# object() as a sentinel (`DONE = object()`): identity, equality, truth, isinstance, a dict key, and
# its errors; and the running loop's repr, running inside asyncio.run() and closed after it.
import asyncio
DONE = object()
other = object()


async def worker(items):
    for item in items:
        if item is DONE:
            return "stopped"
        await asyncio.sleep(0)
    return "ran out"


async def main():
    print(DONE is DONE, DONE is other, DONE == DONE, DONE != other, bool(DONE), type(DONE).__name__)
    print(isinstance(DONE, object), isinstance(3, object), type(DONE) is object)
    print(await asyncio.gather(worker([1, DONE, 2]), worker([1, 2])))
    d = {DONE: "sentinel"}
    print(d[DONE], DONE in [1, DONE], [other].count(DONE))
    for bad in ((1,), ()):
        try:
            object(*bad, **({} if bad else {"x": 1}))
        except TypeError as e:
            print(e)
    try:
        print(DONE.x)
    except AttributeError as e:
        print(e)
    try:
        print(DONE < other)
    except TypeError as e:
        print(e)
    print(str(DONE)[:15], repr(other)[:15])


asyncio.run(main())


async def loop_of():
    loop = asyncio.get_running_loop()
    print(repr(loop).split(" ", 1)[1])  # the class name is the reference runner's own loop's
    return loop


finished = asyncio.run(loop_of())
print(str(finished).split(" ", 1)[1])
