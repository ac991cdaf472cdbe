# A generator expression is a generator (lazy: programs/generator_laziness.py): printing one shows
# "<generator object <genexpr> at ...>", not a list, and it is used up after one pass. The other
# iterators are named as CPython names them.
import asyncio

y = [1, 2]
g = (x * 2 for x in y)
print(type(g), str(g).split(" at ")[0], repr(g).split(" at ")[0], f"{g!r}".split(" at ")[0])
print(list(g), list(g))
print(sum(x for x in range(5)), "-".join(str(i) for i in range(3)), max(i % 3 for i in range(7)))
for v in ([1], (1,), "ab", "é", range(2), {1: 2}, enumerate([1]), zip([1], [2]), reversed([1]), reversed((1,)),
          reversed("ab"), reversed(range(3)), reversed({1: 2}), (i for i in [1])):
    print(type(v).__name__, repr(v).split(" at ")[0][:30])
for v in ([1], (1,), "ab", "é", range(2), {1: 2}):
    for w in enumerate(v), zip(v):
        print(type(w).__name__, str(w).split(" at ")[0])
for wrong in (reversed, len):
    try:
        wrong(x for x in y)
    except TypeError as e:
        print(e)


async def task(n):
    await asyncio.sleep(n)
    return n


async def main():
    pending = (task(n) for n in range(3))
    print(str(pending).split(" at ")[0])
    print(await asyncio.gather(*pending))
    print(await asyncio.gather(*pending))


asyncio.run(main())
