# Subscripting a type without __class_getitem__ is type_getitem's TypeError, naming the type.
import asyncio

CASES = [lambda: int[0], lambda: str[0], lambda: len[0], lambda: type(1)[0], lambda: Exception[0],
         lambda: ValueError["x"], lambda: float[1:2], lambda: bool[0], lambda: asyncio.Semaphore[int],
         lambda: asyncio.Lock[0], lambda: range[3], lambda: print[0]]


async def main():
    for case in CASES:
        try:
            case()
        except TypeError as e:
            print(e)


asyncio.run(main())
