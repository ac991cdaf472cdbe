# A learner forgets to indent the body of `async with`: CPython 3.11's grammar
# (invalid_with_stmt_indent) names the statement "'with' statement", with or without `async`.
import asyncio

sem = asyncio.Semaphore(2)


async def task(n):
    async with sem:
    print(f"Task {n} started")
    await asyncio.sleep(1)


async def main():
    await asyncio.gather(*(task(n) for n in range(3)))


asyncio.run(main())
