# SystemExit, exit() and quit(): a BaseException an 'except Exception' lets through, its code as
# SystemExit_init makes it; raised in a task it leaves the event loop at once (as KeyboardInterrupt
# does), asyncio.run() cleans up, and python3 ends printing its str code on stderr, status 1.
import asyncio
print(exit, quit)
for code in ((), (3,), ("bye",), (None,), (1, 2), (True,)):
    try:
        raise SystemExit(*code)
    except SystemExit as e:
        print(repr(e), e.code, e.args)
try:
    exit(5)
except SystemExit as e:
    print("exit:", repr(e), e.code)
try:
    quit()
except BaseException as e:
    print("quit:", repr(e), e.code, isinstance(e, Exception))
try:
    try:
        raise SystemExit(2)
    except Exception:
        print("never")
except SystemExit:
    print("not an Exception")
async def worker(n):
    await asyncio.sleep(n)
    print("worker", n)
    if n == 1:
        raise SystemExit("stopping at 1")
async def main():
    try:
        await asyncio.gather(*(worker(n) for n in range(3)))
    finally:
        print("main cleans up")
asyncio.run(main())
print("never printed")
