# `return` from a for loop inside `async with`: the with statement's exit runs (the permit is given
# back, the timeout is left) before the function returns, as when the return is directly in the block.
import asyncio

lock = asyncio.Lock()
sem = asyncio.Semaphore(1)

async def find(items, target):
    async with sem:
        for i, x in enumerate(items):
            await asyncio.sleep(0.1)
            if x == target:
                return i
    return -1

async def first_even(numbers):
    async with lock:
        for n in numbers:
            for m in range(n):
                if m == 2:
                    return n
    return None

async def quick():
    async with asyncio.timeout(1):
        for i in range(3):
            return i

async def in_handler():
    try:
        raise KeyError("k")
    except KeyError:
        async with lock:
            for i in range(2):
                return i

async def main():
    print(await asyncio.gather(find([1, 2, 3], 2), find("abc", "z"), find("abc", "c")))
    print("sem locked:", sem.locked())
    print(await first_even([1, 3, 4]), "lock locked:", lock.locked())
    print(await quick())
    await asyncio.sleep(2)
    print("no timeout fired at", asyncio.get_running_loop().time())
    print(await in_handler(), lock.locked())

asyncio.run(main())
