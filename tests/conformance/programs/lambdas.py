# lambda: a function of one expression, with its parameters' defaults evaluated where it is made,
# closures over the enclosing function's variables and over a comprehension's own (one cell for
# the comprehension, as CPython's scope: lambdas made in it all see its last value), and a key=
# for sorted(), min() and max(). Its frame in a traceback is "<lambda>".
import asyncio

results = [("ann", 3.5), ("bob", 1.25), ("cy", 2.0), ("dee", 1.25)]
print(sorted(results, key=lambda r: r[1]))
print(sorted(results, key=lambda r: (-r[1], r[0])))
print(max(results, key=lambda r: r[1]), min(results, key=lambda r: len(r[0])))
double = lambda x: x * 2
add = lambda a, b=10: a + b
print(double(4), add(1), add(1, 2), (lambda: "no args")())
print(type(double).__name__, double.__name__)
fns = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fns])
late = [lambda x: x + i for i in range(3)]
print([f(10) for f in late])

def make_multiplier(n):
    return lambda x: x * n

triple = make_multiplier(3)
print(triple(5), make_multiplier(2)(7))

def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump, lambda: count

b, peek = counter()
b(); b()
print(peek())
compose = lambda f, g: lambda x: f(g(x))
print(compose(double, triple)(1))

late = [lambda x: x + i for i in range(3)]
print([f(10) for f in late])
def f():
    out = []
    for round in range(2):
        out.append([lambda: (round, i) for i in range(2)])
    return [[g() for g in row] for row in out]
print(f())
nested = [[lambda: (a, b) for b in range(2)] for a in range(2)]
print([[g() for g in row] for row in nested])
pairs = [lambda: (a, b) for a in range(2) for b in range(2)]
print([g() for g in pairs])
rows = [[3, 1], [2, 5]]
print([sorted(range(2), key=lambda j: rows[k][j]) for k in range(2)])
print({k: (lambda: k)() for k in "ab"})
total = 0
print([(lambda v: v + total)(v) for v in range(3)])
async def more():
    names = ["b", "a"]
    print([await asyncio.sleep(0, (lambda n: n * 2)(n)) for n in names])
    fs = [lambda: n for n in names]
    print([g() for g in fs])


async def main():
    await more()
    tasks = {"slow": 0.3, "fast": 0.1, "mid": 0.2}
    order = sorted(tasks, key=lambda name: tasks[name])
    async def run(name):
        await asyncio.sleep(tasks[name])
        return name
    print(order, await asyncio.gather(*(run(n) for n in order)))
    pick = lambda: asyncio.current_task().get_name()
    print(pick())
    boom = lambda d: d["missing"]
    boom({})

asyncio.run(main())
