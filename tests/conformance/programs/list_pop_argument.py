# list.pop(i) converts its index before it looks at the list (list_pop_impl takes a Py_ssize_t from
# Argument Clinic), so a bad index is a TypeError or OverflowError even on an empty list.
tries = [
    ("[].pop()", lambda: [].pop()),
    ("[].pop(0)", lambda: [].pop(0)),
    ("[].pop('a')", lambda: [].pop("a")),
    ("[].pop(1.5)", lambda: [].pop(1.5)),
    ("[].pop(None)", lambda: [].pop(None)),
    ("[].pop(10**30)", lambda: [].pop(10**30)),
    ("[1].pop(10**30)", lambda: [1].pop(10**30)),
    ("[1].pop(True)", lambda: [1].pop(True)),
    ("[1, 2].pop(-3)", lambda: [1, 2].pop(-3)),
]
for text, call in tries:
    try:
        print(text, "->", repr(call()))
    except (TypeError, IndexError, OverflowError) as e:
        print(text, "->", type(e).__name__, e)
