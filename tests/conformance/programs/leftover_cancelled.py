import asyncio

async def forever(n):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(f"leftover {n} cancelled at", asyncio.get_running_loop().time())
        await asyncio.sleep(0)
        print(f"leftover {n} cleaned up")
        raise
    finally:
        print("finally", n)

async def main():
    t = asyncio.create_task(forever(1))
    await asyncio.sleep(1)
    print("main returns; task is", t.done())

asyncio.run(main())
print("after run")
asyncio.run(main())
print(asyncio.current_task if False else "second run done")
