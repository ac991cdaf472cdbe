import asyncio
import random
from random import randint, choice as pick

random.seed(444)

sem = asyncio.Semaphore(2)


async def worker(n):
    delay = random.randint(1, 4)
    async with sem:
        print(f"Task {n} started, will take {delay} s")
        await asyncio.sleep(delay)
        print(f"Task {n} finished at {asyncio.get_running_loop().time() - start:.1f}")
    return delay


async def main():
    global start
    start = asyncio.get_running_loop().time()
    results = await asyncio.gather(*(worker(n) for n in range(1, 6)))
    print(results, sum(results))
    random.seed(42)
    print(random.random(), random.getrandbits(0), random.getrandbits(40), randint(1, 10), random.randrange(0, 100, 7))
    random.seed(5)
    print(random.uniform(1, 3), random.uniform(3, 1), random.uniform(2, 2), pick("abc"), pick(range(10, 20)), pick((1, 2)))
    items = list(range(10))
    random.shuffle(items)
    print(items, random.getrandbits(100), random.randrange(10**6), random.randrange(-5, 5), random.randrange(10, 0, -3))
    print(random.getrandbits(33), random.getrandbits(64), random.getrandbits(65), random.randrange(-2**63, 2**63 - 1))
    random.shuffle("a")
    random.shuffle([])
    for seed in [1.5, -7, True, 2**40 + 3, 0, 2**32, -2**63, float("inf")]:
        random.seed(seed)
        print(seed, random.random())
    random.seed(a=3)
    print(random.random(), random.randint(a=1, b=2), random.randrange(5, None, 1), random.randrange(5.0))
    random.seed(3, version=1)
    print(random.random())
    print(sorted(random.choice([1, 2, 3]) for _ in range(20)))
    d = {0: "zero", 1: "one"}
    print(random.choice(d))
    print(callable(random.randint), random.randint.__name__, random.__name__)
    for f, args in [("randint", (1,)), ("randint", (1, 2, 3)), ("random", (1,)), ("getrandbits", (-1,)),
                    ("randrange", (5, 2)), ("randrange", (0,)), ("randrange", (0, 10, 0)), ("randrange", (1.5,)),
                    ("randrange", ("5",)), ("choice", ([],)), ("shuffle", ((1, 2),)), ("uniform", (1,)),
                    ("seed", ([1],)), ("randrange", (None,)), ("getrandbits", ()), ("getrandbits", (1, 2)),
                    ("getrandbits", (1.5,)), ("random", (1, 2)), ("randrange", ()), ("shuffle", ()), ("choice", (5,)),
                    ("uniform", ("a", 1)), ("randint", (1, "x")), ("randint", ()), ("randrange", (1, 2, 3, 4)),
                    ("choice", ("",)), ("randrange", (1, 2.5)), ("randrange", (1, 5, 1.5)), 
                    ("randrange", (10, 0)), ("randrange", (0, 10, -1)), ("shuffle", (5,)), ("choice", ({1: 2},)),
                    ("randint", (2.5, 3)), ("randint", ("x", 3)), ("seed", (1, 2, 3))]:
        try:
            getattr(random, f)(*args)
        except Exception as e:
            print(f, type(e).__name__, e)
    for call in [lambda: random.randint(a=1, b=2, c=3), lambda: random.getrandbits(k=3), lambda: random.random(x=1),
                 lambda: random.randint(1, a=2), lambda: random.randrange(*5)]:
        try:
            call()
        except Exception as e:
            print(type(e).__name__, e)


asyncio.run(main())
