import asyncio

# The guard course code puts around asyncio.run: __name__ is "__main__" in the program and its functions.


async def main():
    print("main runs in", __name__)
    await asyncio.sleep(1)
    print("done")


def where():
    return __name__


if __name__ == "__main__":
    print(where(), __name__ == "__main__")
    asyncio.run(main())
