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

    bool advance() { return program_.advance(); }
    /// advance(), then more loop iterations while work is ready, up to `iterations` in all: what the
    /// driver would do one call at a time (the clock never moves here). False once the program ended.
    bool advanceReady(int iterations) {
        bool more = program_.advance();
        for (int i = 1; i < iterations && more && program_.has_ready(); ++i) more = program_.advance();
        return more;
    }
    bool hasReady() const { return program_.has_ready(); }
    /// The next timer's deadline, or -1 when none is pending.
    double nextDeadline() { return program_.next_deadline().value_or(-1.0); }
    void advanceTo(double t) { program_.advance_to(t); }
    double time() const { return program_.time(); }
    bool ended() const { return program_.status() != sp::py::Program::Status::running; }
    /// Events added since the last take: the driver takes them once there are many (web/driver.mjs
    /// BATCH_EVENTS), so the trace's vector stays small and is reused instead of growing with the run.
    std::uint32_t pendingEvents() const { return count(program_.trace().events.size()); }

    /// The events, texts, tasks and primitives added since the last take, and the totals so far:
    /// the address of a ProgramTake (python/program_trace.hpp), valid until the next call. The
    /// events are taken out of the trace; the texts stay (the program's output is one of them).
    std::uintptr_t take() {
        sp::py::ProgramTrace& trace = program_.trace();
        const sp::py::PrintedText& output = trace.output;
        const sp::py::TextTable& words = trace.words;
        // The events taken stay alive until the next take, then their vector is the trace's again.
        taken_events_.clear();
        std::swap(trace.events, taken_events_);
        const std::vector<sp::py::ProgramEvent>& events = taken_events_;
        take_ = sp::py::ProgramTake{address(events.data()),
                                    count(events.size()),
                                    address(output.text().data() + output_bytes_),
                                    count(output.complete_bytes() - output_bytes_),
                                    address(output.line_ends().data() + lines_),
                                    count(output.line_ends().size() - lines_),
                                    address(words.bytes().data() + word_bytes_),
                                    count(words.bytes().size() - word_bytes_),
                                    address(words.ends().data() + words_),
                                    count(words.ends().size() - words_),
                                    address(trace.tasks.data() + tasks_),
                                    count(trace.tasks.size() - tasks_),
                                    address(trace.primitives.data() + primitives_),
                                    count(trace.primitives.size() - primitives_),
                                    trace.counts.created,
                                    trace.counts.finished,
                                    trace.counts.failed,
                                    trace.counts.cancelled,
                                    trace.counts.peak_holders};
        output_bytes_ = output.complete_bytes();
        lines_ = output.line_ends().size();
        word_bytes_ = words.bytes().size();
        words_ = words.ends().size();
        tasks_ = trace.tasks.size();
        primitives_ = trace.primitives.size();
        return reinterpret_cast<std::uintptr_t>(&take_);
    }
    /// How the program ended (exit status, output, traceback, deadlock): result_json without its
    /// lines (the trace has them), once ended().
    std::string resultJson() const { return sp::py::result_json(program_, false); }

private:
    template <class T>
    static std::uint32_t address(const T* p) {
        return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p));
    }
    static std::uint32_t count(std::size_t n) { return static_cast<std::uint32_t>(n); }

    sp::py::Program program_;
    sp::py::ProgramTake take_{};
    std::vector<sp::py::ProgramEvent> taken_events_;
    std::size_t output_bytes_ = 0, lines_ = 0, word_bytes_ = 0, words_ = 0, tasks_ = 0, primitives_ = 0;
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
