#include "scenario.hpp"

#include <cmath>
#include <sstream>

#include "timeouts.hpp"

namespace sp {

std::string describe_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    std::ostringstream out;
    out.precision(17);
    out << value;
    return out.str();
}

namespace {

bool valid_seconds(double value) { return std::isfinite(value) && value >= 0 && value <= max_seconds; }

std::string seconds_message(double value) {
    return " must be a number of seconds from 0 to 1000000 (got " + describe_number(value) + ")";
}

std::string seconds_error(std::size_t index, const char* field, double value) {
    return "tasks[" + std::to_string(index) + "]." + field + seconds_message(value);
}

}  // namespace

Scenario uniform_scenario(std::int64_t permits, bool bounded, std::int64_t count, double duration) {
    Scenario scenario;
    scenario.permits = permits;
    scenario.bounded = bounded;
    if (count < 0 || count > max_count) {
        throw ValueError("tasks must be an integer from 0 to 1000000 (got " + std::to_string(count) + ")");
    }
    scenario.uniform.duration = duration;
    scenario.uniform_count = count;
    return scenario;
}

std::optional<std::string> validate(const Scenario& scenario) {
    if (scenario.permits < 0 || scenario.permits > max_count) {
        return "permits must be an integer from 0 to 1000000 (got " + std::to_string(scenario.permits) + ")";
    }
    if (scenario.uniform_count < 0 || scenario.task_count() > static_cast<std::size_t>(max_count)) {
        return "tasks must have at most 1000000 entries (got " +
               std::to_string(static_cast<std::int64_t>(scenario.tasks.size()) + scenario.uniform_count) + ")";
    }
    if (scenario.uniform_count > 0) {
        const TaskSpec& spec = scenario.uniform;
        if (!valid_seconds(spec.duration)) return "duration" + seconds_message(spec.duration);
        if (!valid_seconds(spec.start)) return "start" + seconds_message(spec.start);
        if (spec.timeout && !valid_seconds(*spec.timeout)) return "timeout" + seconds_message(*spec.timeout);
    }
    // Messages are built only for the first bad field: validating 1,000,000 good tasks stays cheap.
    for (std::size_t i = 0; i < scenario.tasks.size(); ++i) {
        const TaskSpec& spec = scenario.tasks[i];
        if (!valid_seconds(spec.duration)) return seconds_error(i, "duration", spec.duration);
        if (!valid_seconds(spec.start)) return seconds_error(i, "start", spec.start);
        if (spec.timeout && !valid_seconds(*spec.timeout)) return seconds_error(i, "timeout", *spec.timeout);
    }
    return std::nullopt;
}

const char* to_string(EventKind kind) {
    switch (kind) {
        case EventKind::waiting: return "waiting";
        case EventKind::started: return "started";
        case EventKind::finished: return "finished";
        case EventKind::timeout: return "timeout";
        case EventKind::failed: return "failed";
        case EventKind::deadlock: return "deadlock";
        case EventKind::extra_release: return "extra_release";
        case EventKind::release_error: return "release_error";
    }
    return "unknown";
}

Simulation::Simulation(Scenario scenario) : scenario_(std::move(scenario)) {
    if (auto error = validate(scenario_)) throw ValueError(*error);
    if (scenario_.bounded) {
        sem_ = std::make_unique<BoundedSemaphore>(scenario_.permits);
    } else {
        sem_ = std::make_unique<Semaphore>(scenario_.permits);
    }
    for (const TaskSpec& spec : scenario_.tasks) release_checked_ = release_checked_ || spec.extra_release;
    // loop.run_until_complete(main()): main's first step is the loop's first callback.
    main_ = create_task(loop_, main());
}

Simulation::~Simulation() {
    // Unfinished tasks (a reset mid-run, a deadlock) may only be destroyed once no callback can
    // reach them any more.
    loop_.close();
    main_.reset();
    gathering_.reset();
    tasks_.clear();
}

Coro<void> Simulation::main() {
    const std::size_t count = scenario_.task_count();
    tasks_.reserve(count);
    std::vector<FutureBase*> children;
    children.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        tasks_.push_back(create_task(loop_, task(static_cast<std::int32_t>(i + 1))));
        children.push_back(tasks_.back().get());
    }
    gathering_ = gather(loop_, std::move(children));
    co_await *gathering_;
}

// Task n is built from the parts its spec needs, so the usual task (no timeout, no start delay, no
// failure) is a single frame: hold_permit(n). Plain functions choose the parts (which also keeps
// clang 14 from seeing an await in both arms of a branch).
Coro<void> Simulation::task(std::int32_t n) {
    if (release_checked_) return release_checked_task(n);
    if (scenario_.spec(n).timeout) return with_timeout(n);
    return guarded(n);
}

Coro<void> Simulation::guarded(std::int32_t n) {
    if (scenario_.spec(n).fail) return except_failure(n);
    return body(n);
}

