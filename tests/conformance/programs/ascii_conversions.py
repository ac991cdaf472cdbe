# !a and %a are ascii(): repr() with every character beyond ASCII escaped, not repr() itself.
import asyncio

async def greet(name):
    await asyncio.sleep(0.1)
    print("%s / %r / %a" % (name, name, name))
    print(f"{name!a:>14}|", "{0!a}|{0!r}".format(name))
    return name

async def main():
    names = await asyncio.gather(greet("José"), greet("Zoë"), greet("日本"), greet("plain"))
    print(ascii(names), ascii({"emoji": "\U0001F600", "tab": "a\tb"}), ascii(3.5), ascii(None))
    print("%-8a|%8a|" % ("é", "é"))
    try:
        ascii()
    except TypeError as e:
        print("TypeError:", e)

asyncio.run(main())
