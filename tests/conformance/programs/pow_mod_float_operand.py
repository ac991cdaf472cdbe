# pow(base, exp, mod) with a float anywhere among the three: ternary_op reaches float_pow, which
# refuses any third argument first ("pow() 3rd argument not allowed unless all arguments are
# integers"), whatever the other operands are; with no float, "unsupported operand type(s)".
tries = [
    ("pow(2.5, 'x', 7)", lambda: pow(2.5, "x", 7)),
    ("pow(None, 2.0, 7)", lambda: pow(None, 2.0, 7)),
    ("pow('3', 2, 7.0)", lambda: pow("3", 2, 7.0)),
    ("pow(2, 3, 7.0)", lambda: pow(2, 3, 7.0)),
    ("pow(2.0, 3, 7)", lambda: pow(2.0, 3, 7)),
    ("pow(2, 'x', 7)", lambda: pow(2, "x", 7)),
    ("pow(2, 3, None)", lambda: pow(2, 3, None)),
    ("pow(2, 3, 7)", lambda: pow(2, 3, 7)),
]
for text, call in tries:
    try:
        print(text, "->", repr(call()))
    except TypeError as e:
        print(text, "-> TypeError:", e)
