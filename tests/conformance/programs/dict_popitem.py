import asyncio

# dict.popitem(): the last item in, LIFO; KeyError on an empty dict.


async def main():
    pending = {}
    for i in range(3):
        pending[f"job{i}"] = asyncio.create_task(asyncio.sleep(i / 10, result=i * i))
    while pending:
        name, task = pending.popitem()
        print(name, await task, len(pending))
    try:
        pending.popitem()
    except KeyError as e:
        print("KeyError:", e)


asyncio.run(main())
