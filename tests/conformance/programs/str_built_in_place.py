# `s += piece` grows a str that only the variable holds in place (as CPython's unicode_concatenate):
# every other name for the old str, and every container holding it, still sees the old text.
import asyncio

log = ""


def prefixes(word):
    acc = ""
    out = []
    for ch in word:
        acc += ch
        out.append(acc)    # the list holds the str now: the next += must not change it
    return out


def with_default(acc="base"):
    acc += "!"             # the default is shared: it must stay "base"
    return acc


async def builder(name, n):
    global log
    text = ""
    snapshots = []
    for i in range(n):
        text += f"{name}{i}é"
        if i % 3 == 0:
            snapshots.append(text)
        await asyncio.sleep(0)
    log += name
    return text, snapshots


async def main():
    global log
    s = ""
    for i in range(5):
        s += str(i)
    alias = s
    s += "-more"
    print(alias, s, alias is s)
    d = {s: 1}
    s += "x"
    d[s] = 2
    print(d, s in d, d.get(s), len(s), s[-1], s.find("x"))
    twice = "ab"
    twice += "c"
    twice += twice
    print(twice)
    print(prefixes("task"), with_default(), with_default())
    for bad in (1, None, ["x"]):
        keep = "keep"
        keep += "!"
        try:
            keep += bad
        except TypeError as e:
            print(e, keep)
    it_src = "ab"
    it_src += "c"
    for ch in it_src:
        it_src += ch.upper()
    print(it_src)
    results = await asyncio.gather(builder("a", 7), builder("b", 5))
    for text, snapshots in results:
        print(text, snapshots, [len(x) for x in snapshots])
    log += "!"
    print(log)
    big = ""
    for i in range(200_000):
        big += "xy"[i % 2]
    print(len(big), big[:6], big[-4:], big.count("x"))
    lines = ""
    for i in range(20_000):
        lines += f"Task {i} finished at {i * 0.5:.2f}s\n"
    print(len(lines), lines.splitlines()[-1])


asyncio.run(main())
