#!/usr/bin/env python3
"""The playground's scenario, run by real CPython asyncio on a virtual clock: the reference trace.

Usage:
    reference.py FILE            one scenario (JSON), trace as JSON Lines on stdout
    reference.py --batch         one scenario per stdin line, one JSON array of events per stdout line

Only the clock is virtual. The loop is CPython's own SelectorEventLoop with its own _run_once; the
Semaphore, BoundedSemaphore, timeout, sleep and gather are the stdlib's, unmodified. The selector never
waits: asked to wait for `timeout` seconds it sets the clock to the earliest timer's exact deadline
(not now + timeout, which could differ in the last bit); asked to wait forever (nothing ready, no
timer) it reports a deadlock. The clock resolution is pinned to 1e-9 s, CPython's on Linux.
"""
import asyncio
import json
import selectors
import sys

DEFAULTS = {"permits": 3, "bounded": False, "duration": 2, "tasks": 5}
TASK_FIELDS = {"duration", "start", "fail", "timeout"}


class Deadlock(Exception):
    """Nothing is ready and no timer is pending: the loop would wait forever."""


class VirtualSelector(selectors.BaseSelector):
    def __init__(self):
        self.loop = None

    def register(self, fileobj, events, data=None):
        raise NotImplementedError("the reference loop has no I/O")

    def unregister(self, fileobj):
        raise NotImplementedError("the reference loop has no I/O")

    def select(self, timeout=None):
        if timeout is None:
            raise Deadlock()
        if timeout > 0:
            self.loop.virtual_time = self.loop._scheduled[0]._when
        return []

    def get_map(self):
        return {}

    def close(self):
        pass


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        self.virtual_time = 0.0
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = 1e-9

    def time(self):
        return self.virtual_time

    # No self-pipe: nothing wakes this loop from another thread.
    def _make_self_pipe(self):
        pass

    def _close_self_pipe(self):
        pass

    def _write_to_self(self):
        pass


class Failure(Exception):
    """The scenario's `fail`: raised inside the critical section."""


def normalize(scenario):
    unknown = set(scenario) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    s = {**DEFAULTS, **scenario}
    tasks = s["tasks"]
    if isinstance(tasks, int):
        tasks = [{} for _ in range(tasks)]
    specs = []
    for t in tasks:
        if set(t) - TASK_FIELDS:
            raise ValueError(f"unknown task fields: {sorted(set(t) - TASK_FIELDS)}")
        specs.append({
            "duration": t.get("duration", s["duration"]),
            "start": t.get("start", 0),
            "fail": t.get("fail", False),
            "timeout": t.get("timeout"),
        })
    return s["permits"], s["bounded"], specs


def run(scenario):
    """Return the trace: a list of (t, task, event) tuples, plus the deadlock event if any."""
    permits, bounded, specs = normalize(scenario)
    loop = VirtualTimeLoop()
    asyncio.set_event_loop(loop)
    trace = []
    sem = asyncio.BoundedSemaphore(permits) if bounded else asyncio.Semaphore(permits)
    done = set()

    def log(n, event):
        trace.append({"t": loop.time(), "task": n, "event": event})

    async def task(n, spec):
        try:
            async with asyncio.timeout(spec["timeout"]):
                if spec["start"]:
                    await asyncio.sleep(spec["start"])
                if sem.locked():
                    log(n, "waiting")
                async with sem:
                    log(n, "started")
                    await asyncio.sleep(spec["duration"])
                    if spec["fail"]:
                        raise Failure()
                    log(n, "finished")
        except TimeoutError:
            log(n, "timeout")
        except Failure:
            log(n, "failed")
        finally:
            done.add(n)

    async def main():
        await asyncio.gather(*(task(n, spec) for n, spec in enumerate(specs, start=1)))

    try:
        loop.run_until_complete(main())
    except Deadlock:
        waiting = [n for n in range(1, len(specs) + 1) if n not in done]
        trace.append({"t": loop.time(), "task": 0, "event": "deadlock", "waiting": waiting})
    finally:
        asyncio.set_event_loop(None)
    return trace


def main(argv):
    if argv[1:] == ["--batch"]:
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(run(json.loads(line))), flush=False)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with (sys.stdin if argv[1] == "-" else open(argv[1])) as f:
        scenario = json.load(f)
    for event in run(scenario):
        print(json.dumps(event))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
