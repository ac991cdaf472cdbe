# f-string replacement fields as 3.11 reads them: a format spec with fields of its own (widths and
# precisions from variables, one level deep), `=` (the expression's text, then its repr, or its
# format() with a spec, or its str() with !s), comparisons inside a field, and {{ }} outside specs.
import asyncio

async def worker(name, delay, width):
    await asyncio.sleep(delay)
    elapsed = asyncio.get_running_loop().time()
    print(f"{name:<{width}}|{elapsed:>{width}.{2}f}|{delay!r:^{width + 2}}|")
    return elapsed

async def main():
    names = ["alpha", "be", "charlie"]
    width = max(len(n) for n in names)
    times = await asyncio.gather(*(worker(n, 0.1 * (i + 1), width) for i, n in enumerate(names)))
    total = sum(times)
    print(f"{total=}", f"{total = :.3f}", f"{width=!s}", f"{names[0]=}", f"{ width * 2 = }")
    print(f"{width != 7} {width == 7} {width <= 7} {width >= 8} {width < 8 > 2}")
    print(f"{{literal}} {'{'}{width}{'}'} {3:{'0'}{5}} {12345:{','}} {'x':{''}}")
    print(f"""{names
    !r:>{width * 4}}""", f"{'''tri''' + 'ple'}", f"{'%':*^{width}}")

asyncio.run(main())
