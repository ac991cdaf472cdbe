# A method read without its call: `loop.time` (a learner forgot the parentheses) is a bound method of
# a Python class, as Semaphore's are, where a list's or a task's are built-in methods. Two reads of
# one method of one object compare equal and hash alike.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(1)
    items = [1]
    start = loop.time
    try:
        print(loop.time() - start)
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(f"{loop.time:.2f}")
    except TypeError as e:
        print("TypeError:", e)
    print(type(loop.time).__name__, type(sem.release).__name__, type(items.append).__name__)
    print(sem.release == sem.release, items.append == items.append, loop.time == loop.time)
    print(sem.release == sem.acquire, items.append == [1].append, sem.release != sem.release)
    print({sem.release: "release"}[sem.release], {items.append: 1}[items.append])
    other = asyncio.Semaphore(1)
    print(sem.release == other.release, sem.release == sem.release)


asyncio.run(main())
