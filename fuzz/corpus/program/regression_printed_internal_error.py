# fuzz_program once took this text in a message for a bug of ours (the exception raised here says "internal error").
# Several context managers in one `async with`: entered left to right, exited right to left, and
# an exception (of the body, of an entry, of an exit) passes through every exit still owed.
import asyncio

db = asyncio.Semaphore(2)
api = asyncio.Lock()
quota = asyncio.BoundedSemaphore(1)


async def fetch(n):
    async with db, api:
        print(f"fetch {n}: db {db._value} api {api.locked()}")
        await asyncio.sleep(0.1)
    print(f"fetch {n} done: db {db._value} api {api.locked()}")


async def parenthesized(n):
    async with (
        db as d,
        api as a,
    ):
        print(f"parenthesized {n}: {d is None} {a is None}")
        await asyncio.sleep(0.05)
    async with (db, api):
        print(f"again {n}")


async def failing(n):
    try:
        async with db, api, quota:
            print(f"failing {n} holds all three")
            await asyncio.sleep(0.1)
            raise ValueError(f"boom {n}")
    except ValueError as e:
        print("caught", e, db._value, api.locked(), quota.locked())


async def entry_fails():
    try:
        async with api, None:
            print("never")
    except TypeError as e:
        print("TypeError:", e, api.locked())
    try:
        async with db, 5:
            print("never")
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e, db._value)


async def exit_fails():
    try:
        async with api, quota:
            quota.release()  # one more release than acquire: its exit raises
            print("released early")
    except ValueError as e:
        print("ValueError:", e, api.locked())


async def timeouts():
    try:
        async with asyncio.timeout(1), api, asyncio.timeout(0.2):
            await asyncio.sleep(0.5)
    except TimeoutError:
        print("inner timeout", api.locked(), asyncio.get_running_loop().time())
    try:
        async with asyncio.timeout(0.2), api, asyncio.timeout(1):
            await asyncio.sleep(0.5)
    except TimeoutError:
        print("outer timeout", api.locked(), asyncio.get_running_loop().time())


async def main():
    await asyncio.gather(*(fetch(n) for n in range(3)), parenthesized(1), failing(1), failing(2))
    await entry_fails()
    await exit_fails()
    await timeouts()
    async with db, db:
        print("twice", db._value)
    async with db, api:
        raise RuntimeError("uncinternal erroraught through both")


asyncio.run(main())
