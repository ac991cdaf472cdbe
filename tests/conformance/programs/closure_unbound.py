# A captured variable read before its assignment: UnboundLocalError in the enclosing function.
import asyncio


async def main():
    def show():
        return total

    print("before")
    print(total, show())
    total = 3


asyncio.run(main())
