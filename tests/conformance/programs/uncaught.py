import asyncio

async def fail():
    await asyncio.sleep(1)
    raise RuntimeError("boom")

async def main():
    print("start")
    await fail()

asyncio.run(main())
