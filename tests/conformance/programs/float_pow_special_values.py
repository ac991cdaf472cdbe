# float_pow's special cases: an infinite or NaN exponent or base is settled first.
inf, nan = float("inf"), float("nan")
for a in [0, 0.0, -0.0, 1, -1, 0.5, -0.5, 2, -2, inf, -inf, nan]:
    row = []
    for b in [inf, -inf, nan, 0.5, -0.5, 3.0, -3.0, 0, 2]:
        if a in (-1, -0.5, -2) and b in (0.5, -0.5):
            continue  # a complex result
        try:
            row.append(repr(a ** b))
        except Exception as e:
            row.append(type(e).__name__)
    print(repr(a), " ".join(row))
print(pow(-inf, 0.5), pow(0, -inf), (-8.0) ** nan, nan ** 0, 1 ** nan, (-1) ** inf)
