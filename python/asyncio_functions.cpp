// The asyncio module's functions and classes, and the methods of its objects.
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "compile.hpp"
#include "longobject.hpp"
#include "parser.hpp"

namespace sp::py {

namespace {

// CPython 3.11's asyncio.wait_for and _cancel_and_wait (tasks.py), verbatim but for the helper
// names and the trace's _aio_timed_out (what tests/conformance/program_events.py notes at the same
// points): they are coroutines in CPython, so running them as Python keeps every iteration the same.
const char* const prelude_source = R"PY(
from asyncio import CancelledError as _aio_CancelledError, TimeoutError as _aio_TimeoutError
from asyncio import _create_future as _aio_create_future, _ensure_future as _aio_ensure_future
from asyncio import _release_on_done as _aio_release_on_done, _stop_release as _aio_stop_release
from asyncio import _release_later as _aio_release_later, _timed_out as _aio_timed_out

async def wait_for(fut, timeout):
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = _aio_ensure_future(fut)
        if fut.done():
            return fut.result()
        _aio_timed_out(timeout)
        await _aio_cancel_and_wait(fut)
        try:
            return fut.result()
        except _aio_CancelledError as exc:
            raise _aio_TimeoutError() from exc
    waiter = _aio_create_future()
    timeout_handle = _aio_release_later(timeout, waiter)
    fut = _aio_ensure_future(fut)
    _aio_release_on_done(fut, waiter)
    try:
        try:
            await waiter
        except _aio_CancelledError:
            if fut.done():
                return fut.result()
            else:
                _aio_stop_release(fut, waiter)
                await _aio_cancel_and_wait(fut)
                raise
        if fut.done():
            return fut.result()
        else:
            _aio_timed_out(timeout)
            _aio_stop_release(fut, waiter)
            await _aio_cancel_and_wait(fut)
            try:
                return fut.result()
            except _aio_CancelledError as exc:
                raise _aio_TimeoutError() from exc
    finally:
        timeout_handle.cancel()

async def _aio_cancel_and_wait(fut):
    waiter = _aio_create_future()
    _aio_release_on_done(fut, waiter)
    try:
        fut.cancel()
        await waiter
    finally:
        _aio_stop_release(fut, waiter)
)PY";

ModuleObj* module_of(Interp& in) { return as<ModuleObj>(in.builtins[" asyncio"]); }

}  // namespace

double seconds(Interp& in, const Value& v, const char* what) {
    if (v.tag == Tag::real) return v.f;
    const std::string what_s = what;
    // sleep()'s `if delay <= 0` compares before any float is made: sleep(-10**400) sleeps 0.
    if (what_s == "sleep" && is_long(v) && as<LongObj>(v)->value.negative()) return 0.0;
    if (is_integer(v)) return long_to_double(in, v);
    // The first operation CPython's code does with it: timeout()'s `loop.time() + delay`,
    // Timeout.reschedule()'s `when <= loop.time()`, sleep()'s `delay <= 0`.
    if (what_s == "timeout()")
        in.raise("TypeError", "unsupported operand type(s) for +: 'float' and '" + type_name(v) + "'");
    if (what_s == "timeout_at" || what_s == "reschedule")
        in.raise("TypeError", "'<=' not supported between instances of '" + type_name(v) + "' and 'float'");
    in.raise("TypeError", "'<=' not supported between instances of '" + type_name(v) + "' and 'int'");
}