Coro<void> Simulation::body(std::int32_t n) {
    if (scenario_.spec(n).start != 0) return after_start_delay(n);  // Python's `if start:`
    return hold_permit(n);
}

// `async with asyncio.timeout(timeout): ...` / `except TimeoutError: log(n, "timeout")`
Coro<void> Simulation::with_timeout(std::int32_t n) {
    try {
        co_await timeout(scenario_.spec(n).timeout, guarded(n));
    } catch (const TimeoutError&) {
        log(n, EventKind::timeout);
    }
}

// `except Failure: log(n, "failed")`. Python catches Failure outside `async with timeout`; catching
// it inside gives the same trace: nothing is awaited between the raise and the log, and the
// timeout's __aexit__ treats Failure like a normal exit (only CancelledError can become a
// TimeoutError). The conformance suite compares the traces with CPython's.
Coro<void> Simulation::except_failure(std::int32_t n) {
    try {
        co_await body(n);
    } catch (const Failure&) {
        log(n, EventKind::failed);
    }
}

// `if start: await asyncio.sleep(start)`, then the rest of the body.
Coro<void> Simulation::after_start_delay(std::int32_t n) {
    co_await sleep(scenario_.spec(n).start);
    co_await hold_permit(n);  // awaiting a coroutine runs it inline: no loop iteration in between
}

// The lesson itself. No try/catch here: in Wasm it would keep clang from sharing one frame slot
// between the permit's awaiter and the sleep's (136 bytes a task instead of 88).
Coro<void> Simulation::hold_permit(std::int32_t n) {
    if (sem_->locked()) log(n, EventKind::waiting);
    Permit permit = co_await sem_->permit();
    Holding holding(*this, n);
    co_await sleep(scenario_.spec(n).duration);
    if (scenario_.spec(n).fail) throw Failure{};
    log(n, EventKind::finished);
}

// The task when some task of the scenario releases once more. Then a BoundedSemaphore's release()
// can raise ValueError in any task, including on the way out of `async with sem` while another
// exception propagates, where Python's __aexit__ lets the ValueError replace it. A Permit guard
// cannot do that (a destructor must not throw during unwinding), so these coroutines release by
// hand. Scenarios without an extra release never over-release and keep the lean path above.
Coro<void> Simulation::release_checked_task(std::int32_t n) {
    try {
        co_await timeout(scenario_.spec(n).timeout, release_checked_body(n));
    } catch (const TimeoutError&) {
        log(n, EventKind::timeout);
    } catch (const Failure&) {
        log(n, EventKind::failed);
    } catch (const ValueError&) {
        log(n, EventKind::release_error);
    }
}

Coro<void> Simulation::release_checked_body(std::int32_t n) {
    const TaskSpec& spec = scenario_.spec(n);
    if (spec.start != 0) co_await sleep(spec.start);
    co_await release_checked_hold(n);
    if (spec.extra_release) {
        sem_->release();
        log(n, EventKind::extra_release);
    }
}

// `async with sem:` as Python runs it: acquire; on any exit release, and an error the release
// raises replaces the one in flight.
Coro<void> Simulation::release_checked_hold(std::int32_t n) {
    if (sem_->locked()) log(n, EventKind::waiting);
    co_await sem_->acquire();
    std::exception_ptr error;
    {
        Holding holding(*this, n);
        try {
            co_await sleep(scenario_.spec(n).duration);
            if (scenario_.spec(n).fail) throw Failure{};
            log(n, EventKind::finished);
        } catch (...) {
            error = std::current_exception();
        }
    }
    sem_->release();
    if (error) std::rethrow_exception(error);
}

Simulation::Holding::Holding(Simulation& sim, std::int32_t n) : sim_(sim) {
    sim.log(n, EventKind::started);
    sim.holders_ += 1;
    if (sim.holders_ > sim.peak_holders_) sim.peak_holders_ = sim.holders_;
}

bool Simulation::run_once(std::size_t budget) {
    if (done() || deadlock_logged_) return true;
    return loop_.run_once(budget);
}

bool Simulation::deadlocked() {
    if (deadlock_logged_) return true;
    if (done() || !loop_.is_idle()) return false;
    deadlock_logged_ = true;
    log(0, EventKind::deadlock);
    return true;
}

std::string Simulation::failure() const {
    if (!main_->done() || main_->cancelled() || !main_->exception()) return {};
    try {
        std::rethrow_exception(main_->exception());
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "unknown error";
    }
}

std::vector<std::int32_t> Simulation::waiting_tasks() const {
    std::vector<std::int32_t> ids;
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
        if (!tasks_[i]->done()) ids.push_back(static_cast<std::int32_t>(i + 1));
    }
    return ids;
}

std::vector<Event> Simulation::run_to_end() {
    while (!done() && !deadlocked()) {
        if (!has_ready()) advance_to(*next_deadline());
        run_once();
    }
    return events_;
}

}  // namespace sp
