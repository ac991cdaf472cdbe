# divmod, pow, hex, oct, bin, ord and chr: the built-ins a lesson reaches for to split work into
# batches, number tasks, or label them with letters; with big ints and CPython's errors.
import asyncio


def attempt(function, args=(), kwargs={}):
    try:
        print(function.__name__, args, kwargs, "->", repr(function(*args, **kwargs)))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as e:
        print(function.__name__, args, kwargs, "->", type(e).__name__ + ":", e)


async def worker(n, sem):
    async with sem:
        batch, slot = divmod(n, 3)
        label = chr(ord("A") + n)
        print(f"task {label} batch {batch} slot {slot} id {hex(n * 37)} {oct(n)} {bin(n)}")
        await asyncio.sleep(pow(2, -n))


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(n, sem) for n in range(6)))


asyncio.run(main())

for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (7.5, 2), (-7.5, 2), (7, 0.5), (1e300, 1e-300), (-0.0, 1),
             (0.0, -1), (True, 2), (2**70, 3), (-(2**70), 7), (3, 2**70), (-3, 2**70), (2**70, -(2**65)),
             (-(2**63), -1), (10**400, 7), (1, 0), (1.0, 0), (2**70, 0), (10**400, 0.0), (10**400, 1.5), (1, "a"),
             ("a", 1), (None, 1), ([1], 2)]:
    attempt(divmod, (a, b))
attempt(divmod, (1,))
attempt(divmod, (1, 2, 3))
attempt(divmod, (), {'a': 1})
attempt(divmod, (1,), {'b': 2})

for args in [(2, 10), (2, 100), (-2, 63), (2, -1), (-2, -3), (0, 0), (0, -1), (2.0, 0.5), (4, 0.5), (10**400, 0.5),
             (2, 3, 5), (2, 100, 10**9 + 7), (-2, 101, 13), (2, 3, -5), (5, 0, 1), (2, -1, 7), (3, -1, -7),
             (3, -2, 10**20 + 39), (2**100, -1, 2**89 - 1), (2, -1, 4), (2, -1, 1), (0, -1, 1), (12, -1, 18),
             (2, 3, 0), (2.0, 3, 5), (2, 3, 5.0), (2, 3.0, 5), (2, 3, None), ("a", 2), (2, "a"), ("a", 2, 3),
             (2, "a", 3), (2, 3, "a"), (True, True, 3), (7, 10**30, 2**127 - 1), (-(10**30), 3, -(10**20) - 1)]:
    attempt(pow, args)
attempt(pow)
attempt(pow, (1,))
attempt(pow, (1, 2, 3, 4))
attempt(pow, (), {'base': 2, 'exp': 10})
attempt(pow, (2,), {'exp': 10, 'mod': 1000})
attempt(pow, (2, 3), {'mod': None})
attempt(pow, (2,), {'x': 3})
attempt(pow, (2, 3), {'x': 1})
attempt(pow, (2, 3), {'base': 1})
attempt(pow, (1, 2), {'mod': 3, 'x': 4})

for function in (hex, oct, bin):
    for n in (0, 1, 255, -255, 2**64, -(2**100) - 1, True, False, 2**63 - 1, -(2**63), 1.5, "7", None):
        attempt(function, (n,))
    attempt(function)
    attempt(function, (1, 2))
    attempt(function, (), {'x': 1})

for text in ("a", "Z", "é", "€", "😀", "", "ab", "\ud800", 1, None, ["a"]):
    attempt(ord, (text,))
attempt(ord)
attempt(ord, (), {'c': 'a'})
for n in (0, 65, 97, 233, 0x20AC, 0x1F600, 0x10FFFF, 0x110000, -1, 2**31, -(2**31) - 1, 2**63, 2**100, 1.5, "a",
          True, 0xD800, 0xDFFF, 10, 127, 160, 0xFFFE):
    attempt(chr, (n,))
attempt(chr)
attempt(chr, (), {'i': 65})
attempt(chr, (1, 2))
print("".join(chr(ord(c) + 1) for c in "HAL"), [ord(c) for c in "async"], hex(2**200), bin(-(2**70)), oct(8**30))
print(f"{divmod(2**70 + 5, 2**35)} {pow(3, 200, 2**64)} {pow(-3, 201)} {pow(2, 0.5)}")

# hash() of numbers is the same in every run of CPython (a str's is salted: the playground refuses it).
for value in (0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61), 2**64 + 3, -(2**200), True, False, 0.5, -0.5, 1.0,
              -1.0, 1e300, 1e-300, 2.0**70, float("inf"), float("-inf"), 3.14159, (), (1, 2), (1, (2.5, -1)), ((),)):
    attempt(hash, (value,))
for args in ([], ([1],), ((1, [2]),), (1, 2)):
    attempt(hash, args)
attempt(hash, (), {"obj": 1})
print(hash(7) == hash(7.0), hash(2**70) == hash(2.0**70), [hash((n, n * 0.5)) for n in range(3)] == [hash((0, 0.0)), hash((1, 0.5)), hash((2, 1.0))])
attempt(round, (), {"x": 1})
attempt(round, (2.5,), {"x": 1})
