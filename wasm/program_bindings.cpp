// Embind bindings for programs of the playground's Python (python/program.hpp).
//
// runProgramJson runs a whole program on the virtual clock and returns result_json: the same
// contract the native run_program and the conformance suite use.
//
// ProgramRun is the same program driven step by step (web/program-run.mjs): the JavaScript driver
// paces it with host timers, like a scenario's Simulation. Its events (python/program_trace.hpp)
// are read in bulk from Wasm memory as packed records (PROGRAM_EVENT_RECORD in web/contract.mjs);
// the words that go with them (printed lines, task names, primitives) come as JSON, only the ones
// that are new since the last take. Nothing throws across the boundary.
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
    explicit ProgramRunBinding(const std::string& source) : program_(source) {}

    bool advance() { return program_.advance(); }
    bool hasReady() const { return program_.has_ready(); }
    /// The next timer's deadline, or -1 when none is pending.
    double nextDeadline() { return program_.next_deadline().value_or(-1.0); }
    void advanceTo(double t) { program_.advance_to(t); }
    double time() const { return program_.time(); }
    bool ended() const { return program_.status() != sp::py::Program::Status::running; }

    std::size_t eventCount() const { return program_.trace().events.size(); }
    std::uintptr_t eventsPointer() const { return reinterpret_cast<std::uintptr_t>(program_.trace().events.data()); }
    void clearEvents() { program_.trace().events.clear(); }
    /// {"tasks": [[name, function], ...], "primitives": [[type, initial, line], ...], "texts": [...]}:
    /// the entries added since the last call (events refer to them by position from the start).
    std::string takeWords() {
        const sp::py::ProgramTrace& trace = program_.trace();
        std::string out = "{\"tasks\":[";
        for (std::size_t i = tasks_; i < trace.tasks.size(); ++i) {
            out += i == tasks_ ? "[" : ",[";
            sp::py::append_json(out, trace.tasks[i].name);
            out += ',';
            sp::py::append_json(out, trace.tasks[i].function);
            out += ']';
        }
        out += "],\"primitives\":[";
        for (std::size_t i = primitives_; i < trace.primitives.size(); ++i) {
            const auto& p = trace.primitives[i];
            out += i == primitives_ ? "[" : ",[";
            sp::py::append_json(out, p.type);
            out += "," + std::to_string(p.initial) + "," + std::to_string(p.line) + "]";
        }
        out += "],\"texts\":[";
        for (std::size_t i = texts_; i < trace.texts.size(); ++i) {
            if (i != texts_) out += ',';
            sp::py::append_json(out, trace.texts[i]);
        }
        tasks_ = trace.tasks.size();
        primitives_ = trace.primitives.size();
        texts_ = trace.texts.size();
        return out + "]}";
    }
    /// How the program ended (exit status, output, traceback, deadlock): result_json without its
    /// lines (the trace has them), once ended().
    std::string resultJson() const { return sp::py::result_json(program_, false); }

private:
    sp::py::Program program_;
    std::size_t tasks_ = 0, primitives_ = 0, texts_ = 0;
};

}  // namespace

EMSCRIPTEN_BINDINGS(python_programs) {
    emscripten::function("runProgramJson", &run_program_json);
    emscripten::class_<ProgramRunBinding>("ProgramRun")
        .constructor<std::string>()
        .function("advance", &ProgramRunBinding::advance)
        .function("hasReady", &ProgramRunBinding::hasReady)
        .function("nextDeadline", &ProgramRunBinding::nextDeadline)
        .function("advanceTo", &ProgramRunBinding::advanceTo)
        .function("time", &ProgramRunBinding::time)
        .function("ended", &ProgramRunBinding::ended)
        .function("eventCount", &ProgramRunBinding::eventCount)
        .function("eventsPointer", &ProgramRunBinding::eventsPointer)
        .function("clearEvents", &ProgramRunBinding::clearEvents)
        .function("takeWords", &ProgramRunBinding::takeWords)
        .function("resultJson", &ProgramRunBinding::resultJson);
}
