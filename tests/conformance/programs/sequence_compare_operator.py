# Lists and tuples compare item by item, and the first items that differ are compared with the
# same operator (tuplerichcompare, list_richcompare): (1, 2) > (1, 'a') fails on 2 > 'a', so the
# TypeError says '>' and names 'int' and 'str' in that order; max() of such tuples asks '>' too.
tries = [
    ("(1, 2) > (1, 'a')", lambda: (1, 2) > (1, "a")),
    ("(1, 2) <= (1, 'a')", lambda: (1, 2) <= (1, "a")),
    ("[1, None] >= [1, 2]", lambda: [1, None] >= [1, 2]),
    ("[[1, 'x']] < [[1, 2]]", lambda: [[1, "x"]] < [[1, 2]]),
    ("(1, 2) >= (1, 2)", lambda: (1, 2) >= (1, 2)),
    ("(1, 2) > (1,)", lambda: (1, 2) > (1,)),
    ("max([(1, 'a'), (1, 2)])", lambda: max([(1, "a"), (1, 2)])),
    ("min([(1, 'a'), (1, 2)])", lambda: min([(1, "a"), (1, 2)])),
    ("max([('b', 1), ('b', None)])", lambda: max([("b", 1), ("b", None)])),
]
for text, call in tries:
    try:
        print(text, "->", call())
    except TypeError as e:
        print(text, "-> TypeError:", e)
