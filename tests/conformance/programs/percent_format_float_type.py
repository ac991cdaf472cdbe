import asyncio

# '%f' % 'x' fails in formatfloat's PyFloat_AsDouble ("must be real number, not str"), while
# '%d' and '%x' fail in mainformatlong with the conversion named: CPython 3.11's three wordings.


async def main():
    await asyncio.sleep(0)
    for conversion in "diuxXoeEfFgG":
        for value in ["x", [1], None]:
            try:
                print(("%" + conversion) % value)
            except TypeError as e:
                print(conversion, type(e).__name__, e)
    print("%.2f %e %g" % (1, True, 2.5), "%5.1f|" % 3, "%(v)f" % {"v": 2})
    try:
        print("%(v).1f" % {"v": "text"})
    except TypeError as e:
        print("keyed:", e)


asyncio.run(main())
