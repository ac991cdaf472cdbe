import asyncio

# key= with a built-in (there is no lambda in the playground): sorted, list.sort, min, max.


async def fetch(name):
    await asyncio.sleep(len(name) / 10)
    return name


async def main():
    names = await asyncio.gather(*(fetch(n) for n in ["delta", "ab", "c", "bcd", "xy"]))
    print(sorted(names, key=len), sorted(names, key=len, reverse=True), sorted(names))
    names.sort(key=len)
    print(names, max(names, key=len), min(names, key=len), max(3, -5, key=abs), max([], key=len, default=None))
    print(sorted([-3, 1, -2, 2], key=abs), sorted([3, "10", 2], key=str), sorted([3, 1, 2], key=None))


asyncio.run(main())
