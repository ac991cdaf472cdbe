# Semaphore(True): CPython keeps the bool as _value (and in its repr) until an acquire or a release
# does arithmetic on it; a BoundedSemaphore's refused release leaves it a bool.
import asyncio
t = asyncio.Semaphore(True)
f = asyncio.BoundedSemaphore(False)
print(t._value, f._value, repr(t).split("[")[1], repr(f).split("[")[1], t.locked(), f.locked())
async def main():
    async with t:
        print(t._value, repr(t).split("[")[1])
    print(t._value, repr(t).split("[")[1])
    s = asyncio.Semaphore(True)
    s.release()
    print(s._value)
    u = asyncio.Semaphore(True)
    c = u.acquire()
    await c
    print(u._value, u.locked())
    try:
        f.release()
    except ValueError as e:
        print("ValueError:", e, f._value)
asyncio.run(main())
