# sort's reverse= is an int (_PyLong_AsInt), read before the keys are made.
def noisy(v):
    print("key of", v)
    return v
for r in [None, 1.5, "x", 2, 0, True, [], 10**30, -1, 2**40, -2**31]:
    try:
        print(sorted([2, 1], key=noisy, reverse=r))
    except Exception as e:
        print(type(e).__name__, e)
    a = [2, 3, 1]
    try:
        a.sort(reverse=r)
        print(a)
    except Exception as e:
        print(type(e).__name__, e)
