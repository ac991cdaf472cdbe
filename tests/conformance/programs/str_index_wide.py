# Indexing, slicing and searching a str whose characters take 1 to 4 bytes (the playground keeps
# UTF-8 and finds a code point through a mark every 64 of them): every position, both ends, each
# step, across the marks, as CPython's fixed-width strings answer.
s = "".join(["aé€𝄞"[i % 4] for i in range(300)]) + "z"
print(len(s), s[0], s[63], s[64], s[65], s[127], s[128], s[299], s[300], s[-1], s[-64], s[-65], s[-301])
print(s[60:70], s[126:131], s[295:], s[:5], s[-3:], s[300:], repr(s[301:]), repr(s[5:5]))
print(s[::64], s[1::65], s[::-63], s[-1:-10:-3], s[200:60:-47])
print(sum(1 for i in range(len(s)) if s[i] == "𝄞"), "".join(s[i] for i in range(0, 301, 37)))
print(s.find("z"), s.find("€", 63), s.find("€", 64, 66), s.rfind("é", 0, 130), s.index("𝄞", 250))
print(s.count("é", 10, 200), s.startswith("€", 2), s.endswith("𝄞", 0, 296), s.find("", 301), s.find("", 302))
try:
    s[301]
except IndexError as e:
    print("IndexError:", e)
t = s[64:] * 2
print(len(t), t[236], t[237], t[-1], t[473], t[236:239])
d = {s: 1, t: 2}
print(d[s] + d[t], d[s[:]], s[:] == s)
