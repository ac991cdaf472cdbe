import asyncio

# Backslash escapes in strings and f-strings: \a \b \f \v, octal, \x \u \U; raw strings keep them.
print(repr("\a\b\f\v\1\12\101\0"), "\x41\u00e9\U0001F600", len("\0"), "\q", r"\d+\n")
x = 5


async def main():
    await asyncio.sleep(0.5)
    print(f"\x41{x:>3}\u00e9\101\t|", rf"\d+{x}\n", fr"{x}\t", repr(f"\b{x}\v"), f"{'tab'}\there")


asyncio.run(main())
