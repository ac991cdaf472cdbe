# In CPython 3.11 a comprehension runs in a frame of its own: a traceback through one has a line
# "in <listcomp>" (<dictcomp>, <genexpr>) under the function's, whose own line is where the
# comprehension starts. Its first iterable is evaluated in the function, so an error there has no
# such line.
import asyncio

data = {"users": [{"name": "ann", "age": 31}, {"nam": "bob"}]}


def names(d):
    return [u["name"].upper()
            for u in d["users"]]


def ages(d):
    return {u["name"]: u["age"] for u in d["users"]}


def grid(rows):
    return [[10 // x for x in row]
            for row in rows]


def first_iterable(d):
    return [u for u in d["groups"]]


def total(items):
    return sum(int(x) for x in items)


for f, arg in [(names, data), (ages, data), (grid, [[1, 2], [5, 0]]), (first_iterable, data), (total, ["1", "b"])]:
    try:
        print(f(arg))
    except (KeyError, ZeroDivisionError, ValueError) as e:
        print(f.__name__, "raised", repr(e))


async def main():
    await asyncio.sleep(0.1)
    print(grid([[1, 2, 3]]))
    print([
        len(u)
        for u in
        grid([[4], [0]])
    ])


asyncio.run(main())
