#!/usr/bin/env python3
"""Random programs of the playground's Python, for the conformance suite.

Usage:
    gen_programs.py FIRST COUNT      one JSON string (a program's source) per line, seeds FIRST.. FIRST+COUNT-1
    gen_programs.py --show SEED      the program of one seed, as text

Each seed gives one program: a few primitives (Semaphore, BoundedSemaphore, Lock, Event), workers
whose bodies nest the statements of the subset (sleep, now and then a blocking time.sleep, async with, acquire/release, if, for, try/
except, raise, Event wait/set, asyncio.timeout, wait_for, state prints), and a main that starts them
with create_task or gather, sometimes cancels one, and gathers them with return_exceptions=True.
Deadlocks (a forgotten release, two locks in opposite orders, an event nobody sets), uncaught
exceptions and over-released BoundedSemaphores come out naturally.

Every program ends: loops are bounded, and main awaits every task it started before it returns or
raises, so asyncio.run never has to cancel leftovers (CPython cancels those in set order, which
depends on memory addresses).
"""
import json
import random
import sys

DELAYS = ["0", "0.1", "0.25", "0.5", "1", "1.5", "2"]


class Generator:
    def __init__(self, seed):
        self.seed = seed
        self.r = random.Random(seed)
        # Whether a sleep blocks the loop (time.sleep) has its own generator, so the programs of
        # seeds with none stay as they were.
        self.blocking = random.Random(seed * 7919 + 2)
        self.imports_time = False
        self.prims = []   # (name, kind)
        self.lines = []

    def delay(self):
        return self.r.choice(DELAYS)

    def prim(self, kinds):
        options = [p for p in self.prims if p[1] in kinds]
        return self.r.choice(options) if options else None

    def emit(self, depth, text):
        self.lines.append("    " * depth + text)

    def block(self, depth, budget):
        """At least one statement at `depth`, at most `budget` in all (nesting included)."""
        count = self.r.randint(1, max(1, min(3, budget)))
        for _ in range(count):
            self.statement(depth, max(1, budget // count))

    def statement(self, depth, budget):
        r = self.r
        choices = ["sleep", "print", "print"]
        if depth < 5 and budget > 1:
            choices += ["async_with", "acquire", "if", "for", "try", "timeout", "wait_for"]
        choices += ["raise", "event", "state", "release_extra"]
        kind = r.choice(choices)
        getattr(self, "s_" + kind)(depth, budget - 1)

    def s_sleep(self, depth, budget):
        if self.blocking.random() < 0.12:  # the mistake: a blocking sleep in async code
            self.imports_time = True
            return self.emit(depth, f"time.sleep({self.delay()})")
        self.emit(depth, f"await asyncio.sleep({self.delay()})")

    def s_print(self, depth, budget):
        label = self.r.choice(["step", "here", "tick"])
        self.emit(depth, f'print(f"w{{n}} {label} {len(self.lines)} at {{now()}}")')

    def s_state(self, depth, budget):
        p = self.prim(("sem", "bsem", "lock"))
        if p:
            extra = ", " + p[0] + "._value" if p[1] != "lock" else ""
            self.emit(depth, f'print("w", n, "{p[0]} locked:", {p[0]}.locked(){extra})')
        else:
            self.emit(depth, 'print("w", n, asyncio.current_task().get_name())')

    def s_async_with(self, depth, budget):
        p = self.prim(("sem", "bsem", "lock"))
        if not p:
            return self.s_sleep(depth, budget)
        self.emit(depth, f"async with {p[0]}:")
        self.block(depth + 1, budget)

    def s_acquire(self, depth, budget):
        p = self.prim(("sem", "bsem", "lock"))
        if not p:
            return self.s_print(depth, budget)
        self.emit(depth, f"await {p[0]}.acquire()")
        style = self.r.choice(["finally", "finally", "plain", "forget"])
        if style == "finally":
            self.emit(depth, "try:")
            self.block(depth + 1, budget)
            self.emit(depth, "finally:")
            self.emit(depth + 1, f"{p[0]}.release()")
        elif style == "plain":
            self.block(depth, budget)
            self.emit(depth, f"{p[0]}.release()")
        else:  # the classic mistake: no release at all
            self.block(depth, budget)

    def s_release_extra(self, depth, budget):
        p = self.prim(("bsem", "sem"))
        if not p or self.r.random() < 0.6:
            return self.s_print(depth, budget)
        self.emit(depth, f"if n == {self.r.randint(0, 3)}:")
        self.emit(depth + 1, f"{p[0]}.release()")

    def s_if(self, depth, budget):
        self.emit(depth, f"if n % {self.r.randint(2, 3)} == {self.r.randint(0, 1)}:")
        self.block(depth + 1, budget)
        if self.r.random() < 0.5:
            self.emit(depth, "else:")
            self.block(depth + 1, budget)

    def s_for(self, depth, budget):
        var = "ijk"[min(depth, 2)] + str(depth)
        self.emit(depth, f"for {var} in range({self.r.randint(1, 3)}):")
        self.block(depth + 1, budget)

    def s_try(self, depth, budget):
        self.emit(depth, "try:")
        self.block(depth + 1, budget)
        caught = self.r.choice(["ValueError", "Exception", "(ValueError, RuntimeError)", "asyncio.CancelledError"])
        self.emit(depth, f"except {caught} as e:")
        self.emit(depth + 1, 'print(f"w{n} caught {e!r} at {now()}")')
        if caught == "asyncio.CancelledError":
            self.emit(depth + 1, "raise")
        if self.r.random() < 0.3:
            self.emit(depth, "finally:")
            self.emit(depth + 1, 'print(f"w{n} finally at {now()}")')

    def s_raise(self, depth, budget):
        self.emit(depth, f"if n == {self.r.randint(0, 4)}:")
        exc = self.r.choice(["ValueError", "RuntimeError", "KeyError"])
        self.emit(depth + 1, f'raise {exc}(f"w{{n}} failed")')

    def s_event(self, depth, budget):
        p = self.prim(("event",))
        if not p:
            return self.s_sleep(depth, budget)
        if self.r.random() < 0.5:
            self.emit(depth, f"if n == {self.r.randint(0, 3)}:")
            self.emit(depth + 1, f"{p[0]}.set()")
        else:
            self.emit(depth, f"await {p[0]}.wait()")

    def s_timeout(self, depth, budget):
        self.emit(depth, "try:")
        self.emit(depth + 1, f"async with asyncio.timeout({self.delay()}):")
        self.block(depth + 2, budget)
        self.emit(depth, "except TimeoutError:")
        self.emit(depth + 1, 'print(f"w{n} timed out at {now()}")')

    def s_wait_for(self, depth, budget):
        self.emit(depth, "try:")
        self.emit(depth + 1, f"r = await asyncio.wait_for(helper(n, {self.delay()}), {self.delay()})")
        self.emit(depth + 1, 'print(f"w{n} got {r} at {now()}")')
        self.emit(depth, "except asyncio.TimeoutError:")
        self.emit(depth + 1, 'print(f"w{n} wait_for timed out at {now()}")')

    def program(self):
        r = self.r
        self.emit(0, "import asyncio")
        self.emit(0, "")
        for i in range(r.randint(1, 3)):
            kind = r.choice(["sem", "sem", "bsem", "lock", "event"])
            name = f"{kind}{i}"
            self.prims.append((name, kind))
            ctor = {"sem": f"asyncio.Semaphore({r.randint(1, 3)})", "bsem": f"asyncio.BoundedSemaphore({r.randint(1, 2)})",
                    "lock": "asyncio.Lock()", "event": "asyncio.Event()"}[kind]
            self.emit(0, f"{name} = {ctor}")
        self.emit(0, "")
        self.emit(0, "def now():")
        self.emit(1, "return asyncio.get_running_loop().time()")
        self.emit(0, "")
        self.emit(0, "async def helper(n, d):")
        p = self.prim(("sem", "bsem", "lock"))
        if p and r.random() < 0.5:
            self.emit(1, f"async with {p[0]}:")
            self.emit(2, "await asyncio.sleep(d)")
        else:
            self.emit(1, "await asyncio.sleep(d)")
        self.emit(1, "return n * 10")
        self.emit(0, "")
        start = len(self.lines)
        self.emit(0, "async def worker(n):")
        self.emit(1, 'print(f"w{n} starts at {now()}")')
        self.block(1, r.randint(3, 9))
        self.emit(1, "return n")
        self.emit(0, "")
        # Some programs define the worker inside main(), where it shares a list of main's (a closure)
        # and counts in one of main's variables (nonlocal).
        # The choice has its own generator, so the other seeds' programs stay as they were.
        self.nested = None
        if random.Random(self.seed * 7919 + 1).random() < 0.3:
            self.nested = self.lines[start:-1]
            self.nested.insert(1, "    nonlocal finished")
            self.nested.insert(len(self.nested) - 1, "    seen.append(n)")
            self.nested.insert(len(self.nested) - 1, "    finished += 1")
            del self.lines[start:]
        self.main()
        if self.imports_time:
            self.lines.insert(1, "import time")
        return "\n".join(self.lines) + "\n"

    def main(self):
        r = self.r
        count = r.randint(1, 5)
        self.emit(0, "async def main():")
        if self.nested:
            self.emit(1, "seen = []")
            self.emit(1, "finished = 0")
            for line in self.nested:
                self.emit(1, line)
        if r.random() < 0.5:
            self.emit(1, f"tasks = [asyncio.create_task(worker(n)) for n in range({count})]")
        else:
            self.emit(1, "tasks = []")
            self.emit(1, f"for n in range({count}):")
            self.emit(2, "tasks.append(asyncio.create_task(worker(n), name=f\"worker-{n}\"))")
        if r.random() < 0.4:
            self.emit(1, f"await asyncio.sleep({self.delay()})")
            self.emit(1, f"print('cancel:', tasks[{r.randint(0, count - 1)}].cancel())")
        self.emit(1, "results = await asyncio.gather(*tasks, return_exceptions=True)")
        self.emit(1, 'print("results", results)')
        self.emit(1, "print([t.cancelled() for t in tasks], [t.done() for t in tasks])")
        self.emit(1, 'print("main ends at", now())')
        if self.nested:
            self.emit(1, 'print("seen", seen, "finished", finished)')
        if r.random() < 0.15:
            self.emit(1, 'raise RuntimeError("main gives up")')
        self.emit(0, "")
        self.emit(0, "asyncio.run(main())")
        if r.random() < 0.3:
            self.emit(0, 'print("after run")')


def generate(seed):
    return Generator(seed).program()


def main(argv):
    if len(argv) == 3 and argv[1] == "--show":
        sys.stdout.write(generate(int(argv[2])))
        return 0
    if len(argv) != 3:
        sys.exit(__doc__)
    first, count = int(argv[1]), int(argv[2])
    for seed in range(first, first + count):
        print(json.dumps(generate(seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
