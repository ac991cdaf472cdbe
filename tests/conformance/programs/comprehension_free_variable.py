# A comprehension runs in a frame of its own: a name of the enclosing function that is not yet
# assigned is a free variable there (NameError), not an UnboundLocalError. Here a learner writes
# the loop variable of a later loop where the comprehension's own was meant.
import asyncio

sem = asyncio.Semaphore(2)

async def worker(i):
    async with sem:
        await asyncio.sleep(0.1 * i)
        return i * 10

async def main():
    try:
        tasks = [asyncio.create_task(worker(t)) for i in range(3)]
    except NameError as e:
        print("caught:", e)
    tasks = [asyncio.create_task(worker(i)) for i in range(3)]
    for t in tasks:
        print(await t)
    def report():
        return f"{finished} tasks"
    try:
        print(report())
    except NameError as e:
        print("caught:", e)
    finished = len(tasks)
    print(report())
    print([done for n in range(2)])
    done = True

asyncio.run(main())
