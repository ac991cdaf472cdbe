# A target with a trailing comma is a one-item tuple: `for n, in rows` takes each row apart as
# `n, = row` does (it printed each row whole), and a row of another length is a ValueError.
import asyncio


async def worker(n):
    await asyncio.sleep(0.1 * n)
    return (n * 10,)


async def main():
    rows = await asyncio.gather(*(worker(n) for n in range(3)))
    for value, in rows:
        print("value", value)
    print([v for v, in rows], {v: i for i, (v,) in enumerate(rows)})
    print(sum(v for v, in rows))
    for *rest, in [(1, 2), ()]:
        print("rest", rest)
    for row in [[1], [], [2, 3]]:
        try:
            for only, in [row]:
                print("only", only)
        except ValueError as e:
            print(type(e).__name__, e)


asyncio.run(main())
