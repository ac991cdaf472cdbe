# Keyword arguments of the built-ins, as CPython takes and refuses them: int(s, base=2), round(number=..., ndigits=...),
# enumerate(iterable=..., start=...), str(object=...), sum(start=...), zip(strict=True) with its ValueErrors; "X() takes no
# keyword arguments" for len, range, abs, float, list...; "'k' is an invalid keyword argument for X()" for the others.
import asyncio

try:
    print("int('10', base=2)", '->', repr(int('10', base=2)))
except (TypeError, ValueError) as e:
    print("int('10', base=2)", '!!', type(e).__name__, e)
try:
    print("int('ff', base=16) + 1", '->', repr(int('ff', base=16) + 1))
except (TypeError, ValueError) as e:
    print("int('ff', base=16) + 1", '!!', type(e).__name__, e)
try:
    print("int(x='5')", '->', repr(int(x='5')))
except (TypeError, ValueError) as e:
    print("int(x='5')", '!!', type(e).__name__, e)
try:
    print("int('5', foo=1)", '->', repr(int('5', foo=1)))
except (TypeError, ValueError) as e:
    print("int('5', foo=1)", '!!', type(e).__name__, e)
try:
    print("int('1', base=10, x=1)", '->', repr(int('1', base=10, x=1)))
except (TypeError, ValueError) as e:
    print("int('1', base=10, x=1)", '!!', type(e).__name__, e)
try:
    print('round(number=2.5)', '->', repr(round(number=2.5)))
except (TypeError, ValueError) as e:
    print('round(number=2.5)', '!!', type(e).__name__, e)
try:
    print('round(2.567, ndigits=2)', '->', repr(round(2.567, ndigits=2)))
except (TypeError, ValueError) as e:
    print('round(2.567, ndigits=2)', '!!', type(e).__name__, e)
try:
    print('round(number=2.567, ndigits=1)', '->', repr(round(number=2.567, ndigits=1)))
except (TypeError, ValueError) as e:
    print('round(number=2.567, ndigits=1)', '!!', type(e).__name__, e)
try:
    print('round(2.5, foo=1)', '->', repr(round(2.5, foo=1)))
except (TypeError, ValueError) as e:
    print('round(2.5, foo=1)', '!!', type(e).__name__, e)
try:
    print('round(2.5, number=3)', '->', repr(round(2.5, number=3)))
except (TypeError, ValueError) as e:
    print('round(2.5, number=3)', '!!', type(e).__name__, e)
try:
    print('range(stop=5)', '->', repr(range(stop=5)))
except (TypeError, ValueError) as e:
    print('range(stop=5)', '!!', type(e).__name__, e)
try:
    print('len(obj=[1])', '->', repr(len(obj=[1])))
except (TypeError, ValueError) as e:
    print('len(obj=[1])', '!!', type(e).__name__, e)
try:
    print('repr(obj=1)', '->', repr(repr(obj=1)))
except (TypeError, ValueError) as e:
    print('repr(obj=1)', '!!', type(e).__name__, e)
try:
    print("format(1, format_spec='')", '->', repr(format(1, format_spec='')))
except (TypeError, ValueError) as e:
    print("format(1, format_spec='')", '!!', type(e).__name__, e)
try:
    print('abs(x=-1)', '->', repr(abs(x=-1)))
except (TypeError, ValueError) as e:
    print('abs(x=-1)', '!!', type(e).__name__, e)
try:
    print('isinstance(obj=1, class_or_tuple=int)', '->', repr(isinstance(obj=1, class_or_tuple=int)))
except (TypeError, ValueError) as e:
    print('isinstance(obj=1, class_or_tuple=int)', '!!', type(e).__name__, e)
try:
    print('any(iterable=[1])', '->', repr(any(iterable=[1])))
except (TypeError, ValueError) as e:
    print('any(iterable=[1])', '!!', type(e).__name__, e)
try:
    print('all([1], x=1)', '->', repr(all([1], x=1)))
except (TypeError, ValueError) as e:
    print('all([1], x=1)', '!!', type(e).__name__, e)
try:
    print('reversed(sequence=[1])', '->', repr(reversed(sequence=[1])))
except (TypeError, ValueError) as e:
    print('reversed(sequence=[1])', '!!', type(e).__name__, e)
try:
    print("float(x='1.5')", '->', repr(float(x='1.5')))
except (TypeError, ValueError) as e:
    print("float(x='1.5')", '!!', type(e).__name__, e)
try:
    print('bool(x=1)', '->', repr(bool(x=1)))
except (TypeError, ValueError) as e:
    print('bool(x=1)', '!!', type(e).__name__, e)
try:
    print('list(iterable=[1])', '->', repr(list(iterable=[1])))
except (TypeError, ValueError) as e:
    print('list(iterable=[1])', '!!', type(e).__name__, e)
try:
    print('tuple(iterable=[1])', '->', repr(tuple(iterable=[1])))
except (TypeError, ValueError) as e:
    print('tuple(iterable=[1])', '!!', type(e).__name__, e)
try:
    print('str(object=5)', '->', repr(str(object=5)))
except (TypeError, ValueError) as e:
    print('str(object=5)', '!!', type(e).__name__, e)
