# '#' with a float and no type (repr's digits, or 'g' with a precision): Py_DTSF_ALT shows the point
# always, before an exponent too (1.e+21), and keeps the trailing zeros (1.00e+02).
for v in [1e21, 1e-7, 1e16, 100.0, 0.5, 3.0, 1234.5, 12.0, 0.0, -0.0, float("inf"), 1.5e300, 123456789.0, 0.0001]:
    print(repr(v), [format(v, s) for s in ["#", "#.3", "#.1", "#.0", "#g", "#.3g", "#e", "#.0e", "#f", "#.0f", "#%", "#.0%", "#10", "#,", "#n", "#.2n"]])
