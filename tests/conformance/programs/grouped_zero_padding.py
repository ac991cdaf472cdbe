# Zero padding with grouping (the zeros are grouped too: f"{-12:09,}" is '-0,000,012') and printf-style
# precision on ints ("%5.3d" % -7 is ' -007': digits padded to the precision, then the width).
values = [0, 7, -7, 12, -12, 1234567, -1234567, 2**70, -(2**70), True, 0.5, -1234.5, 1e20, -1.5e-7, 123456.789, float("inf"), float("nan")]
specs = ["09,", "09_", "012,", "0=10,", "x=10,", "+012,", " 011_", "010,.1f", "012,.2e", "015,g", "#012_x", "#012_b", "012_o", "1,", "03,", "04,", "05,", "06,", "07,", "08,", "<09,", "^09,", "010,.0f", "012,%", "012_d", "#014_X"]
for s in specs:
    row = []
    for v in values:
        try:
            row.append(format(v, s))
        except (ValueError, TypeError, OverflowError) as e:
            row.append(type(e).__name__)
    print(s, "|".join(row))
fmts = ["%5.3d", "%05.3d", "%-05.3d", "%#.4x", "%#08.4x", "%#08.4X", "%+5.3d", "% 5.3d", "%.0d", "%5.0d", "%.3o", "%#.3o", "%.3i", "%-+6.2d", "%#-9.3x", "%.10d", "%3.1x"]
for f in fmts:
    row = []
    for v in [0, 7, -7, 255, -255, True, 2**70, 7.9, -7.9]:
        try:
            row.append(f % v)
        except (ValueError, TypeError, OverflowError) as e:
            row.append(type(e).__name__ + str(e))
    print(f, "|".join(row))
