# `except T as e:` deletes e when the handler ends, however it ends (CPython compiles the handler
# as `try: body finally: e = None; del e`): after it, e is a NameError at module level, an
# UnboundLocalError in a function, and a closure over it finds it gone.
import asyncio

try:
    raise ValueError("x")
except ValueError as e:
    saved = e
print(repr(saved))
try:
    print(e)
except NameError as err:
    print("NameError:", err)
e = 5
try:
    raise KeyError(1)
except KeyError as e:
    pass
print("e" in globals() if False else "after second handler")
try:
    print(e)
except NameError as err:
    print("NameError:", err)


def in_function(n):
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError as problem:
            if i == n:
                break
            continue
    try:
        return problem
    except UnboundLocalError as err:
        return "UnboundLocalError: " + str(err)


def returns_from_handler():
    try:
        {}["k"]
    except KeyError as missing:
        return repr(missing)


def closure():
    try:
        raise RuntimeError("r")
    except RuntimeError as caught:
        def show():
            return caught
        first = show()
    try:
        return first, show()
    except NameError as err:
        return first, "NameError: " + str(err)


def leaves_with_exception():
    try:
        try:
            raise ValueError("inner")
        except ValueError as inner:
            raise KeyError("from handler")
    except KeyError:
        pass
    return inner


print(in_function(1), in_function(9))
print(returns_from_handler())
print(closure())


async def main():
    try:
        await asyncio.sleep(0.1)
        raise TimeoutError("slow")
    except TimeoutError as late:
        await asyncio.sleep(0.1)
        print("handled", repr(late), asyncio.get_running_loop().time())
    print(leaves_with_exception())


asyncio.run(main())
