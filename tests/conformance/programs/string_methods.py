import asyncio

# str.format and format(), and the str methods lessons and exercises reach for.
template = "Task {} finished after {:.1f}s"
print(template.format(3, 1.25), "{0}-{1}-{0}".format("a", "b"), "{name:>6}|{n:03d}".format(name="Bob", n=7))
print("{[1]} {d[k]} {:{}}|{:>{w}.{p}f}|{{x}} {!r:>5}".format([5, 6], 7, 4, 3.14159, "s", d={"k": 9}, w=8, p=2))
print(format(3.14159, ".2f"), format(42, "05"), format("ab", "^6") + "|", format(255, "#x"), format(1.5))
for bad in ["{} {}", "{0} {}", "{", "}", "{a}", "{!x}"]:
    try:
        print(bad.format(1))
    except (IndexError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print("hello world".title(), "it's a dog's life".title(), "hELLO".capitalize(), "Hi".swapcase())
print("123".isdigit(), "12a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalnum(), " \t".isspace())
print("ABC1".isupper(), "abc1".islower(), "123".isupper(), "42".zfill(5), "-42".zfill(5))
print("hello".rfind("l"), "hello".rfind("z"), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1), "a b c".split(maxsplit=1))
print("  a b  c d  ".split(None, 2), "  a b  c d  ".rsplit(None, 2), "a,b".split(sep=","))
print("report.txt".endswith((".txt", ".md")), "abc".startswith(("x", "a")), "abc".endswith(("x", "y")))


async def worker(n):
    await asyncio.sleep(n / 2)
    return "worker {} done at {:.2f}".format(n, asyncio.get_running_loop().time())


async def main():
    for line in await asyncio.gather(*(worker(n) for n in range(1, 4))):
        print(line.upper().split(" AT ")[0].title(), "|", line.rsplit(" ", 1)[1])


asyncio.run(main())
