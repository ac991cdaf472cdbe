# type, range, enumerate, zip, map, filter and reversed are classes in CPython, not functions:
# their repr, their type, isinstance() and type(x) is ... say so.
for c in [type, range, enumerate, zip, map, filter, reversed]:
    print(c, repr(c), type(c), f"{c!r:>20}")
print(isinstance(range(3), range), type(range(3)) == range, type(range(3)) is range)
print(isinstance(enumerate("ab"), enumerate), type(zip()) is zip, isinstance(map(str, []), map))
print(isinstance(filter(None, []), filter), isinstance(int, type), isinstance(3, type), type(type) is type)
print(isinstance(range(2), (list, range)), type(3) is int, type(int), [map, filter], str(zip))
print(list(map(range, [1, 2])), sorted([[2], [1]], key=list), list(map(type, [1, "a", range(1)])))
print(range(1, 10, 3), list(reversed(range(3))), dict(enumerate("ab", start=1)), list(zip("ab", range(2))))
try:
    range(1, 2, 3, 4)
except TypeError as e:
    print(e)
try:
    range(stop=3)
except TypeError as e:
    print(e)
try:
    type()
except TypeError as e:
    print(e)
