# Exception chaining: __context__ (raised while handling another), __cause__ (raise ... from),
# `from None`, a bare raise (no new traceback line), and the chained traceback of an uncaught one.
import asyncio

async def fetch(n):
    await asyncio.sleep(n)
    if n == 2:
        raise KeyError(n)
    return n

async def main():
    try:
        await fetch(2)
    except KeyError as e:
        print("context:", repr(e.__context__), repr(e.__cause__), e.__suppress_context__)
        try:
            raise ValueError("wrapped") from e
        except ValueError as v:
            print("cause:", repr(v.__cause__), v.__suppress_context__, repr(v.__context__))
        try:
            raise RuntimeError("quiet") from None
        except RuntimeError as r:
            print("none:", repr(r.__cause__), r.__suppress_context__, repr(r.__context__))
        try:
            {}["x"]
        except KeyError as k:
            print("implicit:", repr(k.__context__), k.__cause__)
    try:
        raise ValueError("x") from 5
    except TypeError as t:
        print(t, repr(t.__context__))
    try:
        raise ValueError("cls") from KeyError
    except ValueError as v:
        print(repr(v.__cause__))
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise
    except ZeroDivisionError as z:
        print("bare raise:", z.__context__)
    try:
        await fetch(2)
    except KeyError:
        await asyncio.gather(fetch(1), fetch(2))

asyncio.run(main())
