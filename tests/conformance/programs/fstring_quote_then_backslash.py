import asyncio

# Python 3.11 ends an f-string at the first quote like its own: f"{"\n".join(lines)}" is the string
# f"{" and then a backslash out of place. `strings: STRING+` reads the token after the last string
# before its action parses the f-string, so the tokenizer's error is met first: "unexpected
# character after line continuation character", not the f-string's "expecting '}'".


async def main():
    lines = ["a", "b"]
    await asyncio.sleep(0)
    print(f"{"\n".join(lines)}")


asyncio.run(main())
