# range() and enumerate() past 64 bits (ints are of any size), range slicing, len() of a range too
# long for 64 bits (OverflowError).
big = 10**20
r = range(big, big + 3)
print(r, list(r), len(r), bool(r), big + 1 in r, big + 3 in r, 5 in r, r[1], r[-1], r[::-1], r[1:], r[5:])
print(range(big) == range(0, big), range(0, 1, 1) == range(0, 1, 2), range(2, 2) == range(5, 1), range(big, 0) == range(0))
for i, v in enumerate(range(big, big + 2)):
    print(i, v)
for i, v in enumerate("ab", 2**63 - 1):
    print(i, v)
for i, v in enumerate("ab", -(2**70)):
    print(i, v)
print(len(range(10**18)), list(range(-5, 5, 3)), range(10)[2:8:2], range(10)[::-1], range(10)[-3:], range(0, 10, 3)[1:10**30])
print(len(range(-2**63, 2**63 - 1, 2**62)), list(range(2**63 - 2, 2**63 + 1)), list(range(-2**63 + 1, -2**63 - 2, -1)))
try:
    print('len(range(10**30))', len(range(10**30)))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('len(range(10**30))', type(e).__name__, e)
try:
    print('len(range(-2**63, 2**63 - 1))', len(range(-2**63, 2**63 - 1)))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('len(range(-2**63, 2**63 - 1))', type(e).__name__, e)
try:
    print('range(10**30)[5]', range(10**30)[5])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(10**30)[5]', type(e).__name__, e)
try:
    print('range(0, 10**30, 7)[-1]', range(0, 10**30, 7)[-1])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(0, 10**30, 7)[-1]', type(e).__name__, e)
try:
    print('range(10**30)[10**30]', range(10**30)[10**30])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(10**30)[10**30]', type(e).__name__, e)
try:
    print("range(3)['a']", range(3)['a'])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print("range(3)['a']", type(e).__name__, e)
try:
    print('range(1.5)', range(1.5))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(1.5)', type(e).__name__, e)
try:
    print('range(0, 10**20, 0)', range(0, 10**20, 0))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(0, 10**20, 0)', type(e).__name__, e)
try:
    print('range(5)[::0]', range(5)[::0])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(5)[::0]', type(e).__name__, e)
try:
    print("range(5)[:'x']", range(5)[:'x'])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print("range(5)[:'x']", type(e).__name__, e)
try:
    print('(10**25) in range(0, 10**30, 5)', (10**25) in range(0, 10**30, 5))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('(10**25) in range(0, 10**30, 5)', type(e).__name__, e)
try:
    print('(10**25 + 1) in range(0, 10**30, 5)', (10**25 + 1) in range(0, 10**30, 5))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('(10**25 + 1) in range(0, 10**30, 5)', type(e).__name__, e)
try:
    print('list(range(big + 3, big, -1))', list(range(big + 3, big, -1)))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('list(range(big + 3, big, -1))', type(e).__name__, e)
try:
    print('range(big)[-1]', range(big)[-1])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(big)[-1]', type(e).__name__, e)
try:
    print('sum(range(big, big + 4))', sum(range(big, big + 4)))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('sum(range(big, big + 4))', type(e).__name__, e)
try:
    print('list(reversed(range(big, big + 2)))', list(reversed(range(big, big + 2))))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('list(reversed(range(big, big + 2)))', type(e).__name__, e)
try:
    print('range(-big, big, big // 3)', range(-big, big, big // 3))
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(-big, big, big // 3)', type(e).__name__, e)
try:
    print('range(big)[big // 2:]', range(big)[big // 2:])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(big)[big // 2:]', type(e).__name__, e)
try:
    print('range(2**64)[-2**64]', range(2**64)[-2**64])
except (OverflowError, IndexError, TypeError, ValueError) as e:
    print('range(2**64)[-2**64]', type(e).__name__, e)