namespace {

/// A method asyncio writes in Python with no parameter but self (Event.set, Semaphore.locked,
/// BaseEventLoop.time...): CPython's words for anything given.
void self_only(Interp& in, const CallArgs& a, const std::string& qualname) {
    if (!a.pos.empty())
        in.raise("TypeError",
                 qualname + "() takes 1 positional argument but " + std::to_string(a.pos.size() + 1) + " were given");
    if (!a.kw.empty())
        in.raise("TypeError", qualname + "() got an unexpected keyword argument '" + a.kw.front().first + "'");
}
/// The same, its name made only when something was given (these are called often).
void self_only(Interp& in, const CallArgs& a, const char* qualname) {
    if (!a.pos.empty() || !a.kw.empty()) self_only(in, a, std::string(qualname));
}

/// A method of _asyncio's Task or Future without parameters (METH_NOARGS): "Task.done() takes no
/// arguments (1 given)".
void no_arguments_c(Interp& in, Value self, const CallArgs& a, const char* method) {
    if (a.pos.empty() && a.kw.empty()) return;
    const std::string qualname = std::string(is_kind(self, Kind::task) ? "Task." : "Future.") + method;
    if (!a.kw.empty()) in.raise("TypeError", qualname + "() takes no keyword arguments");
    if (!a.pos.empty())
        in.raise("TypeError", qualname + "() takes no arguments (" + std::to_string(a.pos.size()) + " given)");
}

/// The class that defines a method of a Semaphore or Lock (BoundedSemaphore defines only release).
std::string primitive_method(const Value& self, const char* method) {
    if (is_kind(self, Kind::lock)) return std::string("Lock.") + method;
    const bool bounded = as<SemaphoreObj>(self)->bounded && std::string_view(method) == "release";
    return std::string(bounded ? "BoundedSemaphore." : "Semaphore.") + method;
}

// --- module functions ---------------------------------------------------------------------------------

Value one_argument(Interp& in, const CallArgs& a, const std::string& fn, const char* param,
                   std::initializer_list<std::string_view> keyword_only);

Value a_run(Interp& in, Value, CallArgs& a) {
    const Value main = one_argument(in, a, "run", "main", {"debug"});  // run(main, *, debug=None)
    for (const auto& [name, value] : a.kw) {
        // Debug mode logs slow callbacks on the wall clock and where coroutines were made: not modelled.
        if (name == "debug" && truthy(value)) in.refuse("asyncio.run(..., debug=True)");
    }
    if (in.loop != nullptr) in.raise("RuntimeError", "asyncio.run() cannot be called from a running event loop");
    auto* r = in.heap.make<RunRequestObj>();
    r->coro = main;
    // Runner.__enter__ makes the loop before Runner.run() refuses what is not a coroutine: the
    // program runs the loop's shutdown (Runner.close()), then raises this.
    if (!is_kind(main, Kind::coroutine) && !is_kind(main, Kind::native_op))
        r->coro = in.make_exception("ValueError", "a coroutine was expected, got " + repr(main));
    return Value::object(r);
}

Value a_sleep(Interp& in, Value, CallArgs& a) {
    // async def sleep(delay, result=None): both positional or keyword
    for (const auto& kv : a.kw) {
        if (kv.first != "delay" && kv.first != "result")
            in.raise("TypeError", "sleep() got an unexpected keyword argument '" + kv.first + "'");
        if ((kv.first == "delay" && !a.pos.empty()) || (kv.first == "result" && a.pos.size() > 1))
            in.raise("TypeError", "sleep() got multiple values for argument '" + kv.first + "'");
    }
    if (a.pos.size() > 2)
        in.raise("TypeError",
                 "sleep() takes from 1 to 2 positional arguments but " + std::to_string(a.pos.size()) + " were given");
    const Value missing = Value::object(unbound_marker());
    const Value delay = a.pos.empty() ? keyword(a, "delay", missing) : a.pos[0];
    if (is_kind(delay, Kind::unbound)) in.raise("TypeError", "sleep() missing 1 required positional argument: 'delay'");
    auto* op = in.heap.make<NativeOpObj>(NativeOpObj::What::sleep);
    // NaN too: 3.11 sleeps to the next iteration (3.13 refuses it). A delay that is not a number
    // fails sleep's `if delay <= 0` once the coroutine runs: when awaited, not when called.
    const Outcome checked = capture(in, [&]() -> Value { return Value::real(seconds(in, delay, "sleep")); });
    if (checked.failed)
        op->error = checked.value;
    else
        op->delay = checked.value.f;
    op->outcome.value = a.pos.size() > 1 ? a.pos[1] : keyword(a, "result", Value::none());
    return Value::object(op);
}

Value ensure_future(Interp& in, const Value& v) {
    if (is_kind(v, Kind::task) || is_kind(v, Kind::future)) return v;
    if (is_coroutine(v)) return Value::object(spawn_task(in, v, ""));
    in.raise("TypeError", "An asyncio.Future, a coroutine or an awaitable is required");
}

Value a_gather(Interp& in, Value, CallArgs& a) {
    for (const auto& kv : a.kw) {
        if (kv.first != "return_exceptions")
            in.raise("TypeError", "gather() got an unexpected keyword argument '" + kv.first + "'");
    }
    // Outside a running loop CPython's gather() makes a loop of its own (get_event_loop()) whose
    // tasks never run: no error, nothing printed. The playground has no such loop.
    if (in.loop == nullptr || EventLoop::running() == nullptr)
        in.refuse("asyncio.gather() outside a running event loop (use asyncio.run())");
    std::vector<Value> children;
    children.reserve(a.pos.size());
    for (const Value& arg : a.pos) check_hashable(in, arg);  // `arg not in arg_to_fut`: gather([...]) fails here
    if (!has_repeated_objects(a.pos.data(), a.pos.data() + a.pos.size())) {
        for (const Value& arg : a.pos) {
            if (!arg.is_obj()) in.raise("TypeError", "An asyncio.Future, a coroutine or an awaitable is required");
            children.push_back(ensure_future(in, arg));
        }
        return Value::object(
            gather_futures(in, std::move(children), truthy(keyword(a, "return_exceptions", Value::boolean(false)))));
    }
    std::unordered_map<const Object*, Value> arg_to_fut;  // the same awaitable twice is one child
    for (const Value& arg : a.pos) {
        if (!arg.is_obj()) in.raise("TypeError", "An asyncio.Future, a coroutine or an awaitable is required");
        auto it = arg_to_fut.find(arg.o);
        if (it == arg_to_fut.end()) it = arg_to_fut.emplace(arg.o, ensure_future(in, arg)).first;
        children.push_back(it->second);
    }
    return Value::object(
        gather_futures(in, std::move(children), truthy(keyword(a, "return_exceptions", Value::boolean(false)))));
}

/// The one positional-or-keyword parameter of a Python-defined function, in CPython's words when
/// it is missing or given too many times.
Value one_argument(Interp& in, const CallArgs& a, const std::string& fn, const char* param,
                   std::initializer_list<std::string_view> keyword_only) {
    if (a.pos.size() > 1)
        in.raise("TypeError",
                 fn + "() takes 1 positional argument but " + std::to_string(a.pos.size()) + " were given");
    // ceval.c's initialize_locals: each keyword in turn, before anything missing.
    for (const auto& [name, value] : a.kw) {
        if (name == param && !a.pos.empty())
            in.raise("TypeError", fn + "() got multiple values for argument '" + param + "'");
        if (name != param && std::find(keyword_only.begin(), keyword_only.end(), name) == keyword_only.end())
            in.raise("TypeError", fn + "() got an unexpected keyword argument '" + name + "'");
    }
    const Value missing = Value::object(unbound_marker());
    const Value v = a.pos.empty() ? keyword(a, param, missing) : a.pos[0];
    if (is_kind(v, Kind::unbound))
        in.raise("TypeError", fn + "() missing 1 required positional argument: '" + param + "'");
    return v;
}
/// A class whose __init__ takes only self (Lock, Event).
void no_arguments(Interp& in, const CallArgs& a, const std::string& cls) {
    if (!a.pos.empty())
        in.raise("TypeError", cls + ".__init__() takes 1 positional argument but " + std::to_string(a.pos.size() + 1) +
                                  " were given");
    if (!a.kw.empty())
        in.raise("TypeError", cls + ".__init__() got an unexpected keyword argument '" + a.kw.front().first + "'");
}

Value a_create_task(Interp& in, Value, CallArgs& a) {
    const Value coro = one_argument(in, a, "create_task", "coro", {"name", "context"});
    if (in.loop == nullptr || EventLoop::running() == nullptr) in.raise("RuntimeError", "no running event loop");
    Value name = keyword(a, "name", Value::none());
    return Value::object(spawn_task(in, coro, name.is_none() ? "" : str(name)));
}

/// A timeout block's deadline passed: the trace says so before the task is cancelled.
void timeout_expired(void* context) {
    auto* t = static_cast<TimeoutObj*>(context);
    t->in->trace.add_text(t->in->clock(), t->task, ProgramEventKind::timed_out,
                          t->thread != nullptr ? t->thread->program_line() : 0, t->what);
}

TimeoutObj* make_timeout(Interp& in, std::optional<double> when, const char* what) {
    auto* t = in.heap.make<TimeoutObj>();
    t->cm = std::make_unique<Timeout>(when);
    t->in = &in;
    t->what = what;
    t->cm->on_expiry(&timeout_expired, t);
    return t;
}

Value a_timeout(Interp& in, Value, CallArgs& a) {
    const Value delay = one_argument(in, a, "timeout", "delay", {});
    EventLoop* loop = in.loop;
    if (loop == nullptr || EventLoop::running() == nullptr) in.raise("RuntimeError", "no running event loop");
    std::optional<double> when;
    if (!delay.is_none()) when = loop->time() + seconds(in, delay, "timeout()");
    TimeoutObj* t = make_timeout(in, when, "asyncio.timeout()");
    t->when = when ? Value::real(*when) : Value::none();
    return Value::object(t);
}

// timeouts.py's `def timeout_at(when): return Timeout(when)`: no loop needed yet, nothing checked.
Value a_timeout_at(Interp& in, Value, CallArgs& a) {
    const Value at = one_argument(in, a, "timeout_at", "when", {});
    TimeoutObj* t = make_timeout(in, is_real_number(at) ? std::optional(seconds(in, at, "timeout_at")) : std::nullopt,
                                 "asyncio.timeout_at()");
    t->when = at;
    return Value::object(t);
}

Value make_semaphore(Interp& in, CallArgs& a, bool bounded) {
    // def __init__(self, value=1), in Python: its words for arguments it does not take
    const std::string init = std::string(bounded ? "BoundedSemaphore" : "Semaphore") + ".__init__()";
    if (a.pos.size() > 1)
        in.raise("TypeError", init + " takes from 1 to 2 positional arguments but " + std::to_string(a.pos.size() + 1) +
                                  " were given");
    for (const auto& kv : a.kw) {
        if (kv.first != "value") in.raise("TypeError", init + " got an unexpected keyword argument '" + kv.first + "'");
        if (!a.pos.empty()) in.raise("TypeError", init + " got multiple values for argument 'value'");
    }
    const Value v = a.pos.empty() ? keyword(a, "value", Value::integer(1)) : a.pos[0];
    // Semaphore.__init__: `if value < 0: raise ValueError(...)`
    if (!is_integer(v) && v.tag != Tag::real)
        in.raise("TypeError", "'<' not supported between instances of '" + type_name(v) + "' and 'int'");
    // CPython takes any number (a float's value counts down by 1 a permit and never reaches 0 again);
    // the playground's semaphores count in ints.
    if (!v.is_intlike()) {
        if ((v.tag == Tag::real && v.f < 0) || (is_long(v) && as<LongObj>(v)->value.negative()))
            in.raise("ValueError", "Semaphore initial value must be >= 0");
        in.refuse("a " + std::string(bounded ? "BoundedSemaphore" : "Semaphore") + " whose value is " +
                  (v.tag == Tag::real ? "a float" : "an int past 64 bits"));
    }
    const std::int64_t n = v.as_int();
    auto* s = in.heap.make<SemaphoreObj>();
    s->bounded = bounded;
    s->value_is_bool = v.tag == Tag::boolean;
    Outcome o = capture(in, [&]() -> Value {
        s->sem = bounded ? std::make_unique<BoundedSemaphore>(n) : std::make_unique<Semaphore>(n);
        return Value::none();
    });
    if (o.failed) throw PyRaise{o.value};
    s->id = trace_primitive(in, bounded ? "BoundedSemaphore" : "Semaphore", static_cast<int>(n));
    return Value::object(s);
}
Value t_semaphore(Interp& in, Value, CallArgs& a) { return make_semaphore(in, a, false); }
Value p_create_future(Interp& in, Value, CallArgs& a);

/// asyncio.Task(coro, *, loop=None, name=None, context=None): what loop.create_task() makes.
Value t_task(Interp& in, Value, CallArgs& a) {
    if (a.pos.size() != 1)
        in.raise("TypeError", a.pos.empty() ? "Task.__init__() missing required argument 'coro' (pos 1)"
                                            : "Task.__init__() takes at most 1 positional argument (" +
                                                  std::to_string(a.pos.size()) + " given)");
    for (const auto& kv : a.kw) {
        if (kv.first != "name") in.refuse("asyncio.Task(" + kv.first + "=...)");
    }
    if (in.loop == nullptr || EventLoop::running() == nullptr) in.raise("RuntimeError", "no running event loop");
    if (!is_kind(a.pos[0], Kind::coroutine)) in.raise("TypeError", "a coroutine was expected, got " + repr(a.pos[0]));
    const Value name = keyword(a, "name", Value::none());
    return Value::object(spawn_task(in, a.pos[0], name.is_none() ? "" : str(name)));
}
/// asyncio.Future(): a pending future of the running loop (its set_result() is not supported).
Value t_future(Interp& in, Value, CallArgs& a) {
    if (!a.pos.empty()) in.raise("TypeError", "Future() takes no positional arguments");
    if (!a.kw.empty()) in.refuse("asyncio.Future(" + a.kw.front().first + "=...)");
    CallArgs none;
    return p_create_future(in, Value::none(), none);
}
Value t_bounded(Interp& in, Value, CallArgs& a) { return make_semaphore(in, a, true); }
Value t_lock(Interp& in, Value, CallArgs& a) {
    no_arguments(in, a, "Lock");
    auto* lock = in.heap.make<LockObj>();
    lock->id = trace_primitive(in, "Lock", 1);
    return Value::object(lock);
}
Value t_event(Interp& in, Value, CallArgs& a) {
    no_arguments(in, a, "Event");
    auto* event = in.heap.make<EventObj>();
    event->id = trace_primitive(in, "Event", 0);
    return Value::object(event);
}

Value a_current_task(Interp& in, Value, CallArgs& a) {
    // def current_task(loop=None): the running loop's task; another loop has none (_current_tasks.get(loop)).
    if (a.pos.size() > 1)
        in.raise("TypeError", "current_task() takes from 0 to 1 positional arguments but " +
                                  std::to_string(a.pos.size()) + " were given");
    for (const auto& kv : a.kw) {
        if (kv.first != "loop")
            in.raise("TypeError", "current_task() got an unexpected keyword argument '" + kv.first + "'");
        if (!a.pos.empty()) in.raise("TypeError", "current_task() got multiple values for argument 'loop'");
    }
    const Value loop = a.pos.empty() ? keyword(a, "loop", Value::none()) : a.pos[0];
    if (!loop.is_none()) {
        if (!is_kind(loop, Kind::loop)) {
            check_hashable(in, loop);
            return Value::none();
        }
    } else if (in.loop == nullptr || EventLoop::running() == nullptr) {
        in.raise("RuntimeError", "no running event loop");
    }
    // Python code runs only in a task's own thread (or the module's, outside any loop): the thread
    // running now is the current task's.
    TaskObj* task = in.current != nullptr ? in.current->task : nullptr;
    return task == nullptr ? Value::none() : Value::object(task);
}

/// The running loop's object: the same one each time while that loop runs (`is` holds).
Value running_loop_object(Interp& in) {
    if (!is_kind(in.loop_object, Kind::loop) || as<LoopObj>(in.loop_object)->loop != in.loop)
        in.loop_object = Value::object(in.heap.make<LoopObj>(in.loop));
    return in.loop_object;
}

Value a_get_running_loop(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_asyncio.get_running_loop", a, 0, 0);
    if (!a.kw.empty()) in.raise("TypeError", "_asyncio.get_running_loop() takes no keyword arguments");
    if (in.loop == nullptr || EventLoop::running() == nullptr) in.raise("RuntimeError", "no running event loop");
    return running_loop_object(in);
}

/// 3.11's get_event_loop: the running loop when there is one. Without one, CPython warns
/// (DeprecationWarning) and makes a loop the program would then have to run itself: refused.
Value a_get_event_loop(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_asyncio.get_event_loop", a, 0, 0);
    if (!a.kw.empty()) in.raise("TypeError", "_asyncio.get_event_loop() takes no keyword arguments");
    if (in.loop == nullptr || EventLoop::running() == nullptr)
        in.refuse("asyncio.get_event_loop() outside a running event loop (use asyncio.run())");
    return running_loop_object(in);
}

// --- the prelude's helpers (futures.py and tasks.py internals) ------------------------------------------

void release_waiter(void* waiter, void*) {
    auto* fut = static_cast<Future<Value>*>(waiter);
    if (!fut->done()) fut->set_result(Value::none());
}

Value p_create_future(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_create_future", a, 0, 0);
    if (in.loop == nullptr) in.raise("RuntimeError", "no running event loop");
    auto* f = in.heap.make<FutureObj>();
    f->fut = std::make_unique<Future<Value>>(*in.loop);
    return Value::object(f);
}
// These are reachable as asyncio._x by programs too, so they check what they are given.
FutureBase* require_future(Interp& in, const Value& v) {
    FutureBase* f = future_base(v);
    if (f == nullptr) in.raise("TypeError", "a task or a future is required, not " + type_name(v));
    return f;
}
Future<Value>* require_waiter(Interp& in, const Value& v) {
    if (!is_kind(v, Kind::future) || !as<FutureObj>(v)->fut)
        in.raise("TypeError", "a future is required, not " + type_name(v));
    return as<FutureObj>(v)->fut.get();
}

Value p_ensure_future(Interp& in, Value, CallArgs& a) {
    expect_args(in, "ensure_future", a, 1, 1);
    return ensure_future(in, a.pos[0]);
}
Value p_release_on_done(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_release_on_done", a, 2, 2);
    require_future(in, a.pos[0])->add_done_callback(&release_waiter, require_waiter(in, a.pos[1]));
    return Value::none();
}
Value p_stop_release(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_stop_release", a, 2, 2);
    require_future(in, a.pos[0])->remove_done_callback(&release_waiter, require_waiter(in, a.pos[1]));
    return Value::none();
}
// The playground's one line in wait_for: its timeout ran out (the trace's timed_out event).
Value p_timed_out(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_timed_out", a, 1, 1);
    in.trace.add_text(in.clock(), in.running_task(), ProgramEventKind::timed_out, in.running_line(),
                      "wait_for(timeout=" + repr(a.pos[0]) + ")");
    return Value::none();
}
Value p_release_later(Interp& in, Value, CallArgs& a) {
    expect_args(in, "_release_later", a, 2, 2);
    if (in.loop == nullptr) in.raise("RuntimeError", "no running event loop");
    const double delay = seconds(in, a.pos[0], "timeout");
    Future<Value>* waiter = require_waiter(in, a.pos[1]);
    auto* h = in.heap.make<HandleObj>();
    h->handle = in.loop->call_later(delay, &release_waiter, waiter);
    return Value::object(h);
}

// --- methods ------------------------------------------------------------------------------------------

TaskObj* task_of(const Value& self) { return as<TaskObj>(self); }

Value m_task_cancel(Interp& in, Value self, CallArgs& a) {
    // Argument Clinic's _PyArg_UnpackKeywords: all the arguments counted first, then their names.
    const std::size_t given = a.pos.size() + a.kw.size();
    if (given > 1) in.raise("TypeError", "cancel() takes at most 1 argument (" + std::to_string(given) + " given)");
    for (const auto& kv : a.kw) {
        if (kv.first != "msg") in.raise("TypeError", "'" + kv.first + "' is an invalid keyword argument for cancel()");
    }
    // cancel(msg=None): the message reaches every task this cancel() cancels (tasks.py passes it on
    // to the future the task waits on).
    struct InFlight {
        Interp& in;
        ~InFlight() { in.cancel_in_flight = Value::none(); }
    } in_flight{in};
    in.cancel_in_flight = a.pos.empty() ? keyword(a, "msg", Value::none()) : a.pos[0];
    return Value::boolean(future_base(self)->cancel());
}
Value m_done(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "done");
    return Value::boolean(future_base(self)->done());
}
Value m_cancelled(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "cancelled");
    return Value::boolean(future_base(self)->cancelled());
}
Value m_result(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "result");
    FutureBase* f = future_base(self);
    if (!f->done())
        throw PyRaise{in.make_exception(asyncio_type(in, "InvalidStateError"), {in.str_value("Result is not set.")})};
    if (f->cancelled() && is_kind(self, Kind::task)) throw PyRaise{make_cancelled_error(in, *task_of(self))};
    Outcome o = is_kind(self, Kind::task)
                    ? task_of(self)->take_result(capture(in, [&]() -> Value { return task_of(self)->task->result(); }))
                    : as<FutureObj>(self)->exception_tb.take(
                          capture(in, [&]() -> Value { return as<FutureObj>(self)->fut->result(); }));
    if (o.failed) throw PyRaise{o.value};
    return o.value;
}
Value m_exception(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "exception");
    FutureBase* f = future_base(self);
    if (!f->done())
        throw PyRaise{
            in.make_exception(asyncio_type(in, "InvalidStateError"), {in.str_value("Exception is not set.")})};
    if (f->cancelled() && is_kind(self, Kind::task)) throw PyRaise{make_cancelled_error(in, *task_of(self))};
    if (f->cancelled()) throw PyRaise{in.make_exception(asyncio_type(in, "CancelledError"), {})};
    if (!f->has_exception()) return Value::none();
    return capture(in, [&]() -> Value { std::rethrow_exception(f->exception()); }).value;
}
Value m_get_name(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "get_name");
    return in.str_value(task_of(self)->name);
}
Value m_set_name(Interp& in, Value self, CallArgs& a) {
    if (!a.kw.empty()) in.raise("TypeError", "Task.set_name() takes no keyword arguments");
    expect_args(in, "Task.set_name", a, 1, 1);
    TaskObj* task = task_of(self);
    const char* old = task->name.c_str();
    task->name = str(a.pos[0]);  // Task.set_name: self._name = str(value)
    // A task awaiting this one names it by pointer (the deadlock report's "waiting for Task-2").
    for (TaskObj* t : in.tasks) {
        if (t->thread.waiting && t->thread.waiting->what == old) t->thread.waiting->what = task->name.c_str();
    }
    return Value::none();
}
Value m_cancelling(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "cancelling");
    return Value::integer(task_of(self)->task->cancelling());
}
Value m_uncancel(Interp& in, Value self, CallArgs& a) {
    no_arguments_c(in, self, a, "uncancel");
    return Value::integer(task_of(self)->task->uncancel());
}

