import asyncio

# PEP 479: a StopIteration (a next() past the end) leaving a coroutine becomes
# RuntimeError('coroutine raised StopIteration'), its cause and context the StopIteration; as one
# leaving a generator expression becomes 'generator raised StopIteration'.
names = iter(["ada"])


async def next_name():
    await asyncio.sleep(0.5)
    return next(names)


async def main():
    print(await next_name())
    try:
        await next_name()
    except RuntimeError as e:
        print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__, e.__suppress_context__)
    except StopIteration:
        print("StopIteration got through")
    try:
        print(list(next(names) for _ in range(2)))
    except RuntimeError as e:
        print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__, e.__suppress_context__)
    print(await asyncio.gather(next_name(), return_exceptions=True))
    task = asyncio.create_task(next_name())
    await asyncio.sleep(1)
    print(task.exception())
    await next_name()


asyncio.run(main())
