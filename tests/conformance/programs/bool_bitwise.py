# bool's &, | and ^ (bool_and, bool_or, bool_xor in Objects/boolobject.c) give a bool when both
# operands are bools; with an int on either side they are int's.
print(True ^ True, True ^ False, False ^ False, False ^ True)
print(True & True, True & False, False | False, True | False)
print(True & 1, 1 | False, True ^ 1, 0 ^ True, ~True, -False)
x = True
x ^= True
print(x, type(x).__name__)
y = False
y |= True
y &= True
print(y, type(y).__name__)
flags = [True, False, True]
parity = False
for f in flags:
    parity ^= f
print("parity", parity)
