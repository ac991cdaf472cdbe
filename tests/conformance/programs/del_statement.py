# `del`: a name (local, global, a loop's), an item of a list or a dict, a slice, several targets,
# and the errors CPython raises for each (the name unbound, the index out of range, the key
# missing, a tuple that cannot delete). Deleting the last reference to a task that failed logs it
# at once, before the next print, as CPython's refcounting does.
import asyncio

counts = {"a": 1, "b": 2, "c": 3}
del counts["b"]
counts["b"] = 4
print(counts, list(counts))

items = list(range(10))
del items[0], items[-1]
del items[::3]
print(items)
del items[1:3]
print(items)
del items[10:20]
print(items)

total = 5
del total
try:
    print(total)
except NameError as e:
    print("NameError:", e)

for bad in ([1, 2], (1, 2), "ab", {}):
    try:
        del bad[5]
    except (IndexError, TypeError, KeyError) as e:
        print(type(e).__name__, e)
try:
    del counts[["unhashable"]]
except TypeError as e:
    print("TypeError:", e)


async def boom():
    raise ValueError("nobody awaits me")


async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(0.1)
    print("before del")
    del t
    print("after del")
    x, y = 1, 2
    del x, y
    try:
        del x
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    for i in range(3):
        pass
    del i
    print("done")


asyncio.run(main())
del asyncio
try:
    del asyncio
except NameError as e:
    print("NameError:", e)
