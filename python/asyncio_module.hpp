// The asyncio module of the playground's Python, on core/'s runtime (CPython's Lib/asyncio).
//
// Every Python task is a stepped core Task<Value> (PyTask): each step runs the task's Thread of
// frames and suspends on whatever the innermost frame awaits: a core SleepAwaiter, a semaphore's
// AcquireAwaiter, a Lock or Event waiter, another task or a future. So each `await` is a real
// suspension of the same loop the knob scenarios use, with CPython's scheduling rules.
//
// wait_for is not written here: it is CPython's own code, in the Python prelude (prelude.py.inc),
// compiled by our compiler, so its iterations match CPython's exactly.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "events.hpp"
#include "futures.hpp"
#include "interp.hpp"
#include "locks.hpp"
#include "sync.hpp"
#include "tasks.hpp"
#include "timeouts.hpp"

namespace sp::py {

/// Where CPython 3.11.7's Lib/asyncio/tasks.py has the line `line` of the prelude's wait_for (a
/// task's repr shows it): an await's line, else the `async def`'s.
int wait_for_line_in_tasks_py(int line);

/// _asyncio's fut_exception_tb: the traceback of the exception a task or future finished with, as it
/// was then. The first time its result is taken (an await, .result()) the exception gets that
/// traceback back; later times it is raised with none (future_get_result clears fut_exception_tb),
/// so each awaiter's traceback shows its own frames, not those of the awaiters before it.
struct ExceptionTraceback {
    std::vector<TraceEntry> entries;
    bool kept = false;
    void keep(const Value& exc);
    /// What taking the result gives: `out` with its exception's traceback put back or emptied.
    Outcome take(Outcome out);
};

/// What a task keeps about the exceptions thrown into it or that it ended with. Few tasks ever
/// need it (a cancel() with a message, an ending by an exception), so it is made on first need:
/// a lesson's 100,000 tasks would each carry its 48 bytes.
struct TaskExceptions {
    Value cancel_message;  // the msg of the cancel() in effect (None: none), thrown in with CancelledError
    Value cancelled_exc;   // the CancelledError the task ended with, until one await takes it
    ExceptionTraceback exception_tb;
};

/// Which of asyncio's own coroutines a NativeOpObj is (done: an already-finished __aenter__/__aexit__).
enum class NativeOp : std::uint8_t { sleep, sem_acquire, lock_acquire, event_wait, done };

struct TaskObj final : Object {
    TaskObj() : Object(Kind::task) {}
    ~TaskObj() override;
    void trace(Marker& m) const override;
    std::unique_ptr<Task<Value>> task;
    std::int32_t id = 0;  // in the program's trace: 1-based creation order
    Thread thread;
    Value start;  // what the task's first step awaits (the coroutine or asyncio operation it wraps)
    std::string name;
    const char* coro_name = "";       // the coroutine's function, for reports (its Code lives as long as the program)
    const Code* coro_code = nullptr;  // the coroutine's function (null for an asyncio operation)
    int awaiters = 0;                 // tasks suspended awaiting this one (its Task.task_wakeup() callbacks)
    // _asyncio's fut_blocking, left set by a task that awaited itself (task_step never clears it
    // then): while the task is pending, any later await of it fails at once.
    bool blocking = false;
    // A cancel() cancelled the future the task waits on, with cancel_message: the CancelledError
    // thrown in at the next step is that future's, whatever later cancel()s say (until that step).
    bool cancel_message_fixed = false;
    // It cancelled itself and then returned (Task.__step's StopIteration with _must_cancel): the
    // task ended cancelled by cancel(msg=cancel_message), which every read of its result carries.
    bool cancelled_at_return = false;
    // A traceback holds the frames it passes through, so a failed task in the locals of a frame that
    // an exception left lives as long as that exception (for the task's own exception, holding the
    // task itself, `me = asyncio.current_task()`: a cycle that only the cyclic collector frees).
    // Such a task is logged at exit rather than when a step ends.
    bool held_by_traceback = false;
    bool listed_unretrieved = false;      // in Interp::unretrieved
    NativeOp native_op = NativeOp::done;  // with coro_code null: the asyncio coroutine it wraps

