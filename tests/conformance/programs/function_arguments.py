# A function called with the wrong arguments: CPython names it by its __qualname__
# (outer.<locals>.inner) and says "from 1 to 2" when some parameters have defaults.
def outer():
    def inner(a, b=1):
        pass
    for call in range(4):
        try:
            if call == 0: inner(1, 2, 3)
            if call == 1: inner()
            if call == 2: inner(1, c=2)
            if call == 3: inner(1, a=2)
        except TypeError as e:
            print(e)
outer()
def f(a, b, c=1, d=2):
    pass
for args in [(), (1,), (1, 2, 3, 4, 5)]:
    try:
        f(*args)
    except TypeError as e:
        print(e)
def g():
    pass
try:
    g(1)
except TypeError as e:
    print(e)
