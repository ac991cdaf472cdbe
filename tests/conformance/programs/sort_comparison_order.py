# sorted() and list.sort() compare as listsort does (count_run, then binarysort on a short list), so
# the comparison that fails first, and the TypeError's order of types, are CPython's; and so is
# the order a NaN leaves behind, where comparisons disagree. reverse=True reverses before and after.
lists = [
    [1, 2, 3, None, 5],
    [3, "a", 1],
    ["b", "a", 1],
    [5, 4, 3, 2, 1, "z"],
    [(1, "a"), (1, 2)],
    [3.0, float("nan"), 1.0, 2.0, 0.5],
    [float("nan"), 2, 1, float("nan"), 0],
]
for items in lists:
    for label, sort in [
        ("sorted", sorted),
        ("reverse", lambda x: sorted(x, reverse=True)),
        ("key", lambda x: sorted(x, key=lambda v: v)),
    ]:
        try:
            print(label, sort(items))
        except TypeError as e:
            print(label, "TypeError:", e)
    copy = list(items)
    try:
        copy.sort()
        print("sort()", copy)
    except TypeError as e:
        print("sort() TypeError:", e)
