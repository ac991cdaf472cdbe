// The playground's lesson program (core/scenario.hpp), end to end on the virtual clock.
//
// Expected traces come from tests/conformance/reference.py (real CPython asyncio on a virtual clock)
// run by Debian 12's /usr/bin/python3 (3.11.2); the iteration numbers from counting its _run_once calls.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "scenario.hpp"

using namespace sp;

namespace {
using Line = std::tuple<double, int, std::string>;
using NumberedLine = std::tuple<int, double, int, std::string>;  // (loop iteration, t, task, event)

std::vector<Line> lines(const std::vector<Event>& events) {
    std::vector<Line> out;
    for (const Event& e : events) out.emplace_back(e.t, e.task, to_string(e.kind));
    return out;
}

// Drive like run_to_end (run_iteration: next deadline, then one iteration), numbering the iterations from 1.
std::vector<NumberedLine> numbered_run(Simulation& sim, int& iterations) {
    std::vector<NumberedLine> out;
    iterations = 0;
    while (!sim.done() && !sim.deadlocked()) {
        sim.run_iteration();
        iterations += 1;
        for (const Event& e : sim.events()) out.emplace_back(iterations, e.t, e.task, to_string(e.kind));
        sim.clear_events();
    }
    return out;
}

TaskSpec spec(double duration, std::optional<double> timeout = std::nullopt, bool fail = false, double start = 0) {
    TaskSpec t;
    t.duration = duration;
    t.timeout = timeout;
    t.fail = fail;
    t.start = start;
    return t;
}
}  // namespace

TEST_CASE("the lesson: 3 permits, 5 tasks, 2 s, in CPython's exact order and times") {
    Simulation sim(uniform_scenario(3, false, 5, 2.0));
    const std::vector<Line> expected = {
        {0.0, 1, "started"}, {0.0, 2, "started"},  {0.0, 3, "started"},  {0.0, 4, "waiting"},
        {0.0, 5, "waiting"}, {2.0, 1, "finished"}, {2.0, 2, "finished"}, {2.0, 3, "finished"},
        {2.0, 4, "started"}, {2.0, 5, "started"},  {4.0, 4, "finished"}, {4.0, 5, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.done());
    REQUIRE_FALSE(sim.deadlocked());
    REQUIRE(sim.time() == 4.0);
    REQUIRE(sim.semaphore().value() == 3);
    REQUIRE(sim.waiting_tasks().empty());
}

TEST_CASE("the lesson, iteration by iteration, as CPython's _run_once calls") {
    // 1: main creates the tasks. 2: every task's first step. 3: the clock jumps to 2 and the sleep
    // timers set their futures. 4: the wakeups: 1-3 finish and release, which reserves permits for 4
    // and 5. 5: 4 and 5 wake up holding them (one iteration after the release). 6: timers at 4.
    // 7: 4 and 5 finish. 8: gather's done callbacks. 9: main wakes up and returns. (CPython's 10th
    // iteration only runs run_until_complete's stop callback.)
    Simulation sim(uniform_scenario(3, false, 5, 2.0));
    int iterations = 0;
    const std::vector<NumberedLine> expected = {
        {2, 0.0, 1, "started"}, {2, 0.0, 2, "started"},  {2, 0.0, 3, "started"},  {2, 0.0, 4, "waiting"},
        {2, 0.0, 5, "waiting"}, {4, 2.0, 1, "finished"}, {4, 2.0, 2, "finished"}, {4, 2.0, 3, "finished"},
        {5, 2.0, 4, "started"}, {5, 2.0, 5, "started"},  {7, 4.0, 4, "finished"}, {7, 4.0, 5, "finished"},
    };
    REQUIRE(numbered_run(sim, iterations) == expected);
    REQUIRE(iterations == 9);
}

TEST_CASE("an exception inside the critical section releases the permit") {
    // Python: task 1 raises Failure at t=1 ('failed'), its `async with` releases, task 2 starts.
    Scenario s;
    s.permits = 1;
    s.tasks = {spec(1.0, std::nullopt, true), spec(1.0)};
    Simulation sim(s);
    int iterations = 0;
    const std::vector<NumberedLine> expected = {
        {2, 0.0, 1, "started"},  {2, 0.0, 2, "waiting"},
        {4, 1.0, 1, "failed"},   {5, 1.0, 2, "started"},  // woken one iteration after the release
        {7, 2.0, 2, "finished"},
    };
    REQUIRE(numbered_run(sim, iterations) == expected);
    REQUIRE(sim.done());
    REQUIRE(sim.semaphore().value() == 1);
}

TEST_CASE("a timeout while waiting and a timeout while holding") {
    // Python: task 2 gives up its place at 1; task 1 is cancelled while holding at 2, which releases
    // the permit to task 3.
    Scenario s;
    s.permits = 1;
    s.tasks = {spec(5.0, 2.0), spec(1.0, 1.0), spec(1.0)};
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "started"}, {0.0, 2, "waiting"}, {0.0, 3, "waiting"},  {1.0, 2, "timeout"},
        {2.0, 1, "timeout"}, {2.0, 3, "started"}, {3.0, 3, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.semaphore().value() == 1);
}

