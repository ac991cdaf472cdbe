# str.partition, str.rpartition and str.splitlines, with CPython's errors.
lines = "host=db1:5432\nuser=admin\r\npool=4\rtimeout=2.5\x0bé=ü\x1c\x85end\u2028last\u2029"
for line in lines.splitlines():
    key, sep, value = line.partition("=")
    print(f"{key!r:>12} {sep!r} {value!r}")
print(lines.splitlines(True))
print(lines.splitlines(keepends=1))
print("a\n\nb\n".splitlines(), "".splitlines(), "\n".splitlines(True), "x\r".splitlines(False))
print("host:db1:5432".rpartition(":"), "host".rpartition(":"), "host".partition(":"))
print("a::b::c".partition("::"), "a::b::c".rpartition("::"), "ééxéé".partition("x"))
print(str.partition("ab", "b"), "abc".partition("abc"), "abc".rpartition("abcd"))
for call in [
    lambda: "a".partition(),
    lambda: "a".partition(1),
    lambda: "a".partition(""),
    lambda: "a".partition("a", "b"),
    lambda: "a".rpartition(None),
    lambda: "a".rpartition(""),
    lambda: "a".partition(sep="a"),
    lambda: "a".splitlines(1, 2),
    lambda: "a".splitlines(x=1),
    lambda: "a".splitlines(keepends="a"),
    lambda: "a".splitlines(1.5),
    lambda: "a".splitlines(None),
    lambda: "a".splitlines(2**40),
    lambda: "a".splitlines(2**70),
    lambda: "a".splitlines(True, keepends=True),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