Value m_sem_acquire(Interp& in, Value self, CallArgs& a) {
    // before any coroutine is made, as a call's TypeError (the name made only then: acquire is hot)
    if (!a.pos.empty() || !a.kw.empty()) self_only(in, a, primitive_method(self, "acquire"));
    auto* op = in.heap.make<NativeOpObj>(is_kind(self, Kind::semaphore) ? NativeOpObj::What::sem_acquire
                                                                        : NativeOpObj::What::lock_acquire);
    op->target = self;
    if (is_kind(self, Kind::semaphore)) as<SemaphoreObj>(self)->value_is_bool = false;
    return Value::object(op);
}
Value m_release(Interp& in, Value self, CallArgs& a) {
    if (!a.pos.empty() || !a.kw.empty()) self_only(in, a, primitive_method(self, "release"));
    release_primitive(in, self);
    return Value::none();
}
Value m_locked(Interp& in, Value self, CallArgs& a) {
    if (!a.pos.empty() || !a.kw.empty()) self_only(in, a, primitive_method(self, "locked"));
    if (is_kind(self, Kind::semaphore)) return Value::boolean(as<SemaphoreObj>(self)->sem->locked());
    return Value::boolean(as<LockObj>(self)->lock.locked());
}
Value m_event_set(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Event.set");
    as<EventObj>(self)->event.set();
    in.trace.add(in.clock(), in.running_task(), ProgramEventKind::set, in.running_line(), as<EventObj>(self)->id, 1);
    return Value::none();
}
Value m_event_clear(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Event.clear");
    return as<EventObj>(self)->event.clear(), Value::none();
}
Value m_event_is_set(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Event.is_set");
    return Value::boolean(as<EventObj>(self)->event.is_set());
}
Value m_event_wait(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Event.wait");  // Event.wait(5) is threading's, not asyncio's
    auto* op = in.heap.make<NativeOpObj>(NativeOpObj::What::event_wait);
    op->target = self;
    return Value::object(op);
}
Value m_loop_time(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "BaseEventLoop.time");
    // Its own clock, also once its asyncio.run() ended (Interp::loops keeps every loop): where it stopped.
    return Value::real(as<LoopObj>(self)->loop->time());
}
Value m_timeout_when(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Timeout.when");
    return as<TimeoutObj>(self)->when;
}
Value m_timeout_expired(Interp& in, Value self, CallArgs& a) {
    self_only(in, a, "Timeout.expired");
    return Value::boolean(as<TimeoutObj>(self)->cm->expired());
}
// timeouts.py's Timeout.reschedule: only while the block runs ("active").
Value m_timeout_reschedule(Interp& in, Value self, CallArgs& a) {
    for (const auto& kv : a.kw)
        if (kv.first != "when" || !a.pos.empty())
            in.raise("TypeError", kv.first != "when"
                                      ? "Timeout.reschedule() got an unexpected keyword argument '" + kv.first + "'"
                                      : std::string("Timeout.reschedule() got multiple values for argument 'when'"));
    if (a.pos.empty() && a.kw.empty())
        in.raise("TypeError", "Timeout.reschedule() missing 1 required positional argument: 'when'");
    if (a.pos.size() > 1)
        in.raise("TypeError", "Timeout.reschedule() takes 2 positional arguments but " +
                                  std::to_string(a.pos.size() + 1) + " were given");
    const Value when_arg = a.pos.empty() ? a.kw.front().second : a.pos[0];
    Timeout& cm = *as<TimeoutObj>(self)->cm;
    switch (cm.state()) {
        case Timeout::State::created: in.raise("RuntimeError", "Timeout has not been entered");
        case Timeout::State::entered: break;
        case Timeout::State::expiring: in.raise("RuntimeError", "Cannot change state of expiring Timeout");
        case Timeout::State::expired: in.raise("RuntimeError", "Cannot change state of expired Timeout");
        case Timeout::State::exited: in.raise("RuntimeError", "Cannot change state of finished Timeout");
    }
    // reschedule() stores the new deadline and cancels the old one before it compares the new one
    // with loop.time(): a deadline that cannot be compared leaves none.
    as<TimeoutObj>(self)->when = when_arg;
    if (when_arg.is_none() || is_real_number(when_arg)) {
        cm.reschedule(when_arg.is_none() ? std::nullopt : std::optional(seconds(in, when_arg, "reschedule")));
        return Value::none();
    }
    cm.reschedule(std::nullopt);
    seconds(in, when_arg, "reschedule");  // raises `when <= loop.time()`'s TypeError
    return Value::none();
}
Value m_handle_cancel(Interp&, Value self, CallArgs&) { return as<HandleObj>(self)->handle.cancel(), Value::none(); }

