# min() and max() with keywords but no positional argument: min_max unpacks its positional
# arguments before it parses the keywords, so max(x=1) says "expected at least 1 argument", not
# that 'x' is an invalid keyword.
tries = [
    ("max(key=len)", lambda: max(key=len)),
    ("max(x=1)", lambda: max(x=1)),
    ("min(default=0, foo=1)", lambda: min(default=0, foo=1)),
    ("min([], foo=1)", lambda: min([], foo=1)),
    ("min([], default=0)", lambda: min([], default=0)),
]
for text, call in tries:
    try:
        print(text, "->", call())
    except TypeError as e:
        print(text, "-> TypeError:", e)
