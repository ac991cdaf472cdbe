# PEP 584 (3.9): d1 | d2 is a new dict, d |= pairs updates d in place (dict.update's arguments);
# a | of a dict with anything but a dict is unsupported.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
alias = a
print(a | b, b | a, a)
a |= b
print(a, alias is a, alias)
a |= [("p", 0)]
a |= {"x": -1}.items()
print(a)
for bad in [lambda: a | [("q", 1)], lambda: [1] | a, lambda: a | None]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
for bad in [5, [1], [(1, 2, 3)], None]:
    try:
        c = {}
        c |= bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print({1: 1} | {2: [3]}, {} | {}, {True: "t"} | {1: "one", 1.0: "float"})
