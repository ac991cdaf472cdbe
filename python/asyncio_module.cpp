#include "asyncio_module.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "builtins.hpp"
#include "collector.hpp"
#include "longobject.hpp"
#include "parser.hpp"

namespace sp::py {

TaskObj::~TaskObj() = default;

// --- exceptions across the boundary ----------------------------------------------------------------

TypeObj* asyncio_type(Interp& in, const std::string& name) {
    auto it = in.builtins.find(" asyncio." + name);
    return it == in.builtins.end() ? nullptr : as<TypeObj>(it->second);
}

std::exception_ptr to_exception_ptr(const Value& exc) {
    auto* e = as<ExceptionObj>(exc);
    e->pinned = true;  // a C++ exception carries it now, where the collector cannot see it
    if (e->type->name == "CancelledError" || (e->type->base && e->type->base->name == "CancelledError")) {
        return std::make_exception_ptr(CancelledError(e));
    }
    return std::make_exception_ptr(PyRaise{exc});
}

Outcome captured_exception(Interp& in) {
    try {
        throw;
    } catch (const PyRaise& r) {
        return Outcome{true, r.exc};
    } catch (const CancelledError& c) {
        if (c.payload() != nullptr)
            return Outcome{true, Value::object(static_cast<Object*>(const_cast<void*>(c.payload())))};
        in.made_fresh_cancel = true;
        return Outcome{true, in.make_exception(asyncio_type(in, "CancelledError"), {})};
    } catch (const TimeoutError&) {
        return Outcome{true, in.make_exception(in.type("TimeoutError"), {})};
    } catch (const ValueError& e) {
        return Outcome{true, in.make_exception("ValueError", e.what())};
    } catch (const RuntimeError& e) {
        return Outcome{true, in.make_exception("RuntimeError", e.what())};
    } catch (const InvalidStateError& e) {
        return Outcome{true, in.make_exception(asyncio_type(in, "InvalidStateError"), {in.str_value(e.what())})};
    } catch (const std::logic_error& e) {
        return Outcome{true, in.make_exception("RuntimeError", e.what())};
    }
}

void ExceptionTraceback::keep(const Value& exc) {
    if (!is_kind(exc, Kind::exception)) return;
    entries = as<ExceptionObj>(exc)->traceback;
    kept = true;
}

Outcome ExceptionTraceback::take(Outcome out) {
    if (!kept || !out.failed || !is_kind(out.value, Kind::exception)) return out;
    as<ExceptionObj>(out.value)->traceback = std::exchange(entries, {});
    return out;
}

namespace {

// --- waitables -------------------------------------------------------------------------------------

/// Any core awaiter behind the Waitable interface. `result` is what the await gives when the
/// awaiter itself gives nothing (the result argument of sleep).
template <class A>
struct Wait final : Waitable {
    template <class... Args>
    Wait(const char* what_, Value r, Args&... args) : result(r), a(args...) {
        what = what_;
    }
    Value result;
    A a;
    void trace(Marker& m) const override { m(result); }
    bool ready() override { return a.await_ready(); }
    void suspend(co::coroutine_handle<> leaf) override { a.await_suspend(leaf); }
    Outcome resume(Interp& in) override {
        return capture(in, [&]() -> Value {
            if constexpr (std::is_void_v<decltype(a.await_resume())>) {
                a.await_resume();
                return result;
            } else {
                return a.await_resume();
            }
        });
    }
};

/// Acquiring a Semaphore or Lock, or waiting for an Event: the await gives True, or None for the
/// acquire of `async with` (__aenter__). A flag rather than Wait's Value: every task queued on a
/// semaphore holds one of these (a lesson's 100,000 tasks), and the Value took 16 bytes of each.
template <class A>
struct PrimitiveWait final : Waitable {
    template <class Primitive>
    PrimitiveWait(const char* what_, Object* primitive_, bool gives_none, Primitive& p) : a(p), gives_none(gives_none) {
        what = what_;
        primitive = primitive_;
    }
    A a;
    bool gives_none;
    bool ready() override { return a.await_ready(); }
    void suspend(co::coroutine_handle<> leaf) override { a.await_suspend(leaf); }
    Outcome resume(Interp& in) override {
        return capture(in, [&]() -> Value {
            a.await_resume();
            return gives_none ? Value::none() : Value::boolean(true);
        });
    }
};

/// Awaiting a task: counts as one of its awaiters (the cb=[Task.task_wakeup()] of its repr) while
/// suspended.
struct TaskWait final : Waitable {
    explicit TaskWait(TaskObj* t) : task(t), a(*t->task) { what = t->name.c_str(); }
    ~TaskWait() override { uncount(); }
    TaskObj* task;
    FutureAwaiter<Task<Value>> a;
    bool counted = false;
    void uncount() {
        if (counted) task->awaiters -= 1;
        counted = false;
    }
    void trace(Marker& m) const override { m(Value::object(task)); }
    bool ready() override { return a.await_ready(); }
    void suspend(co::coroutine_handle<> leaf) override {
        a.await_suspend(leaf);
        task->awaiters += 1;
        counted = true;
    }
    Outcome resume(Interp& in) override {
        uncount();
        // Future.__await__ ends with result(): a cancelled task's own CancelledError (its cancel()
        // message), once, whether or not the await had to wait for it.
        if (task->task->cancelled()) return Outcome{true, make_cancelled_error(in, *task)};
        return task->take_result(capture(in, [&]() -> Value { return a.await_resume(); }));
    }
};

/// Awaiting gather()'s future.
/// Awaiting gather()'s future: one of its awaiters while suspended, as TaskWait.
struct GatherWait final : Waitable {
    explicit GatherWait(FutureObj* f) : future(f), a(*f->fut) {
        what = "a gather() future";
        result_raises = true;
    }
    ~GatherWait() override { uncount(); }
    FutureObj* future;
    FutureAwaiter<Future<Value>> a;
    bool counted = false;
    void uncount() {
        if (counted) future->awaiters -= 1;
        counted = false;
    }
    void trace(Marker& m) const override { m(Value::object(future)); }
    bool ready() override { return a.await_ready(); }
    void suspend(co::coroutine_handle<> leaf) override {
        a.await_suspend(leaf);
        future->awaiters += 1;
        counted = true;
    }
    Outcome resume(Interp& in) override {
        uncount();
        return future->exception_tb.take(capture(in, [&]() -> Value { return a.await_resume(); }));
    }
};

/// A task awaiting itself: Task.__step sees the task come back as what its coroutine yielded and
/// calls itself soon with RuntimeError('Task cannot await on itself: ...') (a cancel made in the
/// meantime wins, as _must_cancel does there).
struct SelfWait final : Waitable {
    explicit SelfWait(Value error) : error(error), a(0) { what = "itself"; }
    Value error;
    SleepAwaiter a;
    void trace(Marker& m) const override { m(error); }
    bool ready() override { return false; }
    void suspend(co::coroutine_handle<> leaf) override { a.await_suspend(leaf); }
    Outcome resume(Interp& in) override {
        Outcome out = capture(in, [&]() -> Value {
            a.await_resume();
            return Value::none();
        });
        return out.failed ? out : Outcome{true, error};
    }
};

}  // namespace

// --- asyncio's own coroutines --------------------------------------------------------------------

LibraryCoroutine library_coroutine(NativeOpObj::What what) {
    // CPython 3.11.7's Lib/asyncio: sleep's `await __sleep0()` (delay <= 0) at 640, `return await
    // future` at 649; the primitives' `await fut`.
    switch (what) {
        case NativeOpObj::What::sleep: return {"sleep", "asyncio/tasks.py", 637, 649, 640};
        case NativeOpObj::What::sem_acquire: return {"Semaphore.acquire", "asyncio/locks.py", 364, 387};
        case NativeOpObj::What::lock_acquire: return {"Lock.acquire", "asyncio/locks.py", 93, 114};
        case NativeOpObj::What::event_wait: return {"Event.wait", "asyncio/locks.py", 200, 213};
        case NativeOpObj::What::done: break;
    }
    return {};
}

// --- "coroutine ... was never awaited" ----------------------------------------------------------

namespace {

/// The coroutine's __qualname__ if it never started and nothing took it over; null otherwise.
const char* never_awaited(const Value& v) {
    if (is_kind(v, Kind::coroutine)) {
        const auto* c = as<CoroutineObj>(v);
        return c->awaited || c->frame == nullptr || c->finalized ? nullptr : c->function->code->qualname.c_str();
    }
    if (!is_kind(v, Kind::native_op)) return nullptr;
    const auto* op = as<NativeOpObj>(v);
    if (op->finalized || op->enter || is_kind(op->outcome.value, Kind::unbound)) return nullptr;
    return library_coroutine(op->what).qualname;
}

void finalize(const Value& v) {
    if (is_kind(v, Kind::coroutine)) as<CoroutineObj>(v)->finalized = true;
    if (is_kind(v, Kind::native_op)) as<NativeOpObj>(v)->finalized = true;
}

// A small list or tuple dropped with its coroutines ([work(i) for i in range(3)]) is looked into;
// a big one is not (a frame's end looks at its locals each time).
constexpr std::size_t looked_into = 64;

/// The coroutines `v` holds that were never awaited: itself, or the items of a small list, tuple or
/// dict, in the order freeing it frees them (list_dealloc and tupledealloc: last to first;
/// dict_dealloc: in order, each key before its value).
template <class F>
void for_each_never_awaited(const Value& v, F&& f) {
    if (never_awaited(v) != nullptr) return f(v);
    const auto each = [&](const Value& item) {
        if (never_awaited(item) != nullptr) f(item);
    };
    if (is_kind(v, Kind::list) || is_kind(v, Kind::tuple)) {
        const auto& items = as<ListObj>(v)->items;
        if (items.size() <= looked_into) std::for_each(items.rbegin(), items.rend(), each);
    } else if (is_kind(v, Kind::dict) && as<DictObj>(v)->entries.size() <= looked_into) {
        for (const auto& e : as<DictObj>(v)->entries) {
            if (!e.live) continue;
            each(e.key);
            each(e.value);
        }
    }
}

// Where CPython is when a finished task's frame lets go of its coroutines: Handle._run.
const char* const in_handle_run =
    "asyncio/events.py:80: RuntimeWarning: coroutine '{}' was never awaited\n"
    "  self._context.run(self._callback, *self._args)\n";

// Where a coroutine dies when it is not at a line of the program (warn's `line`).
constexpr int in_asyncio_loop = 0;  // Handle._run (in_handle_run)
constexpr int at_exit = -1;         // as the interpreter exits: "sys:1"

/// warnings.warn's report, once per text (the registry), with the tracemalloc hint unless at exit.
void warn(Interp& in, const Value& coro, int line) {
    const std::string name = never_awaited(coro);
    finalize(coro);
    const std::string message = "coroutine '" + name + "' was never awaited";
    std::string text;
    if (line == in_asyncio_loop) {
        text = in_handle_run;
        text.replace(text.find("{}"), 2, name);
    } else if (line == at_exit) {
        text = "sys:1: RuntimeWarning: " + message + "\n";
    } else {
        text = format_warning(in, line, "RuntimeWarning", message);
    }
    if (!in.warned.insert(text).second) return;
    if (line == at_exit) {  // after everything else
        in.exit_notes += stderr_text(text);
        return;
    }
    in.write_stderr(text + "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
}

/// Of `dying`, the coroutines nothing reaches any more (but `extra`) warn at `line`, after the failed
/// tasks freed so far are logged when `log_freed_first`. A coroutine listed twice (a list holding it
/// twice) warns once: the warning finalizes it. Returns the objects the look marked.
std::size_t warn_unreached(Interp& in, const std::vector<Value>& dying, const Value& extra, int line,
                           bool log_freed_first) {
    std::size_t marked = 0;
    const std::vector<bool> alive = still_reachable(in, dying, extra, &marked);
    for (std::size_t i = 0; i < dying.size(); ++i) {
        if (alive[i] || never_awaited(dying[i]) == nullptr) continue;
        if (log_freed_first) in.check_never_retrieved_before_output();
        warn(in, dying[i], line);
    }
    return marked;
}

}  // namespace

void Interp::warn_if_never_awaited(const Value& v, int line) {
    for_each_never_awaited(v, [&](const Value& c) {
        check_never_retrieved_before_output();
        warn(*this, c, line);
    });
}

void Interp::warn_if_last_reference(const Value& old, int line) {
    // CPython frees a coroutine as its last reference goes, and warns there if it never ran: `c =
    // work()` then `c = None` warns at the second line, before what the program prints next. The
    // look at what still reaches it is paid from the same account as the "never retrieved" checks;
    // one not made leaves the coroutine to warn when collected or at exit ("sys:1").
    std::vector<Value> dying;
    for_each_never_awaited(old, [&](const Value& c) { dying.push_back(c); });
    if (dying.empty() || !never_retrieved_pace.check_due(steps)) return;
    never_retrieved_pace.checked(warn_unreached(*this, dying, Value::none(), line, true));
}

namespace {

/// What a frame's locals hold of the failed tasks listed in Interp::unretrieved, in the order
/// freeing them would free those tasks (frame_dealloc: locals in order; list_dealloc, tupledealloc:
/// items last to first; a dict's in order), a few containers deep; and whether they hold `self`
/// (the running task). Each container is looked into once, and no more than `limit` values in all:
/// a frame's end must not cost a walk over a big list at every call of a function that takes it.
class LocalsScan {
public:
    LocalsScan(const TaskObj* self, std::uint64_t limit) : self_(self), limit_(limit) {}
    void scan(const Frame& f) {
        for (const Value& v : f.locals) visit(v, 0);
    }
    std::vector<TaskObj*> failed;
    bool holds_self = false;
    bool whole = true;  // false: stopped at the limit, with only some of what the locals hold looked at
    std::uint64_t looked_at = 0;

private:
    void visit(const Value& v, int depth) {
        if (!whole) return;
        if (++looked_at > limit_) {
            whole = false;
            return;
        }
        if (!v.is_obj() || depth > 8) return;
        if (v.o->kind == Kind::task) {
            auto* t = static_cast<TaskObj*>(v.o);
            if (t == self_) holds_self = true;
            if (t->listed_unretrieved && seen_.insert(t).second) failed.push_back(t);
        } else if (v.o->kind == Kind::list || v.o->kind == Kind::tuple) {
            if (!seen_.insert(v.o).second) return;
            const auto& items = static_cast<const ListObj*>(v.o)->items;
            for (auto it = items.rbegin(); it != items.rend(); ++it) visit(*it, depth + 1);
        } else if (v.o->kind == Kind::dict) {
            if (!seen_.insert(v.o).second) return;
            for (const DictObj::Entry& e : static_cast<const DictObj*>(v.o)->entries) {
                if (e.live) visit(e.value, depth + 1);
            }
        }
    }
    const TaskObj* self_;
    std::uint64_t limit_;
    std::unordered_set<const Object*> seen_;
};

/// A traceback holds the frames it passes: the failed tasks `f`'s locals hold live as long as the
/// exception, and so does the running task if they hold it. A scan cut short by its limit holds
/// every listed task and the running one: they are logged as the interpreter exits, which is never
/// before python3 logs them.
void held_by_traceback(Interp& in, const Thread& t, const LocalsScan& scan) {
    const std::vector<TaskObj*>& held = scan.whole ? scan.failed : in.unretrieved;
    for (TaskObj* task : held) task->held_by_traceback = true;
    if (t.task != nullptr && (scan.holds_self || !scan.whole)) t.task->held_by_traceback = true;
}

/// A frame's end frees its locals in order (frame_dealloc): the failed tasks only they held are
/// logged in that order, ahead of any others freed in the same step.
void order_by_frame(Interp& in, const LocalsScan& scan) {
    std::vector<TaskObj*> order = scan.failed;
    const std::unordered_set<const TaskObj*> first(order.begin(), order.end());
    for (TaskObj* t : in.unretrieved) {
        if (first.count(t) == 0) order.push_back(t);
    }
    in.unretrieved = std::move(order);
}

/// `f` has left the running thread: what its locals held of the listed failed tasks goes first,
/// or (it left raising) stays with the traceback.
void unretrieved_frame_ended(Interp& in, const Thread& t, const Frame& f, bool raised) {
    const bool self_unknown = raised && t.task != nullptr && !t.task->held_by_traceback;
    if (in.unretrieved.empty() && !self_unknown) return;
    NeverRetrievedPace& pace = in.never_retrieved_pace;
    LocalsScan scan(t.task, pace.scan_allowance(in.steps));
    scan.scan(f);
    pace.scanned += scan.looked_at;
    if (!scan.failed.empty() && pace.scan_allowance(in.steps) >= in.unretrieved.size()) {
        pace.scanned += in.unretrieved.size();
        order_by_frame(in, scan);
    }
    if (raised) held_by_traceback(in, t, scan);
}

}  // namespace

void Interp::log_never_retrieved(TaskObj& t, bool at_exit) {
    t.listed_unretrieved = false;
    const Value exc = capture(*this, [&]() -> Value { std::rethrow_exception(t.task->exception()); }).value;
    // base_events.default_exception_handler: "future: {task!r}".
    const std::string text = "Task exception was never retrieved\nfuture: " + task_repr(Value::object(&t)) + "\n" +
                             format_exception(exc, *this, TracebackPrinter::traceback_module);
    if (at_exit) {
        exit_notes += text;
    } else {
        write_stderr(text);
    }
}

void Interp::log_never_retrieved_at_exit() {
    for (const Value& v : std::exchange(unretrieved_at_exit, {})) {
        TaskObj& t = *as<TaskObj>(v);
        if (t.task->exception_never_retrieved()) log_never_retrieved(t, true);
    }
}

void Interp::log_freed_failures(const std::vector<Value>& also_held) {
    std::vector<TaskObj*> failed;
    for (TaskObj* t : unretrieved) {
        if (t->task->exception_never_retrieved()) {
            failed.push_back(t);
        } else {
            t->listed_unretrieved = false;  // retrieved since (a later await, result(), exception())
        }
    }
    const HeldTasks held = still_held(*this, failed, also_held);
    never_retrieved_pace.checked(held.marked);
    unretrieved.clear();
    for (std::size_t i = 0; i < failed.size(); ++i) {
        if (held.held[i] || failed[i]->held_by_traceback) {
            unretrieved.push_back(failed[i]);
        } else {
            log_never_retrieved(*failed[i]);
        }
    }
}

void Interp::order_unretrieved_as_freed(const Value& sequence) {
    const auto& items = as<ListObj>(sequence)->items;
    if (items.size() > looked_into) return;
    std::vector<std::size_t> slots;  // where in unretrieved the sequence's tasks are, freed last to first
    std::vector<TaskObj*> tasks;
    for (auto item = items.rbegin(); item != items.rend(); ++item) {
        if (!is_kind(*item, Kind::task) || !as<TaskObj>(*item)->listed_unretrieved) continue;
        auto* task = as<TaskObj>(*item);
        const auto at = std::find(unretrieved.begin(), unretrieved.end(), task);
        if (at == unretrieved.end() || std::find(tasks.begin(), tasks.end(), task) != tasks.end()) continue;
        slots.push_back(static_cast<std::size_t>(at - unretrieved.begin()));
        tasks.push_back(task);
    }
    std::sort(slots.begin(), slots.end());
    for (std::size_t i = 0; i < slots.size(); ++i) unretrieved[slots[i]] = tasks[i];
}

void Interp::frame_ended(Thread& t, const Frame& f, const Value& result, bool raised) {
    unretrieved_frame_ended(*this, t, f, raised);
    std::vector<Value> dying;
    auto note = [&](const Value& c) { dying.push_back(c); };
    for (const Value& v : f.locals) for_each_never_awaited(v, note);
    const std::size_t in_locals = dying.size();
    for (const Value& v : f.stack) for_each_never_awaited(v, note);
    if (dying.empty() || (t.frames.empty() && t.task == nullptr)) return;  // the module's end: at exit
    if (raised && is_kind(result, Kind::exception)) {
        // The traceback keeps the frame and its locals (tb_frame); the unwinding has let go of its
        // stack, whose coroutines (the manager `async with` refused) die here, at its line.
        std::vector<Value> off_stack;
        for (std::size_t i = in_locals; i < dying.size(); ++i) {
            const auto same = [&](const Value& local) { return local.o == dying[i].o; };
            if (std::none_of(dying.begin(), dying.begin() + static_cast<std::ptrdiff_t>(in_locals), same))
                off_stack.push_back(dying[i]);
        }
        dying.resize(in_locals);
        std::vector<Value>& held = as<ExceptionObj>(result)->held;
        held.insert(held.end(), dying.begin(), dying.end());
        if (!off_stack.empty()) stack_dropped(off_stack, result, f.line);
        return;
    }
    // Where the thread is now: the caller's line, or (a task's coroutine returned) asyncio's loop.
    const Frame* caller = t.frames.empty() ? nullptr : t.frames.back().get();
    const int where =
        caller == nullptr || caller->code->internal || caller->code->name == "<task>" ? in_asyncio_loop : caller->line;
    warn_unreached(*this, dying, result, where, false);
}

namespace {

/// Whether CPython raised `exc` inside the frame of `fn`, a function it writes in Python (gather()
/// finding a list unhashable, run() in a running loop), not while binding the call's arguments
/// (initialize_locals: "gather() got an unexpected keyword argument 'x'", before any frame exists).
bool raised_in_python_frame(const Value& exc, const Value& fn) {
    if (!is_kind(fn, Kind::builtin) || !as<BuiltinObj>(fn)->python_function) return false;
    const auto* e = as<ExceptionObj>(exc);
    if (e->type->name != "TypeError" || e->args.empty() || !is_kind(e->args[0], Kind::str)) return true;
    return as<StrObj>(e->args[0])->value.rfind(as<BuiltinObj>(fn)->name + "()", 0) != 0;
}

}  // namespace

void Interp::call_raised(const Value& exc, const Value& fn, const CallArgs& args, int line) {
    std::vector<Value> dying;
    auto note = [&](const Value& c) { dying.push_back(c); };
    for (const Value& v : args.pos) for_each_never_awaited(v, note);
    for (const auto& kv : args.kw) for_each_never_awaited(kv.second, note);
    if (dying.empty() || !is_kind(exc, Kind::exception)) return;
    if (raised_in_python_frame(exc, fn)) {
        std::vector<Value>& held = as<ExceptionObj>(exc)->held;
        held.insert(held.end(), dying.begin(), dying.end());
        return;
    }
    // CALL lets go of its arguments as the call returns, raising or not: `len(work())` warns at its line.
    if (!never_retrieved_pace.check_due(steps)) return;
    never_retrieved_pace.checked(warn_unreached(*this, dying, Value::none(), line, true));
}

void Interp::call_returned(const CallArgs& args, const Value& result, int line) {
    std::vector<Value> dying;
    for (const Value& v : args.pos)
        if (never_awaited(v) != nullptr) dying.push_back(v);
    for (const auto& kv : args.kw)
        if (never_awaited(kv.second) != nullptr) dying.push_back(kv.second);
    stack_dropped(dying, result, line);
}

void Interp::stack_dropped(const std::vector<Value>& values, const Value& extra, int line) {
    std::vector<Value> dying;
    for (const Value& v : values) for_each_never_awaited(v, [&](const Value& c) { dying.push_back(c); });
    if (dying.empty() || !never_retrieved_pace.check_due(steps)) return;  // else: when collected, or at exit
    never_retrieved_pace.checked(warn_unreached(*this, dying, extra, line, true));
}

void Interp::exception_dropped(const Value& exc, int line) {
    // What it holds, and its chain's (__cause__, __context__), a few links deep.
    std::vector<Value> dying;
    std::vector<Value> chain{exc};
    for (std::size_t i = 0; i < chain.size() && i < 16; ++i) {
        if (!is_kind(chain[i], Kind::exception)) continue;
        const auto* e = as<ExceptionObj>(chain[i]);
        for (const Value& c : e->held) {
            if (never_awaited(c) != nullptr) dying.push_back(c);
        }
        chain.push_back(e->cause);
        chain.push_back(e->context);
    }
    if (dying.empty() || !never_retrieved_pace.check_due(steps)) return;
    never_retrieved_pace.checked(warn_unreached(*this, dying, Value::none(), line, true));
}

void Interp::warn_never_awaited_unreached() {
    heap.for_each_object([&](Object* o) {
        if (o->marked || o->pinned) return;
        const Value v = Value::object(o);
        if (never_awaited(v) != nullptr) warn(*this, v, at_exit);
    });
}

void Interp::warn_never_awaited_at_exit() {
    heap.for_each_object([&](Object* o) {
        const Value v = Value::object(o);
        if (never_awaited(v) != nullptr) warn(*this, v, at_exit);
    });
}

Value make_cancelled_error(Interp& in, TaskObj& t) {
    if (Value exc = t.take_cancelled_exc(); !exc.is_none()) return exc;
    std::vector<Value> args;
    if (Value msg = t.ended_cancel_message(); !msg.is_none()) args.push_back(msg);
    return in.make_exception(asyncio_type(in, "CancelledError"), std::move(args));
}

namespace {

struct Done final : Waitable {
    explicit Done(Outcome o) : outcome(o) {}
    Outcome outcome;
    void trace(Marker& m) const override { m(outcome.value); }
    bool ready() override { return true; }
    void suspend(co::coroutine_handle<>) override {}
    Outcome resume(Interp&) override { return outcome; }
};

// --- tasks -----------------------------------------------------------------------------------------

bool is_cancellation(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

/// What the wait the task's thread suspended on gave, in Python's terms: the value or exception its
/// next step runs the thread on with (the `send`/`throw` of Task.__step).
Outcome wait_outcome(Interp& in, TaskObj& task) {
    in.made_fresh_cancel = false;
    task.cancel_message_fixed = false;  // the step has begun: a later cancel() has its own say
    Outcome out = task.thread.waiting->resume(in);
    if (out.failed && std::exchange(in.made_fresh_cancel, false)) {
        // The CancelledError thrown in: the one this task's cancel(msg) asked for (an awaited
        // task's own comes from TaskWait::resume).
        if (Value msg = task.cancel_message(); !msg.is_none())
            out.value = in.make_exception(asyncio_type(in, "CancelledError"), {msg});
    }
    trace_wait_ended(in, task.thread, *task.thread.waiting, out);
    return out;
}

/// How a finished thread ends its task: a result, or an exception for core (CancelledError
/// cancels the task, as in Task.__step). `cancel_pending`: a cancel() of the task's own step found
/// no future to cancel, so a coroutine that returns ends the task cancelled all the same.
Value finish_task(Interp& in, TaskObj& task, bool cancel_pending) {
    const Outcome& r = task.thread.result;
    // A run the playground stopped (a limit, a refusal) unwinds its tasks with the stop's
    // RuntimeError: they did not end in Python's terms, and the views draw no ending for them.
    const bool ended = !in.aborted;
    if (!r.failed) {
        // Task.__step's StopIteration with _must_cancel: super().cancel(msg=self._cancel_message),
        // so each read of the result is a new CancelledError with that message.
        task.cancelled_at_return = cancel_pending;
        if (ended)
            in.trace.add(in.clock(), task.id, cancel_pending ? ProgramEventKind::cancelled : ProgramEventKind::finished,
                         task.thread.ended_line);
        return r.value;
    }
    std::exception_ptr e = to_exception_ptr(r.value);
    if (is_cancellation(e)) {
        task.exceptions().cancelled_exc = r.value;  // Task.__step: self._cancelled_exc = exc
        if (ended) in.trace.add(in.clock(), task.id, ProgramEventKind::cancelled, task.thread.ended_line);
    } else {
        task.exceptions().exception_tb.keep(r.value);
        if (ended) {
            in.trace.add_text(in.clock(), task.id, ProgramEventKind::failed, task.thread.ended_line,
                              exception_final_line(r.value));
            // A done callback (gather's, an awaiting task's wakeup, asyncio.run's) holds the task
            // until it runs, and most take the exception: only a task nobody watches can be freed
            // unretrieved when its step ends.
            if (!task.task->has_callbacks()) {
                in.unretrieved.push_back(&task);
                task.listed_unretrieved = true;
            }
        }
    }
    std::rethrow_exception(e);
}

Code* trampoline(Interp& in);

/// The task's first step awaits what it wraps (Task.__step's first coro.send). A coroutine that can
/// run simply runs in the task's thread: a frame less per task than the trampoline's `return await`,
/// which takes everything else (asyncio operations, a coroutine awaited already: its RuntimeError).
void start_thread(Interp& in, TaskObj& task) {
    const Value awaitable = std::exchange(task.start, Value());
    if (is_kind(awaitable, Kind::coroutine)) {
        auto* coro = as<CoroutineObj>(awaitable);
        if (!coro->awaited && coro->frame != nullptr) {
            coro->awaited = true;
            task.thread.frames.emplace_back(std::exchange(coro->frame, nullptr));
            return;
        }
    }
    auto frame = in.new_frame(trampoline(in));
    frame->locals[0] = awaitable;
    task.thread.frames.push_back(std::move(frame));
}

/// A Python task as a core Task: each step runs the task's Thread until it suspends on an awaiter
/// or ends (Task.__step's coro.send), with no C++ coroutine in between (a stepped task: a lesson's
/// 100,000 waiting tasks carry no coroutine frame each). It also tells the trace when it ends
/// before its first step (cancelled before it ran): then the body never runs, and finish_task
/// cannot note the end.
class PyTask final : public Task<Value> {
public:
    PyTask(EventLoop& loop, Interp& in, TaskObj& task) : Task<Value>(loop), in_(in), task_(task) {}
    // Task.cancel(msg): the message of the cancel() in flight (None when the runtime cancels: a
    // timeout, asyncio.run's clean-up) is what the CancelledError thrown in will carry.
    // Task.cancel sets _cancel_message only when it finds no future to cancel (_must_cancel); when
    // it cancels the future the task waits on, that future's CancelledError, with this message,
    // is what Task.__step throws in (it keeps a CancelledError it is given), so later cancel()s
    // before that step change nothing.
    bool cancel() override {
        if (done()) return Task<Value>::cancel();
        const Value msg = in_.cancel_in_flight;
        const bool ok = Task<Value>::cancel();
        if (!must_cancel_pending()) {
            task_.set_cancel_message(msg);
            task_.cancel_message_fixed = true;
        } else if (!task_.cancel_message_fixed) {
            task_.set_cancel_message(msg);
        }
        return ok;
    }

private:
    void step_ended() override { in_.check_never_retrieved(); }
    bool step_body() override {
        try {
            RunStatus status;
            if (!started_body_) {
                started_body_ = true;
                start_thread(in_, task_);
                status = in_.run(task_.thread, Outcome{});
            } else {  // the wait ended: Task.__step sends its value in, or throws its exception
                Outcome woken = wait_outcome(in_, task_);
                woken.thrown = woken.failed;
                woken.raised_in_loop =
                    woken.failed && (thrown_from_cancelled_future() || task_.thread.waiting->result_raises);
                status = in_.run(task_.thread, woken);
            }
            while (status == RunStatus::suspended) {
                Waitable& waiting = *task_.thread.waiting;
                if (!waiting.ready()) {
                    const bool cancel_pending = must_cancel_pending();
                    waiting.suspend({});  // the next step comes from the awaiter's future or call_soon
                    // Task.__step cancelled the future it now waits on with the pending message (a task
                    // that cancelled itself): that future's CancelledError is the one thrown in.
                    if (cancel_pending && !must_cancel_pending()) task_.cancel_message_fixed = true;
                    return false;
                }
                status = in_.run(task_.thread, wait_outcome(in_, task_));
            }
            keep_result(finish_task(in_, task_, must_cancel_pending()));
        } catch (...) {
            error_ = std::current_exception();  // as a coroutine's promise keeps it
            if (escapes_loop(error_)) {
                in_.loop_interrupted_by = &task_;
                get_loop().end_iteration();
            }
        }
        return true;
    }
    /// Task.__step's `except (KeyboardInterrupt, SystemExit) as exc: super().set_exception(exc); raise`:
    /// these leave the event loop at once.
    bool escapes_loop(const std::exception_ptr& e) const {
        try {
            std::rethrow_exception(e);
        } catch (const PyRaise& r) {
            if (!is_kind(r.exc, Kind::exception)) return false;
            const TypeObj* type = as<ExceptionObj>(r.exc)->type;
            return type->is_subclass_of(in_.type("KeyboardInterrupt")) || type->is_subclass_of(in_.type("SystemExit"));
        } catch (...) {
            return false;
        }
    }
    void finish_root() override { end(std::exchange(error_, nullptr)); }

    void ended_before_start() override {
        if (cancelled()) {
            // The CancelledError thrown into the coroutine that never ran is the one it ends with.
            std::vector<Value> args;
            if (Value msg = task_.cancel_message(); !msg.is_none()) args.push_back(msg);
            Value exc = in_.make_exception(asyncio_type(in_, "CancelledError"), std::move(args));
            // coro.throw() into a coroutine that never ran raises at its `async def` line: the
            // innermost line of the traceback.
            if (task_.coro_code != nullptr)
                as<ExceptionObj>(exc)->traceback.push_back(TraceEntry{task_.coro_name, task_.coro_line()});
            task_.exceptions().cancelled_exc = exc;
            in_.trace.add(in_.clock(), task_.id, ProgramEventKind::cancelled, task_.coro_line());
        } else if (!in_.aborted) {  // not the playground's stop unwinding it (finish_task)
            in_.trace.add_text(in_.clock(), task_.id, ProgramEventKind::failed, task_.coro_line(),
                               exception_final_line(capture(in_, [&]() -> Value { return result(); }).value));
        }
    }
    Interp& in_;
    TaskObj& task_;
    std::exception_ptr error_;  // how the body ended, if by an exception, until finish_root
    bool started_body_ = false;
};

Code* trampoline(Interp& in) {
    if (in.trampoline != nullptr) return in.trampoline;
    auto code = std::make_unique<Code>();
    code->name = "<task>";
    code->locals = {"coro"};
    code->code = {Instr{Op::load_fast, 0, 0, 0}, Instr{Op::await_value, 0, 0, 0}, Instr{Op::return_value, 0, 0, 0}};
    in.trampoline = code.get();
    in.codes.push_back(std::move(code));
    return in.trampoline;
}

/// "Task-N", in one string construction.
std::string default_task_name(int number) {
    char text[32] = "Task-";
    return std::string(text, std::to_chars(text + 5, text + sizeof text, number).ptr);
}

}  // namespace

namespace {
const char* native_op_name(NativeOpObj::What what) {
    switch (what) {
        case NativeOpObj::What::sleep: return "sleep";
        case NativeOpObj::What::sem_acquire:
        case NativeOpObj::What::lock_acquire: return "acquire";
        case NativeOpObj::What::event_wait: return "wait";
        default: return "<asyncio>";
    }
}
void write_task_function(std::string& out, const Value& awaitable, std::string_view fallback);
}  // namespace

TaskObj* spawn_task(Interp& in, const Value& awaitable, std::string name, std::string function) {
    if (in.loop == nullptr) in.raise("RuntimeError", "no running event loop");
    EventLoop& loop = *in.loop;
    if (!is_coroutine(awaitable)) in.raise("TypeError", "a coroutine was expected, got " + repr(awaitable));
    auto* task = in.heap.make<TaskObj>();
    in.task_counter += 1;
    task->name = name.empty() ? default_task_name(in.task_counter) : std::move(name);
    task->coro_name = is_kind(awaitable, Kind::coroutine) ? as<CoroutineObj>(awaitable)->function->code->name.c_str()
                                                          : native_op_name(as<NativeOpObj>(awaitable)->what);
    if (is_kind(awaitable, Kind::coroutine)) task->coro_code = as<CoroutineObj>(awaitable)->function->code;
    if (is_kind(awaitable, Kind::native_op)) task->native_op = as<NativeOpObj>(awaitable)->what;
    if (function.empty()) {
        // "limited_task(1)" written straight into the trace's words: no string of its own per task.
        task->id = in.trace.add_task_writing(
            task->name, [&](std::string& out) { write_task_function(out, awaitable, task->coro_name); }, loop.time(),
            in.running_line());
    } else {
        task->id = in.trace.add_task(task->name, function, loop.time(), in.running_line());
    }
    task->thread.task = task;
    task->start = awaitable;
    finalize(awaitable);  // a task sends or throws into it: never "never awaited"
    // The core task is memory the program's task holds too: charged with it, so that what the
    // limit allows does not hang on how small TaskObj is. Its size in the Wasm build, the one the page
    // and the CLI run, as a number: charge() counts steps too, and sizeof(PyTask) in a 64-bit build
    // made the step limit stop a program at another line there.
    constexpr std::size_t core_task_bytes = 88;
    in.heap.charge(core_task_bytes);
    task->task = std::make_unique<PyTask>(loop, in, *task);
    in.tasks.push_back(task);
    return task;
}

/// The repr of the exception a future holds (captured_exception's Python value, without making one).
std::string exception_ptr_repr(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const PyRaise& r) {
        return repr(r.exc);
    } catch (const CancelledError& c) {
        if (c.payload() != nullptr) return repr(Value::object(static_cast<Object*>(const_cast<void*>(c.payload()))));
        return "CancelledError()";
    } catch (const TimeoutError&) {
        return "TimeoutError()";
    } catch (const ValueError& v) {
        return "ValueError(" + str_repr(v.what()) + ")";
    } catch (const RuntimeError& r) {
        return "RuntimeError(" + str_repr(r.what()) + ")";
    } catch (...) {
        return "?";
    }
}

namespace {

// Lib/reprlib.py's Repr with its defaults: base_futures._future_repr_info shows a future's result
// through reprlib.repr, which cuts long containers, strs and ints with '...'.
constexpr std::size_t reprlib_maxtuple = 6, reprlib_maxlist = 6, reprlib_maxdict = 4, reprlib_maxstring = 30,
                      reprlib_maxlong = 40, reprlib_maxother = 30;

/// s[start:] of a Python str (code points; a negative start counts from the end).
std::string str_from(const std::string& s, std::int64_t start) {
    const std::vector<std::size_t> starts = code_point_starts(s);
    const auto n = static_cast<std::int64_t>(starts.size()) - 1;
    if (start < 0) start = std::max<std::int64_t>(0, start + n);
    return start >= n ? std::string() : s.substr(starts[static_cast<std::size_t>(start)]);
}

/// s[:stop] of a Python str (code points; stop >= 0).
std::string str_to(const std::string& s, std::size_t stop) {
    const std::vector<std::size_t> starts = code_point_starts(s);
    return stop + 1 >= starts.size() ? s : s.substr(0, starts[stop]);
}

/// Repr.repr_int and Repr.repr_instance: s[:i] + '...' + s[len(s)-j:] when s is longer than `max`.
std::string reprlib_cut(const std::string& s, std::size_t max) {
    const std::size_t n = code_points(s);
    if (n <= max) return s;
    const std::size_t i = (max - 3) / 2, j = max - 3 - i;
    return str_to(s, i) + "..." + str_from(s, static_cast<std::int64_t>(n - j));
}

bool reprlib_numeric(const Value& v) {
    return v.tag == Tag::integer || v.tag == Tag::real || v.tag == Tag::boolean || is_kind(v, Kind::long_int);
}

/// a < b as sorted() compares dict keys in _possibly_sorted; false in `ok` where it would raise.
bool reprlib_less(const Value& a, const Value& b, bool& ok) {
    if (reprlib_numeric(a) && reprlib_numeric(b)) return number_compare(a, b) == -1;
    if (is_kind(a, Kind::str) && is_kind(b, Kind::str)) return as<StrObj>(a)->value < as<StrObj>(b)->value;
    if (a.is_obj() && b.is_obj() && a.o->kind == b.o->kind && (a.o->kind == Kind::list || a.o->kind == Kind::tuple)) {
        const auto& x = as<ListObj>(a)->items;
        const auto& y = as<ListObj>(b)->items;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equal(x[i], y[i])) return reprlib_less(x[i], y[i], ok);
        }
        return x.size() < y.size();
    }
    ok = false;
    return false;
}

std::string reprlib_repr(const Value& v, int level);

/// Repr._repr_iterable: at most `max` items, then '...'; nothing but '...' below the last level.
std::string reprlib_items(const std::vector<Value>& items, int level, const char* left, const char* right,
                          std::size_t max, bool tuple) {
    std::string s;
    if (level <= 0 && !items.empty()) {
        s = "...";
    } else {
        for (std::size_t k = 0; k < items.size() && k < max; ++k)
            s += (k ? ", " : "") + reprlib_repr(items[k], level - 1);
        if (items.size() > max) s += ", ...";
    }
    return left + s + (tuple && items.size() == 1 ? "," : "") + right;
}

/// Repr.repr1 with its repr_tuple, repr_list, repr_dict, repr_str and repr_int; anything else
/// (bool, float, None, an exception...) is repr_instance.
std::string reprlib_repr(const Value& v, int level) {
    if (is_kind(v, Kind::tuple)) return reprlib_items(as<ListObj>(v)->items, level, "(", ")", reprlib_maxtuple, true);
    if (is_kind(v, Kind::list)) return reprlib_items(as<ListObj>(v)->items, level, "[", "]", reprlib_maxlist, false);
    if (is_kind(v, Kind::dict)) {
        std::vector<std::pair<Value, Value>> entries;
        for (const auto& e : as<DictObj>(v)->entries) {
            if (e.live) entries.emplace_back(e.key, e.value);
        }
        if (entries.empty()) return "{}";
        if (level <= 0) return "{...}";
        // _possibly_sorted: the keys sorted, or as they are when sorted() would raise.
        std::vector<std::pair<Value, Value>> sorted = entries;
        bool ok = true;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](const auto& a, const auto& b) { return ok && reprlib_less(a.first, b.first, ok); });
        if (ok) entries = std::move(sorted);
        std::string s;
        for (std::size_t k = 0; k < entries.size() && k < reprlib_maxdict; ++k)
            s += (k ? ", " : "") + reprlib_repr(entries[k].first, level - 1) + ": " +
                 reprlib_repr(entries[k].second, level - 1);
        if (entries.size() > reprlib_maxdict) s += ", ...";
        return "{" + s + "}";
    }
    if (is_kind(v, Kind::str)) {
        const std::string& x = as<StrObj>(v)->value;
        std::string s = str_repr(str_to(x, reprlib_maxstring));
        if (code_points(s) > reprlib_maxstring) {
            const std::size_t i = (reprlib_maxstring - 3) / 2, j = reprlib_maxstring - 3 - i;
            const auto n = static_cast<std::int64_t>(code_points(x));
            s = str_repr(str_to(x, i) + str_from(x, n - static_cast<std::int64_t>(j)));
            s = str_to(s, i) + "..." +
                str_from(s, static_cast<std::int64_t>(code_points(s)) - static_cast<std::int64_t>(j));
        }
        return s;
    }
    if (v.tag == Tag::integer || is_kind(v, Kind::long_int)) return reprlib_cut(repr(v), reprlib_maxlong);
    return reprlib_cut(repr(v), reprlib_maxother);
}

}  // namespace

