# isinstance()'s second argument: a type or a tuple of them, nested tuples too, searched in order
# (object_recursive_isinstance): the first match wins, an item that is no type raises when reached.
print(isinstance(1, (str, (int, float))), isinstance(1, (str, (float, (int,)))), isinstance("a", ((), str)))
print(isinstance(True, ((str,), (float, int))), isinstance(1.5, ()), isinstance(1, (int, "not a type")))
for second in [(str, [int]), [int], "int", ("x", int), (str, (float, None))]:
    try:
        print(isinstance(1, second))
    except TypeError as e:
        print("TypeError:", e)
