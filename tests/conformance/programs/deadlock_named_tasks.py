# A deadlock among tasks with and without names of their own. CPython has no order for the stuck
# tasks (asyncio.all_tasks() is a set); the report lists them as program_reference.py does:
# "Task-N" by N, then the names given by create_task(name=...) or set_name(), alphabetically.
import asyncio


async def waiter(ev, name):
    await ev.wait()
    print(name)


async def main():
    ev = asyncio.Event()
    first = asyncio.create_task(waiter(ev, "a"), name="waiter-a")
    asyncio.create_task(waiter(ev, "b"))
    asyncio.create_task(waiter(ev, "c"), name="Waiter-c")
    for n in range(10, 0, -3):
        asyncio.create_task(waiter(ev, n), name=f"Task-{n}")
    asyncio.create_task(waiter(ev, "d"))
    await asyncio.sleep(1)
    print("main awaits", first.get_name())
    await first


asyncio.run(main())
