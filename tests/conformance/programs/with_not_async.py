# 'with' instead of 'async with' (a classic slip): CPython's TypeError when the statement runs, as
# nothing in the playground is a synchronous context manager.
import asyncio
lock = asyncio.Lock()
try:
    with lock as l:
        x = 1
except TypeError as e:
    print(e)
def f():
    with 5:
        y = 2
    return y
try:
    f()
except TypeError as e:
    print(e)
async def main():
    try:
        with asyncio.timeout(1):
            pass
    except TypeError as e:
        print(e)
    with asyncio.Semaphore(2):
        print("never")
asyncio.run(main())
