# str.replace with an empty old string: the new text before every character and at the end, as
# many times as count allows (a learner's separator trick: "abc".replace("", " ")).
print("abc".replace("", "-"))
print("abc".replace("", "-", 2))
print("abc".replace("", "-", 4), "abc".replace("", "-", 9), "abc".replace("", "-", 0))
print(repr("".replace("", "x")), repr("".replace("", "x", 0)))
print("héllo→ü".replace("", "|"))
print("ab".replace("", "", -5), "ab".replace("", "<>", -1))
print("x".replace("", "ab" * 3))
