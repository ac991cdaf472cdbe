# `in` a range: an int (or a bool) is arithmetic; anything else is compared with each item (==).
print(2.0 in range(3), 2.5 in range(3), "a" in range(3), [1] in range(3), None in range(3), True in range(2), False in range(1, 3))
print(4.0 in range(0, 10, 2), 5.0 in range(0, 10, 2), -1.0 in range(0, -5, -1), 10**20 in range(10**21), float("nan") in range(3))
print(2.0 not in range(3), 3.0 not in range(3), (1,) in range(3))
