# Whitespace is Unicode's (Py_UNICODE_ISSPACE): str.split() and str.strip() without arguments
# also take a no-break space, an em space, U+3000 or \x1c-\x1f, and str.isspace() says so. int()
# and float() read any Unicode decimal digit and blank as CPython's
# _PyUnicode_TransformDecimalAndSpaceToASCII does; float() takes underscores between digits as
# int() does, and only Python's own float syntax (no "nan(...)", no hex).
import asyncio

pasted = "\xa0 alpha\u3000beta\u2003gamma \x1c"
print(pasted.split(), pasted.split(None, 1), pasted.rsplit(None, 1), pasted.rsplit(maxsplit=2))
print(repr(pasted.strip()), repr(pasted.lstrip()), repr(pasted.rstrip()))
print(pasted.isspace(), "\u2003\xa0".isspace(), "\x1c\x1d".isspace(), "\u200b".isspace(), "".isspace())
print("a\x0bb\x0cc".split(), repr("\x0b x \x0c".strip()), "a\x85b".split(), "ä-é-ü".split("-"), "ä é".rsplit(" "))
print(repr("ééxéé".strip("é")), repr("äxä".strip("é")), repr("äxé".lstrip("ä")), repr("xyäé".rstrip("éä")))
for text in ["1\x0b", "\x0c2", " ٣ ", "١٢", "\u20035", "1_000", "1__0", "_1", "1_", "12\u200b", "٣.٥", "1e1_0",
             "0_0.0_1", "１２"]:
    for convert in (int, float):
        try:
            print(repr(text), convert.__name__, convert(text))
        except ValueError as e:
            print(e)
for text in ["nan(12)", "+nan", "-iNF", "infinity", "infinit", "1e", ".e1", "1.", ".1", "+.1e-3", "0x10", "1e+",
             "  -  1", "1 000", "١e٢", "1.5\x1f", "-0"]:
    try:
        print(repr(text), float(text))
    except ValueError as e:
        print(e)


async def main():
    await asyncio.sleep(0.1)
    try:
        int("x" * 300)
    except ValueError as e:
        print(len(str(e)), str(e)[-12:])
    print(int("\u2003 42 \xa0") + 1, float("\u30003.5"))
    float("1_000.5_")


asyncio.run(main())
