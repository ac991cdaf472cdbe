# A generator expression is lazy, as CPython's: it runs its own frame a value at a time, as the
# value is asked for. any() and all() stop at the first answer, a loop over one interleaves with
# its body and may break early, its names are looked up when it runs (not when it is made), only its
# first iterable is evaluated at once, and an exception in it has its "<genexpr>" frame under the
# line that was consuming it. next() takes its values one by one.
import asyncio


def check(x):
    print("checking", x)
    return x > 2


print(any(check(x) for x in [1, 3, 5]))
print(all(check(x) for x in [3, 1, 5]))
for v in (check(y) for y in [1, 4, 6]):
    print("got", v)
    if v:
        break
print(any(n % 7 == 6 for n in range(10**9)))

factor = 1
scaled = (x * factor for x in range(3))
factor = 10
print(list(scaled), list(scaled))


def first_iterable():
    print("first iterable evaluated")
    return [1, 2]


lazy = (x for x in first_iterable() for y in [check(x)])
print("made it")
print(next(lazy), next(lazy), next(lazy, "done"))
try:
    next(lazy)
except StopIteration as e:
    print("StopIteration", repr(e))
items = [3, 8, 12, 5]
print(next((x for x in items if x > 10), None), next((x for x in items if x > 100), "none"))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"), type(it).__name__, type(iter("ab")).__name__)


def totals(rows):
    return sum(int(r) for r in rows)


def pairs(n):
    return [list((i, j) for j in range(i)) for i in range(n)]


print(totals(["1", "2"]), pairs(3), max((len(w) for w in ["a", "bcd"]), default=0))
try:
    next([1])
except TypeError as e:
    print(e)


async def task(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    pending = (task(n) for n in range(3))
    print(await asyncio.gather(*pending), list(pending))
    names = (t.get_name() for t in [asyncio.current_task()])
    print(list(names))
    print(totals(["3", "x"]))


asyncio.run(main())
