# A NaN's sign bit never shows when Python formats it (PyOS_double_to_string writes "nan"): -nan,
# or the NaN round(nan, -5) returns, print as "nan" with any format spec ('+' asks for "+nan").
import asyncio

n = float("nan")
m = -n
r = round(n, -5)
print(n, m, r, f"{m:_}", f"{r:_}", f"{m}", f"{m:+}", f"{m:.2f}", f"{m:e}", f"{m:g}", f"{m:%}", repr(m), str(r))
print(f"{r!r}", f"{m:>6}", f"{r:*^9.3f}", format(m, "E"), format(r, ",.1f"), f"{-float('inf'):_}", round(n, 2))


async def main():
    await asyncio.sleep(0.1)
    print(min([1e308 != 3, round(float("nan"), -5), 0]), f"{min([round(float('nan'), -5), 0]):_}")


asyncio.run(main())
