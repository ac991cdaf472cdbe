#!/usr/bin/env python3
"""Run a Python program, as a learner would, and record what it prints: the reference for the program
the page displays (issue #11: "the displayed program is the program").

Usage:
    program_runner.py --batch        one program per stdin line (a JSON string); per line out:
                                     {"lines": [[t, text], ...], "end": "done"|"deadlock"|"error",
                                      "error": "...", "timers": [[set_at, when], ...]}

The program runs unmodified under asyncio.run(), on the VirtualTimeLoop of reference.py: CPython's own
BaseEventLoop with a virtual clock (equal deadlines in the order they were set, see there). Each
printed line is recorded with the virtual time it was printed at. Where CPython would wait forever
(nothing ready, no timer, main unfinished), the run ends as a "deadlock" with what was printed until
then; the clean-up that follows prints nothing into the record. "timers" lists every timer the program
set (when it was set, when it was due), so a test can tell which runs a real clock reproduces
deterministically.
"""
import asyncio
import io
import json
import sys
import traceback

from reference import Deadlock, VirtualTimeLoop


class RecordingLoop(VirtualTimeLoop):
    """Records every timer as (the time it was set, its deadline), and when it deadlocked."""

    def __init__(self):
        super().__init__()
        self.timers = []
        self.deadlocked = False
        select = self._selector.select

        def select_or_deadlock(timeout):
            self.deadlocked = self.deadlocked or timeout is None
            return select(timeout)

        self._selector.select = select_or_deadlock

    def call_at(self, when, callback, *args, context=None):
        self.timers.append([self.now, when])
        return super().call_at(when, callback, *args, context=context)


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    """asyncio.run() asks the policy for a new loop: give it a virtual-clock one."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def new_event_loop(self):
        self.loop = RecordingLoop()
        return self.loop


class PrintedLines(io.TextIOBase):
    """sys.stdout for the program: each complete line with the loop's virtual time."""

    def __init__(self, policy):
        self.policy = policy
        self.lines = []
        self.partial = ""
        self.frozen = False

    def writable(self):
        return True

    def write(self, text):
        if self.frozen or (self.policy.loop and self.policy.loop.deadlocked):
            return len(text)  # after a deadlock: asyncio.run's clean-up, which no learner sees
        now = self.policy.loop.time() if self.policy.loop else 0.0
        *complete, self.partial = (self.partial + text).split("\n")
        self.lines.extend([now, line] for line in complete)
        return len(text)


def run_program(source):
    policy = VirtualClockPolicy()
    asyncio.set_event_loop_policy(policy)
    out = PrintedLines(policy)
    end, error = "done", None
    real_stdout, sys.stdout = sys.stdout, out
    try:
        exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})
    except Deadlock:
        end = "deadlock"  # CPython would hang here: nothing after this is what a learner sees
    except BaseException:  # the program's own uncaught exception ends it, as in a terminal
        end = "error"
        error = traceback.format_exc().strip().splitlines()[-1]
    finally:
        out.frozen = True
        sys.stdout = real_stdout
        asyncio.set_event_loop_policy(None)
    timers = policy.loop.timers if policy.loop else []
    return {"lines": out.lines, "end": end, "error": error, "timers": timers}


def main():
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(run_program(json.loads(line))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
