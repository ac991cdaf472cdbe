import asyncio

sem = asyncio.Semaphore(1)

async def main():
    async with sem:
        print("inside", sem.locked())
        sem.release()
    print("value after double release:", sem._value)
    print("locked?", sem.locked())

asyncio.run(main())