std::string native_op_repr(const Value& op, const std::string& address) {
    const char* qualname = library_coroutine(as<NativeOpObj>(op)->what).qualname;
    return qualname != nullptr ? "<coroutine object " + std::string(qualname) + " at " + address + ">"
                               : "<coroutine object at " + address + ">";
}

namespace {

/// A sleep(0) (or less) the task is suspended in: tasks.__sleep0's bare yield, no future waited on
/// (the task's _fut_waiter stays None).
bool bare_yield(const Waitable* w) {
    const auto* sleeping = dynamic_cast<const Wait<SleepAwaiter>*>(w);
    return sleeping != nullptr && sleeping->a.bare_yield();
}

/// The "FILE:LINE" of _task_repr_info's "coro=<work() running at FILE:LINE>" (its frame's line; the
/// `async def`'s before the first step) or "coro=<work() done, defined at FILE:LINE>". asyncio's own
/// coroutines (sleep(), Lock.acquire(), ... and the prelude's wait_for) are where CPython's are.
std::string coro_location(const TaskObj* t) {
    const bool done = t->task->done();
    if (t->coro_code == nullptr) {  // a NativeOpObj: it suspends once, at its one await
        const LibraryCoroutine c = library_coroutine(t->native_op);
        const Waitable* w = t->thread.waiting.get();
        const int line = done || w == nullptr ? c.def_line : bare_yield(w) ? c.bare_yield_line : c.await_line;
        return std::string(c.file) + ":" + std::to_string(line);
    }
    const bool own_frame = !done && !t->thread.frames.empty() && t->thread.frames.front()->code == t->coro_code;
    const int line = own_frame ? t->thread.frames.front()->line : t->coro_line();
    if (t->coro_code->internal) return "asyncio/tasks.py:" + std::to_string(wait_for_line_in_tasks_py(line));
    return "<program>:" + std::to_string(line);
}

/// The repr of the future a task waits on (its _fut_waiter), which may be done already when the
/// task's wakeup has not run yet: "<Future finished result=True>" after Event.set(), a Lock's or
/// Semaphore's release (their waiter futures get True) or a sleep's timer (its result argument).
std::string waited_future_repr(const Waitable* w, const FutureBase& fut) {
    if (const auto* awaited = dynamic_cast<const TaskWait*>(w)) return task_repr(Value::object(awaited->task));
    if (const auto* gathering = dynamic_cast<const GatherWait*>(w))
        return future_repr(Value::object(gathering->future));
    if (fut.cancelled()) return "<Future cancelled>";
    if (!fut.done()) return "<Future pending cb=[Task.task_wakeup()]>";
    const auto* sleeping = dynamic_cast<const Wait<SleepAwaiter>*>(w);
    return "<Future finished result=" + (sleeping != nullptr ? reprlib_repr(sleeping->result, 6) : "True") + ">";
}

}  // namespace

