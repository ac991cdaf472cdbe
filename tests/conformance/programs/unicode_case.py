# str's case methods and character classes beyond ASCII, as CPython 3.11 (Unicode 14) has them:
# Vietnamese, Latin Extended, Armenian, Georgian, Cherokee, Deseret, ligatures, title-case digraphs,
# Greek with accents and final sigma, German and Turkish special cases.
words = [
    "Nguyễn Thị Ánh", "ǅemal ǈuba ǋenan", "ﬁsh ﬂour ﬀ", "ʃə ŋ ɛ", "Ǆ ǆ Ǉ ǉ",
    "Ἀθῆναι ᾳ ᾼ ΐ", "ΟΔΟΣ ΟΔΟΣ. Σ ΑΣ' ΑΣ̈Α", "Straße ß ẞ", "İstanbul ıi",
    "Հայաստան", "ქართული ᲥᲐᲠᲗᲣᲚᲘ", "ᏣᎳᎩ ꮳꮃꭹ", "𐐀𐐨 𐓘", "Ⓐⓑ ⅰⅱ Ⅻ", "ǰ ŉ ΐ",
    "dž ǳ", "ꞵꞴ ꟈ", "", "123", "١٢٣ ²³ ½", "ABC", "abc", "A1b2",
]
for w in words:
    print(repr(w.upper()), repr(w.lower()), repr(w.title()))
    print(repr(w.capitalize()), repr(w.swapcase()))
    print(w.isupper(), w.islower(), w.isalpha(), w.isalnum(), w.isdigit())
for w in ["ǅ", "ǈ", "ᾼ", "ⅰ", "Ⅻ", "ª", "ʰ", "ǃ", "²", "½", "١", "ⓐ", "ꭹ", "𝐀"]:
    print(repr(w), w.isupper(), w.islower(), w.isalpha(), w.isalnum(), w.isdigit(), repr(w.upper()), repr(w.lower()), repr(w.title()))
# Every third character up to the Georgian supplement, those with a case or a class, each beside a
# letter (title case and the final sigma look at neighbours).
for i in range(0x80, 0x2D30, 3):
    c = chr(i)
    if c.upper() != c or c.lower() != c or c.title() != c or c.isalpha() or c.isdigit():
        s = c + "x" + c
        print(i, ascii(s.upper()), ascii(s.title()), ascii(s.swapcase()), c.isupper(), c.islower(), c.isalnum())
