import asyncio
async def show():
    print(asyncio.current_task().get_name())
async def main():
    await show()
    await asyncio.create_task(show())
    await asyncio.gather(show(), show())
    await asyncio.wait_for(show(), 1)
    await asyncio.wait_for(show(), None)
    t = asyncio.create_task(show(), name="custom")
    await t
    print(t.get_name(), t.done(), t.result(), t.cancelled(), t.exception())
asyncio.run(main())
asyncio.run(main())
