# Backslash line continuations, as CPython 3.11 joins them: inside expressions, after a block
# opener, and alone on an indented line (the first physical line's indentation counts; a line that
# is blank once continued is blank).
import asyncio

total = 1 + \
    2 + \
        3
print(total)
  \

if total > 5:
    \
    label = "big"
    print(label)

async def main():
    await asyncio.sleep(1) ; \
        print("slept", \
              asyncio.get_running_loop().time())
    s = "one \
two"
    print(s)

asyncio.run(main())