    /// The line of the coroutine's `async def` (0 for an asyncio operation).
    int coro_line() const { return coro_code != nullptr ? coro_code->first_line : 0; }
    /// The msg of the cancel() in effect (None: none).
    Value cancel_message() const { return exceptions_ ? exceptions_->cancel_message : Value::none(); }
    /// Future._cancel_message of the task once cancelled: its cancel()'s msg when it cancelled itself
    /// and then returned (cancelled_at_return), else None (a CancelledError that left the coroutine).
    Value ended_cancel_message() const { return cancelled_at_return ? cancel_message() : Value::none(); }
    void set_cancel_message(const Value& msg) {
        if (exceptions_ || !msg.is_none()) exceptions().cancel_message = msg;
    }
    /// The CancelledError the task ended with, handed out once (None: none, or taken already).
    Value take_cancelled_exc() {
        return exceptions_ ? std::exchange(exceptions_->cancelled_exc, Value::none()) : Value::none();
    }
    /// What taking the task's result gives (ExceptionTraceback::take).
    Outcome take_result(Outcome out) { return exceptions_ ? exceptions_->exception_tb.take(out) : out; }
    /// Made on first use.
    TaskExceptions& exceptions() {
        if (!exceptions_) exceptions_ = std::make_unique<TaskExceptions>();
        return *exceptions_;
    }
    const TaskExceptions* exceptions_if_any() const { return exceptions_.get(); }

private:
    std::unique_ptr<TaskExceptions> exceptions_;
};

/// A future that is not a task: gather()'s, or the prelude's waiters.
struct FutureObj final : Object {
    FutureObj() : Object(Kind::future) {}
    void trace(Marker& m) const override;
    std::unique_ptr<Future<Value>> fut;
    ExceptionTraceback exception_tb;  // gather()'s: the traceback of the exception it was set
    int awaiters = 0;                 // tasks suspended awaiting it (the cb=[Task.task_wakeup()] of its repr)
};

/// What asyncio's own coroutines return before they are awaited: asyncio.sleep(1),
/// sem.acquire(), lock.acquire(), event.wait(), and the already-finished __aenter__/__aexit__.
struct NativeOpObj final : Object {
    using What = NativeOp;
    explicit NativeOpObj(What w) : Object(Kind::native_op), what(w) {}
    void trace(Marker& m) const override;
    What what;
    Value target;            // the semaphore, lock or event
    double delay = 0;        // sleep
    bool enter = false;      // the acquire of `async with`: __aenter__ returns None, not acquire()'s True
    Outcome outcome;         // sleep's result, or a finished operation's outcome
    Value error;             // sleep's: what its first step raises (a delay that is not a number)
    bool finalized = false;  // as CoroutineObj::finalized
};

/// One of asyncio's own coroutines as CPython 3.11.7's Lib/asyncio has it: its __qualname__, its file
/// from asyncio/ (the install's prefix left out, as the never-awaited warning's "asyncio/events.py"),
/// its `async def` line and the line of the await it suspends at (sleep(0)'s: of its bare yield).
/// All null for What::done.
struct LibraryCoroutine {
    const char* qualname = nullptr;
    const char* file = nullptr;
    int def_line = 0;
    int await_line = 0;
    int bare_yield_line = 0;
};
LibraryCoroutine library_coroutine(NativeOpObj::What what);

struct SemaphoreObj final : Object {
    std::int32_t id = 0;  // in the program's trace: 1-based creation order
    SemaphoreObj() : Object(Kind::semaphore) {}
    std::unique_ptr<Semaphore> sem;
    bool bounded = false;
    // Semaphore(True): CPython keeps the bool as _value until the first acquire or release does
    // arithmetic on it ("value:True" in its repr).
    bool value_is_bool = false;
    std::unique_ptr<NativeOpObj> enter;     // what `async with` awaits to acquire it (async_enter)
    const EventLoop* bound_loop = nullptr;  // bind_to_running_loop
};

struct LockObj final : Object {
    std::int32_t id = 0;  // in the program's trace: 1-based creation order
    LockObj() : Object(Kind::lock) {}
    Lock lock;
    std::unique_ptr<NativeOpObj> enter;     // what `async with` awaits to acquire it (async_enter)
    const EventLoop* bound_loop = nullptr;  // bind_to_running_loop
};

struct EventObj final : Object {
    std::int32_t id = 0;  // in the program's trace: 1-based creation order
    EventObj() : Object(Kind::event) {}
    AsyncEvent event;
    const EventLoop* bound_loop = nullptr;  // bind_to_running_loop
};

struct TimeoutObj final : Object {
    TimeoutObj() : Object(Kind::timeout) {}
    void trace(Marker& m) const override;
    std::unique_ptr<Timeout> cm;
    Interp* in = nullptr;
    std::int32_t task = 0;  // the task the block was entered in, for the trace's timed_out event
    // That task's thread, for the line the event points at: the expiry fires only while the block is
    // entered, so while the task lives.
    const Thread* thread = nullptr;
    const char* what = "";  // "asyncio.timeout()" or "asyncio.timeout_at()", as the event says it
    /// The deadline as the program gave it, which Timeout.when() returns (timeout_at(5) is 5, not
    /// 5.0). timeouts.py stores it unchecked: a str fails only when the block is entered, or when
    /// reschedule() compares it with loop.time() after cancelling the old deadline.
    Value when = Value::none();
};

struct HandleObj final : Object {
    HandleObj() : Object(Kind::handle) {}
    TimerHandle handle;
};

struct RunRequestObj final : Object {
    RunRequestObj() : Object(Kind::run_request) {}
    void trace(Marker& m) const override;
    Value coro;
};

/// The running loop as the program sees it (get_running_loop()): one object a loop.
struct LoopObj final : Object {
    explicit LoopObj(const EventLoop* of) : Object(Kind::loop), loop(of) {}
    const EventLoop* loop;
    bool closed = false;  // asyncio.run() has ended: it closed the loop
};

/// Build the asyncio module and compile its Python prelude (wait_for).
void install_asyncio(Interp& in);

/// CancelledError, InvalidStateError (asyncio's own exception classes), or nullptr.
TypeObj* asyncio_type(Interp& in, const std::string& name);
/// The asyncio module (built by install_asyncio).
ModuleObj* asyncio_module(Interp& in);
bool find_asyncio_method(Interp& in, const Value& obj, const std::string& name, Value& out);

/// A time argument of sleep(), timeout(), timeout_at() or Timeout.reschedule() (`what`) in seconds,
/// or the TypeError of the first operation asyncio's Python does with it.
double seconds(Interp& in, const Value& v, const char* what);

// `async with` (before_async_with / async_exit ops): the awaitables of __aenter__ and __aexit__.
Value async_enter(Interp& in, const Value& manager);
Value async_exit(Interp& in, const Value& manager, const Value& exc);

/// mixins._LoopBoundMixin._get_loop, which a Semaphore's or Lock's acquire() and an Event's wait()
/// call only when they must wait (to make their future): the primitive belongs for good to the
/// loop of the first asyncio.run() in which a task waited on it. None, or the RuntimeError of a
/// wait under another loop ("... is bound to a different event loop").
Value bind_to_running_loop(Interp& in, Object* primitive);
/// The Waitable for awaiting anything but a coroutine (which runs inline in the awaiting thread).
std::unique_ptr<Waitable> make_waitable(Interp& in, const Value& awaitable);
Value run_request_coroutine(const Value& request);

// --- the program's trace (program_trace.hpp) ---------------------------------------------------------

/// A new Semaphore, Lock or Event enters the trace: its id, type, start value and line.
std::int32_t trace_primitive(Interp& in, const std::string& type, int initial);
/// The value of a Semaphore (sem._value), a Lock (1 unlocked, 0 locked) or an Event (1 set).
std::int32_t primitive_value(const Object* primitive);
/// The running task released a Semaphore or Lock (after the release succeeded).
void trace_release(Interp& in, const Value& primitive);
/// release() of a Semaphore or Lock (the method, or `async with`'s exit), its event traced: the
/// primitive's own errors as Python exceptions (a BoundedSemaphore's ValueError, an unlocked Lock's
/// RuntimeError).
void release_primitive(Interp& in, const Value& primitive);
/// The thread suspends on `w` (an acquire or Event.wait joins the primitive's queue).
void trace_wait_started(Interp& in, Thread& t, const Waitable& w);
/// The wait on `w` is over, at once or after suspending: acquired, woken, or gave up.
void trace_wait_ended(Interp& in, Thread& t, const Waitable& w, const Outcome& out);

/// asyncio.create_task: a task that awaits `awaitable` (a coroutine or an asyncio operation).
/// `function`: what the trace calls the task's coroutine (by default its function and arguments).
TaskObj* spawn_task(Interp& in, const Value& awaitable, std::string name, std::string function = "");
/// The C++ exception of a Python exception (CancelledError becomes core's, so tasks cancel).
std::exception_ptr to_exception_ptr(const Value& exc);
/// The exception being handled (inside a catch block) as a Python exception. Rethrows what is not
/// one of asyncio's or Python's.
Outcome captured_exception(Interp& in);
/// Run `body`, turning any exception it throws into a Python exception. A template, not a
/// std::function: `async with`'s exit and every wait's resume go through it (4% of the lesson's
/// instructions went to the std::function call and its copy).
template <class Body>
Outcome capture(Interp& in, Body&& body) {
    try {
        return Outcome{false, body()};
    } catch (...) {
        return captured_exception(in);
    }
}
/// gather(*children, return_exceptions=...) over tasks and futures; the future to await.
FutureObj* gather_futures(Interp& in, std::vector<Value> children, bool return_exceptions);
FutureBase* future_base(const Value& v);
/// futures._make_cancelled_error of a cancelled task: the CancelledError it ended with, once;
/// then a new one without a message.
Value make_cancelled_error(Interp& in, TaskObj& t);

}  // namespace sp::py
