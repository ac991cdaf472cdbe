# The recursion limit counts every frame under the new one, asyncio's too: a task's coroutines run
# under 9 of CPython's (the module's, asyncio.run's and the loop's), so a recursion inside a task
# reaches RecursionError 9 calls sooner than one in the module; a coroutine that could not start
# for it has started all the same (no "never awaited" warning at exit).
import asyncio

depth = 0

def count():
    global depth
    depth += 1
    count()

try:
    count()
except RecursionError as e:
    print("module:", depth, e)

async def descend(n):
    return await descend(n + 1)

async def main():
    global depth
    depth = 0
    try:
        count()
    except RecursionError:
        print("main task:", depth)
    try:
        await descend(0)
    except RecursionError as e:
        print("coroutines:", e)
    await asyncio.create_task(descend(0))

asyncio.run(main())
