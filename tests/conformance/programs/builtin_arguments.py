# Built-in functions called with too few or too many arguments (CPython's words differ by how each
# takes them), and int() with a base.


def attempt(function, args=()):
    try:
        print(repr(function(*args)).split(" at ")[0])
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


for function in (len, range, repr, abs, round, sum, sorted, enumerate, isinstance, type, any, all, reversed, int,
                 float, bool, list, tuple, dict, min, max):
    for n in range(5):
        if function != type or n != 3:  # type(name, bases, dict) makes a class: not in the playground
            attempt(function, ([1], [2], 3, 4, 5)[:n])
attempt(str, ("a", "b", "c", "d"))

cases = [("ff", 16), ("0xff", 16), ("0xff", 0), ("0b101", 0), ("0o17", 0), ("017", 0), ("00", 0), ("0", 0), ("z", 36), ("Z", 36),
         ("101", 2), ("102", 2), (" -1_0 ", 10), ("0x_f", 16), ("0x_f", 0), ("_1", 10), ("1__0", 10), ("12", 1), ("12", 37),
         ("0b1", 16), ("0B1", 0), ("+0o7", 8), ("0o", 8), ("", 16), ("9", 8), ("1_", 3), ("0_0", 0), ("0_1", 0)]
for text, base in cases:
    try:
        print(repr(text), base, int(text, base))
    except ValueError as e:
        print(repr(text), base, "ValueError:", e)
for args in ((5, 10), (5.5, 2), ("5", 2**70), ("5", None), ("5", 10.0)):
    try:
        print(int(args[0], args[1]))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(int("1" * 5000, 2) % 1000, int("f" * 2000, 16) % 1000)
