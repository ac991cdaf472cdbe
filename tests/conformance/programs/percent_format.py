import asyncio

# printf-style % formatting, as older tutorials write it.
print("%s is %d years" % ("Bob", 7), "%5.2f|%-5d|%05d" % (3.14159, 42, 7), "%r %s" % ("a", "a"))
print("%x %o %e %#x %#o %X" % (255, 8, 12345.678, 255, 8, 255), "%d%%" % 50, "%d %d" % (2.9, -2.9))
print("%(name)s scored %(score)05.1f" % {"name": "Ann", "score": 92.25}, "%c%c" % (65, "b"), "%.3s|%-8.3s|" % ("abcdef", "xyz1"))
print("%+d % d %g %g %.3d %10s| %-10s|" % (5, 5, 0.00001, 1e16, 7, "hi", "hi"))
# '*' takes the width or the precision from the arguments (a table whose columns are computed).
print("%*d|%-*d|%*s|%.*f|%*.*f|%.*s|" % (5, 3, 4, 3, -4, "ab", 2, 3.14159, 8, 3, 2.5, -1, "xyz"))
for bad in ["%*d", "%.*f", "%*s"]:
    try:
        print(bad % ("3", 1))
    except TypeError as e:
        print(type(e).__name__, e)
for bad in ["%z", "%x", "%s %s", "%*d"]:
    try:
        print(bad % 2.5)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
# Only "%%" itself is a literal '%': with a width, flags or a key it is a conversion that takes an
# argument (or finds none) and is then unsupported.
for bad, args in [("%5%", ()), ("%5%", (1,)), ("%-5%|", ()), ("%.3%", ()), ("%*%", (3,)), ("% %", 2),
                  ("%(a)%", {"a": 1}), ("100%% of %s", ("it",)),
                  # What has __getitem__ but is no tuple or str (a dict, a list, a range) serves
                  # "%(key)s", and may go unused.
                  ("ab", range(3)), ("%s", range(3)), ("%(a)s", [1]), ("%(a)s", range(2)), ("x", [1, 2]),
                  ("%(0)s", "ab"), ("ab", {}.keys())]:
    try:
        print(bad % args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


async def task(n):
    await asyncio.sleep(n * 0.25)
    print("task %d finished at %.2f s (%3d%%)" % (n, asyncio.get_running_loop().time(), n * 25))


async def main():
    await asyncio.gather(*(task(n) for n in range(1, 5)))


asyncio.run(main())
