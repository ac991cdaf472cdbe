# nonlocal with no enclosing binding: a SyntaxError, as CPython reports it.
def f():
    def g():
        nonlocal zz
        zz = 1
    return g
