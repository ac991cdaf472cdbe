# A KeyboardInterrupt raised in a task leaves the event loop at once (Task.__step re-raises it): the
# rest of that loop iteration does not run, asyncio.run() cancels every task left (their finally
# blocks run), then raises it where asyncio.run() was called.
import asyncio


async def other(n):
    try:
        await asyncio.sleep(0)
        print("other", n, "stepped")
        await asyncio.sleep(5)
    finally:
        print("other", n, "cleans up at", asyncio.get_running_loop().time())


async def interrupter(delay):
    await asyncio.sleep(delay)
    print("interrupting at", asyncio.get_running_loop().time())
    raise KeyboardInterrupt("stop")


async def main_raises():
    task = asyncio.create_task(other(0))  # one: asyncio.run() cancels what is left in set order
    await asyncio.sleep(0)
    print("main raises")
    raise KeyboardInterrupt


async def main_waits():
    t = asyncio.create_task(interrupter(1))
    try:
        await asyncio.sleep(3)
        print("never printed")
    finally:
        print("main cleans up, interrupter done:", t.done())


async def main_gathers():
    try:
        await asyncio.gather(other(7), interrupter(0.5), return_exceptions=True)
    except BaseException as e:
        print("main sees", repr(e))
        raise


sem = asyncio.Semaphore(2)


async def worker(n):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(1)
        if n == 3:
            raise KeyboardInterrupt
        print(f"Task {n} finished")


async def main_semaphore_workers():
    # The gather passes the worker's KeyboardInterrupt to main during the clean-up: it leaves that too.
    await asyncio.gather(*(worker(n) for n in range(1, 6)))


async def caught_inside():
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("caught inside the task: the loop goes on")
    await asyncio.sleep(1)
    return "done"


for main in (main_raises, main_waits, main_gathers, main_semaphore_workers):
    try:
        asyncio.run(main())
    except KeyboardInterrupt as e:
        print(main.__name__, "->", repr(e))
print(asyncio.run(caught_inside()))
