# CPython 3.11 spends levels of the recursion limit inside C code: print() two (the call, then
# writing), str() of a number and a formatted number one, repr() two, a list in an f-string three,
# a comparison one (two for lists), most built-in calls one, the specialised ones (len, isinstance,
# list.append, dict.get) none. A recursion with no base case stops where python3's does, with its words.
# (print() inside the recursion is tested in tests/python/test_program.cpp: the reference runner's
# stdout is a Python object, whose write() spends a level that a terminal's does not.)
import asyncio

depth = 0
CASES = {
    "str": lambda n: str(n),
    "fstring": lambda n: f"n={n}",
    "spec": lambda n: f"{n:>5}",
    "list_fstring": lambda n: f"{[n]}",
    "repr": lambda n: repr(n),
    "abs": lambda n: abs(n),
    "max": lambda n: max(n, 1),
    "sorted": lambda n: sorted([n, 1]),
    "len": lambda n: len([n]),
    "upper": lambda n: "ab".upper(),
    "split": lambda n: "a b".split(),
    "join": lambda n: ",".join(["a"]),
    "compare_lists": lambda n: [n] == [1],
    "in_list": lambda n: n in [1, 2],
}


def make(step):
    def down(n):
        global depth
        depth = n
        step(n)
        down(n + 1)
    return down


for name, step in CASES.items():
    try:
        make(step)(1)
    except RecursionError as e:
        print(name, depth, e)


def countdown(n):
    if n == 0:
        return
    text = f"{n}"
    countdown(n - 1)


async def task_down(n):
    global depth
    depth = n
    str(n)
    await task_down(n + 1)


try:
    countdown(2000)
except RecursionError as e:
    print("countdown", e)
try:
    asyncio.run(task_down(1))
except RecursionError as e:
    print("in a task", depth, e)
