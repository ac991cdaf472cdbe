# *args, keyword-only parameters and **kwargs: a lesson's helper that starts any number of workers,
# a logger taking whatever it is given, and every TypeError CPython gives a wrong call.
import asyncio


def log(*parts, sep=" ", **fields):
    extra = " ".join(f"{k}={v!r}" for k, v in fields.items())
    print(sep.join(str(p) for p in parts), extra, type(parts).__name__, type(fields).__name__)


async def worker(name, sem, *, delay=0.1, retries):
    async with sem:
        log("start", name, retries=retries)
        await asyncio.sleep(delay)
        log("done", name, sep="|")
        return name


async def run_all(*names, limit=2, **options):
    sem = asyncio.Semaphore(limit)
    return await asyncio.gather(*(worker(n, sem, **options) for n in names))


def attempt(function, args=(), kwargs={}):
    try:
        print(repr(function(*args, **kwargs)))
    except TypeError as e:
        print("TypeError:", e)


def f(a, b=2, *args, c, d=4, **kwargs):
    return a, b, args, c, d, kwargs


def g(*args):
    return args


def h(a, *, b):
    return a, b


def k(**kwargs):
    return kwargs


def m(a, b=1, *, c=3):
    return a, b, c


def n(*, only):
    return only


async def main():
    print(await run_all("a", "b", "c", retries=3, delay=0.25))
    print(await run_all(limit=1, retries=0))
    for args, kwargs in [((1,), {"c": 3}), ((1, 2, 3, 4), {"c": 5, "e": 6}), ((), {"a": 1, "c": 2, "z": 0}),
                         ((1,), {}), ((), {"c": 1}), ((1, 2), {"b": 3, "c": 1}), ((1,), {"c": 1, "a": 2})]:
        attempt(f, args, kwargs)
    for args, kwargs in [((), {}), ((1, [2], "3"), {}), ((1,), {"x": 1})]:
        attempt(g, args, kwargs)
    for args, kwargs in [((1,), {"b": 2}), ((1, 2), {}), ((1,), {}), ((), {}), ((1, 2), {"b": 3}), ((1,), {"b": 2, "c": 3}),
                         ((), {"b": 1})]:
        attempt(h, args, kwargs)
    for args, kwargs in [((), {}), ((), {"x": 1, "y": [2]}), ((1,), {}), ((1, 2), {"a": 1})]:
        attempt(k, args, kwargs)
    for args, kwargs in [((1, 2, 3), {}), ((1, 2, 3), {"c": 4}), ((1, 2, 3, 4), {"c": 4}), ((1,), {"x": 1}),
                         ((1, 2, 3), {"x": 1}), ((1, 2, 3), {"a": 1})]:
        attempt(m, args, kwargs)
    for args, kwargs in [((), {}), ((1,), {}), ((1,), {"only": 2}), ((1, 2), {"only": 2}), ((), {"only": 1, "x": 2})]:
        attempt(n, args, kwargs)
    attempt(lambda *a, **kw: (a, kw), (1, 2), {"x": 3})
    attempt(lambda x, *, y=2: x + y, (1,), {"y": 10})
    attempt(lambda *, y: y, (1,))
    counter = 0

    def tally(*amounts, scale=1):
        nonlocal counter
        counter += sum(amounts) * scale
        return lambda: (amounts, counter)

    print(tally(1, 2, 3)(), tally(scale=10)(), tally(4, scale=2)())
    try:
        await worker("x", asyncio.Semaphore(1))
    except TypeError as e:
        print("TypeError:", e)
    await worker("y", asyncio.Semaphore(1), 2)


asyncio.run(main())
