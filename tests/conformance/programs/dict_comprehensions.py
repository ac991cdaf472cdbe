# Dict comprehensions ({k: v for ...}): the key evaluated before the value, later keys winning, the loop
# variable not leaking out (they were refused as unsupported).
import asyncio
squares = {i: i * i for i in range(5)}
print(squares, {k: v for k, v in squares.items() if v % 2 == 0}, {c: i for i, c in enumerate("abca")})
print({(i, j): i * j for i in range(3) for j in range(i)}, {x: 1 for x in []})
words = ["apple", "bob", "cat", "apple"]
counts = {w: words.count(w) for w in words}
print(counts, {len(w): w for w in words})
try:
    print({[i]: i for i in range(2)})
except TypeError as e:
    print(e)
i = "outer"
print({i: i for i in range(2)}, i)
async def main():
    results = await asyncio.gather(*(asyncio.sleep(n, result=n * 10) for n in range(3)))
    print({n: r for n, r in zip(range(3), results)})
    print(type({k: k for k in "ab"}).__name__)
asyncio.run(main())
def f():
    base = 3
    return {k: k + base for k in range(2)}
print(f())
