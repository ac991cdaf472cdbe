import asyncio

sem = asyncio.Semaphore(1)

async def slow():
    async with sem:
        await asyncio.sleep(3)
        return "slow done"

async def impatient():
    async with sem:
        return "got it"

async def main():
    t = asyncio.create_task(slow())
    await asyncio.sleep(0)
    try:
        r = await asyncio.wait_for(impatient(), timeout=1)
        print("result", r)
    except asyncio.TimeoutError:
        print("timed out while queued at", asyncio.get_running_loop().time())
    print(sem.locked(), await t)
    print(await asyncio.wait_for(impatient(), 5))

asyncio.run(main())
