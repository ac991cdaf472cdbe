import asyncio


async def main():
    print(await asyncio.sleep(delay=0.1))
    print(await asyncio.sleep(0.1, result="r"), await asyncio.sleep(delay=0, result=[1]))
    t = asyncio.create_task(asyncio.sleep(0.1, result=3), name=None)
    print(await t, t.get_name())
    print(await asyncio.gather(asyncio.sleep(0.1, 1), return_exceptions=False))
    s = asyncio.Semaphore(value=3)
    print(s._value)
    print(await asyncio.wait_for(fut=asyncio.sleep(0, 5), timeout=1))
    try:
        await asyncio.sleep()
    except TypeError as e:
        print("TypeError:", e)
    try:
        await asyncio.sleep(1, when=2)
    except TypeError as e:
        print("TypeError:", e)
    return 7


print(asyncio.run(main(), debug=False))
