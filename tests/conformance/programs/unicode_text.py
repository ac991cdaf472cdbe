import asyncio

# A str counts, indexes, slices and pads by character, also beyond ASCII (accents, emoji).
names = ["café", "naïve", "😀 smile", "plain"]


async def show(name, i):
    await asyncio.sleep(i * 0.5)
    print(f"{name:>10}|{name:<8}|{name:^9}|{name:.3}|", len(name), name[0], name[-1], name[1:3], name[::-1])
    return "".join(reversed(name)) + " " + name.replace("a", "A")


async def main():
    done = await asyncio.gather(*(show(n, i) for i, n in enumerate(names)))
    print(done)
    word = "crème brûlée"
    print(len(word), word.find("b"), word.index("û"), word.rfind("é"), list(word[:5]), [c for c in "né😀"])
    print(word.center(16, "·"), word.ljust(14, "*") + "|", "é".zfill(3), "%-6s|%6s|" % ("é", "ü"), sorted("bäa"))


asyncio.run(main())
