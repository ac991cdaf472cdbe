import asyncio

# Format specs a lesson or a learner writes beyond :.2f: bases, characters, '#', precision without a type.
n = 255
print(f"{n:x} {n:X} {n:#x} {n:o} {n:#o} {n:b} {5:#010b} {-n:#x} {n:+#x} {n:#06x} {n:_x} {65:c} {65:>3c}|")
print(f"{3.0:.3} {10 / 3:.4} {1e16:.3} {100.0:.5} {100.0:.3} {0.0:.1} {-2.0:.2} {123.456:.0} {12345.678:10.2}|")
print(f"{65:5c}|{65:05c}|{9731:<3c}|{66:^5c}|{67:*>4c}|")  # 'c' is a number's: right-aligned
print(f"{'ab':05} {5:<05} {5:^05} {-5:05} {True:d} {True:>5} {1.0:#g} {3.0:#.0f} {1.5:n} {12:n}")
try:
    print(f"{5:.2}")
except ValueError as e:
    print("ValueError:", e)


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.5)
    print(f"t={loop.time():.3} {loop.time():06.2f} {int(loop.time() * 1000):#x}")


asyncio.run(main())
