// The playground's lesson program, runnable one loop iteration at a time.
//
// Task n of a scenario does what this Python does (tests/conformance/reference.py runs it in real
// CPython to check us; the C++ catches Failure inside the timeout block, which gives the same trace,
// see Simulation::except_failure):
//
//     async def task(n):
//         try:
//             async with asyncio.timeout(timeout):      # timeout(None) when absent
//                 if start: await asyncio.sleep(start)
//                 if sem.locked(): log(n, "waiting")
//                 async with sem:
//                     log(n, "started"); await asyncio.sleep(duration)
//                     if fail: raise Failure
//                     log(n, "finished")
//                 if extra_release:
//                     sem.release(); log(n, "extra_release")
//         except TimeoutError: log(n, "timeout")
//         except Failure: log(n, "failed")
//         except ValueError: log(n, "release_error")   # BoundedSemaphore released too many times
//
//     async def main():
//         await asyncio.gather(*(task(n) for n in range(1, N + 1)))
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "events.hpp"
#include "locks.hpp"
#include "tasks.hpp"

namespace sp {

/// Largest accepted task count, permit count and number of seconds (web/contract.mjs LIMITS).
inline constexpr std::int64_t max_count = 1'000'000;
inline constexpr double max_seconds = 1'000'000.0;

struct TaskSpec {
    double duration = 2;            // seconds the permit is held
    double start = 0;               // seconds before the task asks for a permit
    std::optional<double> timeout;  // seconds for the whole task, or none
    bool fail = false;              // raise inside the critical section
    bool extra_release = false;     // call sem.release() once more after `async with sem:`
};

struct Scenario {
    std::int64_t permits = 3;
    bool bounded = false;            // BoundedSemaphore instead of Semaphore
    std::vector<TaskSpec> tasks;     // one spec per task: task n runs tasks[n - 1] ...
    std::int64_t uniform_count = 0;  // ... followed by this many tasks that all run `uniform`
    TaskSpec uniform;                //     (a million identical tasks store one spec)

    std::size_t task_count() const { return tasks.size() + static_cast<std::size_t>(uniform_count); }
    /// The spec of task `n` (1-based).
    const TaskSpec& spec(std::int32_t n) const {
        const auto index = static_cast<std::size_t>(n - 1);
        return index < tasks.size() ? tasks[index] : uniform;
    }
};

/// What can be wrong with a scenario value. The numbers are a contract with web/contract.mjs
/// (PROBLEMS), which owns the words: C++ says what and where, JavaScript says it to the user.
enum class Problem : std::int32_t {
    count = 1,           // not an integer in 0 ..= max_count (permits, a task count)
    seconds = 2,         // not a finite number in 0 ..= max_seconds (duration, start, timeout)
    too_many_tasks = 3,  // more than max_count tasks
};

/// A rejected scenario: the problem, the field's path in the user's terms ("permits",
/// "tasks[2].timeout") and the value that was given.
struct ScenarioIssue {
    Problem problem;
    std::string field;
    double got;
    /// A terse English line for C++ callers ("permits: problem 1 (got -1)"); users see
    /// web/contract.mjs's wording instead.
    std::string describe() const;
};

/// A scenario of `count` identical tasks. Throws ValueError for a count outside 0..max_count.
Scenario uniform_scenario(std::int64_t permits, bool bounded, std::int64_t count, double duration);

/// nullopt if the scenario is valid, else the first problem found.
std::optional<ScenarioIssue> validate(const Scenario& scenario);

class Simulation {
public:
    /// Throws ValueError (with ScenarioIssue::describe()) if validate() rejects the scenario.
    explicit Simulation(Scenario scenario);
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;
    ~Simulation();

