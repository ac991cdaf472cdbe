# A learner's typo in a method's name: python3's traceback ends with its suggestion, found among
# the attributes of the object's own type (a BoundedSemaphore's, not a Semaphore's).
import asyncio

pool = asyncio.BoundedSemaphore(2)

async def user(n):
    async with pool:
        await asyncio.sleep(0.5)
        print(f"user {n} leaves")
    try:
        pool.relase()
    except AttributeError as e:
        print("caught:", e)  # str(e): no suggestion there
        raise

async def main():
    await asyncio.gather(user(1), user(2))

asyncio.run(main())
