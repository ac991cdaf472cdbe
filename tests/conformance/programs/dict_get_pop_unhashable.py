# dict.get() and dict.pop() hash the key first, so an unhashable one is a TypeError even when a
# default is given: a learner's counts.get([word], 0). On an empty dict pop() does not hash
# (_PyDict_Pop returns the default, or raises KeyError, before it looks).
counts = {"apple": 2}
empty = {}
tries = [
    ("counts.get(['apple'])", lambda: counts.get(["apple"])),
    ("counts.get(['apple'], 0)", lambda: counts.get(["apple"], 0)),
    ("counts.get(('apple', [1]))", lambda: counts.get(("apple", [1]))),
    ("empty.get({})", lambda: empty.get({})),
    ("counts.pop(['apple'])", lambda: counts.pop(["apple"])),
    ("counts.pop(['apple'], 0)", lambda: counts.pop(["apple"], 0)),
    ("empty.pop(['x'], 'default')", lambda: empty.pop(["x"], "default")),
    ("empty.pop(['x'])", lambda: empty.pop(["x"])),
    ("counts.setdefault(['x'])", lambda: counts.setdefault(["x"])),
]
for text, call in tries:
    try:
        print(text, "->", repr(call()))
    except (TypeError, KeyError) as e:
        print(text, "->", type(e).__name__, e)
print(counts)
