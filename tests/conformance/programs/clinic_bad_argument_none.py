# Argument Clinic's TypeError for an argument of the wrong type (_PyArg_BadArgument) names None as
# "None", not by its type: "replace() argument 2 must be str, not None", as a learner meets it
# with a value that was never set. Other types are named by type ("not int").
new_name = None
tries = [
    ("replace(old, None)", lambda: "a-b".replace("-", new_name)),
    ("replace(None, new)", lambda: "a-b".replace(new_name, "+")),
    ("replace(old, 5)", lambda: "a-b".replace("-", 5)),
    ("format(3, None)", lambda: format(3, new_name)),
    ("format(3, 2)", lambda: format(3, 2)),
    ("find(None)", lambda: "abc".find(new_name)),
]
for text, call in tries:
    try:
        print(text, "->", repr(call()))
    except TypeError as e:
        print(text, "-> TypeError:", e)
