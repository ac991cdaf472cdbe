# enumerate() called with keywords: it parses its arguments by their count (enum_vectorcall), so
# enumerate(start=1) is one argument, which must be 'iterable': "'start' is an invalid keyword
# argument for enumerate()", not a missing 'iterable'; with two, a lone keyword must be 'start'.
tries = [
    ("enumerate(start=1)", lambda: enumerate(start=1)),
    ("enumerate(['a'], iterable=2)", lambda: enumerate(["a"], iterable=2)),
    ("enumerate(start=1, x=2)", lambda: enumerate(start=1, x=2)),
    ("enumerate(x=1, start=2)", lambda: enumerate(x=1, start=2)),
    ("enumerate(a=1, b=2, c=3)", lambda: enumerate(a=1, b=2, c=3)),
    ("enumerate([1], 2, start=3)", lambda: enumerate([1], 2, start=3)),
    ("enumerate(iterable='ab')", lambda: list(enumerate(iterable="ab"))),
    ("enumerate(start=5, iterable='ab')", lambda: list(enumerate(start=5, iterable="ab"))),
    ("enumerate('ab', start=1)", lambda: list(enumerate("ab", start=1))),
]
for text, call in tries:
    try:
        print(text, "->", call())
    except TypeError as e:
        print(text, "-> TypeError:", e)
