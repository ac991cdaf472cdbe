# enumerate(iterable, start) converts start (PyNumber_Index) before it takes the iterator
# (enum_new_impl), so with both wrong the start is what the TypeError is about.
tries = [
    ("enumerate(5, 'a')", lambda: enumerate(5, "a")),
    ("enumerate(None, 1.5)", lambda: enumerate(None, 1.5)),
    ("enumerate(3, None)", lambda: enumerate(3, None)),
    ("enumerate(3, 1)", lambda: enumerate(3, 1)),
    ("enumerate('ab', 1.0)", lambda: enumerate("ab", 1.0)),
]
for text, call in tries:
    try:
        print(text, "->", list(call()))
    except TypeError as e:
        print(text, "-> TypeError:", e)