    double time() const { return loop_.time(); }
    /// Run up to `budget` callbacks of the current loop iteration; true when it is complete.
    bool run_once(std::size_t budget = std::numeric_limits<std::size_t>::max());
    /// sp::run_iteration on this simulation's loop: if nothing is ready, jump to the next deadline;
    /// then run (up to `budget` callbacks of) one iteration. False, doing nothing, once finished()
    /// or when nothing can happen any more (then deadlocked() says so).
    bool run_iteration(std::size_t budget = std::numeric_limits<std::size_t>::max());
    bool has_ready() const { return loop_.has_ready(); }
    std::optional<double> next_deadline() { return loop_.next_deadline(); }
    void advance_to(double t) { loop_.advance_to(t); }

    /// main() has finished: every task ended (or the run failed: see failure()).
    bool done() const { return main_->done(); }
    /// done(), or the deadlock has been logged: no event can follow.
    bool finished() const { return done() || deadlock_logged_; }
    /// Why the run failed, if main() ended with an exception instead of a result (std::bad_alloc
    /// when memory runs out, for instance); empty otherwise. A lesson never fails this way.
    std::string failure() const;
    /// Nothing is ready, no timer is pending and main() is unfinished. Logs the deadlock event the
    /// first time it is seen.
    bool deadlocked();

    const std::vector<Event>& events() const { return events_; }
    void clear_events() { events_.clear(); }
    /// Unfinished task ids, ascending.
    std::vector<std::int32_t> waiting_tasks() const;

    const Semaphore& semaphore() const { return *sem_; }

    /// How many events of `kind` were logged since the start (clear_events() does not reset it).
    std::int64_t count(EventKind kind) const { return counts_[static_cast<std::size_t>(kind)]; }
    /// Tasks holding a permit now: they logged 'started' and have not released it yet.
    std::int64_t holders() const { return holders_; }
    /// The most tasks that ever held a permit at once.
    std::int64_t peak_holders() const { return peak_holders_; }

    /// Drive to the end on the virtual clock (done or deadlocked) and return every event.
    std::vector<Event> run_to_end();

private:
    struct Failure {};  // the scenario's `raise Failure`

    /// Between 'started' and the release of the permit: counts the task as a holder.
    class Holding {
    public:
        Holding(Simulation& sim, std::int32_t n);
        Holding(const Holding&) = delete;
        Holding& operator=(const Holding&) = delete;
        ~Holding() { sim_.holders_ -= 1; }

    private:
        Simulation& sim_;
    };

    Coro<void> main();
    // Task n, from the parts its spec needs (see scenario.cpp): task(n) is with_timeout(n) around
    // guarded(n), or guarded(n) alone; guarded(n) is except_failure(n) around body(n), or body(n)
    // alone; body(n) is after_start_delay(n) then hold_permit(n), or hold_permit(n) alone.
    Coro<void> task(std::int32_t n);
    Coro<void> guarded(std::int32_t n);
    Coro<void> body(std::int32_t n);
    Coro<void> with_timeout(std::int32_t n);
    Coro<void> except_failure(std::int32_t n);
    Coro<void> after_start_delay(std::int32_t n);
    Coro<void> hold_permit(std::int32_t n);
    // With an extra release in the scenario, a BoundedSemaphore can raise from any task's release:
    // these follow Python's `async with` to the letter (see scenario.cpp).
    Coro<void> release_checked_task(std::int32_t n);
    Coro<void> release_checked_body(std::int32_t n);
    Coro<void> release_checked_hold(std::int32_t n);
    void log(std::int32_t n, EventKind kind) {
        events_.push_back({loop_.time(), n, kind});
        counts_[static_cast<std::size_t>(kind)] += 1;
    }

    EventLoop loop_;  // declared first: destroyed last
    Scenario scenario_;
    std::unique_ptr<Semaphore> sem_;
    std::vector<std::unique_ptr<Task<void>>> tasks_;
    std::unique_ptr<GatheringFuture> gathering_;
    std::unique_ptr<Task<void>> main_;
    std::vector<Event> events_;
    std::int64_t counts_[event_kind_count] = {};
    bool release_checked_ = false;  // some task releases once more: every task takes the checked path
    std::int64_t holders_ = 0;
    std::int64_t peak_holders_ = 0;
    bool deadlock_logged_ = false;
};

}  // namespace sp
