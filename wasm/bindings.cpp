// Embind bindings: the Simulation of core/scenario.hpp, as JavaScript sees it.
//
// Errors never cross the boundary as Wasm exceptions (JavaScript cannot read their message in this
// Emscripten version): start() returns a problem code (sp::Problem, 0 when running) and
// problemField()/problemValue() say where, and web/simulation.mjs words it with web/contract.mjs.
// Events are read in bulk: eventsPointer() is the address of a packed array of records (core/event.hpp)
// that JavaScript views through HEAPF64/HEAP32, one call per batch, not per event. contract() hands
// JavaScript the C++ side of the shared contracts, so a test can check both sides agree.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "program_trace.hpp"
#include "scenario.hpp"

namespace {

using sp::Scenario;
using sp::Simulation;
using sp::TaskSpec;

bool is_count(double value) {
    return std::isfinite(value) && value >= 0 && value <= static_cast<double>(sp::max_count) &&
           std::floor(value) == value;
}

class SimulationBinding {
public:
    // Uniform tasks start at once; with count 0, add tasks one by one, then start().
    SimulationBinding(double permits, bool bounded, double count, double duration) {
        if (!is_count(permits)) {
            issue_ = sp::ScenarioIssue{sp::Problem::count, "permits", permits};
            return;
        }
        if (!is_count(count)) {
            issue_ = sp::ScenarioIssue{sp::Problem::count, "tasks", count};
            return;
        }
        scenario_.permits = static_cast<std::int64_t>(permits);
        scenario_.bounded = bounded;
        if (count > 0) {
            scenario_.uniform.duration = duration;
            scenario_.uniform_count = static_cast<std::int64_t>(count);
            start();
        }
    }

    void addTask(double duration, double start, double timeout, bool fail, bool extraRelease) {
        if (sim_ || issue_) return;
        TaskSpec spec;
        spec.duration = duration;
        spec.start = start;
        if (!(timeout < 0)) spec.timeout = timeout;  // negative means "no timeout"; NaN is kept to be rejected
        spec.fail = fail;
        spec.extra_release = extraRelease;
        scenario_.tasks.push_back(spec);
    }

    // 0 once running, else the sp::Problem code of the first problem (the simulation then stays inert).
    int start() {
        if (sim_) return 0;
        if (!issue_) issue_ = sp::validate(scenario_);
        if (issue_) return static_cast<int>(issue_->problem);
        sim_ = std::make_unique<Simulation>(std::move(scenario_));
        return 0;
    }
    std::string problemField() const { return issue_ ? issue_->field : std::string(); }
    double problemValue() const { return issue_ ? issue_->got : 0; }

    double time() const { return sim_ ? sim_->time() : 0.0; }
    bool runOnce(double budget) {
        if (!ensure_started()) return true;
        return sim_->run_once(callbacks(budget));
    }
    // sp::run_iteration: jump to the next deadline if nothing is ready, then run (part of) an iteration.
    bool runIteration(double budget) { return ensure_started() && sim_->run_iteration(callbacks(budget)); }
    double nextDeadline() {
        if (!ensure_started()) return -1;
        auto deadline = sim_->next_deadline();
        return deadline ? *deadline : -1;
    }
    void advanceTo(double t) {
        if (ensure_started() && t > sim_->time()) sim_->advance_to(t);
    }
    bool hasReady() const { return sim_ && sim_->has_ready(); }
    bool done() const { return sim_ && sim_->done(); }
    bool finished() const { return sim_ && sim_->finished(); }
    std::string failure() const { return sim_ ? sim_->failure() : std::string(); }
    bool deadlocked() { return ensure_started() && sim_->deadlocked(); }

    double eventCount() const { return sim_ ? static_cast<double>(sim_->events().size()) : 0; }
    double eventsPointer() const {
        return sim_ ? static_cast<double>(reinterpret_cast<std::uintptr_t>(sim_->events().data())) : 0;
    }
    void clearEvents() {
        if (sim_) sim_->clear_events();
    }

    double waitingCount() {
        waiting_ = sim_ ? sim_->waiting_tasks() : std::vector<std::int32_t>{};
        return static_cast<double>(waiting_.size());
    }
    // Valid after waitingCount(), until the next call of it.
    double waitingPointer() const { return static_cast<double>(reinterpret_cast<std::uintptr_t>(waiting_.data())); }

    // The summary's totals, kept by the simulation as it logs (so JavaScript need not read events).
    double count(int kind) const {
        return sim_ && kind >= 0 && kind < static_cast<int>(sp::event_kind_count)
                   ? static_cast<double>(sim_->count(static_cast<sp::EventKind>(kind)))
                   : 0;
    }
    double peakHolders() const { return sim_ ? static_cast<double>(sim_->peak_holders()) : 0; }

