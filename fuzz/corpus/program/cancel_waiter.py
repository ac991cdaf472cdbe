import asyncio

sem = asyncio.Semaphore(1)

async def holder():
    async with sem:
        print("holder in")
        await asyncio.sleep(2)
        print("holder out")

async def waiter(n):
    try:
        async with sem:
            print(f"waiter {n} in")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"waiter {n} cancelled while queued")
        raise

async def main():
    h = asyncio.create_task(holder())
    w1 = asyncio.create_task(waiter(1))
    w2 = asyncio.create_task(waiter(2))
    await asyncio.sleep(0.5)
    print("cancel w1:", w1.cancel())
    results = await asyncio.gather(h, w1, w2, return_exceptions=True)
    print(results)
    print(w1.cancelled(), w2.done(), w2.result())

asyncio.run(main())
