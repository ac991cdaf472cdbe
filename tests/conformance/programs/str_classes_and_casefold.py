# str.casefold, isdecimal, isnumeric, isprintable, isidentifier and istitle, beyond ASCII too,
# as CPython 3.11 answers them (Unicode 14), in a task as a learner's check of its input would.
import asyncio

SAMPLES = ["", "abc", "ABC", "Abc Def", "Abc def", "ABC Def", "ǅungla", "Σίσυφος", "ΣΊΣΥΦΟΣ", "Straße",
           "ﬁre", "İstanbul", "ſ", "123", "١٢٣", "²", "½", "Ⅻ", "三", "12.5", "-3", "x y", "_name",
           "2fast", "℘", "ª", "na\u0301me", "tab\there", "new\nline", "\x7f", "\u00a0", "é", "\u200b",
           "Hello, World!", "hELLO", "'Tis", "They'Re", "1St", "Ⅷ Kings", "ǲ"]


async def classify(text):
    await asyncio.sleep(0)
    checks = [text.isdecimal(), text.isdigit(), text.isnumeric(), text.isprintable(),
              text.isidentifier(), text.istitle()]
    return f"{text!r:16} fold={text.casefold()!r:16} " + " ".join("TF"[not c] for c in checks)


async def main():
    for line in await asyncio.gather(*(classify(s) for s in SAMPLES)):
        print(line)
    print("ß".casefold() == "SS".casefold(), "ΣΑΣ".casefold(), "ﬃ".casefold())
    for bad in ("casefold", "isdecimal", "isnumeric", "isprintable", "isidentifier", "istitle"):
        try:
            getattr("x", bad)(1)
        except TypeError as e:
            print(bad, "->", e)


asyncio.run(main())
