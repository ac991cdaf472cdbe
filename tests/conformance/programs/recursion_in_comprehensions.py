# CPython 3.11 runs each list, dict and nested comprehension in a frame of its own: a recursion begun
# inside one reaches RecursionError a call earlier (the playground's comprehensions are inlined, their
# frames counted near the limit). Generator expressions run in frames of their own here too.
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
print(depth(0), [depth(0) for _ in "x"], {k: depth(0) for k in "x"}, [[depth(0) for _ in "y"] for _ in "x"], list(depth(0) for _ in "x"))
def f(n):
    return [f(n - 1) for _ in "x"] if n else 0
try:
    f(2000)
except RecursionError as e:
    print("RecursionError", e)
def g(n):
    return [[g(n - 1) for _ in "x"] for _ in "y"] if n else 0
for n in (300, 330, 331, 332, 333, 334, 340):
    try:
        g(n)
        print(n, "ok")
    except RecursionError:
        print(n, "RecursionError")
def h(n):
    return [h(n - 1) for _ in "x"] if n else 0
for n in (490, 495, 496, 497, 498, 499, 500):
    try:
        h(n)
        print(n, "ok")
    except RecursionError:
        print(n, "RecursionError")
