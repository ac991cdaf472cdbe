# The built-in exceptions a lesson about fetching pages raises and catches: ConnectionError and its
# subclasses, the other OSErrors (IOError and EnvironmentError are OSError itself), and the rest of
# the hierarchy of Objects/exceptions.c.
import asyncio


async def fetch(i):
    await asyncio.sleep(i / 10)
    if i == 1:
        raise ConnectionRefusedError(f"server {i} refused")
    if i == 2:
        raise ConnectionResetError(f"server {i} reset")
    if i == 3:
        raise ConnectionError("offline")
    if i == 4:
        raise TimeoutError("slow")
    return f"page {i}"


async def main():
    results = await asyncio.gather(*(fetch(i) for i in range(5)), return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r), str(r), isinstance(r, ConnectionError), isinstance(r, OSError))
    try:
        await fetch(1)
    except ConnectionError as e:
        print("caught as ConnectionError:", repr(e), e.args)
    try:
        raise IOError("io")
    except EnvironmentError as e:
        print(repr(e), IOError is OSError, EnvironmentError is OSError)
    kinds = [BrokenPipeError, ConnectionAbortedError, FileNotFoundError, FileExistsError, PermissionError,
             InterruptedError, BlockingIOError, ChildProcessError, IsADirectoryError, NotADirectoryError,
             ProcessLookupError, FloatingPointError, ModuleNotFoundError, EOFError, BufferError, ReferenceError]
    for kind in kinds:
        try:
            raise kind("x")
        except (OSError, ArithmeticError, ImportError) as e:
            print("family", type(e).__name__, repr(e))
        except Exception as e:
            print("other", type(e).__name__, repr(e), kind)
    await fetch(2)


asyncio.run(main())
