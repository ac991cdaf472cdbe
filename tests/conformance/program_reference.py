#!/usr/bin/env python3
"""A program of the playground's Python run by real CPython 3.11 on a virtual clock: the reference.

Usage:
    program_reference.py FILE.py       one program; its result as one JSON object
    program_reference.py --batch       one JSON string (a program's source) per stdin line; one result per line

The program runs unmodified under real asyncio. Only the event loop differs: asyncio.run() gets
reference.py's VirtualTimeLoop (CPython's BaseEventLoop, a clock that jumps to the next deadline,
ties in the order timers were set). Each program runs in a forked child, so task names start at
Task-1 and nothing leaks between programs.

The result: {"lines": [[t, text], ...], "final": "ValueError: ..." | null, "deadlock": [task names] | null,
"timers": [[set_at, when], ...], "events": [...], "traceback": text (with "final" only)} where t is the virtual time at which the line's newline was printed
(null outside an event loop), "final" is the last line of the traceback of an uncaught exception (or
of a SyntaxError), "deadlock" lists the unfinished tasks when the loop would have waited forever, and
"timers" every timer the program set (when it was set, when it was due: null if NaN or infinite), so a test can tell which
runs a real clock reproduces deterministically (tests/conformance/real-clock.test.mjs). "events" are
the views' events as program_events.py has asyncio report them (python/program_trace.hpp).
"traceback" is the uncaught exception's traceback with the program's frames only (traceback_shape).
"""
import asyncio
import io
import json
import math
import os
import re
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402  (VirtualTimeLoop)
import program_events  # noqa: E402  (the views' events, from real asyncio)


class Recorder:
    """sys.stdout for the program: each completed line with the virtual time it was completed."""

    def __init__(self, log):
        self.lines = []
        self.partial = ""
        self.log = log

    def write(self, text):
        text.encode("utf-8")  # as python3's stdout (UTF-8, strict): a lone surrogate raises here
        self.partial += text
        while "\n" in self.partial:
            line, self.partial = self.partial.split("\n", 1)
            loop = asyncio._get_running_loop()
            self.lines.append([loop.time() if loop is not None else None, line])
            self.log.add("print", detail=line)
        return len(text)

    def flush(self):
        pass


class DeadlockSelector(reference.InstantSelector):
    """Waiting forever ends the child: report the unfinished tasks and exit at once."""

    def __init__(self, loop, finish):
        super().__init__(loop)
        self.finish = finish

    def select(self, timeout):
        if timeout is None:
            stuck = sorted((t.get_name() for t in asyncio.all_tasks(self.loop)), key=_task_order)
            self.finish(deadlock=stuck)
        return super().select(timeout)


class VirtualClocks:
    """The time module on the virtual clock, as the playground has it (python/time_module.hpp): on a
    real clock, time.sleep() blocks the loop while the clock moves on, and monotonic() is loop.time().
    So sleep() moves the running loop's clock (nothing runs meanwhile; what fell due runs next), and
    the clocks read the virtual seconds since the program started (plus the wall clock at its start,
    in whole nanoseconds, for time()). An argument sleep() refuses goes to the real time.sleep(), which raises at once with
    CPython's own message."""

    real_sleep = time.sleep
    MOST_SECONDS = 9223372036  # whole seconds in 2**63 - 1 nanoseconds

    def __init__(self):
        self.epoch = 0.0  # monotonic() when the running loop's clock read 0 (or now, when none runs)
        self.wall_start_ns = time.time_ns()

    def monotonic(self):
        loop = asyncio._get_running_loop()
        return self.epoch + (loop.now if loop is not None else 0.0)

    def sleep(self, *args, **kwargs):
        secs = args[0] if len(args) == 1 and not kwargs else None
        if isinstance(secs, float):
            valid = math.isfinite(secs * 1e9) and -(2**63) <= math.ceil(secs * 1e9) < 2**63
        else:
            valid = isinstance(secs, int) and abs(secs) <= self.MOST_SECONDS
        if not valid or secs < 0:
            self.real_sleep(*args, **kwargs)  # raises
            raise AssertionError(f"time.sleep{args!r} should have raised")
        self.log.add("blocked", detail=repr(float(secs)))
        loop = asyncio._get_running_loop()
        if loop is not None:
            loop.now += secs
        else:
            self.epoch += secs

    def install(self, log):
        self.log = log  # the views' events: a block is one (python/program_trace.hpp)

        def clock(real, read):
            def virtual(*args, **kwargs):
                return real(*args, **kwargs) if args or kwargs else read()  # real() raises CPython's TypeError

            return virtual

        def ns(seconds):
            return round(seconds * 1e9)

        wall_ns = lambda: self.wall_start_ns + ns(self.monotonic())  # noqa: E731
        for name, read in {"monotonic": self.monotonic, "perf_counter": self.monotonic, "time": lambda: wall_ns() / 1e9,
                           "monotonic_ns": lambda: ns(self.monotonic()), "perf_counter_ns": lambda: ns(self.monotonic()),
                           "time_ns": wall_ns}.items():
            setattr(time, name, clock(getattr(time, name), read))
        time.sleep = self.sleep


CLOCKS = VirtualClocks()


