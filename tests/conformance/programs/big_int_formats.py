# Big ints through every way a lesson prints a number: format specs in bases 2, 8, 10 and 16,
# grouping, signs, % formatting, and a task's result past 64 bits.
import asyncio

big = 2**70 + 12345


async def grow(n):
    await asyncio.sleep(0.5)
    return 3**n


async def main():
    print(f"{big:#x} {big:#o} {big:#b}")
    print(f"{big:_x} {-big:_b}")
    print(f"{big:,} {-big:+,} {big:>30}|{big:<30}|")
    print("%d %x %X %o %5d %.3d" % (big, big, big, big, -big, -big))
    print("%f" % big, "%e" % big, "%s %r" % (big, -big))
    try:
        print("%c" % big)
    except OverflowError as e:
        print("OverflowError:", e)
    results = await asyncio.gather(*(grow(n) for n in (10, 45, 90)))
    for r in results:
        print(f"{r} {r:x} {len(str(r))}")


asyncio.run(main())
