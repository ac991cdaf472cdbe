# Nested functions and closures: a worker defined inside main() sharing its semaphore and list,
# late binding of a loop variable, a counter in an enclosing scope, three levels of nesting, and a
# free variable read before it is assigned (NameError).
import asyncio

def make_counter(start):
    count = [start]
    def step(by=1):
        count[0] += by
        return count[0]
    return step

async def main():
    sem = asyncio.Semaphore(2)
    done = []

    async def worker(n):
        async with sem:
            print(f"worker {n} holds {2 - sem._value if False else 'a permit'}")
            await asyncio.sleep(1)
            done.append(n)

    await asyncio.gather(*(worker(i) for i in range(4)))
    print("done", done)
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    print([g() for g in fs])
    c = make_counter(10)
    print(c(), c(5))

    def outer():
        x = 1
        def middle():
            def inner():
                return x + 1
            return inner()
        return middle()
    print(outer())

    def late():
        return later
    try:
        late()
    except NameError as e:
        print("NameError:", e)
    later = 5
    print(late())

asyncio.run(main())