// The methods live in the table itself (static storage, node addresses never move).
using Table = std::unordered_map<std::string, BuiltinObj>;
Table make_table(std::initializer_list<std::pair<const char*, BuiltinFn>> entries) {
    Table t;
    for (const auto& [name, fn] : entries) t.emplace(name, BuiltinObj(name, fn));
    return t;
}

const Table* methods_for(Kind k) {
    static const Table task = make_table({{"cancel", m_task_cancel},
                                          {"done", m_done},
                                          {"cancelled", m_cancelled},
                                          {"result", m_result},
                                          {"exception", m_exception},
                                          {"get_name", m_get_name},
                                          {"set_name", m_set_name},
                                          {"cancelling", m_cancelling},
                                          {"uncancel", m_uncancel}});
    static const Table future = make_table({{"cancel", m_task_cancel},
                                            {"done", m_done},
                                            {"cancelled", m_cancelled},
                                            {"result", m_result},
                                            {"exception", m_exception}});
    static const Table sem = make_table({{"acquire", m_sem_acquire}, {"release", m_release}, {"locked", m_locked}});
    static const Table event = make_table(
        {{"set", m_event_set}, {"clear", m_event_clear}, {"is_set", m_event_is_set}, {"wait", m_event_wait}});
    static const Table loop = make_table({{"time", m_loop_time}});
    static const Table handle = make_table({{"cancel", m_handle_cancel}});
    static const Table timeout =
        make_table({{"when", m_timeout_when}, {"expired", m_timeout_expired}, {"reschedule", m_timeout_reschedule}});
    switch (k) {
        case Kind::task: return &task;
        case Kind::future: return &future;
        case Kind::semaphore:
        case Kind::lock: return &sem;
        case Kind::event: return &event;
        case Kind::loop: return &loop;
        case Kind::handle: return &handle;
        case Kind::timeout: return &timeout;
        default: return nullptr;
    }
}

