"""CPython's asyncio, instrumented to report the playground's program events (python/program_trace.hpp).

The interpreter emits, for the views, each task created and ended, each wait on a Semaphore, Lock or
Event and how it ended, each release and set, and each printed line. This module makes real asyncio
report the same events at the same points, so the conformance suite can compare the two sequences
event for event, with virtual times and the primitives' values:

- Semaphore/Lock/Event get an id in creation order (their __init__);
- acquire()/wait() note "waiting" when they are about to suspend (the same test CPython's own code
  makes), then "acquired"/"woken", or "gave_up" when the wait ends with an exception;
- release()/set() note themselves once they have succeeded (BoundedSemaphore's ValueError: nothing);
- asyncio.tasks.Task (what loop.create_task builds) becomes a subclass that notes "created" and runs
  its coroutine through Traced, which notes "finished", "failed" or "cancelled" in the very step in
  which the coroutine ends (also when a task is cancelled before it ever ran).

Each event: [t, task name or None, kind, primitive id or 0, detail, line]. Detail: the primitive's value
after the event (a Lock 1 when unlocked, an Event 1 when set), or the text of a print or a failure.
Line: the program's line that made the event, where the views point (0: none):
- most events: the innermost of the program's frames on the stack, within the running task (a task
  that runs asyncio's own coroutine, such as create_task(e.wait()), has none);
- a task's ending: the line its coroutine left at: after a return, the frame's f_lineno; after an
  exception, the frame's line in its traceback (the latest raise there: what f_lineno says too once a
  with-exit's or a handler's RERAISE restored it, but not after a finally body);
- a timeout block running out (a loop callback): the line its task awaits at.
Task objects are kept and named at the end: create_task(name=...) renames a task after creating it.
"""
import asyncio
import collections.abc
import sys
import traceback


PROGRAM = "<program>"  # the file name program_reference.py compiles the program under


class EventLog:
    def __init__(self):
        self.raw = []  # [t, task object or None, kind, primitive, detail, line]
        self.primitives = 0

    def add(self, kind, primitive=0, detail=0, task=None, line=None):
        loop = asyncio._get_running_loop()
        if task is None and loop is not None:
            task = asyncio.current_task(loop)
        if loop is None and task is not None:
            loop = task.get_loop()  # asyncio.run's main task is created before its loop runs
        if line is None:
            line = stack_line(sys._getframe(1))
        self.raw.append([loop.time() if loop is not None else None, task, kind, primitive, detail, line])

    def events(self):
        return [[t, task.get_name() if task is not None else None, k, p, d, n] for t, task, k, p, d, n in self.raw]


def stack_line(frame):
    """The innermost of the program's frames from `frame` out, within the running task's step."""
    while frame is not None:
        if frame.f_code.co_filename == PROGRAM:
            return frame.f_lineno
        if frame.f_code is Traced._step.__code__:
            return 0  # the task's own step: under it are the loop's frames and asyncio.run's caller
        frame = frame.f_back
    return 0


def frame_line(frame):
    return frame.f_lineno if frame is not None and frame.f_code.co_filename == PROGRAM else 0


def raised_line(frame, error):
    """`frame`'s line in `error`'s traceback: where the exception last left it."""
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame is frame:
            return tb.tb_lineno if frame.f_code.co_filename == PROGRAM else 0
        tb = tb.tb_next
    return frame_line(frame)


def awaiting_line(task):
    """The line a suspended task awaits at: the innermost program coroutine in its chain of awaits."""
    line, coro = 0, task.get_coro()
    while coro is not None:
        if isinstance(coro, Traced):
            coro = coro.coro
            continue
        frame = getattr(coro, "cr_frame", None)
        if frame is None:
            break
        line = frame_line(frame) or line
        coro = getattr(coro, "cr_await", None)
    return line


def final_line(error):
    return traceback.format_exception_only(type(error), error)[-1].rstrip("\n")


def value_of(primitive):
    if isinstance(primitive, asyncio.Semaphore):
        return primitive._value
    if isinstance(primitive, asyncio.Lock):
        return 0 if primitive._locked else 1
    return 1 if primitive._value else 0


def would_wait(primitive):
    """The test each acquire()/wait() of CPython 3.11 makes before it suspends."""
    if isinstance(primitive, asyncio.Semaphore):
        return primitive.locked()
    if isinstance(primitive, asyncio.Lock):
        waiters = primitive._waiters
        return primitive._locked or not (waiters is None or all(w.cancelled() for w in waiters))
    return not primitive._value


