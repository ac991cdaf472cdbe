# sum(), min() and max() take their items one at a time, as CPython's: a generator makes the next
# item only after the last was added or weighed (its key called, compared), and a TypeError stops
# it at the item that caused it. Unpacking an iterator takes the values it needs and one more.
def f(x):
    print("make", x)
    return x
def k(x):
    print("key", x)
    return -x
try:
    print(sum(f(x) for x in [1, "a", 3]))
except TypeError as e:
    print("TypeError:", e)
print(max((f(x) for x in [2, 7, 4]), key=k))
try:
    min(f(x) for x in [1, "b", 2])
except TypeError as e:
    print("TypeError:", e)
print(min([3, 1, 2]), max(3, 9, 2), min("cab"), max([[1], [0, 5]]), min([], default=0), max(x for x in []) if False else "")
try:
    max([])
except ValueError as e:
    print(e)
print(sum([0.1] * 10), sum(range(5), 10), sum([[1], [2]], []), max([1, 1.0]), min([1.0, 1]), max([True, 1]))
try:
    a, b = (f(x) for x in range(5))
except ValueError as e:
    print(e)
try:
    a, b, c = (f(x) for x in range(2))
except ValueError as e:
    print(e)
a, b = (f(x) for x in range(2))
print(a, b)
x, y = map(f, "xy")
print(x, y)
