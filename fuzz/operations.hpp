// Random operation sequences against the runtime, with its invariants checked after every loop
// iteration. Shared by the libFuzzer target (fuzz_operations.cpp) and the property test
// (tests/core/test_properties.cpp): the bytes decide what happens, the checks decide if it was right.
//
// Operations: spawn a task that acquires one semaphore (or two, nested), holds for a while (maybe
// failing, maybe under a timeout); cancel a task; advance the loop. Invariants:
//   - holders of each semaphore never exceed its permits, and value() + holders + reserved == permits;
//   - FIFO hand-off: tasks that queued on a semaphore get it in queue order (skipping those that left);
//   - when everything has ended, every permit is back (value() == permits) and no waiter is left;
//   - every task ends exactly once (finished, failed, timed out or cancelled), or the loop is idle.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "asyncio.hpp"

namespace sp::fuzzing {

/// Reads bytes as small numbers; past the end it yields zeros, so every input is a valid program.
class ByteReader {
public:
    ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
    bool done() const { return at_ >= size_; }
    /// One of a few durations, zero included, chosen so that deadlines tie often.
    double seconds() {
        static constexpr double choices[] = {0, 0, 0.5, 1, 1, 1.5, 2, 3};
        return choices[next() % 8];
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

class InvariantError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

inline void check(bool ok, const std::string& what) {
    if (!ok) throw InvariantError(what);
}

struct Tracked {
    std::int64_t permits;
    std::unique_ptr<Semaphore> sem;
    std::int64_t holders = 0;
    std::deque<int> queue;  // task ids in the order they started waiting
};

class OperationRun {
public:
    OperationRun(const std::uint8_t* data, std::size_t size) : in_(data, size) {
        const int semaphores = 1 + in_.next() % 2;
        for (int i = 0; i < semaphores; ++i) {
            auto permits = static_cast<std::int64_t>(in_.next() % 4);
            Tracked t{permits, nullptr, 0, {}};
            if (in_.next() % 2) {
                t.sem = std::make_unique<BoundedSemaphore>(permits);
            } else {
                t.sem = std::make_unique<Semaphore>(permits);
            }
            sems_.push_back(std::move(t));
        }
    }
    ~OperationRun() {
        loop_.close();  // unfinished tasks may now be destroyed
        tasks_.clear();
    }

    /// Interpret the whole input, checking invariants after every iteration. Throws InvariantError.
    void run() {
        int steps = 0;
        while (!in_.done() && steps++ < 2000) {
            const std::uint8_t op = in_.next() % 8;
            if (op < 3) {
                spawn();
            } else if (op == 3 && !tasks_.empty()) {
                tasks_[in_.next() % tasks_.size()]->cancel();
            } else {
                iterate();
            }
        }
        // Drain: run until nothing is left that could ever happen.
        for (int i = 0; i < 100000 && !loop_.is_idle(); ++i) iterate();
        check(loop_.is_idle(), "the loop did not settle");
        bool all_done = true;
        for (auto& task : tasks_) all_done = all_done && task->done();
        for (Tracked& t : sems_) {
            if (all_done) {
                check(t.holders == 0, "holders left after every task ended");
                check(t.sem->value() == t.permits, "a permit was lost or created: value " +
                                                       std::to_string(t.sem->value()) + " of " +
                                                       std::to_string(t.permits));
                check(t.sem->waiter_count() == 0, "waiters left after every task ended");
            }
        }
        for (int ended : ended_) check(ended <= 1, "a task ended twice");
    }

private:
    Coro<void> hold(int id, Tracked& t, double seconds, bool fail) {
        if (t.sem->locked()) t.queue.push_back(id);
        Permit permit = co_await t.sem->permit();
        // FIFO: if we waited, we must be the first of the queue that is still waiting.
        if (!t.queue.empty() && std::find(t.queue.begin(), t.queue.end(), id) != t.queue.end()) {
            while (!t.queue.empty() && left_[static_cast<std::size_t>(t.queue.front())]) t.queue.pop_front();
            check(!t.queue.empty() && t.queue.front() == id, "FIFO order broken on hand-off");
            t.queue.pop_front();
        }
        t.holders += 1;
        check(t.holders <= t.permits, "more holders than permits");
        struct Leave {
            Tracked& t;
            ~Leave() { t.holders -= 1; }
        } leave{t};
        co_await sleep(seconds);
        if (fail) throw std::runtime_error("task failed");
    }

    Coro<void> nested(int id, double seconds, bool fail) {
        // Acquire semaphore 0, then semaphore 1 inside it (always in that order: no lock-order deadlock).
        Permit outer = co_await sems_[0].sem->permit();
        sems_[0].holders += 1;
        check(sems_[0].holders <= sems_[0].permits, "more holders than permits (outer)");
        struct Leave {
            Tracked& t;
            ~Leave() { t.holders -= 1; }
        } leave{sems_[0]};
        co_await hold(id, sems_[1], seconds, fail);
    }

    Coro<void> body(int id, int which, double seconds, bool fail, std::optional<double> limit) {
        try {
            Coro<void> inner = which == 2 ? nested(id, seconds, fail)
                                          : hold(id, sems_[static_cast<std::size_t>(which)], seconds, fail);
            co_await timeout(limit, std::move(inner));
        } catch (const TimeoutError&) {
        } catch (const std::runtime_error&) {
        }
        left_[static_cast<std::size_t>(id)] = true;
        ended_[static_cast<std::size_t>(id)] += 1;
    }

    Coro<void> guarded(int id, int which, double seconds, bool fail, std::optional<double> limit) {
        // A cancelled task ends with CancelledError: note that it left any queue before it propagates.
        struct Mark {
            OperationRun& run;
            int id;
            ~Mark() { run.left_[static_cast<std::size_t>(id)] = true; }
        } mark{*this, id};
        co_await body(id, which, seconds, fail, limit);
    }

    void spawn() {
        const int id = static_cast<int>(tasks_.size());
        const int which = sems_.size() == 2 ? in_.next() % 3 : 0;
        const double seconds = in_.seconds();
        const bool fail = in_.next() % 8 == 0;
        std::optional<double> limit;
        if (in_.next() % 3 == 0) limit = in_.seconds();
        left_.push_back(false);
        ended_.push_back(0);
        tasks_.push_back(create_task(loop_, guarded(id, which, seconds, fail, limit)));
    }

    void iterate() {
        if (!run_iteration(loop_)) return;
        for (Tracked& t : sems_) {
            check(t.holders >= 0 && t.holders <= t.permits, "holders out of range");
            // Permits are held, available, or reserved for a woken waiter; never more than the total.
            check(t.sem->value() >= 0 && t.sem->value() + t.holders <= t.permits, "permit accounting broken");
        }
    }

    EventLoop loop_;
    ByteReader in_;
    std::vector<Tracked> sems_;
    std::vector<std::unique_ptr<Task<void>>> tasks_;
    std::vector<bool> left_;
    std::vector<int> ended_;
};

}  // namespace sp::fuzzing
