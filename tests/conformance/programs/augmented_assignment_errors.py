# An augmented assignment's TypeError names the in-place operator: "unsupported operand type(s)
# for +=" (binop_type_error with PyNumber_InPlaceAdd's "+="), "**=" rather than "** or pow()".
# And x *= seq repeats seq only when x has no sequence methods: {} *= [1] is unsupported, not
# "can't multiply sequence".
def show(label, run):
    try:
        print(label, repr(run()))
    except TypeError as e:
        print(label, "TypeError:", e)


def add_str_to_int():
    total = 0
    total += "5"
    return total


def power_none():
    x = 2
    x **= None
    return x


def shift_float():
    bits = 1
    bits <<= 2.0
    return bits


def subtract_from_list():
    items = [1, 2]
    items -= [1]
    return items


def repeat_into_dict():
    d = {}
    d *= [1]
    return d


def repeat_int():
    n = 3
    n *= "ab"
    return n


def scores_in_dict():
    scores = {"ann": 1}
    scores["ann"] += "1"
    return scores


show("total += '5'", add_str_to_int)
show("x **= None", power_none)
show("bits <<= 2.0", shift_float)
show("items -= [1]", subtract_from_list)
show("d *= [1]", repeat_into_dict)
show("n *= 'ab'", repeat_int)
show("scores['ann'] += '1'", scores_in_dict)
print(2 ** None)
