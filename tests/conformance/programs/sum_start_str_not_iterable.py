# sum() takes an iterator of its first argument before it looks at start (builtin_sum_impl), so
# sum(5, '') is "'int' object is not iterable", and only an iterable with a str start is "can't
# sum strings".
tries = [
    ("sum(5, '')", lambda: sum(5, "")),
    ("sum(None, 'a')", lambda: sum(None, "a")),
    ("sum(['a'], '')", lambda: sum(["a"], "")),
    ("sum([], start='')", lambda: sum([], start="")),
]
for text, call in tries:
    try:
        print(text, "->", repr(call()))
    except TypeError as e:
        print(text, "-> TypeError:", e)
