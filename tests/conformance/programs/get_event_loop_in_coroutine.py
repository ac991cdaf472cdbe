# asyncio.get_event_loop() inside a coroutine: in 3.11 it is the running loop, so its time() is the
# loop's clock (older lessons write it where asyncio.get_running_loop() is meant now).
import asyncio
from asyncio import get_event_loop


async def worker(n, sem):
    loop = asyncio.get_event_loop()
    async with sem:
        start = loop.time()
        await asyncio.sleep(0.5 * n)
        print(f"worker {n} took {loop.time() - start:.2f}s, ended at {get_event_loop().time():.2f}")


async def main():
    sem = asyncio.Semaphore(2)
    print(asyncio.get_event_loop().time())
    await asyncio.gather(*(worker(n, sem) for n in range(1, 4)))
    for args, kwargs in [((1,), {}), ((), {"x": 1})]:
        for function in (asyncio.get_event_loop, asyncio.get_running_loop):
            try:
                function(*args, **kwargs)
            except TypeError as e:
                print("TypeError:", e)


asyncio.run(main())
