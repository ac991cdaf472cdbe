#include "collector.hpp"

#include "asyncio_module.hpp"

namespace sp::py {

void trace_frame(Marker& m, const Frame& f) {
    for (const Value& v : f.stack) m(v);
    for (const Value& v : f.locals) m(v);
    for (const Block& b : f.blocks) m(b.saved);
}

void trace_thread(Marker& m, const Thread& t) {
    for (const auto& f : t.frames) trace_frame(m, *f);
    m(t.handled);
    if (t.waiting) t.waiting->trace(m);
    m(t.result.value);
}

// --- asyncio's objects ------------------------------------------------------------------------

namespace {

/// The result a finished task or future holds (its exception, if any, is pinned: to_exception_ptr).
template <class F>
void trace_result(Marker& m, const F& fut) {
    if (fut.done() && !fut.cancelled() && !fut.has_exception()) m(fut.result());
}

}  // namespace

void TaskObj::trace(Marker& m) const {
    trace_thread(m, thread);
    m(start);
    if (const TaskExceptions* e = exceptions_if_any()) {
        m(e->cancel_message);
        m(e->cancelled_exc);
    }
    if (task) trace_result(m, *task);
}

void FutureObj::trace(Marker& m) const {
    if (fut) trace_result(m, *fut);
}

void NativeOpObj::trace(Marker& m) const {
    m(target);
    m(outcome.value);
    m(error);
}

void RunRequestObj::trace(Marker& m) const { m(coro); }
void TimeoutObj::trace(Marker& m) const { m(when); }

// --- the collection -------------------------------------------------------------------------------

namespace {

void mark_interpreter(Marker& m, const Interp& in) {
    m(in.run_request);
    for (const Value* v : in.host_roots) m(*v);
    m(in.loop_object);
    m(in.loop_caller_handled);
    for (const Value& v : in.unretrieved_at_exit) m(v);
    if (in.loop_interrupted_by != nullptr) m(in.loop_interrupted_by);  // its KeyboardInterrupt's traceback holds it
    for (const Value& v : in.global_values) m(v);
    for (const auto& [name, v] : in.builtins) m(v);
    for (const auto& code : in.codes) {
        for (const Value& v : code->consts) m(v);
    }
}

/// Marks what the program reaches now from its roots: the interpreter, the module's thread and the
/// running one (whose frames are live mid-instruction), `extra`, and the pinned objects but those
/// `skip_pinned` leaves out. The marks stay set for the caller to read; unmark() clears them (a
/// look at reachability, with no sweep).
std::vector<Object*> mark_reachable(Interp& in, const std::vector<Value>& extra,
                                    bool (*skip_pinned)(const Object*) = nullptr) {
    std::vector<Object*> marked;
    Marker m(&marked);
    mark_interpreter(m, in);
    if (in.module_thread != nullptr) trace_thread(m, *in.module_thread);
    if (in.current != nullptr) trace_thread(m, *in.current);
    for (const Value& v : extra) m(v);
    in.heap.mark_pinned(m, skip_pinned);
    m.drain();
    return marked;
}

void unmark(const std::vector<Object*>& marked) {
    for (Object* o : marked) o->marked = false;
}

}  // namespace

std::vector<bool> still_reachable(Interp& in, const std::vector<Value>& objects, const Value& extra,
                                  std::size_t* marked_count) {
    const std::vector<Object*> marked = mark_reachable(in, {extra});
    if (marked_count != nullptr) *marked_count = marked.size();
    std::vector<bool> reached;
    reached.reserve(objects.size());
    for (const Value& v : objects) reached.push_back(v.is_obj() && v.o->marked);
    unmark(marked);
    return reached;
}

HeldTasks still_held(Interp& in, const std::vector<TaskObj*>& tasks, const std::vector<Value>& also_held) {
    // A finished task is pinned until freed; it is what the check asks about, so it is no root.
    const std::vector<Object*> marked = mark_reachable(in, also_held, [](const Object* o) {
        return o->kind == Kind::task && static_cast<const TaskObj*>(o)->task->done();
    });
    HeldTasks out;
    out.held.reserve(tasks.size());
    for (const TaskObj* t : tasks) out.held.push_back(t->marked);
    unmark(marked);
    out.marked = marked.size();
    return out;
}

std::size_t collect_garbage(Interp& in, std::initializer_list<const Thread*> threads,
                            std::initializer_list<Value> values) {
    Marker m;
    mark_interpreter(m, in);
    for (const Thread* t : threads) trace_thread(m, *t);
    for (const Value& v : values) m(v);
    in.heap.mark_pinned(m);
    m.drain();
    // Without this collection they would have lived to the exit and warned there (gather() of a
    // list of coroutines that failed; tests/conformance/programs/gather_a_list.py).
    in.warn_never_awaited_unreached();
    return in.heap.sweep();
}

}  // namespace sp::py
