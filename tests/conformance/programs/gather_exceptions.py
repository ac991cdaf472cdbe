import asyncio

async def ok(n):
    await asyncio.sleep(n / 10)
    return n * 2

async def bad(n):
    await asyncio.sleep(n / 10)
    raise ValueError(f"bad {n}")

async def main():
    results = await asyncio.gather(ok(1), bad(2), ok(3), return_exceptions=True)
    print(results)
    for r in results:
        if isinstance(r, Exception):
            print("error:", repr(r), type(r).__name__)
        else:
            print("value:", r)
    try:
        await asyncio.gather(ok(1), bad(2), ok(3))
    except ValueError as e:
        print("caught", e, "at", asyncio.get_running_loop().time())

asyncio.run(main())