class RecordingLoop(reference.VirtualTimeLoop):
    """reference.py's loop, noting each timer as (the time it was set, its deadline)."""

    timers = []  # of the one loop a child runs at a time

    def close(self):
        if not self.is_closed():
            CLOCKS.epoch += self.now  # time.monotonic() goes on from this loop's end
        super().close()

    def call_at(self, when, callback, *args, context=None):
        # JSON has no NaN or Infinity (JavaScript's JSON.parse refuses them): such a deadline is null.
        RecordingLoop.timers.append([self.now, when if math.isfinite(when) else None])
        return super().call_at(when, callback, *args, context=context)

    def run_forever(self):
        # A task's coroutine runs TASK_FRAMES deeper here than under python3 (this method,
        # program_events.py's _step, send and __next__, reference.py's _run_once, and the C call
        # into the wrapper): the recursion limit moves with it while the loop runs.
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(limit + TASK_FRAMES)
        try:
            return super().run_forever()
        finally:
            sys.setrecursionlimit(limit)


# The recursion limit counts this runner's frames too, so it is raised by them: a RecursionError
# comes at python3's depth, as `python3 prog.py` reports it ("[Previous line repeated 987 more
# times]"). Under the module: this file's <module>, main, run_in_child, run_source and exec()'s entry
# into the eval loop; under each task, TASK_FRAMES more (measured: python3's depth for a recursion
# in the module, in main and in a task).
MODULE_FRAMES = 5
TASK_FRAMES = 6


def _task_order(name):
    return (0, int(name[5:])) if name.startswith("Task-") and name[5:].isdigit() else (1, name)


def printed_traceback(error):
    """The traceback as python3 prints an uncaught exception (sys.excepthook, in C): unlike the
    traceback module of 3.11, it adds ". Did you mean: 'x'?" to a NameError's or AttributeError's
    last line (Python/suggestions.c)."""
    real_stderr, sys.stderr = sys.stderr, io.StringIO()
    sys.tracebacklimit = 10**6  # its 1,000 entries would count this runner's frames too
    try:
        sys.__excepthook__(type(error), error, error.__traceback__)
        return sys.stderr.getvalue()
    finally:
        sys.stderr = real_stderr
        del sys.tracebacklimit


def traceback_shape(error, source):
    """The uncaught exception's traceback as the playground prints it: the whole chain (causes and
    contexts), with only the program's own frames (not asyncio's, not this runner's), each with its
    source line, without the carets under it (a SyntaxError's line and caret not shown either)."""
    if isinstance(error, SyntaxError):  # the program never ran: no traceback, only where
        text = "".join(traceback.format_exception_only(type(error), error))
    else:
        text = printed_traceback(error)
    # python3 FILE.py reads each frame's line from the file (traceback.c's
    # display_source_line_with_margin: the line without its indentation, trailing spaces kept). A
    # "<program>" it skips, so the line is added here as it would have read it.
    lines = [line.rstrip("\n") for line in io.StringIO(source.removeprefix("\ufeff"), newline=None)]
    kept = []
    for line in text.splitlines(keepends=True):  # not others' frames, nor source lines or carets
        if line.startswith(("  File ", "    ")) and not line.startswith('  File "<program>"'):
            continue
        kept.append(line)
        frame = re.match(r'  File "<program>", line (\d+), in ', line)
        if frame and 0 < int(frame[1]) <= len(lines) and lines[int(frame[1]) - 1].lstrip(" \t\f"):
            kept.append("    " + lines[int(frame[1]) - 1].lstrip(" \t\f") + "\n")
    return "".join(kept)


def run_source(source):
    log = program_events.EventLog()
    program_events.install(log)
    recorder = Recorder(log)
    real_stdout = sys.stdout

    def finish(final=None, deadlock=None, shape=None):
        sys.stdout = real_stdout
        lines = recorder.lines + ([[None, recorder.partial]] if recorder.partial else [])
        events = log.events() + ([[None, None, "print", 0, recorder.partial, 0]] if recorder.partial else [])
        result = {"lines": lines, "final": final, "deadlock": deadlock, "timers": RecordingLoop.timers, "events": events}
        if shape is not None:
            result["traceback"] = shape
        real_stdout.write(json.dumps(result) + "\n")
        real_stdout.flush()
        os._exit(0)

    class Policy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self):
            loop = RecordingLoop()
            loop._selector = DeadlockSelector(loop, finish)
            return loop

    asyncio.set_event_loop_policy(Policy())
    CLOCKS.install(log)
    sys.stdout = recorder
    try:
        code = compile(source, "<program>", "exec")
        sys.setrecursionlimit(sys.getrecursionlimit() + MODULE_FRAMES)
        exec(code, {"__name__": "__main__"})
    except BaseException as error:  # noqa: BLE001  (the program's uncaught exception is the result)
        shape = traceback_shape(error, source)
        finish(final=shape.rstrip("\n").split("\n")[-1], shape=shape)
    finish()


def run_in_child(source):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.dup2(write_end, 1)
        sys.stdout = os.fdopen(1, "w")
        run_source(source)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        out = pipe.read()
    os.waitpid(pid, 0)
    return out.strip() or json.dumps({"error": "the reference child died"})


def main(argv):
    if argv[1:] == ["--batch"]:
        for line in sys.stdin:
            if line.strip():
                print(run_in_child(json.loads(line)), flush=True)
        return 0
    if len(argv) != 2:
        sys.exit(__doc__)
    with open(argv[1]) as f:
        print(run_in_child(f.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
