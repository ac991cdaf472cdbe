# hasattr and getattr on the playground's objects: True for what CPython's objects have (even the
# attributes the playground lacks), False for the rest, and CPython's errors.
import asyncio


def handler():
    pass


async def main():
    sem = asyncio.Semaphore(2)
    task = asyncio.current_task()
    checks = [
        (sem, "acquire"), (sem, "locked"), (sem, "_value"), (sem, "size"), (asyncio.Lock(), "release"),
        (asyncio.Event(), "is_set"), (task, "get_name"), (task, "get_stack"), (task, "nope"),
        ([], "append"), ([], "__len__"), ([], "push"), ({}, "get"), ({}, "has_key"), ("s", "partition"),
        ("s", "casefold"), (1, "real"), (1, "bit_length"), (1, "length"), (1.5, "is_integer"), (None, "x"),
        (True, "numerator"), (handler, "__name__"), (handler, "__qualname__"), (handler, "name"), (print, "__name__"),
        (ValueError("v"), "args"), (ValueError("v"), "errno"), (TimeoutError(), "errno"), (OSError(), "characters_written"),
        (KeyError, "args"), (int, "__name__"), (int, "mro"), (int, "from_bytes"), (str, "maketrans"), (str, "nope"),
        (asyncio, "sleep"), (asyncio, "Queue"), (asyncio, "__name__"), (asyncio, "nope"), (range(3), "start"),
        (iter([]), "__next__"), (zip(), "__iter__"), (asyncio.TimeoutError(), "strerror"),
    ]
    for obj, name in checks:
        print(f"{type(obj).__name__:>16}.{name:<20} {hasattr(obj, name)}")
    print(getattr(task, "get_name")(), getattr(sem, "locked")(), getattr(sem, "size", "no size"))
    print(getattr([], "nope", None), getattr(ValueError("v", 2), "args"), getattr(len, "__name__", 0))
    print(getattr(asyncio, "gather") is asyncio.gather, getattr(asyncio, "nope", "missing"))
    for call in [
        lambda: hasattr(1),
        lambda: hasattr(1, 2),
        lambda: hasattr(1, "x", 2),
        lambda: hasattr(obj=1, name="x"),
        lambda: getattr(1),
        lambda: getattr(1, None),
        lambda: getattr(1, "x", 2, 3),
        lambda: getattr(1, "real", default=2),
        lambda: getattr(1, "x"),
        lambda: getattr(int, "x"),
        lambda: getattr(asyncio, "nope"),
        lambda: getattr(sem, "size"),
    ]:
        try:
            print(call())
        except Exception as e:
            print(type(e).__name__, e)


asyncio.run(main())