// base_tasks._task_repr_info: "<Task pending name='Task-2' coro=<work() running at <program>:3>
// wait_for=<Future pending cb=[Task.task_wakeup()]>>". The callbacks of gather() and of
// asyncio.run(), which name files of CPython's own library, are left out.
std::string task_repr(const Value& v) {
    const TaskObj* t = as<TaskObj>(v);
    const TaskBase& task = *t->task;
    std::string out = "<Task ";
    out += task.cancelled() ? "cancelled" : task.done() ? "finished" : task.cancelling() > 0 ? "cancelling" : "pending";
    out += " name=" + str_repr(t->name);
    const std::string coro =
        t->coro_code != nullptr ? t->coro_code->qualname : library_coroutine(t->native_op).qualname;
    if (task.done()) {
        out += " coro=<" + coro + "() done, defined at " + coro_location(t) + ">";
    } else {
        out += " coro=<" + coro + "() running at " + coro_location(t) + ">";
        const Waitable* w = t->thread.waiting.get();
        if (w != nullptr && task.fut_waiter() != nullptr)
            out += " wait_for=" + waited_future_repr(w, *task.fut_waiter());
    }
    if (task.done() && !task.cancelled()) {
        if (task.has_exception()) {
            out += " exception=" + exception_ptr_repr(task.peek_exception());
        } else {
            out += " result=" + reprlib_repr(t->task->result(), 6);
        }
    }
    if (!task.done() && t->awaiters > 0) {
        out += " cb=[";
        for (int i = 0; i < t->awaiters; ++i) out += i == 0 ? "Task.task_wakeup()" : ", Task.task_wakeup()";
        out += "]";
    }
    return out + ">";
}

