import asyncio

# What is not iterable after * or not a mapping after ** in a call: CPython names the function
# (_PyObject_FunctionStr: __main__.f() for the program's own) when the value goes to the call as it
# is (a lone *args), and says "Value after *" when it is unpacked into a list first (f(1, *x), [*x]).


def show(a=0, b=0):
    return a


def outer():
    def inner(x=0):
        return x

    return inner


calls = [lambda: show(*5), lambda: show(1, *5), lambda: show(*[1], *5), lambda: [*5], lambda: (*5,),
         lambda: print(*5), lambda: print("a", *None), lambda: show(**5), lambda: show(a=1, **5),
         lambda: outer()(*5), lambda: "{}".format(*5), lambda: "{a}".format(**5), lambda: max(*5),
         lambda: show(**{"a": 1}, a=2), lambda: show(a=1, **{"a": 2}), lambda: print(**{"sep": 1}, sep=2),
         lambda: dict(a=1, **None), lambda: (lambda: 0)(*1)]
for call in calls:
    try:
        print(repr(call()))
    except TypeError as e:
        print("TypeError:", e)


async def worker(name, delay=0.5):
    await asyncio.sleep(delay)
    return name


async def main():
    settings = None
    try:
        await worker("w", **settings)
    except TypeError as e:
        print("TypeError:", e)
    print(await worker(*["x"]))


asyncio.run(main())
