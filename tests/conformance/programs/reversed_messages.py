# reversed() takes a sequence (or a dict or its view); anything else is "not reversible", in
# CPython's words, even what iter() accepts (an iterator, a generator, a map).
for call in [lambda: list(reversed("abc")), lambda: list(reversed((1, 2))), lambda: list(reversed({"a": 1, "b": 2})),
             lambda: list(reversed({"a": 1}.items())), lambda: list(reversed(range(3))), lambda: reversed(5),
             lambda: reversed(None), lambda: reversed(2.5), lambda: reversed(iter([1])), lambda: reversed(map(str, [1])),
             lambda: reversed(x for x in "ab"), lambda: reversed(zip("a", "b")), lambda: reversed(True)]:
    try:
        print(repr(call()))
    except TypeError as e:
        print("TypeError:", e)
