import asyncio

# A fill character beyond ASCII (a progress bar of '█', a rule of '─'): one character, whatever
# its UTF-8 length; and a type beyond ASCII or a control character, as CPython's messages show it.
print(f"{'':█<10}|{'x':★^5}|{1.5:€<8.2f}|{-3:·=6}|{1234:→>10,}|{'ab':😀^6}|{1:é>}|")
for value, spec in [(1, "é"), ("x", "é"), (1.5, "é"), (1, ",é"), (1, "\x01"), (1, ",\x01"), ("s", "é5"), (1, "5 ")]:
    try:
        print(repr(spec), repr(format(value, spec)))
    except ValueError as e:
        print(repr(spec), "ValueError:", e)


async def work(name, steps):
    for done in range(1, steps + 1):
        await asyncio.sleep(0.5)
        print(f"{name:─<8} {'':█<{done}}{'':░<{steps - done}} {done / steps:>4.0%}")


async def main():
    await asyncio.gather(work("fetch", 3), work("parse", 2))


asyncio.run(main())
