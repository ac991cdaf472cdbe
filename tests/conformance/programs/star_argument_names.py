# `*x` of something not iterable names the function as CPython's _PyObject_FunctionStr does:
# asyncio's functions and classes with their module, the program's with __main__.
import asyncio

def make_jobs(n):
    jobs = [asyncio.sleep(0.1 * i, i) for i in range(n)]
    # forgot: return jobs

async def main():
    print(await asyncio.gather(*[asyncio.sleep(0.1, "ok")]))
    for mistake in [lambda: asyncio.gather(*make_jobs(2)), lambda: asyncio.Semaphore(*None),
                    lambda: asyncio.wait_for(*3), lambda: make_jobs(*None), lambda: asyncio.Event(**[])]:
        try:
            mistake()
        except TypeError as e:
            print("TypeError:", e)

asyncio.run(main())
