#include "scenario.hpp"

#include <cmath>
#include <sstream>

#include "runners.hpp"
#include "timeouts.hpp"

namespace sp {

namespace {

bool valid_seconds(double value) { return std::isfinite(value) && value >= 0 && value <= max_seconds; }

bool valid_times(const TaskSpec& spec) {
    return valid_seconds(spec.duration) && valid_seconds(spec.start) && (!spec.timeout || valid_seconds(*spec.timeout));
}

// The first bad time of a task spec, named `prefix + field` ("duration" or "tasks[3].duration").
ScenarioIssue times_issue(const TaskSpec& spec, const std::string& prefix) {
    if (!valid_seconds(spec.duration)) return {Problem::seconds, prefix + "duration", spec.duration};
    if (!valid_seconds(spec.start)) return {Problem::seconds, prefix + "start", spec.start};
    return {Problem::seconds, prefix + "timeout", *spec.timeout};
}

}  // namespace

std::string ScenarioIssue::describe() const {
    std::ostringstream out;
    out.precision(17);
    out << field << ": problem " << static_cast<int>(problem) << " (got " << got << ")";
    return out.str();
}

Scenario uniform_scenario(std::int64_t permits, bool bounded, std::int64_t count, double duration) {
    Scenario scenario;
    scenario.permits = permits;
    scenario.bounded = bounded;
    if (count < 0 || count > max_count) {
        throw ValueError(ScenarioIssue{Problem::count, "tasks", static_cast<double>(count)}.describe());
    }
    scenario.uniform.duration = duration;
    scenario.uniform_count = count;
    return scenario;
}

std::optional<ScenarioIssue> validate(const Scenario& scenario) {
    if (scenario.permits < 0 || scenario.permits > max_count) {
        return ScenarioIssue{Problem::count, "permits", static_cast<double>(scenario.permits)};
    }
    if (scenario.uniform_count < 0 || scenario.task_count() > static_cast<std::size_t>(max_count)) {
        const double given = static_cast<double>(scenario.tasks.size()) + static_cast<double>(scenario.uniform_count);
        return ScenarioIssue{Problem::too_many_tasks, "tasks", given};
    }
    if (scenario.uniform_count > 0 && !valid_times(scenario.uniform)) return times_issue(scenario.uniform, "");
    // Field names are built only for the first bad task: validating 1,000,000 good tasks stays cheap.
    for (std::size_t i = 0; i < scenario.tasks.size(); ++i) {
        if (!valid_times(scenario.tasks[i])) return times_issue(scenario.tasks[i], "tasks[" + std::to_string(i) + "].");
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
    if (auto issue = validate(scenario_)) throw ValueError(issue->describe());
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
    if (finished()) return true;
    return loop_.run_once(budget);
}

bool Simulation::run_iteration(std::size_t budget) {
    if (finished()) return false;
    return sp::run_iteration(loop_, budget);
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
    while (!done() && !deadlocked()) run_iteration();
    return events_;
}

}  // namespace sp
