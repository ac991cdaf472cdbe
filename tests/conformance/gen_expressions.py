#!/usr/bin/env python3
"""Random expression programs: the language side of the playground's Python, against CPython.

Usage:
    gen_expressions.py FIRST COUNT           one JSON string (a program's source) per line
    gen_expressions.py --show SEED           the program of one seed
    gen_expressions.py --big FIRST COUNT     big-int programs (ints beyond 64 bits, floats near them)
    gen_expressions.py --show-big SEED

Each program prints a few dozen random expressions over ints, floats, strings, lists, tuples and
dicts (arithmetic, comparisons, boolean operators, conditional expressions, indexing and slicing,
f-string format specs, built-ins, methods), each inside try/except so that an error prints its
type and message instead of ending the program. Values print through repr() and str(), so float
formatting, string quoting and container layout are compared as well as the arithmetic.
"""
import json
import random
import sys

INTS = ["0", "1", "2", "3", "7", "-4", "10", "255", "-1", "12345"]
FLOATS = ["0.1", "0.2", "1.5", "-2.25", "3.0", "1e-05", "2.5e16", "0.3333", "100.0", "-0.0"]
STRS = ["'a'", "'abc'", "''", "'Hello World'", "\"it's\"", "'x,y,z'", "'  pad  '", "'tab\\tend'"]
# `**` comes in the big-int lines only (BigGen), with exponents that keep the numbers printable.
BINOPS = ["+", "-", "*", "/", "//", "%"]
CMPOPS = ["<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not"]
SPECS = ["", ":.2f", ":>8", ":<6", ":^7", ":05d", ":,", ":.1%", ":+.3f", ":e", ":.3g", ":x>5", "!r", "!s"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def atom(self):
        r = self.r
        kind = r.randint(0, 9)
        if kind <= 2:
            return r.choice(INTS)
        if kind <= 4:
            return r.choice(FLOATS)
        if kind <= 6:
            return r.choice(STRS)
        if kind == 7:
            return "[" + ", ".join(r.choice(INTS + STRS) for _ in range(r.randint(0, 3))) + "]"
        if kind == 8:
            return "(" + ", ".join(r.choice(INTS) for _ in range(r.randint(0, 3))) + ("," if r.random() < 0.3 else "") + ")"
        return "{" + ", ".join(f"{r.choice(STRS)}: {r.choice(INTS)}" for _ in range(r.randint(0, 2))) + "}"

    def expr(self, depth=0):
        r = self.r
        if depth > 2 or r.random() < 0.3:
            return self.atom()
        kind = r.randint(0, 9)
        a, b = self.expr(depth + 1), self.expr(depth + 1)
        if kind <= 3:
            return f"({a} {r.choice(BINOPS)} {b})"
        if kind == 4:
            return f"({a} {r.choice(CMPOPS)} {b})"
        if kind == 5:
            return f"({a} {r.choice(['and', 'or'])} {b})"
        if kind == 6:
            return f"({a} if {b} else {self.atom()})"
        if kind == 7:
            return f"{r.choice(['-', 'not ', '+'])}{a}"
        if kind == 8:
            fn = r.choice(["len", "str", "repr", "abs", "bool", "int", "float", "sorted", "list", "tuple", "min", "max", "sum", "round"])
            return f"{fn}({a})"
        return f"{a}[{r.choice(['0', '-1', '1:', ':2', '::-1', '1'])}]"

    def line(self, i):
        r = self.r
        kind = r.randint(0, 5)
        if kind <= 2:
            body = f"print({self.expr()})"
        elif kind == 3:
            body = f"print(repr({self.expr()}), str({self.expr()}))"
        elif kind == 4:
            # Inside an f-string (3.11): no backslashes and no double quotes in the expressions.
            a, b = self.expr(), self.atom()
            a = a if '"' not in a and "\\" not in a else "1"
            b = b if '"' not in b and "\\" not in b else "2"
            body = f'print(f"{{{a}{r.choice(SPECS)}}}|{{{b}{r.choice(SPECS)}}}")'
        else:
            method = r.choice(["upper()", "split(',')", "strip()", "replace('a', 'b')", "startswith('a')", "find('l')",
                               "join(['1', '2'])", "lower()", "count(1)", "index(2)", "get('a', 0)", "items()"])
            body = f"print(({self.atom()}).{method})"
        return f"try:\n    {body}\nexcept Exception as e:\n    print({i}, type(e).__name__, e)\n"

    def program(self):
        return "".join(self.line(i) for i in range(self.r.randint(20, 40)))


# Ints beyond 64 bits (and at its edges), floats near them, and what mixes the two.
BIGS = ["2**64", "10**20", "-(2**63)", "2**63", "12345678901234567890123", "-98765432109876543210", "3**40",
        "(2**100 - 1)", "(10**30 + 7)", "-2**70", "9007199254740993", "(2**1024)", "10**400", "-(10**25)"]
NEAR_FLOATS = ["1e20", "1.8446744073709552e19", "-1e30", "2.0**64", "float('inf')", "0.5", "9007199254740992.0",
               "1e308", "float('nan')"]
BIG_BINOPS = ["+", "-", "*", "//", "%", "/", "<", "<=", "==", "!=", ">", ">="]
BIG_SPECS = ["", ":,", ":_", ":>40", ":<30", ":^35", ":+", ":d", ":.3e", ":.2f", ":*>32,"]


class BigGen:
    """Big-int programs, from a generator of their own (Gen's seeds make the programs they made)."""

    def __init__(self, seed):
        self.r = random.Random(f"big-{seed}")

    def number(self):
        r = self.r
        pick = r.random()
        if pick < 0.6:
            return r.choice(BIGS)
        if pick < 0.8:
            return r.choice(NEAR_FLOATS)
        return r.choice(INTS)

    def expr(self, depth=0):
        r = self.r
        if depth > 1 or r.random() < 0.25:
            return self.number()
        kind = r.randint(0, 7)
        a, b = self.expr(depth + 1), self.expr(depth + 1)
        if kind <= 3:
            return f"({a} {r.choice(BIG_BINOPS)} {b})"
        if kind == 4:
            return f"(({r.choice(BIGS)}) ** {r.choice(['2', '3', '-1', '-2', '0', '5', '10'])})"
        if kind == 5:
            return f"{r.choice(['-', '+', 'abs', 'float', 'int', 'str', 'repr', 'round'])}({a})"
        if kind == 6:
            return f"round({a}, {r.choice(['-5', '-1', '0', '2', '-30'])})"
        return f"{r.choice(['max', 'min', 'sum', 'sorted'])}([{a}, {b}, {self.number()}])"

    def line(self, i):
        r = self.r
        kind = r.randint(0, 3)
        if kind <= 1:
            body = f"print({self.expr()})"
        elif kind == 2:
            body = f'print(f"{{{self.expr()}{r.choice(BIG_SPECS)}}}|{{{r.choice(BIGS)}{r.choice(BIG_SPECS)}}}")'
        else:
            body = f"print({{{self.number()}: 1, {self.number()}: 2}}, int(str({r.choice(BIGS)})) == {r.choice(BIGS)})"
        return f"try:\n    {body}\nexcept Exception as e:\n    print({i}, type(e).__name__, e)\n"

    def program(self):
        return "".join(self.line(i) for i in range(self.r.randint(20, 40)))


def generate(seed, big=False):
    return BigGen(seed).program() if big else Gen(seed).program()


def main(argv):
    if len(argv) == 3 and argv[1] in ("--show", "--show-big"):
        sys.stdout.write(generate(int(argv[2]), argv[1] == "--show-big"))
        return 0
    big = len(argv) == 4 and argv[1] == "--big"
    if len(argv) != 3 and not big:
        sys.exit(__doc__)
    first, count = int(argv[-2]), int(argv[-1])
    for seed in range(first, first + count):
        print(json.dumps(generate(seed, big)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
