import asyncio
async def f(n):
    r = 1
    for i in range(2, n):
        r *= i
    await asyncio.sleep(0)
    return r
async def main():
    a, b = await asyncio.gather(f(30), f(25))
    print(a // b, a % b, a / b, -a >> 3, a & b, float(a), f"{a:,}", 2**64 == 2.0**64, 10**20 > 1e20, round(a, -5))
    print(int("9" * 30) + 1, [1][2**64:], 2**-3, (2**100) ** 0.5)
asyncio.run(main())
