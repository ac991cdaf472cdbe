import asyncio

# asyncio.sleep(0) is a bare yield (tasks.__sleep0): the task waits on no future, so its repr has
# no wait_for=, pending or cancelling (base_tasks._task_repr_info shows _fut_waiter only if set).
async def yielder():
    await asyncio.sleep(0)
    await asyncio.sleep(-1)
    await asyncio.sleep(0.5)

async def main():
    t = asyncio.create_task(yielder(), name="yielder")
    print(t)
    await asyncio.sleep(0)
    print(t)
    await asyncio.sleep(0)
    print(t)
    await asyncio.sleep(0)
    print(t)
    t.cancel()
    print(t)
    await asyncio.sleep(0)
    print(t)
    u = asyncio.create_task(yielder())
    await asyncio.sleep(0)
    u.cancel()
    print(u)
    await asyncio.sleep(0)
    print(u)

asyncio.run(main())
