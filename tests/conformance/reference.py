#!/usr/bin/env python3
"""The playground's scenario run by real CPython asyncio on a virtual clock: the reference trace.

Usage:
    reference.py FILE            one scenario (JSON; "-" reads stdin), its trace as JSON Lines
    reference.py --text FILE     the same trace as text: "0.00s Task 1 started"
    reference.py --batch         one scenario per stdin line; per line out: {"trace": [...], "stats": {...}}

Only the clock is virtual. The loop is CPython's own BaseEventLoop with its own _run_once, and the
Semaphore, BoundedSemaphore, timeout, sleep and gather are the stdlib's, unmodified. The one thing
the loop lacks is I/O, so its "selector" never waits: asked to wait `timeout` seconds it moves the
clock to the earliest timer's exact deadline (not now + timeout, which can differ in the last bit);
asked to wait forever (nothing ready, no timer, main unfinished) it reports a deadlock.

A clock that stands still differs from a real one in two ways, and the loop corrects both so that the
trace is what CPython prints on a learner's machine (issues #11 and #15):
  - on a real clock no two call_at() calls read the same time, so timers set one after another pop in
    the order they were set even when their nominal deadlines are equal: timers carry a sequence
    number that breaks ties (SetOrderTimerHandle);
  - a real clock moves past a deadline; a virtual one stops exactly on it, and once time() passes 2^24 s
    `when < time() + 1e-9` is false for when == time(): the clock resolution is at least one ulp of
    the current time, so a timer the clock reached is always due.

Exit status: 0 when the run ends (a deadlock is a result, not an error), 2 for a bad scenario.
"""
import argparse
import asyncio
import heapq
import json
import math
import sys
from asyncio import base_events, events

if sys.version_info < (3, 11):
    sys.exit(f"reference.py needs Python 3.11 or newer (asyncio.timeout); this is {sys.version.split()[0]}")

# ---------------------------------------------------------------------------------------------
# The scenario (docs/ARCHITECTURE.md, "Scenario"): defaults filled in, unknown fields rejected.
# ---------------------------------------------------------------------------------------------

DEFAULTS = {"permits": 3, "bounded": False, "duration": 2, "tasks": 5}
TASK_FIELDS = ("duration", "start", "fail", "timeout", "extra_release")


class ScenarioError(ValueError):
    pass


def _seconds(field, value):
    # bool is an int in Python; JSON true is not a number of seconds.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ScenarioError(f"{field} must be a finite number of seconds >= 0 (got {value!r})")
    return value


