x = [1]
for i in range(100000):
    x = map(abs, x)
y = [1]
for i in range(100000):
    y = zip(filter(None, enumerate(y)))
t = ()
for i in range(200000):
    t = (t,)
print(hash(t))
print(len(list(x)), len(list(y)))
