# obj.__class__ is type(obj): the handler's e.__class__.__name__ idiom, on values of every kind.
import asyncio
try:
    {}["k"]
except Exception as e:
    print(e.__class__.__name__, e.__class__, e.__class__ is KeyError, type(e) is e.__class__)
print((1).__class__, "s".__class__.__name__, [].__class__, None.__class__, (1.5).__class__, True.__class__.__name__)
print(int.__class__, ValueError.__class__, len.__class__ if False else "", (lambda: 0).__class__ if False else "")
async def main():
    t = asyncio.current_task()
    print(t.__class__, asyncio.Lock().__class__.__name__, asyncio.Semaphore(1).__class__ is asyncio.Semaphore)
    print(range(3).__class__, {}.keys().__class__, iter([]).__class__)
asyncio.run(main())
