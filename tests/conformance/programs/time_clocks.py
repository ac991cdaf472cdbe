# The time module's clocks on the virtual clock: monotonic() and perf_counter() count the program's
# seconds, loop.time() its loop's (each asyncio.run starts a new loop, from 0 here); time.sleep()'s
# argument is checked as CPython checks it.
import asyncio
import time
from time import monotonic, perf_counter as counter, sleep as block


async def main(label):
    loop = asyncio.get_running_loop()
    LOOPS.append(loop)
    start = monotonic()
    await asyncio.sleep(1.5)
    block(0.25)
    print(label, f"{monotonic() - start:.2f}", f"{counter() - start:.2f}", loop.time())
    print(f"{time.time() - WALL:.2f}", (time.time_ns() - WALL_NS) // 10**7, (time.monotonic_ns() - START_NS) // 10**7)


LOOPS = []
START_NS = time.monotonic_ns()
WALL = time.time()
WALL_NS = time.time_ns()
time.sleep(1)
print(f"{monotonic() - START_NS / 1e9:.2f}")
asyncio.run(main("first"))
time.sleep(0.5)
asyncio.run(main("second"))
print([loop.time() for loop in LOOPS], monotonic() - START_NS / 1e9)  # a loop's clock stops where its run ended

for secs in ["1", -1, -0.5, float("nan"), 1e300, 9.3e9, -1e10, None, 2**63, 10**10, -(10**30), [1]]:
    try:
        time.sleep(secs)
    except (TypeError, ValueError, OverflowError) as e:
        print(repr(secs), type(e).__name__, e)
for call in (lambda: time.sleep(), lambda: block(1, 2), lambda: block(secs=1), lambda: time.monotonic(1),
             lambda: counter(x=1), lambda: time.time_ns(2)):
    try:
        call()
    except TypeError as e:
        print(e)
time.sleep(True)
time.sleep(0)
time.sleep(-0.0)
print(time, time.__name__, type(time.monotonic_ns()).__name__, type(time.time()).__name__)
try:
    from time import not_a_name
except ImportError as e:
    print(e)
try:
    time.no_such_clock()
except AttributeError as e:
    print(e)