void install_prelude(Interp& in);

}  // namespace

bool find_asyncio_method(Interp& in, const Value& obj, const std::string& name, Value& out) {
    if (!obj.is_obj()) return false;
    if (is_kind(obj, Kind::semaphore) && name == "_value") {
        const auto* s = as<SemaphoreObj>(obj);
        out = s->value_is_bool ? Value::boolean(s->sem->value() != 0) : Value::integer(s->sem->value());
        return true;
    }
    const Table* t = methods_for(obj.o->kind);
    if (t == nullptr) return false;
    auto it = t->find(name);
    if (it == t->end()) return false;
    out = Value::object(in.heap.make<BoundMethodObj>(obj, const_cast<BuiltinObj*>(&it->second)));
    return true;
}

namespace {

ModuleObj* build_module(Interp& in) {
    auto* m = in.heap.make<ModuleObj>("asyncio");
    in.builtins[" asyncio"] = Value::object(m);
    // All but get_running_loop and get_event_loop (_asyncio's) are functions of asyncio's Python modules in CPython:
    // `await asyncio.sleep` is "object function can't be used in 'await' expression".
    auto fn = [&](const char* name, BuiltinFn f) {
        auto* b = in.heap.make<BuiltinObj>(name, f);
        b->python_function = std::string_view(name) != "get_running_loop" && std::string_view(name) != "get_event_loop";
        m->attrs[name] = Value::object(b);
    };
    fn("run", a_run);
    fn("sleep", a_sleep);
    as<BuiltinObj>(m->attrs["sleep"])->returns_new_object = true;  // a new NativeOpObj each call
    fn("gather", a_gather);
    fn("create_task", a_create_task);
    fn("ensure_future", p_ensure_future);
    fn("timeout", a_timeout);
    fn("timeout_at", a_timeout_at);
    fn("current_task", a_current_task);
    fn("get_running_loop", a_get_running_loop);
    fn("get_event_loop", a_get_event_loop);
    fn("_create_future", p_create_future);
    fn("_ensure_future", p_ensure_future);
    fn("_release_on_done", p_release_on_done);
    fn("_stop_release", p_stop_release);
    fn("_release_later", p_release_later);
    fn("_timed_out", p_timed_out);
    // asyncio.locks' classes: the class objects type() gives for the primitives (b_type looks them
    // up by module and name), so type(sem) == asyncio.Semaphore and they print as CPython's.
    auto type = [&](const char* name, BuiltinFn f) {
        auto* t = in.heap.make<TypeObj>(name, nullptr);
        t->construct = f;
        t->module = "asyncio.locks";
        m->attrs[name] = Value::object(t);
        in.builtins[t->module + "." + name] = m->attrs[name];
    };
    // asyncio.Task and asyncio.Future: _asyncio's classes, the very ones type() gives (isinstance,
    // type(t) is asyncio.Task); made by create_task() and gather() here, not by calling them.
    for (const char* name : {"Task", "Future"}) {
        const std::string key = std::string("_asyncio.") + name;
        TypeObj* t = in.type(key);
        if (t == nullptr) {
            t = in.heap.make<TypeObj>(name, nullptr);
            t->module = "_asyncio";
            in.builtins[key] = Value::object(t);
        }
        t->construct = std::string_view(name) == "Task" ? t_task : t_future;
        m->attrs[name] = Value::object(t);
    }
    type("Semaphore", t_semaphore);
    type("BoundedSemaphore", t_bounded);
    type("Lock", t_lock);
    type("Event", t_event);
    // asyncio.exceptions: CancelledError is a BaseException, so `except Exception` lets it pass.
    auto exc = [&](const char* name, const char* base) {
        auto* t = in.heap.make<TypeObj>(name, in.type(base));
        t->is_exception = true;
        t->module = "asyncio.exceptions";
        t->construct = in.type("Exception")->construct;
        m->attrs[name] = Value::object(t);
        in.builtins[std::string(" asyncio.") + name] = m->attrs[name];
    };
    exc("CancelledError", "BaseException");
    exc("InvalidStateError", "Exception");
    m->attrs["TimeoutError"] = Value::object(in.type("TimeoutError"));
    return m;
}

void install_prelude(Interp& in) {
    NodePtr tree = parse_module(prelude_source);
    const std::size_t index = compile_module(*tree, in.globals, in.heap, in.codes, true);
    Thread t;
    t.frames.push_back(in.new_frame(in.codes[index].get()));
    in.run(t, Outcome{});
    module_of(in)->attrs["wait_for"] = in.global_values[static_cast<std::size_t>(in.globals.index.at("wait_for"))];
    // The prelude's globals are its own business: the program starts with none defined.
    in.global_values[static_cast<std::size_t>(in.globals.index.at("wait_for"))] = Value::object(unbound_marker());
    in.global_order.clear();
}

}  // namespace