std::string timeout_repr(const Value& timeout) {
    const Timeout& cm = *as<TimeoutObj>(timeout)->cm;
    static const char* const states[] = {"created", "active", "expiring", "expired", "finished"};
    std::string out = std::string("<Timeout [") + states[static_cast<int>(cm.state())] + "]";
    // f"when={round(self._when, 3)}": an int deadline stays an int
    const Value& when = as<TimeoutObj>(timeout)->when;
    if (cm.state() == Timeout::State::entered)
        out += " when=" + (is_real_number(when) && when.tag != Tag::real ? repr(when)
                           : cm.when() ? float_repr(std::round(*cm.when() * 1000) / 1000)
                                       : std::string("None"));
    return out + ">";
}

bool of_python_class(const Value& self) {
    if (self.tag != Tag::object) return false;
    switch (self.o->kind) {
        case Kind::semaphore:
        case Kind::lock:
        case Kind::event:
        case Kind::timeout:
        case Kind::loop:
        case Kind::handle: return true;
        default: return false;
    }
}

std::string python_method_repr(const Value& self, const std::string& method) {
    std::string owner = is_kind(self, Kind::semaphore) ? "Semaphore"
                        : is_kind(self, Kind::loop)    ? "BaseEventLoop"  // where time() is defined
                                                       : type_name(self);
    if (is_kind(self, Kind::semaphore) && as<SemaphoreObj>(self)->bounded && method == "release")
        owner = "BoundedSemaphore";  // the one method BoundedSemaphore defines itself
    return "<bound method " + owner + "." + method + " of " + repr(self) + ">";
}

