import asyncio


async def main():
    for kind in ["Lock", "Event"]:
        try:
            if kind == "Lock":
                asyncio.Lock(1)
            else:
                asyncio.Event(1)
        except TypeError as e:
            print("TypeError:", e)
    for value in ["2", None, [1]]:
        try:
            asyncio.Semaphore(value)
        except TypeError as e:
            print("TypeError:", e)
    try:
        asyncio.BoundedSemaphore("3")
    except TypeError as e:
        print("TypeError:", e)
    try:
        asyncio.timeout()
    except TypeError as e:
        print("TypeError:", e)
    try:
        asyncio.timeout(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        asyncio.create_task()
    except TypeError as e:
        print("TypeError:", e)
    t = asyncio.create_task(coro=asyncio.sleep(0.5, result="by keyword"), name="kw")
    print(await t, t.get_name())


asyncio.run(main())
