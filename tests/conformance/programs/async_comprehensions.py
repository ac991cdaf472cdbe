# An await in a list or dict comprehension of an async function (CPython 3.11's async comprehension):
# the awaits run one after another where the comprehension stands, in its conditions and later
# iterables too; an exception raised in one has the comprehension's frame in its traceback.
import asyncio

async def fetch(n):
    await asyncio.sleep(n / 10)
    print("fetched", n, "at", round(asyncio.get_running_loop().time(), 2))
    return n * n

async def is_even(n):
    await asyncio.sleep(0.05)
    return n % 2 == 0

async def get_list():
    await asyncio.sleep(0.1)
    return [3, 1, 2]

async def main():
    sequential = [await fetch(n) for n in range(4)]
    print(sequential)
    evens = [n for n in range(6) if await is_even(n)]
    print(evens)
    table = {n: await fetch(n) for n in await get_list()}
    print(table)
    nested = [[await fetch(a + b) for b in range(2)] for a in range(2)]
    print(nested, asyncio.get_running_loop().time())
    concurrent = await asyncio.gather(*[fetch(n) for n in range(3)])
    print(concurrent)


async def check(n):
    await asyncio.sleep(0.1)
    if n == 2:
        raise ValueError(f"bad item {n}")
    return n


async def errors():
    try:
        print([await check(n) for n in range(4)])
    except ValueError as e:
        print("caught", e, "at", asyncio.get_running_loop().time())
    print({n: await check(n) for n in range(5)})


async def both():
    await main()
    await errors()


asyncio.run(both())
