# Arguments CPython reads as a C int (_PyLong_AsInt): str.splitlines' keepends, str.expandtabs' tabsize,
# sorted()'s reverse, chr(): TypeError for what is no int, OverflowError past 32 bits, and the
# words for another keyword or one argument too many.
try:
    print(repr("a\nb".splitlines(10**30)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(-2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(1.5)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(None)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(keepends=True)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\nb".splitlines(x=1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a".splitlines(1, 2)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(sorted([2, 1], reverse=2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(sorted([2, 1], reverse=10**30)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(sorted([2, 1], reverse=1.5)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(sorted([2, 1], reverse=-1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(chr(2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(chr(10**30)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(chr(-1)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(chr(1.5)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr(chr(True)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs(2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs(-2**31)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs(None)))
except Exception as x:
    print(type(x).__name__ + ':', x)
try:
    print(repr("a\tb".expandtabs(tabsize=2)))
except Exception as x:
    print(type(x).__name__ + ':', x)
