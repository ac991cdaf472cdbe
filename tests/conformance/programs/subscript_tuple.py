# Subscripts with commas are a tuple (CPython's `slices` rule): grid[r, c] is grid[(r, c)], a
# trailing comma makes a 1-tuple, and a starred item unpacks into it (3.11). The playground took
# them for a SyntaxError.
grid = {}
for r in range(2):
    for c in range(3):
        grid[r, c] = r * 10 + c
print(grid[1, 2], grid[0, 0])
grid[1, 1] += 100
print(grid[1, 1])
point = (0, 2)
print(grid[*point])
single = {(7,): "seven"}
print(single[7,])
try:
    print(grid[5, 5])
except KeyError as e:
    print("KeyError", e)
