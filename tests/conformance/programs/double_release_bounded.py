import asyncio

sem = asyncio.BoundedSemaphore(1)

async def main():
    async with sem:
        print("inside", sem.locked())
        sem.release()
    print("not reached")

asyncio.run(main())
