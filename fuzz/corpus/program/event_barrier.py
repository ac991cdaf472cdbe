import asyncio

ready = asyncio.Event()
arrived = 0

async def runner(n, delay):
    global arrived
    await asyncio.sleep(delay)
    arrived += 1
    print(f"runner {n} at the barrier ({arrived}/3)")
    if arrived == 3:
        ready.set()
    await ready.wait()
    print(f"runner {n} goes")

async def main():
    await asyncio.gather(runner(1, 0.3), runner(2, 0.1), runner(3, 0.2))
    print("is_set:", ready.is_set())

asyncio.run(main())
