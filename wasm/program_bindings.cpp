// Embind bindings for programs of the playground's Python (python/program.hpp).
//
// runProgramJson runs a whole program on the virtual clock and returns result_json: the same
// contract the native run_program and the conformance suite use.
//
// ProgramRun is the same program driven step by step (web/program-run.mjs): the JavaScript driver
// paces it with host timers, like a scenario's Simulation. Its events (python/program_trace.hpp)
// are read in bulk from Wasm memory as packed records (PROGRAM_EVENT_RECORD in web/contract.mjs);
// the texts that go with them (the printed output, task names, failures' lines) as UTF-8 that
// JavaScript decodes in one go per take, with the ends of the entries (ProgramTake): only what is
// new since the last take, no JSON. Nothing throws across the boundary.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "program.hpp"

namespace {

std::string run_program_json(const std::string& source) {
    sp::py::Program program(source);
    program.run();
    return sp::py::result_json(program);
}

class ProgramRunBinding {
public:
    /// `maxSteps`, `maxMs`: the host's Budget for this run (0: none; python/interp.hpp Budget).
    ProgramRunBinding(const std::string& source, double maxSteps, double maxMs)
        : program_(source, sp::py::Limits{}, sp::py::Budget{static_cast<std::uint64_t>(maxSteps), maxMs}) {}

    bool advance() {
        forget_handed();
        return program_.advance();
    }
    /// advance(), then more loop iterations while work is ready, up to `iterations` in all: what the
    /// driver would do one call at a time (the clock never moves here). False once the program ended.
    /// It stops early once `max_events` events wait, for the driver to take them (BATCH_EVENTS): the
    /// lesson's first two iterations make 100,000 events each, and taken in between, the trace's
    /// vector is reused for the second instead of doubling (3 MB more memory touched, and copied).
    bool advanceReady(int iterations, std::uint32_t max_events) {
        forget_handed();
        bool more = program_.advance();
        for (int i = 1; i < iterations && more && program_.has_ready() && pendingEvents() < max_events; ++i)
            more = program_.advance();
        return more;
    }
    bool hasReady() const { return program_.has_ready(); }
    /// The next timer's deadline, or -1 when none is pending.
    double nextDeadline() { return program_.next_deadline().value_or(-1.0); }
    void advanceTo(double t) {
        forget_handed();
        program_.advance_to(t);
    }
    double time() const { return program_.time(); }
    bool ended() const { return program_.status() != sp::py::Program::Status::running; }
    /// Events added since the last take: the driver takes them once there are many (web/driver.mjs
    /// BATCH_EVENTS), so the trace's vector stays small and is reused instead of growing with the run.
    std::uint32_t pendingEvents() const { return handed_ ? 0 : count(program_.trace().events.size()); }

    /// The events, texts, tasks and primitives added since the last take, and the totals so far:
    /// the address of a ProgramTake (python/program_trace.hpp), valid until the next call.
    std::uintptr_t take() {
        forget_handed();
        sp::py::ProgramTrace& trace = program_.trace();
        const sp::py::PrintedText& output = trace.output;
        const sp::py::TextTable& words = trace.words;
        const std::vector<sp::py::ProgramEvent>& events = trace.events;
        take_ = sp::py::ProgramTake{address(events.data()),
                                    count(events.size()),
                                    address(output.text().data()),
                                    count(output.complete_bytes()),
                                    address(output.line_ends().data()),
                                    count(output.line_ends().size()),
                                    address(words.bytes().data()),
                                    count(words.bytes().size()),
                                    address(words.ends().data()),
                                    count(words.ends().size()),
                                    address(trace.tasks.data()),
                                    count(trace.tasks.size()),
                                    address(trace.primitives.data() + primitives_),
                                    count(trace.primitives.size() - primitives_),
                                    trace.counts.created,
                                    trace.counts.finished,
                                    trace.counts.failed,
                                    trace.counts.cancelled,
                                    trace.counts.peak_holders};
        primitives_ = trace.primitives.size();
        handed_ = true;
        return reinterpret_cast<std::uintptr_t>(&take_);
    }
    /// How the program ended (exit status, output, traceback, deadlock): result_json without its
    /// lines (the trace has them), once ended().
    std::string resultJson() const { return sp::py::result_json(program_, false); }

private:
    /// JavaScript copies a take out before its next call, and the program does not run in between:
    /// at that call the trace forgets all it holds, and its buffers are reused (one events vector, the
    /// texts' buffers: a long run's events and texts are not kept in Wasm memory as well).
    void forget_handed() {
        if (!handed_) return;
        program_.trace().events.clear();
        program_.trace().forget_copied();
        handed_ = false;
    }

    template <class T>
    static std::uint32_t address(const T* p) {
        return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p));
    }
    static std::uint32_t count(std::size_t n) { return static_cast<std::uint32_t>(n); }

    sp::py::Program program_;
    sp::py::ProgramTake take_{};
    bool handed_ = false;         // a take handed the trace's contents over, and no call came since
    std::size_t primitives_ = 0;  // primitives taken so far (the trace keeps them all)
};

}  // namespace

EMSCRIPTEN_BINDINGS(python_programs) {
    emscripten::function("runProgramJson", &run_program_json);
    emscripten::class_<ProgramRunBinding>("ProgramRun")
        .constructor<std::string, double, double>()
        .function("advance", &ProgramRunBinding::advance)
        .function("advanceReady", &ProgramRunBinding::advanceReady)
        .function("hasReady", &ProgramRunBinding::hasReady)
        .function("nextDeadline", &ProgramRunBinding::nextDeadline)
        .function("advanceTo", &ProgramRunBinding::advanceTo)
        .function("time", &ProgramRunBinding::time)
        .function("ended", &ProgramRunBinding::ended)
        .function("pendingEvents", &ProgramRunBinding::pendingEvents)
        .function("take", &ProgramRunBinding::take)
        .function("resultJson", &ProgramRunBinding::resultJson);
}