std::string primitive_repr(const Value& v, const std::string& address) {
    std::string extra;
    std::size_t waiters = 0;
    std::string type = "Event";
    if (is_kind(v, Kind::semaphore)) {
        const auto* s = as<SemaphoreObj>(v);
        type = s->bounded ? "BoundedSemaphore" : "Semaphore";
        const std::string value =
            s->value_is_bool ? (s->sem->value() != 0 ? "True" : "False") : std::to_string(s->sem->value());
        extra = s->sem->locked() ? "locked" : "unlocked, value:" + value;
        waiters = s->sem->waiter_count();
    } else if (is_kind(v, Kind::lock)) {
        const auto* l = as<LockObj>(v);
        type = "Lock";
        extra = l->lock.locked() ? "locked" : "unlocked";
        waiters = l->lock.waiter_count();
    } else {
        const auto* e = as<EventObj>(v);
        extra = e->event.is_set() ? "set" : "unset";
        waiters = e->event.waiter_count();
    }
    if (waiters > 0) extra += ", waiters:" + std::to_string(waiters);
    return "<asyncio.locks." + type + " object at " + address + " [" + extra + "]>";
}

Value bind_to_running_loop(Interp& in, Object* primitive) {
    const EventLoop** bound = primitive->kind == Kind::semaphore ? &static_cast<SemaphoreObj*>(primitive)->bound_loop
                              : primitive->kind == Kind::lock    ? &static_cast<LockObj*>(primitive)->bound_loop
                                                                 : &static_cast<EventObj*>(primitive)->bound_loop;
    if (*bound == nullptr) *bound = in.loop;
    if (*bound == in.loop) return Value::none();
    return in.make_exception("RuntimeError", repr(Value::object(primitive)) + " is bound to a different event loop");
}

