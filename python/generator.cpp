// Generator expressions run lazily, as CPython's (Objects/genobject.c): the expression is a function
// of its own (compile.cpp) whose frame runs on a thread of its own, one value at a time, each time
// the program (a for loop, any(), list(), next()...) asks for the next one.
#include "collector.hpp"
#include "interp.hpp"

namespace sp::py {

void GeneratorObj::trace(Marker& m) const { trace_thread(m, thread); }

bool Interp::generator_next(IterObj& it, Value& out) {
    auto* gen = as<GeneratorObj>(it.source);
    if (gen->finished) return false;
    if (gen->running) raise("ValueError", "generator already executing");
    Thread& t = gen->thread;
    if (current != nullptr) {
        check_depth(*current);   // its frame goes on top of the one asking, as a call's would
        t.task = current->task;  // current_task() in it is the asker's
        t.handled = current->handled;
        t.base_depth = current->base_depth + current->frames.size() + comprehension_frames(*current);
    }
    gen->running = true;
    RunStatus status;
    try {
        status = run(t, Outcome{});
    } catch (...) {
        gen->running = false;
        throw;
    }
    gen->running = false;
    stop_ = false;  // the yield stopped its own run, not the asker's
    if (status == RunStatus::suspended) {
        out = std::exchange(t.result.value, Value::none());
        return true;
    }
    gen->finished = true;
    if (status == RunStatus::run_loop) refuse("asyncio.run() in a generator expression");
    if (!t.result.failed) return false;
    const Value exc = t.result.value;
    if (isinstance(exc, type("StopIteration")))
        throw PyRaise{stop_iteration_error(exc, "generator raised StopIteration")};
    throw PyRaise{exc};
}

}  // namespace sp::py
