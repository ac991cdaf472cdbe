# Methods of list, tuple, dict and str called with too few or too many arguments, or with keywords:
# CPython's words differ by how each method takes them (METH_O, Argument Clinic, PyArg_ParseTuple).
# Also the start and end arguments of index, find, count, startswith and the count of replace.


def attempt(method, args=()):
    try:
        print(repr(method(*args)))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


def every_count(method, values):
    for n in range(len(values) + 1):
        attempt(method, values[:n])


for receiver in ([3, 1, 2], (3, 1, 2)):
    for method in (receiver.index, receiver.count):
        every_count(method, [1, 0, 3, 4])
items = [3, 1, 2]
for method in (items.append, items.extend, items.pop, items.insert, items.remove, items.sort, items.reverse,
               items.copy, items.clear):
    every_count(method, [1, 1, 1])
d = {"a": 1}
for method in (d.get, d.keys, d.values, d.items, d.pop, d.setdefault, d.popitem, d.update, d.copy, d.clear):
    every_count(method, ["a", "a", "a"])
s = "a,b c"
for method in (s.join, s.split, s.rsplit, s.strip, s.lstrip, s.rstrip, s.upper, s.lower, s.title, s.zfill,
               s.replace, s.ljust, s.rjust, s.center, s.isdigit, s.isupper, s.capitalize, s.swapcase):
    every_count(method, ["a", "b", 1, "c"])
for method in (s.find, s.rfind, s.index, s.rindex, s.count, s.startswith, s.endswith):
    every_count(method, ["a", 0, 5, 6])

word = "héllo wörld ö"
for sub in ("l", "ö", "", "zz"):
    for bounds in ((), (1,), (-3,), (2, 9), (None, -1), (20,), (5, 2), (-100, 100), (2**70,)):
        for method in (word.find, word.rfind, word.count, word.startswith, word.endswith):
            attempt(method, (sub,) + bounds)
for bounds in ((), (1,), (-2,), (2, 4), (10,), (3, 1), (2**70,), (None,), (1.5,)):
    attempt([1, 2, 3, 2, 1].index, (2,) + bounds)
    attempt((1, 2, 3, 2, 1).index, (1,) + bounds)
for count in (0, 1, -1, 100, "x", True):
    attempt("banana".replace, ("a", "o", count))

print("keywords:")
attempt(dict, ([("k", 1), "ab", [1]],))
attempt(dict, ([("k", 1), 5],))
attempt("abc".lstrip, (1,))
attempt("abc".ljust, (5, 1))
attempt("abc".replace, (1, "b"))
try:
    [].append(x=1)
except TypeError as e:
    print(e)
try:
    {}.get(key=1)
except TypeError as e:
    print(e)
try:
    "a".find(sub="a")
except TypeError as e:
    print(e)
print(sorted([3, 1, 2], reverse=True), "a b c".split(maxsplit=1))