FutureBase* future_base(const Value& v) {
    if (is_kind(v, Kind::task)) return as<TaskObj>(v)->task.get();
    if (is_kind(v, Kind::future)) return as<FutureObj>(v)->fut.get();
    return nullptr;
}

namespace {

/// The result or exception of a done task or future, as Python sees it.
Outcome result_of(Interp& in, const Value& v) {
    if (is_kind(v, Kind::task)) return capture(in, [&]() -> Value { return as<TaskObj>(v)->task->result(); });
    return capture(in, [&]() -> Value { return as<FutureObj>(v)->fut->result(); });
}

/// tasks._GatheringFuture with gather()'s _done_callback.
class GatherFuture final : public Future<Value> {
public:
    GatherFuture(Interp& in, EventLoop& loop, std::vector<Value> children, bool return_exceptions,
                 ExceptionTraceback& traceback)
        : Future<Value>(loop),
          in_(in),
          children_(std::move(children)),
          return_exceptions_(return_exceptions),
          traceback_(traceback) {
        if (!has_repeated_objects(children_.data(), children_.data() + children_.size())) {
            nfuts_ = children_.size();
            for (const Value& c : children_) future_base(c)->add_done_callback(&GatherFuture::child_done, this);
            return;
        }
        std::vector<FutureBase*> distinct;
        std::unordered_set<FutureBase*> seen;
        for (const Value& c : children_) {
            FutureBase* f = future_base(c);
            if (seen.insert(f).second) distinct.push_back(f);
        }
        nfuts_ = distinct.size();
        for (FutureBase* f : distinct) f->add_done_callback(&GatherFuture::child_done, this);
    }
    bool cancel() override {
        if (done()) return false;
        bool ret = false;
        for (const Value& c : children_) {
            if (future_base(c)->cancel()) ret = true;
        }
        if (ret) cancel_requested_ = true;
        return ret;
    }

private:
    static void child_done(void* self, void* child_ptr) {
        auto* g = static_cast<GatherFuture*>(self);
        auto* child = static_cast<FutureBase*>(child_ptr);
        g->nfinished_ += 1;
        if (g->done()) {
            if (!child->cancelled() && child->has_exception()) (void)child->exception();  // mark it retrieved
            return;
        }
        if (!g->return_exceptions_) {
            if (child->cancelled()) {
                // exc = fut._make_cancelled_error(): a task's own CancelledError, message and all.
                for (const Value& c : g->children_) {
                    if (future_base(c) == child && is_kind(c, Kind::task))
                        return g->set_exception(to_exception_ptr(make_cancelled_error(g->in_, *as<TaskObj>(c))));
                }
                return g->set_exception(std::make_exception_ptr(CancelledError()));
            }
            if (child->has_exception()) {
                // outer.set_exception(fut.exception()): the traceback the exception has now is the
                // one gather's future keeps.
                g->traceback_.keep(
                    capture(g->in_, [&]() -> Value { std::rethrow_exception(child->exception()); }).value);
                return g->set_exception(child->exception());
            }
        }
        if (g->nfinished_ == g->nfuts_) g->finish();
    }
    void finish() {
        std::vector<Value> results;
        results.reserve(children_.size());
        for (const Value& c : children_) {
            FutureBase* f = future_base(c);
            if (is_kind(c, Kind::task) && !f->cancelled() && !f->has_exception()) {
                results.push_back(as<TaskObj>(c)->task->result());  // the common case, without capture()
            } else if (f->cancelled()) {
                // CancelledError('' if fut._cancel_message is None else fut._cancel_message)
                Value msg = is_kind(c, Kind::task) ? as<TaskObj>(c)->ended_cancel_message() : Value::none();
                if (msg.is_none()) msg = in_.str_value("");
                results.push_back(in_.make_exception(asyncio_type(in_, "CancelledError"), {msg}));
            } else {
                results.push_back(result_of(in_, c).value);  // the exception object when it failed
            }
        }
        if (cancel_requested_) {
            // exc = fut._make_cancelled_error(), `fut` being the last child of the loop above: that
            // task's own CancelledError (message, traceback), or a new one when it was not cancelled.
            const Value& last = children_.back();
            if (is_kind(last, Kind::task))
                return set_exception(to_exception_ptr(make_cancelled_error(in_, *as<TaskObj>(last))));
            return set_exception(std::make_exception_ptr(CancelledError()));
        }
        set_result(in_.list_value(std::move(results)));
    }
    Interp& in_;
    std::vector<Value> children_;
    bool return_exceptions_;
    ExceptionTraceback& traceback_;  // its FutureObj's
    std::size_t nfuts_ = 0;
    std::size_t nfinished_ = 0;
    bool cancel_requested_ = false;
};

}  // namespace

