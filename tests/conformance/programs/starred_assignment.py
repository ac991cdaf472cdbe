# A starred target takes a list of what the others leave: in an assignment, a `for` loop and a
# comprehension, nested, from any iterable; too few values is CPython's "expected at least".
import asyncio


async def worker(n):
    await asyncio.sleep(0.1 * n)
    return n, n * n


async def main():
    first, *rest = await asyncio.gather(*(worker(n) for n in range(1, 5)))
    print(first, rest)
    *init, (last, square) = rest
    print(init, last, square)
    for n, *others in [(1, 2, 3), (4,), "xyz"]:
        print(n, others)
    print([tail for _, *tail in ["ab", "c", (1, 2, 3)]])
    head, *middle, end = range(10)
    print(head, middle, end)
    [a, *b] = iter({"k": 1, "j": 2})
    print(a, b)
    for values in ([1], "", None):
        try:
            x, *y, z = values
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)


asyncio.run(main())
