import asyncio

# x << n for n past 64 bits, as CPython's long_lshift meets it: a result of more 30-bit digits than
# a PyLongObject can count is OverflowError "too many digits in integer" (_PyLong_New); one of
# fewer fails to be allocated, MemoryError. 2305843009213693945 digits is the most (64 bits).


async def main():
    await asyncio.sleep(0)
    for x, n in [(1, 10**19), (1, 10**20), (-1, 10**20), (1, 2**70), (2**100, 69175290276410818320),
                 (1, 69175290276410818320), (1, 69175290276410818321), (5, 2**63)]:
        try:
            print(x << n)
        except (OverflowError, MemoryError) as e:
            print(x, "<<", n, type(e).__name__, e)
    print(0 << 10**20, 1 >> 10**20, -1 >> 10**20, (-7) >> 2**70)


asyncio.run(main())