FutureObj* gather_futures(Interp& in, std::vector<Value> children, bool return_exceptions) {
    if (in.loop == nullptr) in.raise("RuntimeError", "no running event loop");
    EventLoop& loop = *in.loop;
    auto* outer = in.heap.make<FutureObj>();
    if (children.empty()) {
        outer->fut = std::make_unique<Future<Value>>(loop);
        outer->fut->set_result(in.list_value({}));
        return outer;
    }
    outer->fut = std::make_unique<GatherFuture>(in, loop, std::move(children), return_exceptions, outer->exception_tb);
    in.gathers.push_back(outer);
    return outer;
}

std::string semaphore_type_name(const Value& v) {
    return as<SemaphoreObj>(v)->bounded ? "BoundedSemaphore" : "Semaphore";
}

std::string future_type_name(const Value& v) {
    return dynamic_cast<const GatherFuture*>(as<FutureObj>(v)->fut.get()) != nullptr ? "_GatheringFuture" : "Future";
}

// base_futures._future_repr_info: "<_GatheringFuture pending>", "... finished result=[1, 2]"
// (the result through reprlib.repr), with the callbacks of the tasks awaiting it. gather() of
// nothing returns a plain Future.
std::string future_repr(const Value& v) {
    const auto* f = as<FutureObj>(v);
    const Future<Value>& fut = *f->fut;
    std::string out = "<" + future_type_name(v) + " ";
    out += fut.cancelled() ? "cancelled" : fut.done() ? "finished" : "pending";
    if (fut.done() && !fut.cancelled()) {
        if (fut.has_exception()) {
            out += " exception=" + exception_ptr_repr(fut.peek_exception());
        } else {
            out += " result=" + reprlib_repr(fut.result(), 6);
        }
    }
    if (!fut.done() && f->awaiters > 0) {
        out += " cb=[";
        for (int i = 0; i < f->awaiters; ++i) out += i == 0 ? "Task.task_wakeup()" : ", Task.task_wakeup()";
        out += "]";
    }
    return out + ">";
}

std::unique_ptr<Waitable> make_waitable(Interp& in, const Value& aw) {
    if (is_kind(aw, Kind::task)) {
        auto* t = as<TaskObj>(aw);
        if (t->blocking && !t->task->done()) in.raise("RuntimeError", "await wasn't used with future");
        if (in.current != nullptr && in.current->task == t) {
            t->blocking = true;
            return std::make_unique<SelfWait>(
                in.make_exception("RuntimeError", "Task cannot await on itself: " + task_repr(aw)));
        }
        return std::make_unique<TaskWait>(t);
    }
    if (is_kind(aw, Kind::future)) return std::make_unique<GatherWait>(as<FutureObj>(aw));
    if (!is_kind(aw, Kind::native_op))
        in.raise("TypeError", "object " + type_name(aw) + " can't be used in 'await' expression");
    auto* op = as<NativeOpObj>(aw);
    if (op->what != NativeOpObj::What::done) {
        if (op->outcome.value.tag == Tag::object && is_kind(op->outcome.value, Kind::unbound))
            in.raise("RuntimeError", "cannot reuse already awaited coroutine");
    }
    switch (op->what) {
        case NativeOpObj::What::sleep: {
            Value result = op->outcome.value;
            op->outcome.value = Value::object(unbound_marker());  // awaited once
            if (!op->error.is_none()) throw PyRaise{std::exchange(op->error, Value::none())};
            // A deadline at infinity never comes: the deadlock report says the task sleeps forever.
            const bool forever = op->delay > 0 && std::isinf(in.loop->time() + op->delay);
            return std::make_unique<Wait<SleepAwaiter>>(forever ? "asyncio.sleep(inf)" : "asyncio.sleep()", result,
                                                        op->delay);
        }
        case NativeOpObj::What::sem_acquire: {
            auto* s = as<SemaphoreObj>(op->target);
            op->outcome.value = Value::object(unbound_marker());
            return std::make_unique<PrimitiveWait<AcquireAwaiter>>(
                s->bounded ? "BoundedSemaphore.acquire()" : "Semaphore.acquire()", s, op->enter, *s->sem);
        }
        case NativeOpObj::What::lock_acquire:
            op->outcome.value = Value::object(unbound_marker());
            return std::make_unique<PrimitiveWait<LockAwaiter>>("Lock.acquire()", op->target.o, op->enter,
                                                                as<LockObj>(op->target)->lock);
        case NativeOpObj::What::event_wait:
            op->outcome.value = Value::object(unbound_marker());
            return std::make_unique<PrimitiveWait<AsyncEventAwaiter>>("Event.wait()", op->target.o, false,
                                                                      as<EventObj>(op->target)->event);
        case NativeOpObj::What::done: return std::make_unique<Done>(op->outcome);
    }
    return nullptr;
}

