import asyncio

# upper/lower/title/capitalize/swapcase and the is...() tests on European text and emoji.
words = ["café", "straße", "Ærøskøbing", "ΟΔΟΣ ΑΘΗΝΑ", "привет МИР", "naïve élan", "😀 smile", "İstanbul"]


async def shout(word, i):
    await asyncio.sleep(i / 10)
    return f"{word.upper()} | {word.lower()} | {word.title()} | {word.capitalize()} | {word.swapcase()}"


async def main():
    for line in await asyncio.gather(*(shout(w, i) for i, w in enumerate(words))):
        print(line)
    for w in ["é", "É", "😀", "中文", "ÀB", "àb", "x2", "Ω", "ß"]:
        print(w, w.isalpha(), w.isupper(), w.islower(), w.isalnum(), w.isdigit())


asyncio.run(main())
