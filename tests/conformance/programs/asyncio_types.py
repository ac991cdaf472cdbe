import asyncio

# type() of asyncio's objects: CPython's class names and modules, one class object each.
# (Task's and the loop's types are left out: the reference runs subclasses of them that report events.)


async def main():
    b = asyncio.BoundedSemaphore(1)
    s = asyncio.Semaphore(1)
    print(type(b), type(b).__name__, type(s).__name__, type(asyncio.Lock()), type(asyncio.Event()).__name__)
    print(type(asyncio.timeout(1)), type(asyncio.Lock()).__name__)
    print(isinstance(b, type(s)), isinstance(s, type(b)), type(s) == type(asyncio.Semaphore(2)), type(s) is type(b))
    # The classes asyncio has are those objects' classes: type(s) == asyncio.Semaphore.
    print(type(s) == asyncio.Semaphore, type(b) is asyncio.BoundedSemaphore, type(b) == asyncio.Semaphore)
    print(type(asyncio.Lock()) is asyncio.Lock, type(asyncio.Event()) == asyncio.Event, asyncio.Semaphore, asyncio.Event)
    print(isinstance(b, asyncio.Semaphore), isinstance(s, asyncio.BoundedSemaphore))


asyncio.run(main())
