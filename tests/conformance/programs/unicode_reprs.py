# repr() escapes the characters Python cannot print (unicode_repr: not Py_UNICODE_ISPRINTABLE):
# \xhh below U+0100, \uhhhh, \Uhhhhhhhh; a zero-width space or a no-break space pasted into a
# string shows in its repr. f"{x!a}" is ascii(): the repr with everything beyond ASCII escaped.
import asyncio

samples = ["\u200b", "\x80", "\x9f", "\xa0", "\xad", "é", "\u2028", "\u00a0x", "\ufeff", "\u0301",
           "\U0001F600", "\u3000", "\u2003", "\U000e0001", "\ue000", "\ufffd", "\uffff", "\u0378",
           "naïve café", "日本", "tab\there"]
for s in samples:
    print(repr(s), len(s), f"{s!a}", f"{s!r:>12}|")
print(["naïve", "\u200b"], {"k\xa0": 1}, ("\u2003",))
print(f"{'Ünïcödé'!a}", f"{[1, 'ß']!a}", f"{3.5!a}", f"{None!a}")


async def main():
    name = "Zoë\u200b"
    await asyncio.sleep(0.5)
    print(f"worker {name!r} done", f"{name!a}")
    raise ValueError(name)


asyncio.run(main())
