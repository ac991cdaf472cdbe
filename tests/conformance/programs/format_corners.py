# Format corners against CPython 3.11: the - sign option with zero padding and grouping, %c with
# flags (ignored but for - and the width), format(..., "c") checking the spec before the int, and
# the error of a replacement field the string ends in (in its name, after "!", in its spec).
for f in ['{0[}', '{0[', '{0[1}', '{a[', '{0.}', '{0!}', '{0!r', '{0:', '{', '{0', '{0[1]x}', '{[}', 'x{', '{}{']:
    try:
        print(repr(f), repr(f.format([1, 2], a=[1])))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
for spec in ['+c', '#c', ',c', '=c', '0c', '05c', '-012,', '-#012_x', '+012,', ' 012,', '012,', '-012_']:
    for v in [65, 10**20, 1234, -1234]:
        try:
            print(spec, v, repr(format(v, spec)))
        except Exception as e:
            print(spec, v, type(e).__name__, e)
for f in ['%+c', '%.2c', '%05c', '%-5c|', '%5c|', '% c', '%#c', '%+5c|', '%.0c', '%c']:
    for v in [65, 'é', 0x10FFFF, -1, 0x110000, 2**70, 1.5, True]:
        try:
            print(repr(f), repr(f % v))
        except Exception as e:
            print(repr(f), v, type(e).__name__, e)
for f in ['{0[}', '{0[', '{[', '{0[1]', '{0[1]:', '{0[1]!', '{0:{', '{0:{1}', '{0:{}', '{0!r:', '{0!', '{!}', '{:',
          '{0:x', '{0:}}', '{0:{{', '{ab', '{0.a', '{0]', '{0]}', '{0[]}', '{0[1]]}', '{0:[', '{0!r[}', '{{', '}',
          '{0}}', '{0}{', '{0!r[', '{0!rx', '{0!r}x', '{0[1:', '{0[!', '{0:>{1}']:
    try:
        print(repr(f), repr(f.format([1, 2], a=[1])))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
for f in ['{0!}}', '{0:!}', '{0!r:!}', '{0[!]}', '{0[:]}', '{0:[}', '{0!r:>{1}}', '{0!s:{1}{2}}', '{0:{1}}{', '{x[a:b]}']:
    try:
        print(repr(f), repr(f.format({'!': 5, ':': 6}, 7, 8, x={'a:b': 9})))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