    // Permit board: the semaphore's own state.
    double semaphoreValue() const { return sim_ ? static_cast<double>(sim_->semaphore().value()) : 0; }
    double semaphoreWaiters() const { return sim_ ? static_cast<double>(sim_->semaphore().waiter_count()) : 0; }
    bool semaphoreLocked() const { return sim_ && sim_->semaphore().locked(); }

private:
    bool ensure_started() { return sim_ || start() == 0; }
    static std::size_t callbacks(double budget) {
        return budget >= 1e15 || std::isinf(budget) ? SIZE_MAX : static_cast<std::size_t>(budget < 1 ? 1 : budget);
    }

    Scenario scenario_;
    std::unique_ptr<Simulation> sim_;
    std::vector<std::int32_t> waiting_;
    std::optional<sp::ScenarioIssue> issue_;
};

double heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

// Bytes malloc has handed out and not taken back: unlike the heap size, this comes back down when a
// run is freed (the soak test checks it returns to its start).
double allocated_bytes() { return static_cast<double>(mallinfo().uordblks); }

// The C++ side of web/contract.mjs: limits, problem codes, event record layout and kind names.
emscripten::val contract() {
    using emscripten::val;
    val out = val::object();
    out.set("maxCount", static_cast<double>(sp::max_count));
    out.set("maxSeconds", sp::max_seconds);
    val problems = val::object();
    problems.set(static_cast<int>(sp::Problem::count), std::string("count"));
    problems.set(static_cast<int>(sp::Problem::seconds), std::string("seconds"));
    problems.set(static_cast<int>(sp::Problem::too_many_tasks), std::string("too-many-tasks"));
    out.set("problems", problems);
    val record = val::object();
    record.set("bytes", static_cast<int>(sp::event_record_bytes));
    record.set("time", static_cast<int>(sp::event_time_offset));
    record.set("task", static_cast<int>(sp::event_task_offset));
    record.set("kind", static_cast<int>(sp::event_kind_offset));
    out.set("eventRecord", record);
    val kinds = val::array();
    for (int k = 0; k < sp::event_kind_count; ++k)
        kinds.call<void>("push", std::string(sp::to_string(static_cast<sp::EventKind>(k))));
    out.set("eventKinds", kinds);
    val program = val::object();
    program.set("bytes", static_cast<int>(sp::py::program_event_bytes));
    program.set("time", static_cast<int>(offsetof(sp::py::ProgramEvent, t)));
    program.set("task", static_cast<int>(offsetof(sp::py::ProgramEvent, task)));
    program.set("kind", static_cast<int>(offsetof(sp::py::ProgramEvent, kind_line)));
    program.set("lineShift", sp::py::ProgramEvent::line_shift);
    program.set("primitive", static_cast<int>(offsetof(sp::py::ProgramEvent, primitive)));
    program.set("detail", static_cast<int>(offsetof(sp::py::ProgramEvent, detail)));
    out.set("programEventRecord", program);
    val program_kinds = val::array();
    for (int k = 0; k < sp::py::program_event_kind_count; ++k)
        program_kinds.call<void>("push", std::string(sp::py::to_string(static_cast<sp::py::ProgramEventKind>(k))));
    out.set("programEventKinds", program_kinds);
    val take_fields = val::array();
    for (const char* field : sp::py::program_take_fields) take_fields.call<void>("push", std::string(field));
    out.set("programTakeFields", take_fields);
    return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(semaphore_playground) {
    emscripten::class_<SimulationBinding>("Simulation")
        .constructor<double, bool, double, double>()
        .function("addTask", &SimulationBinding::addTask)
        .function("start", &SimulationBinding::start)
        .function("problemField", &SimulationBinding::problemField)
        .function("problemValue", &SimulationBinding::problemValue)
        .function("time", &SimulationBinding::time)
        .function("runOnce", &SimulationBinding::runOnce)
        .function("runIteration", &SimulationBinding::runIteration)
        .function("nextDeadline", &SimulationBinding::nextDeadline)
        .function("advanceTo", &SimulationBinding::advanceTo)
        .function("hasReady", &SimulationBinding::hasReady)
        .function("done", &SimulationBinding::done)
        .function("finished", &SimulationBinding::finished)
        .function("failure", &SimulationBinding::failure)
        .function("deadlocked", &SimulationBinding::deadlocked)
        .function("eventCount", &SimulationBinding::eventCount)
        .function("eventsPointer", &SimulationBinding::eventsPointer)
        .function("clearEvents", &SimulationBinding::clearEvents)
        .function("waitingCount", &SimulationBinding::waitingCount)
        .function("waitingPointer", &SimulationBinding::waitingPointer)
        .function("count", &SimulationBinding::count)
        .function("peakHolders", &SimulationBinding::peakHolders)
        .function("semaphoreValue", &SimulationBinding::semaphoreValue)
        .function("semaphoreWaiters", &SimulationBinding::semaphoreWaiters)
        .function("semaphoreLocked", &SimulationBinding::semaphoreLocked);
    emscripten::function("heapBytes", &heap_bytes);
    emscripten::function("allocatedBytes", &allocated_bytes);
    emscripten::function("contract", &contract);
}
