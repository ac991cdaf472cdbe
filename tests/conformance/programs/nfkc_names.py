# Names beyond ASCII are one name with their NFKC form, as CPython's parser reads them.
import asyncio

ﬁx = 1
print(fix)
ｘ = 2
print(x, ｘ)
café = "decomposed"
print(café)
𝐱𝐲 = "bold"
print(xy)
한 = "jamo"
print(한)


def ℌ(ｎ=3):
    return n * 2


print(H(), ℌ(n=4), H.__name__)


async def ｔａｓｋ(n):
    await asyncio.ｓｌｅｅｐ(n)
    print(f"task {n} at {asyncio.get_running_loop().time()}")
    return n


async def main():
    sem = asyncio.Semaphore(1)
    async with sem:
        print(await asyncio.gather(task(1), ｔａｓｋ(2)))
    try:
        print(ﬂow)
    except NameError as e:
        print(e)


asyncio.run(main())
