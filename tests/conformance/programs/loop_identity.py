# asyncio.get_running_loop() is one object for as long as its loop runs (get_event_loop() in a
# coroutine too); the next asyncio.run() has a new loop.
import asyncio

loops = []

async def main():
    a = asyncio.get_running_loop()
    b = asyncio.get_event_loop()
    print(a is b, a == b, a is asyncio.get_running_loop())
    await asyncio.sleep(1)
    print(a is asyncio.get_running_loop())
    loops.append(a)

asyncio.run(main())
asyncio.run(main())
print(loops[0] is loops[1], loops[0] == loops[1])
