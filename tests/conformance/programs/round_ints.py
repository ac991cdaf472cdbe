import asyncio

# round() of an int to tens, hundreds ...: half to even, like floats.
print(round(7, -1), round(15, -1), round(25, -1), round(-25, -1), round(-14, -1), round(1250, -2), round(1350, -2))
print(round(5, 0), round(5, 2), round(True, -1), round(123, -5), round(7, None), round(2.5), round(0.125, 2))


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.25)
    elapsed_ms = int(loop.time() * 1000)
    print("about", round(elapsed_ms, -2), "ms, or", round(elapsed_ms, -3))


asyncio.run(main())