def _count(field, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ScenarioError(f"{field} must be an integer >= 0 (got {value!r})")
    return value


def _unknown(where, obj, allowed):
    if not isinstance(obj, dict):
        raise ScenarioError(f"{where or 'scenario'} must be an object (got {obj!r})")
    extra = sorted(set(obj) - set(allowed))
    if extra:
        raise ScenarioError(f"unknown field(s) in {where or 'scenario'}: {', '.join(extra)}")


def normalize(scenario):
    """Return (permits, bounded, tasks): tasks is a list of dicts with all four task fields."""
    _unknown("", scenario, DEFAULTS)
    s = {**DEFAULTS, **scenario}
    permits = _count("permits", s["permits"])
    if not isinstance(s["bounded"], bool):
        raise ScenarioError(f"bounded must be true or false (got {s['bounded']!r})")
    duration = _seconds("duration", s["duration"])
    tasks = s["tasks"]
    if not isinstance(tasks, list):
        tasks = [{}] * _count("tasks", tasks)  # a count means that many default tasks
    specs = []
    for i, t in enumerate(tasks):
        where = f"tasks[{i}]"
        _unknown(where, t, TASK_FIELDS)
        fail = t.get("fail", False)
        if not isinstance(fail, bool):
            raise ScenarioError(f"{where}.fail must be true or false (got {fail!r})")
        extra_release = t.get("extra_release", False)
        if not isinstance(extra_release, bool):
            raise ScenarioError(f"{where}.extra_release must be true or false (got {extra_release!r})")
        timeout = t.get("timeout")  # absent or null: no timeout
        specs.append({
            "duration": _seconds(f"{where}.duration", t.get("duration", duration)),
            "start": _seconds(f"{where}.start", t.get("start", 0)),
            "fail": fail,
            "timeout": None if timeout is None else _seconds(f"{where}.timeout", timeout),
            "extra_release": extra_release,
        })
    return permits, s["bounded"], specs


# ---------------------------------------------------------------------------------------------
# The virtual-time loop.
# ---------------------------------------------------------------------------------------------

class Deadlock(Exception):
    """The loop was asked to wait forever: nothing is ready and no timer is pending."""


class InstantSelector:
    """What BaseEventLoop._run_once calls to wait for I/O. There is no I/O, so waiting is just
    moving the virtual clock; it never sleeps."""

    def __init__(self, loop):
        self.loop = loop

    def select(self, timeout):
        if timeout is None:
            raise Deadlock()  # unwinds out of run_until_complete, see run()
        if timeout > 0:
            # _run_once computed timeout from this very head (cancelled heads were popped just
            # before), so this is "advance to the next deadline", exactly and drift-free.
            self.loop.now = self.loop._scheduled[0]._when
        return []  # no I/O events; timeout == 0 means "don't wait": the clock stays


class SetOrderTimerHandle(events.TimerHandle):
    """A TimerHandle that orders equal deadlines by the order the timers were set."""

    __slots__ = ("_sequence",)

    def __init__(self, sequence, *args):
        super().__init__(*args)
        self._sequence = sequence

    def __lt__(self, other):
        return (self._when, self._sequence) < (other._when, other._sequence)


class VirtualTimeLoop(base_events.BaseEventLoop):
    """CPython's event loop with a virtual clock: run_forever, _run_once, call_soon and the timer heap
    are all BaseEventLoop's own code; call_at is CPython's with a SetOrderTimerHandle."""

    def __init__(self):
        self.now = 0.0
        super().__init__()
        self._selector = InstantSelector(self)
        self._timers_set = 0
        self.heap_rebuilds = 0
        self.max_timers = 0

    def time(self):
        return self.now

    @property
    def _clock_resolution(self):
        # CPython's monotonic clock resolution on Linux (1e-9 s), pinned so "due" means the same on
        # every machine; at least one ulp of now, so that when == now is due at any magnitude.
        return max(1e-9, math.ulp(self.now))

    @_clock_resolution.setter
    def _clock_resolution(self, value):
        pass  # BaseEventLoop.__init__ sets the host's; the property above decides

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at, with the timer's sequence number.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = SetOrderTimerHandle(self._timers_set, when, callback, args, self, context)
        self._timers_set += 1
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def _process_events(self, event_list):
        pass  # the selector never reports I/O

    def _run_once(self):
        # Statistics only, so the suite can check that the random scenarios reach the rare branch
        # that rebuilds the timer heap: this is the very test _run_once is about to make, with its
        # own constants. The iteration itself is CPython's, untouched.
        n = len(self._scheduled)
        self.max_timers = max(self.max_timers, n)
        if (n > base_events._MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / n > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            self.heap_rebuilds += 1
        super()._run_once()


# ---------------------------------------------------------------------------------------------
# The lesson program (docs/ARCHITECTURE.md, "Task n runs").
# ---------------------------------------------------------------------------------------------

class Failure(Exception):
    """A task's `fail`: raised inside the critical section."""


TERMINAL = ("finished", "timeout", "failed", "extra_release", "release_error")


def run(scenario):
    """Run a scenario; return (trace, stats). The trace is a list of event dicts, keys in order
    t, task, event (and waiting, on the one deadlock event that may end it)."""
    permits, bounded, specs = normalize(scenario)
    loop = VirtualTimeLoop()
    # Created outside the loop is fine: asyncio's locks bind to the running loop on first use.
    sem = asyncio.BoundedSemaphore(permits) if bounded else asyncio.Semaphore(permits)
    trace = []

    def log(n, kind):
        trace.append({"t": loop.time(), "task": n, "event": kind})

    async def task(n, duration, start, fail, timeout, extra_release):
        try:
            async with asyncio.timeout(timeout):
                if start:
                    await asyncio.sleep(start)
                if sem.locked():
                    log(n, "waiting")
                async with sem:
                    log(n, "started")
                    await asyncio.sleep(duration)
                    if fail:
                        raise Failure
                    log(n, "finished")
                if extra_release:
                    sem.release()  # one release more than acquires
                    log(n, "extra_release")
        except TimeoutError:
            log(n, "timeout")
        except Failure:
            log(n, "failed")
        except ValueError:  # BoundedSemaphore released too many times, in whichever task saw it
            log(n, "release_error")

    async def main():
        await asyncio.gather(*(task(n, **spec) for n, spec in enumerate(specs, start=1)))

    try:
        loop.run_until_complete(main())
    except Deadlock:
        # Every task body logs exactly one terminal event when it ends, so the unfinished tasks
        # are the ones without one.
        ended = {e["task"] for e in trace if e["event"] in TERMINAL}
        waiting = [n for n in range(1, len(specs) + 1) if n not in ended]
        trace.append({"t": loop.time(), "task": 0, "event": "deadlock", "waiting": waiting})
        trace = list(trace)  # the trace ends here, whatever the clean-up below does
        _cancel_leftovers(loop)
    finally:
        loop.close()
    return trace, {"heap_rebuilds": loop.heap_rebuilds, "max_timers": loop.max_timers}


def _cancel_leftovers(loop):
    """Cancel the tasks a deadlock left pending, as asyncio.run does on exit, so that none is later
    garbage-collected while pending (asyncio would log "Task was destroyed but it is pending!")."""
    leftovers = asyncio.all_tasks(loop)
    for t in leftovers:
        t.cancel()
    loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


# ---------------------------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------------------------

TEXT = {
    "waiting": "Task {task} waiting for a permit",
    "started": "Task {task} started",
    "finished": "Task {task} finished",
    "timeout": "Task {task} timed out",
    "failed": "Task {task} failed",
    "extra_release": "Task {task} released again",
    "release_error": "Task {task}: BoundedSemaphore released too many times",
}


def as_text(event):
    if event["event"] == "deadlock":
        ids = event["waiting"]
        who = f"task {ids[0]} is" if len(ids) == 1 else f"tasks {', '.join(map(str, ids))} are"
        words = f"Deadlock: {who} still waiting for a permit"
    else:
        words = TEXT[event["event"]].format(task=event["task"])
    return f"{event['t']:.2f}s {words}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", help='scenario JSON file, or "-" for stdin')
    parser.add_argument("--text", action="store_true", help="print the text format instead of JSON Lines")
    parser.add_argument("--batch", action="store_true", help="many scenarios, one per stdin line")
    args = parser.parse_args(argv)
    if args.batch == (args.file is not None):
        parser.error("give either a scenario FILE or --batch")
    try:
        if args.batch:
            for line in sys.stdin:
                if line.strip():
                    trace, stats = run(json.loads(line))
                    print(json.dumps({"trace": trace, "stats": stats}))
            return 0
        if args.file == "-":
            scenario = json.load(sys.stdin)
        else:
            with open(args.file) as f:
                scenario = json.load(f)
        trace, _ = run(scenario)
    except (ScenarioError, json.JSONDecodeError) as error:
        print(f"reference.py: {error}", file=sys.stderr)
        return 2
    out = as_text if args.text else json.dumps
    sys.stdout.write("".join(out(event) + "\n" for event in trace))
    return 0


if __name__ == "__main__":
    sys.exit(main())
