import asyncio

# asyncio.run(main) (the function, not main()): Runner.__enter__ has made the loop before run()
# refuses it, so Runner.close() still runs the loop's shutdown tasks (Task-1 and Task-2) before the
# ValueError comes out; the next asyncio.run's main task is Task-3.


async def main():
    await asyncio.sleep(0.5)
    print(asyncio.current_task().get_name(), asyncio.get_running_loop().time())


try:
    asyncio.run(5)
except ValueError as e:
    print("ValueError:", e)
asyncio.run(main())
asyncio.run(None)  # main's result, say (main()'s None: a main() that is not async)
