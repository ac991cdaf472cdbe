# A BoundedSemaphore's errors name its own type, as python3's do (type(pool).__name__).
import asyncio

async def main():
    pool = asyncio.BoundedSemaphore(2)
    mistakes = [lambda: len(pool), lambda: pool + 1, lambda: pool[0], lambda: list(pool), lambda: pool < pool]
    for mistake in mistakes:
        try:
            mistake()
        except TypeError as e:
            print("TypeError:", e)
    print(type(pool).__name__, isinstance(pool, asyncio.Semaphore), isinstance(asyncio.Semaphore(), asyncio.BoundedSemaphore))
    try:
        with pool:
            print("never")
    except TypeError as e:
        print("TypeError:", e)
    try:
        pool.value
    except AttributeError as e:
        print("AttributeError:", e)

asyncio.run(main())
