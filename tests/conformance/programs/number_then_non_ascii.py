import asyncio

# CPython's tokenizer ends a number at a character beyond ASCII (verify_end_of_number tests
# c < 128 before it says "invalid decimal literal"), so the parser sees 1 and then a name:
# "invalid syntax", as `1ifx` (only the 'f' after the 'i' is looked at) and `0x1fé` are.


async def main():
    await asyncio.sleep(0)
    print(1if True else 2)


x = 1é
asyncio.run(main())
