import asyncio
from asyncio import sleep, Semaphore as S

x = 10
y = 3.5
print(x / 4, x // 4, x % 4, -x // 4, -x % 4, x ** 2, 2 ** -1, y * 2, 0.1 + 0.2, 1e16, 1e-5, 123456789.123)
print(1/3, 2/3, 10/3, 1e22, 1.5e300 * 1e10, -0.0, 3.0, 100.0, float("inf"), round(2.5), round(3.5), round(2.675, 2))
print("a" + "b", "ab" * 3, [1, 2] + [3], (1,) + (2, 3), (1,), (), [], {}, {"a": 1, 2: [3, 4]})
print(repr("it's"), repr('say "hi"'), repr("both ' \""), repr("tab\there\n"), str(None), True, False, None)
s = "hello world"
print(s.upper(), s.split(), s.split("o"), "-".join(["a", "b", "c"]), s.replace("l", "L"), s[1:4], s[::-1], s[-1], len(s))
print(f"{x:>5}|{x:<5}|{x:^5}|{y:.2f}|{y:8.3f}|{x!r}|{'q'!r}|{1234567:,}|{0.25:.1%}|{x:05d}|{y:+.1f}|{s!s:>15}")
lst = [3, 1, 2]
lst.append(5); lst.extend([0]); lst.sort(); print(lst, sorted(lst, reverse=True), lst.pop(), lst.pop(0), lst, min(lst), max(lst), sum(lst))
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d.get("z"), d.get("a", 0), list(d.items()), list(d.keys()), list(d.values()), len(d), "a" in d, d.pop("b"), d)
for i, v in enumerate(["x", "y"], start=1):
    print(i, v, end="; ")
print()
for a, b in zip([1, 2, 3], "abc"):
    print(a, b, sep="-", end=" ")
print()
print([i * i for i in range(5) if i % 2 == 0], sum(i for i in range(10)), tuple(range(3)), list(range(10, 0, -3)))
print(int("42") + 1, float("2.5"), str(3.0), bool(0), bool([1]), abs(-3), abs(-2.5), isinstance(3, int), isinstance(True, int), isinstance(3.0, (int, str)))
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, "a" < "b", [1, 2] < [1, 3], not None, None is None, 3 if x > 5 else 4, x and y, 0 or "default")
count = 0
while True:
    count += 1
    if count == 3:
        continue
    if count > 5:
        break
else:
    print("never")
print("count", count)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), type(3).__name__, type("s").__name__, type([]).__name__)
def kw(a, b=2, c=3):
    return a + b * c
print(kw(1), kw(1, c=10), kw(*[1, 2, 3]), kw(a=5))
try:
    [1][5]
except IndexError as e:
    print("IndexError:", e, repr(e), e.args)
try:
    {}["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    raise ValueError("bad", 42)
except (TypeError, ValueError) as e:
    print(type(e).__name__, e, e.args)
finally:
    print("finally")
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
def f():
    try:
        return "from try"
    finally:
        print("finally before return")
print(f())
try:
    undefined_name
except NameError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
nums = [1, 2, 3]
nums[0] += 10
print(nums, nums.index(3), nums.count(2), [n for n in nums if n > 2], [(i, j) for i in range(2) for j in range(2)])
print(print("inner"), 7 // 2.0, 7 % -3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** 10, 10 ** 18, divmod if False else "no divmod")
print(max(3, 7, 5), min("b", "a"), sorted("cba"), any([0, 1]), all([]), list(reversed([1, 2, 3])), max([], default=None))
print(f"{'nested'} {x + 1} {[1, 2][0]} {{braces}} {d!r}")
