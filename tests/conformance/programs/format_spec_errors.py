import asyncio

# A format spec CPython's parser refuses (Python/formatter_unicode.c,
# parse_internal_render_format_spec): its message names the object's type, and a
# thousands separator is checked against the type before the type itself is.
for value, spec in [(1, "abc"), (1.5, ".2ff"), ("s", "xx"), (True, "ab"), (2**70, "5d5"),
                    (1, ",,"), (1, "__"), (1, ",_"), (1.5, "_,"), (1, ",n"), (1.5, "_n"),
                    (1, ",c"), (1, ",s"), (1, ",x"), (1.5, ",x"), ("s", ","), ("s", "_"),
                    ("s", " "), ("s", "+"), (1, "_x"), (1, ",%"), (1.5, "_e"), ([1], "abc"), (None, ",")]:
    try:
        print(repr(spec), repr(format(value, spec)))
    except (ValueError, TypeError) as e:
        print(repr(spec), type(e).__name__ + ":", e)


async def main():
    await asyncio.sleep(1)
    try:
        print(f"{asyncio.get_running_loop().time():.2fs}")
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
