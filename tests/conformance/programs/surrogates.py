# A lone surrogate ('\ud800') is a str like any other, but stdout (UTF-8, strict) cannot write it:
# print() raises UnicodeEncodeError for the piece holding it, after writing the pieces before it.
text = "ab\ud800\udc00c"
print(len(text), repr(text), text[2] == "\ud800", repr("\udfff"))
for bad in ("\ud800", text, "a\udfffb\udfff"):
    try:
        print("before", bad, "after")
    except UnicodeEncodeError as e:
        print()
        print(e)
    except ValueError:
        print("not a UnicodeEncodeError")
print("\ud800")
