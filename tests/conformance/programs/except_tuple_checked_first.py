# Every class of an `except (...)` tuple is checked before any is matched (ceval's
# check_except_type_valid), so a bad one fails even after a class that matches; a tuple inside the
# tuple is not a class.
def check(types):
    try:
        try:
            raise KeyError("k")
        except types:
            print("caught by", types)
    except TypeError as e:
        print(type(e).__name__, e, "for", types)


check((KeyError, 5))
check((ValueError, (KeyError, TypeError)))
check((5, KeyError))
check(("KeyError",))
check((LookupError, Exception))
check(KeyError)
check(())
