import asyncio

# str.join of what is not iterable, and iter()'s argument counts, in CPython's words.
for call in [lambda: "".join(None), lambda: ", ".join(5), lambda: "-".join(x for x in "ab"), lambda: iter(),
             lambda: iter([], 1, 2), lambda: list(iter("ab")), lambda: ", ".join({"a": 1, "b": 2})]:
    try:
        print(repr(call()))
    except TypeError as e:
        print("TypeError:", e)
