# printf-style with a mapping: a '%(key)s' takes its value as the arguments (PyUnicode_Format sets
# ctx.args to it, with one use left), so a plain '%s' after it has none: "not enough arguments".
# A plain '%s' before any key takes the whole mapping.
def show(fmt, args):
    try:
        print(repr(fmt % args))
    except TypeError as e:
        print(fmt, "TypeError:", e)


show("%s %(a)s", {"a": 1})
show("%(a)s %s", {"a": 1})
show("%(a)s %(a)s", {"a": 1})
show("%s %(a)s %s", {"a": 1})
show("%(a)s %*d", {"a": 1})
