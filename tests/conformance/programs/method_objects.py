# Methods taken from a type (sorted(words, key=str.lower), str.join(...)): method descriptors, with
# CPython's errors for the wrong object; and the reprs of methods, functions and coroutines named by
# their __qualname__ (addresses cut off: they differ from run to run), and of a Timeout.
import asyncio

words = ["banana", "Apple", "cherry"]
print(sorted(words, key=str.lower), sorted(words, key=len), [str.upper(w) for w in words])
print(str.join("-", words), str.split("a b"), list.count([1, 1], 1), dict.get({"a": 1}, "a"), str.replace("aaa", "a", "b", 2))
print(str.lower, repr(list.append), type(str.lower).__name__)
for bad in range(4):
    try:
        if bad == 0:
            str.join(1)
        if bad == 1:
            str.upper()
        if bad == 2:
            list.append("x", 1)
        if bad == 3:
            dict.keys([])
    except TypeError as e:
        print(e)


async def main():
    def helper():
        pass

    async def work():
        pass

    # (not asyncio's methods: the reference runner wraps them to see the program's events)
    for m in ("ab".upper, [].append, {}.get, helper, str.upper):
        print(repr(m).split(" at 0x")[0], type(m).__name__)
    c = work()
    print(repr(c).split(" at 0x")[0])
    await c
    async with asyncio.timeout(1) as t:
        # (when= is the loop's clock: cut, as a real-clock run of CPython has another)
        print(repr(t.reschedule).split(" when=")[0], str(t).split(" when=")[0])
    print(t)


asyncio.run(main())
