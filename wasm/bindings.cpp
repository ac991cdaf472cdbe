// Embind bindings: the Simulation of core/scenario.hpp, as JavaScript sees it.
//
// Errors never cross the boundary as Wasm exceptions (JavaScript cannot read their message in this
// Emscripten version): validate() and start() return the message instead, and the JavaScript layer
// throws a proper Error. Events are read in bulk: eventsPointer() is the address of a packed array of
// 16-byte records that JavaScript views through HEAPF64/HEAP32, one call per batch, not per event.
#include <emscripten/bind.h>
#include <emscripten/heap.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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
            error_ = "permits must be an integer from 0 to 1000000 (got " + sp::describe_number(permits) + ")";
            return;
        }
        if (!is_count(count)) {
            error_ = "tasks must be an integer from 0 to 1000000 (got " + sp::describe_number(count) + ")";
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
        if (sim_ || !error_.empty()) return;
        TaskSpec spec;
        spec.duration = duration;
        spec.start = start;
        if (!(timeout < 0)) spec.timeout = timeout;  // negative means "no timeout"; NaN is kept to be rejected
        spec.fail = fail;
        spec.extra_release = extraRelease;
        scenario_.tasks.push_back(spec);
    }

    std::string validate() const {
        if (!error_.empty()) return error_;
        if (auto error = sp::validate(scenario_)) return *error;
        return "";
    }

    // Returns '' once running, or the validation message (the simulation then stays inert).
    std::string start() {
        if (sim_) return "";
        std::string error = validate();
        if (!error.empty()) {
            error_ = error;
            return error;
        }
        sim_ = std::make_unique<Simulation>(std::move(scenario_));
        return "";
    }

    double time() const { return sim_ ? sim_->time() : 0.0; }
    bool runOnce(double budget) {
        if (!ensure_started()) return true;
        std::size_t callbacks = budget >= 1e15 || std::isinf(budget) ? SIZE_MAX : static_cast<std::size_t>(budget < 1 ? 1 : budget);
        return sim_->run_once(callbacks);
    }
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
    double holders() const { return sim_ ? static_cast<double>(sim_->holders()) : 0; }
    double peakHolders() const { return sim_ ? static_cast<double>(sim_->peak_holders()) : 0; }

    // Permit board: the semaphore's own state.
    double semaphoreValue() const { return sim_ ? static_cast<double>(sim_->semaphore().value()) : 0; }
    double semaphoreWaiters() const { return sim_ ? static_cast<double>(sim_->semaphore().waiter_count()) : 0; }
    bool semaphoreLocked() const { return sim_ && sim_->semaphore().locked(); }

private:
    bool ensure_started() { return sim_ || start().empty(); }

    Scenario scenario_;
    std::unique_ptr<Simulation> sim_;
    std::vector<std::int32_t> waiting_;
    std::string error_;
};

double heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // namespace

EMSCRIPTEN_BINDINGS(semaphore_playground) {
    emscripten::class_<SimulationBinding>("Simulation")
        .constructor<double, bool, double, double>()
        .function("addTask", &SimulationBinding::addTask)
        .function("validate", &SimulationBinding::validate)
        .function("start", &SimulationBinding::start)
        .function("time", &SimulationBinding::time)
        .function("runOnce", &SimulationBinding::runOnce)
        .function("nextDeadline", &SimulationBinding::nextDeadline)
        .function("advanceTo", &SimulationBinding::advanceTo)
        .function("hasReady", &SimulationBinding::hasReady)
        .function("done", &SimulationBinding::done)
        .function("failure", &SimulationBinding::failure)
        .function("deadlocked", &SimulationBinding::deadlocked)
        .function("eventCount", &SimulationBinding::eventCount)
        .function("eventsPointer", &SimulationBinding::eventsPointer)
        .function("clearEvents", &SimulationBinding::clearEvents)
        .function("waitingCount", &SimulationBinding::waitingCount)
        .function("waitingPointer", &SimulationBinding::waitingPointer)
        .function("count", &SimulationBinding::count)
        .function("holders", &SimulationBinding::holders)
        .function("peakHolders", &SimulationBinding::peakHolders)
        .function("semaphoreValue", &SimulationBinding::semaphoreValue)
        .function("semaphoreWaiters", &SimulationBinding::semaphoreWaiters)
        .function("semaphoreLocked", &SimulationBinding::semaphoreLocked);
    emscripten::function("heapBytes", &heap_bytes);
}