Value run_request_coroutine(const Value& request) { return as<RunRequestObj>(request)->coro; }

// --- async with ---------------------------------------------------------------------------------------

namespace {
Value done_op(Interp& in, Outcome o) {
    auto* op = in.heap.make<NativeOpObj>(NativeOpObj::What::done);
    op->outcome = o;
    return Value::object(op);
}
}  // namespace

namespace {
/// The acquire a Semaphore's or Lock's `async with` awaits: one per primitive, made ready again on every
/// enter. The compiler puts the await right after before_async_with, so the operation never reaches the
/// program and one await is over with it before the next enter; like exited_op() it lives outside the
/// heap (its target, the primitive, is pinned). One object per `async with` less.
Value enter_op(std::unique_ptr<NativeOpObj>& op, NativeOpObj::What what, const Value& primitive) {
    if (!op) {
        op = std::make_unique<NativeOpObj>(what);
        op->target = primitive;
        op->enter = true;  // Semaphore/Lock.__aenter__: `async with sem as s` binds None
    }
    op->outcome = Outcome{};
    return Value::object(op.get());
}
}  // namespace

Value async_enter(Interp& in, const Value& m) {
    if (is_kind(m, Kind::semaphore)) {
        as<SemaphoreObj>(m)->value_is_bool = false;  // its acquire does arithmetic on it
        return enter_op(as<SemaphoreObj>(m)->enter, NativeOpObj::What::sem_acquire, m);
    }
    if (is_kind(m, Kind::lock)) return enter_op(as<LockObj>(m)->enter, NativeOpObj::What::lock_acquire, m);
    if (is_kind(m, Kind::timeout)) {
        return done_op(in, capture(in, [&]() -> Value {
                           // __aenter__'s reschedule(self._when) compares timeout_at()'s argument
                           const Value& when = as<TimeoutObj>(m)->when;
                           if (!when.is_none() && !is_real_number(when)) seconds(in, when, "timeout_at");
                           as<TimeoutObj>(m)->task = in.running_task();
                           as<TimeoutObj>(m)->thread = in.current;
                           as<TimeoutObj>(m)->cm->enter();
                           return m;
                       }));
    }
    in.raise("TypeError", "'" + type_name(m) + "' object does not support the asynchronous context manager protocol");
}

namespace {
/// What `async with` awaits after an exit that raised nothing: one finished operation giving None,
/// shared by every exit. It is awaited at once and never reaches the program, so an exit (two per
/// task in the lesson) makes no object. Like unbound_marker(), it lives outside the heap.
Value exited_op() {
    static NativeOpObj exited(NativeOpObj::What::done);
    return Value::object(&exited);
}
}  // namespace

void release_primitive(Interp& in, const Value& m) {
    // CPython's value is an int without bound; the playground's counts in 64 bits (make_semaphore).
    if (is_kind(m, Kind::semaphore) && as<SemaphoreObj>(m)->sem->value() == std::numeric_limits<std::int64_t>::max())
        in.refuse("a " + semaphore_type_name(m) + " whose value passes 9,223,372,036,854,775,807");
    Outcome o = capture(in, [&]() -> Value {
        if (is_kind(m, Kind::semaphore)) as<SemaphoreObj>(m)->sem->release();
        if (is_kind(m, Kind::lock)) as<LockObj>(m)->lock.release();
        return Value::none();
    });
    if (o.failed) throw PyRaise{o.value};
    if (is_kind(m, Kind::semaphore)) as<SemaphoreObj>(m)->value_is_bool = false;  // `+= 1` made it an int
    trace_release(in, m);
}

Value async_exit(Interp& in, const Value& m, const Value& exc) {
    Outcome out = capture(in, [&]() -> Value {
        if (is_kind(m, Kind::semaphore) || is_kind(m, Kind::lock)) release_primitive(in, m);
        if (is_kind(m, Kind::timeout)) as<TimeoutObj>(m)->cm->exit(exc.is_none() ? nullptr : to_exception_ptr(exc));
        return Value::none();
    });
    // The exception of the block, given back: __aexit__ returned None, and the with statement
    // re-raises it (RERAISE: no new traceback line; a nested timeout's TimeoutError stays as it is).
    if (out.failed && out.value.o == exc.o) return exited_op();
    if (out.failed && is_kind(m, Kind::timeout) && is_kind(exc, Kind::exception)) {
        auto* timeout = as<ExceptionObj>(out.value);  // Timeout.__aexit__: raise TimeoutError from exc_val
        if (timeout->type == in.type("TimeoutError")) timeout->cause = exc, timeout->suppress_context = true;
    }
    return out.failed ? done_op(in, out) : exited_op();
}

// --- the program's trace -----------------------------------------------------------------------------

namespace {

std::int32_t primitive_id(const Object* p) {
    switch (p->kind) {
        case Kind::semaphore: return static_cast<const SemaphoreObj*>(p)->id;
        case Kind::lock: return static_cast<const LockObj*>(p)->id;
        default: return static_cast<const EventObj*>(p)->id;
    }
}

std::int32_t task_id(const Thread& t) { return t.task != nullptr ? t.task->id : 0; }

/// "limited_task(1)": what a lane of the timeline is called, after the coroutine it runs, appended to
/// `out`. Arguments longer than 40 bytes are cut to 39 and "…".
void write_task_function(std::string& out, const Value& awaitable, std::string_view fallback) {
    if (!is_kind(awaitable, Kind::coroutine)) {
        out += fallback;
        return;
    }
    auto* coro = as<CoroutineObj>(awaitable);
    out += coro->function->code->name;
    out += '(';
    const std::size_t args_start = out.size();
    constexpr std::size_t shown = 40;  // bytes of arguments a label shows; longer ones end in "…"
    if (coro->frame != nullptr) {
        const std::size_t n = std::min(coro->function->code->nparams, coro->frame->locals.size());
        for (std::size_t i = 0; i < n && out.size() - args_start <= shown; ++i) {
            if (i) out += ", ";
            const Value& arg = coro->frame->locals[i];
            if (arg.tag == Tag::integer) {  // the common case (limited_task(1)), without a string of its own
                char digits[24];
                out.append(digits, std::to_chars(digits, digits + sizeof digits, arg.i).ptr);
            } else {
                write_repr_start(out, arg, args_start + shown);
            }
        }
    }
    if (out.size() - args_start > shown) {
        std::size_t cut = args_start + shown - 1;
        while (cut > args_start && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) cut -= 1;  // whole characters
        out.resize(cut);
        out += "…";
    }
    out += ')';
}

}  // namespace

std::int32_t trace_primitive(Interp& in, const std::string& type, int initial) {
    return in.trace.add_primitive(type, initial, in.current != nullptr ? in.current->line() : 0);
}

std::int32_t primitive_value(const Object* p) {
    switch (p->kind) {
        case Kind::semaphore: return static_cast<std::int32_t>(static_cast<const SemaphoreObj*>(p)->sem->value());
        case Kind::lock: return static_cast<const LockObj*>(p)->lock.locked() ? 0 : 1;
        default: return static_cast<const EventObj*>(p)->event.is_set() ? 1 : 0;
    }
}

void trace_release(Interp& in, const Value& m) {
    const Object* p = m.o;
    in.trace.add(in.clock(), in.running_task(), ProgramEventKind::released, in.running_line(), primitive_id(p),
                 primitive_value(p));
}

void trace_wait_started(Interp& in, Thread& t, const Waitable& w) {
    if (w.primitive == nullptr) return;
    in.trace.add(in.clock(), task_id(t), ProgramEventKind::waiting, t.program_line(), primitive_id(w.primitive),
                 primitive_value(w.primitive));
}

void trace_wait_ended(Interp& in, Thread& t, const Waitable& w, const Outcome& out) {
    if (w.primitive == nullptr) return;
    const ProgramEventKind kind = out.failed                         ? ProgramEventKind::gave_up
                                  : w.primitive->kind == Kind::event ? ProgramEventKind::woken
                                                                     : ProgramEventKind::acquired;
    in.trace.add(in.clock(), task_id(t), kind, t.program_line(), primitive_id(w.primitive),
                 primitive_value(w.primitive));
}

}  // namespace sp::py
