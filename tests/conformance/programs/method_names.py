# A method's __name__: its bare name, bound to a value or taken from its type (a handler's report).
import asyncio
print([].append.__name__, "x".upper.__name__, {}.get.__name__, print.__name__, str.lower.__name__)
async def main():
    t = asyncio.current_task()
    lock = asyncio.Lock()
    print(t.result.__name__, t.cancel.__name__, lock.locked.__name__, asyncio.sleep.__name__, asyncio.get_running_loop().time.__name__)
asyncio.run(main())