class Traced(collections.abc.Coroutine):
    """A task's coroutine, passed through step for step, noting the step in which it ends."""

    def __init__(self, coro, log):
        self.coro = coro
        self.log = log

    def send(self, value):
        return self._step(self.coro.send, value)

    def throw(self, typ, val=None, tb=None):
        if val is None and tb is None:
            return self._step(self.coro.throw, typ)
        return self._step(lambda _: self.coro.throw(typ, val, tb), None)

    def close(self):
        return self.coro.close()

    def __await__(self):
        return self

    def __next__(self):
        return self.send(None)

    def __iter__(self):
        return self

    def __getattr__(self, name):
        # What asyncio's reprs read of a coroutine (__qualname__, cr_code, cr_frame, cr_running) is
        # the program's coroutine's: print(task) shows "coro=<work() running at <program>:3>".
        return getattr(self.coro, name)

    def _step(self, step, arg):
        # Kept for its line once the coroutine has ended (cr_frame is None then).
        frame = getattr(self.coro, "cr_frame", None)
        try:
            return step(arg)
        except StopIteration:
            # A task that cancelled itself and then returned ends cancelled all the same (Task.__step:
            # StopIteration with _must_cancel set cancels it): the views draw what the task is.
            task = asyncio.current_task()
            self.log.add("cancelled" if task is not None and task._must_cancel else "finished", line=frame_line(frame))
            raise
        except asyncio.CancelledError as error:
            self.log.add("cancelled", line=raised_line(frame, error))
            raise
        except BaseException as error:
            self.log.add("failed", detail=final_line(error), line=raised_line(frame, error))
            raise


def install(log):
    """Instrument asyncio for this process (a forked child runs one program)."""
    for cls in (asyncio.Semaphore, asyncio.Lock, asyncio.Event):
        _number(cls, log)
    _trace_wait(asyncio.Semaphore, "acquire", "acquired", log)
    _trace_wait(asyncio.Lock, "acquire", "acquired", log)
    _trace_wait(asyncio.Event, "wait", "woken", log)
    _trace_call(asyncio.Semaphore, "release", "released", log)
    _trace_call(asyncio.Lock, "release", "released", log)
    _trace_call(asyncio.Event, "set", "set", log)

    class TracedTask(asyncio.Task):
        def __init__(self, coro, *, loop=None, name=None, context=None):
            # What is not a coroutine goes to Task as it is, to be refused there ("a coroutine was
            # expected, got 5") before a task exists: wrapped, it would run as a task.
            if asyncio.iscoroutine(coro):
                coro = Traced(coro, log)
            super().__init__(coro, loop=loop, name=name, context=context)
            log.add("created", task=self)

    # It stands for asyncio's Task everywhere a program can see it: its name, type(t) is asyncio.Task,
    # asyncio.Task(coro), "cb=[Task.task_wakeup()]" in a future's repr.
    TracedTask.__name__ = TracedTask.__qualname__ = "Task"
    TracedTask.__module__ = "_asyncio"
    asyncio.tasks.Task = asyncio.Task = TracedTask
    _trace_timeouts(log)


def _trace_timeouts(log):
    """"timed_out" where a wait_for() or a timeout block runs out of time, before it cancels anything."""
    cancel_and_wait = asyncio.tasks._cancel_and_wait

    async def traced_cancel_and_wait(fut, loop=None):
        # wait_for's two timeouts (Lib/asyncio/tasks.py of 3.11.7, lines 460 and 495), not its own
        # cancellation (485)
        caller = sys._getframe(1)
        if caller.f_code.co_name == "wait_for" and caller.f_lineno in (460, 495):
            log.add("timed_out", detail=f"wait_for(timeout={caller.f_locals['timeout']!r})")
        return await cancel_and_wait(fut, loop=loop)

    asyncio.tasks._cancel_and_wait = traced_cancel_and_wait
    for name in ("timeout", "timeout_at"):
        make = getattr(asyncio.timeouts, name)

        def traced_make(*args, _make=make, _what=f"asyncio.{name}()", **kwargs):
            cm = _make(*args, **kwargs)
            cm._playground_what = _what
            return cm

        traced_make.__name__ = traced_make.__qualname__ = name
        setattr(asyncio.timeouts, name, traced_make)
        setattr(asyncio, name, traced_make)
    on_timeout = asyncio.timeouts.Timeout._on_timeout

    def traced_on_timeout(self):
        log.add("timed_out", detail=self._playground_what, task=self._task, line=awaiting_line(self._task))
        on_timeout(self)

    asyncio.timeouts.Timeout._on_timeout = traced_on_timeout


def _number(cls, log):
    original = cls.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        log.primitives += 1
        self._sp_id = log.primitives

    cls.__init__ = __init__


def _trace_wait(cls, name, done_kind, log):
    original = getattr(cls, name)

    async def traced(self, coro):
        waits = would_wait(self)
        if waits:
            log.add("waiting", self._sp_id, value_of(self))
        try:
            result = await coro
        except BaseException:
            log.add("gave_up", self._sp_id, value_of(self))
            raise
        log.add(done_kind, self._sp_id, value_of(self))
        return result

    def call(self, *args, **kwargs):
        # The original method makes the coroutine, so arguments it does not take fail at the call,
        # in its own words ("Event.wait() takes 1 positional argument but 2 were given").
        return traced(self, original(self, *args, **kwargs))

    setattr(cls, name, call)


def _trace_call(cls, name, kind, log):
    original = getattr(cls, name)

    def traced(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        log.add(kind, self._sp_id, value_of(self))
        return result

    setattr(cls, name, traced)
