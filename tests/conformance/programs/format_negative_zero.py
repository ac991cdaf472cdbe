import asyncio

# Python 3.11's 'z' option (PEP 682): a float that rounds to zero loses its minus sign. Not on an
# int nor a str (their own ValueError), and a float that does not round to zero keeps its sign.
values = [-0.0, -0.001, -0.04, 0.0, -1.0, float("nan"), -float("inf")]
for spec in ["z.1f", "z", "zg", "z.1%", "+z.1f", " z.1f", "z.2e", "z010.1f", "z#.0f", "z.3", "zn", "z,.1f"]:
    print(spec, [format(v, spec) for v in values])
for value, spec in [(0, "z"), (0, "zd"), (0, "z.1f"), (1, "z#x"), (True, "z"), ("s", "z"), (-0.0, "zz"), (-0.0, ".1zf")]:
    try:
        print(repr(spec), repr(format(value, spec)))
    except ValueError as e:
        print(repr(spec), "ValueError:", e)


async def main():
    start = asyncio.get_running_loop().time()
    await asyncio.sleep(0.01)
    drift = start - asyncio.get_running_loop().time()
    print(f"drift {drift:.1f}s, {drift:z.1f}s")


asyncio.run(main())