try:
    print('str(foo=1)', '->', repr(str(foo=1)))
except (TypeError, ValueError) as e:
    print('str(foo=1)', '!!', type(e).__name__, e)
try:
    print('sum([1, 2], start=10)', '->', repr(sum([1, 2], start=10)))
except (TypeError, ValueError) as e:
    print('sum([1, 2], start=10)', '!!', type(e).__name__, e)
try:
    print('sum([1], foo=1)', '->', repr(sum([1], foo=1)))
except (TypeError, ValueError) as e:
    print('sum([1], foo=1)', '!!', type(e).__name__, e)
try:
    print("list(enumerate(iterable=['a'], start=5))", '->', repr(list(enumerate(iterable=['a'], start=5))))
except (TypeError, ValueError) as e:
    print("list(enumerate(iterable=['a'], start=5))", '!!', type(e).__name__, e)
try:
    print("list(enumerate(['a'], foo=2))", '->', repr(list(enumerate(['a'], foo=2))))
except (TypeError, ValueError) as e:
    print("list(enumerate(['a'], foo=2))", '!!', type(e).__name__, e)
try:
    print('list(zip([1, 2], [3, 4], strict=True))', '->', repr(list(zip([1, 2], [3, 4], strict=True))))
except (TypeError, ValueError) as e:
    print('list(zip([1, 2], [3, 4], strict=True))', '!!', type(e).__name__, e)
try:
    print('list(zip([1, 2], [3], strict=True))', '->', repr(list(zip([1, 2], [3], strict=True))))
except (TypeError, ValueError) as e:
    print('list(zip([1, 2], [3], strict=True))', '!!', type(e).__name__, e)
try:
    print('list(zip([1], [3, 4], strict=True))', '->', repr(list(zip([1], [3, 4], strict=True))))
except (TypeError, ValueError) as e:
    print('list(zip([1], [3, 4], strict=True))', '!!', type(e).__name__, e)
try:
    print('list(zip([1, 2], [3, 4], [5], strict=True))', '->', repr(list(zip([1, 2], [3, 4], [5], strict=True))))
except (TypeError, ValueError) as e:
    print('list(zip([1, 2], [3, 4], [5], strict=True))', '!!', type(e).__name__, e)
try:
    print('list(zip([1], [2], [3, 4], strict=True))', '->', repr(list(zip([1], [2], [3, 4], strict=True))))
except (TypeError, ValueError) as e:
    print('list(zip([1], [2], [3, 4], strict=True))', '!!', type(e).__name__, e)
try:
    print('list(zip([1], [2], strict=False))', '->', repr(list(zip([1], [2], strict=False))))
except (TypeError, ValueError) as e:
    print('list(zip([1], [2], strict=False))', '!!', type(e).__name__, e)
try:
    print('list(zip([1], foo=1))', '->', repr(list(zip([1], foo=1))))
except (TypeError, ValueError) as e:
    print('list(zip([1], foo=1))', '!!', type(e).__name__, e)
try:
    print('max(1, 2, default=0)', '->', repr(max(1, 2, default=0)))
except (TypeError, ValueError) as e:
    print('max(1, 2, default=0)', '!!', type(e).__name__, e)
try:
    print("min([], default='none')", '->', repr(min([], default='none')))
except (TypeError, ValueError) as e:
    print("min([], default='none')", '!!', type(e).__name__, e)
try:
    print('max([3, 1], key=abs, default=0)', '->', repr(max([3, 1], key=abs, default=0)))
except (TypeError, ValueError) as e:
    print('max([3, 1], key=abs, default=0)', '!!', type(e).__name__, e)
try:
    print('sorted([1], foo=1)', '->', repr(sorted([1], foo=1)))
except (TypeError, ValueError) as e:
    print('sorted([1], foo=1)', '!!', type(e).__name__, e)
try:
    print("print('a', 'b', sep='-', end='|\\n')", '->', repr(print('a', 'b', sep='-', end='|\n')))
except (TypeError, ValueError) as e:
    print("print('a', 'b', sep='-', end='|\\n')", '!!', type(e).__name__, e)
try:
    print('print(1, foo=2)', '->', repr(print(1, foo=2)))
except (TypeError, ValueError) as e:
    print('print(1, foo=2)', '!!', type(e).__name__, e)
try:
    print('dict(a=1, b=2)', '->', repr(dict(a=1, b=2)))
except (TypeError, ValueError) as e:
    print('dict(a=1, b=2)', '!!', type(e).__name__, e)


async def main():
    await asyncio.sleep(0.1)
    for t in range(6):
        try:
            if t == 0:
                asyncio.Semaphore(1, 2)
            elif t == 1:
                asyncio.BoundedSemaphore(1, value=2)
            elif t == 2:
                asyncio.Semaphore(x=1)
            elif t == 3:
                print(asyncio.BoundedSemaphore(value=2)._value)
            elif t == 4:
                int(base=2)
            else:
                "a,b".split(",", foo=1)
        except TypeError as e:
            print(e)
    print(list(zip(['a', 'b'], [1, 2, 3], strict=True)))


asyncio.run(main())
