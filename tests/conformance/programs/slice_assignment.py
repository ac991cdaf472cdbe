# Assigning to a slice of a list: any length for a simple slice, the same length for an extended one,
# with CPython's errors (it said 'list assignment indices must be integers or slices, not slice').
for code in range(13):
    try:
        x = [0, 1, 2, 3, 4]
        if code == 0:
            x[1:3] = [9, 9, 9]
        if code == 1:
            x[::2] = [7, 7, 7]
        if code == 2:
            x[::2] = [7]
        if code == 3:
            x[1:2] = 5
        if code == 4:
            x[::2] = 5
        if code == 5:
            x[5:] = "ab"
        if code == 6:
            x[:] = x
        if code == 7:
            x[3:0:-1] = ["a", "b", "c"]
        if code == 8:
            x[1:1] = range(2)
        if code == 9:
            x[-10:2] = []
        if code == 10:
            x[::0] = []
        if code == 11:
            x[4:1] = (5, 6)
        if code == 12:
            x[1:3] = {"k": 1}
        print(code, x)
    except (TypeError, ValueError) as e:
        print(code, type(e).__name__, e)
