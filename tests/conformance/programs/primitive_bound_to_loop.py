# A Semaphore, Lock or Event made at module level belongs to the event loop of the first
# asyncio.run() in which a task had to wait on it (mixins._LoopBoundMixin._get_loop): waiting on
# it under a later asyncio.run() raises RuntimeError. Acquiring without waiting checks nothing.
import asyncio

sem = asyncio.Semaphore(1)
lock = asyncio.Lock()
ev = asyncio.Event()


async def use(primitive, n):
    async with primitive:
        await asyncio.sleep(1)
        print("used", n)


async def wait_event():
    await ev.wait()
    print("event set at", asyncio.get_running_loop().time())


def show(e):
    # The message holds the primitive's repr, address and all: print it without the address (and
    # catch it in the task that raised it, so that no task ends with it).
    text = str(e)
    print(type(e).__name__, text[: text.index(" at ")], text[text.index(" [") :])


async def use_or_show(primitive, n):
    try:
        await use(primitive, n)
    except RuntimeError as e:
        show(e)


async def first():
    w = asyncio.create_task(wait_event())  # the Event: bound to this loop
    await asyncio.gather(use(sem, 1), use(sem, 2), use(lock, 3))  # sem bound (2 waited); lock never waited
    ev.set()
    await w


async def second():
    await asyncio.gather(use(lock, 4), use(lock, 5))  # the lock binds now, to this loop
    print(await ev.wait())  # set: no wait, nothing checked
    ev.clear()
    try:
        await ev.wait()
    except RuntimeError as e:
        show(e)
    await asyncio.gather(use(sem, 6), use_or_show(sem, 7))
    print(sem.locked(), sem._value)
    await asyncio.sleep(2)
    print(sem.locked(), sem._value)


async def third():
    async with lock:  # free: no wait, no check
        print("lock free", lock.locked())
    try:
        async with sem:
            print("sem free")
        await lock.acquire()
        print("acquired", lock.locked())
        await asyncio.wait_for(use_or_show(lock, 8), 1)
        await lock.acquire()
    except RuntimeError as e:
        show(e)


asyncio.run(first())
asyncio.run(second())
asyncio.run(third())
