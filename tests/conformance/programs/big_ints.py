# Python's ints have no size limit: tasks compute factorials and powers past 64 bits, a step per
# await, and print them (issue #13). Two at a time, under a semaphore.
import asyncio

sem = asyncio.Semaphore(2)


async def factorial(n):
    async with sem:
        result = 1
        for i in range(2, n + 1):
            result *= i
            if i % 10 == 0:
                await asyncio.sleep(0.1)
        print(f"{n}! = {result}")
        print(f"  {len(str(result))} digits, {result % 1000003} mod 1000003, {result / 10**20:.6e} / 10**20")
        return result


async def powers():
    x = 2**62
    for _ in range(4):
        await asyncio.sleep(0.25)
        x = x * 2 + 1
        print(f"x = {x:,} ({x > 2.0**63}, {float(x)}, {x == 2**64 - 1})")


async def main():
    results = await asyncio.gather(factorial(25), factorial(40), factorial(100), powers())
    big = results[2]
    print(big // results[1] == results[2] // results[1], big > 1e157, big < 1e158, -big // 10**150)
    print(sum(results[:3]) % 10**12, max(results[:3]) == big, {results[0]: "25!"}[15511210043330985984000000])
    try:
        print(big**40)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
