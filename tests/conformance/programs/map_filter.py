# map() and filter() are lazy iterators, as CPython's: the function runs as each item is asked for
# (a loop that breaks early stops it), map stops at its shortest iterable, filter(None, ...) keeps
# what is true, and the function may be a built-in, a type, a lambda or a def.
import asyncio
nums = [3, 1, 2]
print(list(map(str, nums)), "-".join(map(str, range(4))), list(map(lambda x: x * 2, nums)), list(map(pow if False else max, [1, 5], [4, 2])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x > 1, nums)), sorted(filter(lambda s: s.strip(), [" ", "b", "a"])))
m = map(int, ["1", "2", "x"])
print(type(m).__name__)
try:
    print(list(m))
except ValueError as e:
    print("ValueError:", e)
def loud(x):
    print("mapping", x)
    return x * 10
lazy = map(loud, [1, 2, 3])
print("made the map")
for v in lazy:
    print("got", v)
    if v == 20:
        break
print("rest:", list(lazy))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(zip(map(str, "ab"), filter(None, [0, 5, 6]))))
for bad in range(4):
    try:
        if bad == 0: map(str)
        elif bad == 1: filter(None)
        elif bad == 2: map(str, [1], x=1)
        else: list(map(5, [1]))
    except TypeError as e:
        print(e)
print(sum(map(len, ["ab", "c"])), max(map(abs, [-5, 3])), dict(map(lambda k: (k, len(k)), ["aa", "b"])), any(map(bool, [0, 0, 1])))
async def main():
    async def double(x):
        return x * 2
    coros = list(map(double, [1, 2]))
    print(await asyncio.gather(*coros))
    print(list(filter(lambda t: t.done(), [asyncio.current_task()])))
asyncio.run(main())