int wait_for_line_in_tasks_py(int line) {
    // CPython 3.11.7's Lib/asyncio/tasks.py: `async def wait_for` at 436, its awaits, in order, at
    // 452, 460, 476, 485 and 495; the prelude's are found in its source, in the same order.
    static constexpr int def_line = 436;
    static constexpr int cpython_awaits[] = {452, 460, 476, 485, 495};
    static const std::vector<int> prelude_awaits = [] {
        std::vector<int> lines;
        const std::string_view source = prelude_source;
        bool in_wait_for = false;
        int number = 1;
        for (std::size_t at = 0; at < source.size(); ++number) {
            const std::size_t end = std::min(source.find('\n', at), source.size());
            const std::string_view text = source.substr(at, end - at);
            if (text.rfind("async def ", 0) == 0) in_wait_for = text.rfind("async def wait_for(", 0) == 0;
            if (in_wait_for && text.find("await ") != std::string_view::npos) lines.push_back(number);
            at = end + 1;
        }
        return lines;
    }();
    for (std::size_t i = 0; i < prelude_awaits.size() && i < std::size(cpython_awaits); ++i)
        if (prelude_awaits[i] == line) return cpython_awaits[i];
    return def_line;
}

void install_asyncio(Interp& in) {
    build_module(in);
    install_prelude(in);
}

ModuleObj* asyncio_module(Interp& in) { return module_of(in); }

}  // namespace sp::py
