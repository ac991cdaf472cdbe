import asyncio

async def main():
    try:
        async with asyncio.timeout(1.5):
            for i in range(5):
                print("tick", i)
                await asyncio.sleep(0.5)
    except TimeoutError:
        print("timeout at", asyncio.get_running_loop().time())
    print("after")

asyncio.run(main())