TEST_CASE("a waiter timing out in the iteration of the release does not take the permit") {
    // Python: at t=2 task 1's sleep ends and task 2's timeout fires in the same iteration; the release
    // skips task 2's cancelled future and reserves the permit for task 3.
    Scenario s;
    s.permits = 1;
    s.tasks = {spec(2.0), spec(1.0, 2.0), spec(1.0)};
    Simulation sim(s);
    int iterations = 0;
    const std::vector<NumberedLine> expected = {
        {2, 0.0, 1, "started"}, {2, 0.0, 2, "waiting"}, {2, 0.0, 3, "waiting"},  {4, 2.0, 1, "finished"},
        {4, 2.0, 2, "timeout"}, {5, 2.0, 3, "started"}, {7, 3.0, 3, "finished"},
    };
    REQUIRE(numbered_run(sim, iterations) == expected);
    REQUIRE(sim.semaphore().value() == 1);
}

TEST_CASE("Semaphore(0) deadlocks, and says which tasks are stuck") {
    // Python: every task logs 'waiting' at 0, then the loop has nothing ready and no timer.
    Simulation sim(uniform_scenario(0, false, 3, 1.0));
    const std::vector<Line> expected = {
        {0.0, 1, "waiting"},
        {0.0, 2, "waiting"},
        {0.0, 3, "waiting"},
        {0.0, 0, "deadlock"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE_FALSE(sim.done());
    REQUIRE(sim.deadlocked());
    REQUIRE(sim.waiting_tasks() == std::vector<std::int32_t>{1, 2, 3});
    REQUIRE(sim.semaphore().waiter_count() == 3);
    sim.deadlocked();  // asking again logs nothing more
    REQUIRE(sim.events().size() == expected.size());
}

TEST_CASE("a deadlock after some tasks finished lists only the unfinished ones") {
    // Python: with no permit at all, task 2's timeout ends it at 0.5; then nothing can happen and
    // tasks 1 and 3 are reported stuck.
    Scenario s;
    s.permits = 0;
    s.tasks = {spec(1.0), spec(1.0, 0.5), spec(1.0)};
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "waiting"}, {0.0, 2, "waiting"}, {0.0, 3, "waiting"}, {0.5, 2, "timeout"}, {0.5, 0, "deadlock"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.waiting_tasks() == std::vector<std::int32_t>{1, 3});
}

TEST_CASE("the summary's totals are kept as events are logged: counts, holders now and at most") {
    // 2 permits. Task 1 fails after 1 s, task 2 times out while holding (timeout 0.5, duration 2),
    // task 3 starts late (0.25 s) and waits, task 4 is plain and waits.
    Scenario s;
    s.permits = 2;
    s.tasks = {spec(1.0, std::nullopt, true), spec(2.0, 0.5), spec(1.0, std::nullopt, false, 0.25), spec(1.0)};
    Simulation sim(s);
    std::int64_t holders_seen_max = 0;
    while (!sim.done() && !sim.deadlocked()) {
        sim.run_iteration();
        holders_seen_max = std::max(holders_seen_max, sim.holders());
        REQUIRE(sim.holders() <= 2);
        REQUIRE(sim.holders() + sim.semaphore().value() <= 2);
    }
    std::map<std::string, int> kinds;
    for (const Event& e : sim.events()) kinds[to_string(e.kind)] += 1;
    REQUIRE(sim.count(EventKind::started) == kinds["started"]);
    REQUIRE(sim.count(EventKind::waiting) == kinds["waiting"]);
    REQUIRE(sim.count(EventKind::finished) == 2);
    REQUIRE(sim.count(EventKind::failed) == 1);
    REQUIRE(sim.count(EventKind::timeout) == 1);
    REQUIRE(sim.count(EventKind::deadlock) == 0);
    REQUIRE(sim.holders() == 0);
    REQUIRE(sim.peak_holders() == 2);
    REQUIRE(holders_seen_max == 2);
    sim.clear_events();
    REQUIRE(sim.count(EventKind::finished) == 2);  // clearing the buffer keeps the totals
}

TEST_CASE("a million identical tasks store one spec") {
    const Scenario s = uniform_scenario(3, false, 1'000'000, 2.0);
    REQUIRE(s.task_count() == 1'000'000);
    REQUIRE(s.tasks.empty());
    REQUIRE(s.spec(1).duration == 2.0);
    REQUIRE(&s.spec(1) == &s.spec(1'000'000));
    Scenario bad = uniform_scenario(3, false, 10, 2.0);
    bad.uniform.duration = -1;
    const auto issue = validate(bad);
    REQUIRE(issue);
    REQUIRE(issue->problem == Problem::seconds);
    REQUIRE(issue->field == "duration");
    REQUIRE(issue->got == -1);
}

TEST_CASE("zero tasks is a valid, empty run") {
    Simulation sim(uniform_scenario(2, false, 0, 1.0));
    REQUIRE(sim.run_to_end().empty());
    REQUIRE(sim.done());
}

TEST_CASE("validation answers with a problem code, the field's path and the value (JavaScript words it)") {
    Scenario s;
    s.permits = -1;
    REQUIRE(validate(s)->problem == Problem::count);
    REQUIRE(validate(s)->field == "permits");
    REQUIRE(validate(s)->got == -1);
    s.permits = 1;
    s.tasks = {TaskSpec{}, TaskSpec{}};
    REQUIRE_FALSE(validate(s));
    s.tasks[1].timeout = std::numeric_limits<double>::quiet_NaN();
    REQUIRE(validate(s)->problem == Problem::seconds);
    REQUIRE(validate(s)->field == "tasks[1].timeout");
    REQUIRE(std::isnan(validate(s)->got));
    s.tasks[1].timeout = 2e6;
    s.tasks[1].start = -1;
    REQUIRE(validate(s)->field == "tasks[1].start");  // the first bad field of the first bad task
    s.uniform_count = max_count;
    REQUIRE(validate(s)->problem == Problem::too_many_tasks);
    REQUIRE(validate(s)->got == static_cast<double>(max_count + 2));
    s.uniform_count = 0;
    REQUIRE_THROWS_WITH(Simulation(s), "tasks[1].start: problem 2 (got -1)");
    REQUIRE_THROWS_AS(uniform_scenario(1, false, -5, 1.0), ValueError);
}

TEST_CASE("a Simulation can be destroyed mid-run, with permits held and tasks waiting") {
    // A page reset drops the run wherever it is. Destroying the holders' frames releases their
    // permits while other tasks still wait for them; nothing may run or be freed twice, and a fresh
    // run afterwards (reusing the recycled frames) must be unaffected.
    {
        Simulation sim(uniform_scenario(3, false, 5, 2.0));
        sim.run_once();
        sim.run_once();  // 1-3 hold a permit, 4 and 5 wait
        REQUIRE(sim.events().size() == 5);
        REQUIRE(sim.semaphore().waiter_count() == 2);
    }
    {
        Scenario s = uniform_scenario(1, true, 2, 1.0);
        s.tasks = {spec(1.0, 5.0)};  // task 1 has a timeout, tasks 2 and 3 share the uniform spec
        Simulation sim(s);
        sim.run_once();
        sim.run_once();
    }
    Simulation again(uniform_scenario(3, false, 5, 2.0));
    REQUIRE(again.run_to_end().size() == 12);
    REQUIRE(again.time() == 4.0);
}

TEST_CASE("100,000 tasks: the invariants hold after every loop iteration") {
    // Holders are counted from the events: +1 at 'started', -1 at 'finished', 'failed' or a 'timeout'
    // of a task that had started. A woken waiter holds a reserved permit before it logs 'started', so
    // holders + value <= permits at every iteration boundary, with equality once everything ends.
    const std::int64_t permits = 7;
    const std::int64_t n = 100000;
    Scenario s;
    s.permits = permits;
    s.bounded = true;  // an over-release would throw
    s.tasks.reserve(n);
    for (std::int64_t i = 0; i < n; ++i) {
        TaskSpec t;
        t.duration = static_cast<double>(i % 3);                  // ties galore, and zero-length holds
        if (i % 11 == 0) t.timeout = static_cast<double>(i % 4);  // some expire while waiting or holding
        t.fail = i % 13 == 0;
        t.start = (i % 17 == 0) ? 1.0 : 0.0;
        s.tasks.push_back(t);
    }
    Simulation sim(s);
    std::vector<char> holding(static_cast<std::size_t>(n + 1), 0);
    std::vector<int> started(static_cast<std::size_t>(n + 1), 0);
    std::vector<int> ended(static_cast<std::size_t>(n + 1), 0);
    std::int64_t holders = 0;
    std::int64_t max_holders = 0;
    std::size_t iterations = 0;
    bool invariants_held = true;
    while (!sim.done() && !sim.deadlocked()) {
        sim.run_iteration();
        iterations += 1;
        for (const Event& e : sim.events()) {
            const auto id = static_cast<std::size_t>(e.task);
            switch (e.kind) {
                case EventKind::started:
                    started[id] += 1;
                    holding[id] = 1;
                    holders += 1;
                    break;
                case EventKind::finished:
                case EventKind::failed:
                case EventKind::timeout:
                    if (holding[id]) holders -= 1;  // a timeout while waiting held nothing
                    holding[id] = 0;
                    ended[id] += 1;
                    break;
                default: break;
            }
        }
        sim.clear_events();
        max_holders = std::max(max_holders, holders);
        // Checked without REQUIRE per iteration (hundreds of thousands of assertions are slow to log).
        if (holders > permits || holders + sim.semaphore().value() > permits || sim.semaphore().value() < 0) {
            invariants_held = false;
            break;
        }
    }
    INFO("iteration " << iterations << ", holders " << holders << ", value " << sim.semaphore().value());
    REQUIRE(invariants_held);
    REQUIRE(sim.done());
    REQUIRE(max_holders == permits);  // the permits were all in use at some point
    REQUIRE(holders == 0);
    REQUIRE(sim.semaphore().value() == permits);  // every permit came back
    REQUIRE(sim.semaphore().waiter_count() == 0);
    REQUIRE(std::all_of(ended.begin() + 1, ended.end(), [](int k) { return k == 1; }));  // every task ended once
    REQUIRE(std::all_of(started.begin() + 1, started.end(), [](int k) { return k <= 1; }));
    REQUIRE(iterations > 1000);
}

TEST_CASE("an extra release lifts a Semaphore above its start: three tasks hold two permits") {
    // reference.py, scenarios/extra-release-semaphore.json
    Scenario s = uniform_scenario(2, false, 0, 2.0);
    s.tasks = {spec(1), spec(2), spec(2), spec(2), spec(2)};
    s.tasks[0].extra_release = true;
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "started"},  {0.0, 2, "started"},  {0.0, 3, "waiting"},       {0.0, 4, "waiting"},
        {0.0, 5, "waiting"},  {1.0, 1, "finished"}, {1.0, 1, "extra_release"}, {1.0, 3, "started"},
        {1.0, 4, "started"},  {2.0, 2, "finished"}, {2.0, 5, "started"},       {3.0, 3, "finished"},
        {3.0, 4, "finished"}, {4.0, 5, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.peak_holders() == 3);
    REQUIRE(sim.semaphore().value() == 3);  // one above its start, for good
}

TEST_CASE("a BoundedSemaphore's ValueError replaces the error in flight, as Python's __aexit__ does") {
    // reference.py, scenarios/extra-release-bounded-unwinding.json: task 1's extra release goes
    // through (others hold permits); task 3's release on the way out of its timeout raises instead
    // of the TimeoutError.
    Scenario s = uniform_scenario(2, true, 0, 1.0);
    s.tasks = {spec(1), spec(2, std::nullopt, true), spec(3, 2.5), spec(1, std::nullopt, false, 0.5)};
    s.tasks[0].extra_release = true;
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "started"},  {0.0, 2, "started"},       {0.0, 3, "waiting"},       {0.5, 4, "waiting"},
        {1.0, 1, "finished"}, {1.0, 1, "extra_release"}, {1.0, 3, "started"},       {1.0, 4, "started"},
        {2.0, 2, "failed"},   {2.0, 4, "finished"},      {2.5, 3, "release_error"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.done());
    REQUIRE(sim.count(EventKind::release_error) == 1);
}
