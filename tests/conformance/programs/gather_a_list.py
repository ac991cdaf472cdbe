# The lesson with the star forgotten: gather() is handed one list, which is not hashable (gather
# looks each argument up in a dict first), so the TypeError is about the list, not an awaitable.
# Unhashable dict keys, tuples with a list inside included, fail the same way.
import asyncio

sem = asyncio.Semaphore(3)

d = {}
for k in ([1], {}, (1, [2]), (1, (2, {})), (1, 2)):
    try:
        d[k] = 1
        print("ok", d)
    except TypeError as e:
        print(e)
    try:
        print(k in d)
    except TypeError as e:
        print(e)
    try:
        print(d[k])
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)


async def limited_task(n):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(2)
        print(f"Task {n} finished")


async def main():
    try:
        await asyncio.gather(5)
    except TypeError as e:
        print(e)
    await asyncio.gather([limited_task(i) for i in range(10)])


asyncio.run(main())
