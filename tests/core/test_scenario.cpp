// The playground's lesson program (core/scenario.hpp), end to end on the virtual clock.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "scenario.hpp"

using namespace sp;

namespace {
using Line = std::tuple<double, int, std::string>;

std::vector<Line> lines(const std::vector<Event>& events) {
    std::vector<Line> out;
    for (const Event& e : events) out.emplace_back(e.t, e.task, to_string(e.kind));
    return out;
}
}  // namespace

TEST_CASE("the lesson: 3 permits, 5 tasks, 2 s, in CPython's exact order and times") {
    Simulation sim(uniform_scenario(3, false, 5, 2.0));
    const std::vector<Line> expected = {
        {0.0, 1, "started"},  {0.0, 2, "started"},  {0.0, 3, "started"},  {0.0, 4, "waiting"},
        {0.0, 5, "waiting"},  {2.0, 1, "finished"}, {2.0, 2, "finished"}, {2.0, 3, "finished"},
        {2.0, 4, "started"},  {2.0, 5, "started"},  {4.0, 4, "finished"}, {4.0, 5, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.done());
    REQUIRE(sim.time() == 4.0);
    REQUIRE(sim.semaphore().value() == 3);
}

TEST_CASE("an exception inside the critical section releases the permit") {
    Scenario s;
    s.permits = 1;
    s.tasks = {TaskSpec{1.0, 0, std::nullopt, true}, TaskSpec{1.0, 0, std::nullopt, false}};
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "started"}, {0.0, 2, "waiting"}, {1.0, 1, "failed"}, {1.0, 2, "started"}, {2.0, 2, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
    REQUIRE(sim.semaphore().value() == 1);
}

TEST_CASE("a timeout while waiting and a timeout while holding") {
    Scenario s;
    s.permits = 1;
    s.tasks = {TaskSpec{5.0, 0, 2.0, false}, TaskSpec{1.0, 0, 1.0, false}, TaskSpec{1.0, 0, std::nullopt, false}};
    Simulation sim(s);
    const std::vector<Line> expected = {
        {0.0, 1, "started"}, {0.0, 2, "waiting"}, {0.0, 3, "waiting"},
        {1.0, 2, "timeout"},                       // gave up its place in the queue
        {2.0, 1, "timeout"},                       // cancelled while holding: permit released
        {2.0, 3, "started"}, {3.0, 3, "finished"},
    };
    REQUIRE(lines(sim.run_to_end()) == expected);
}

TEST_CASE("Semaphore(0) deadlocks, and says which tasks are stuck") {
    Simulation sim(uniform_scenario(0, false, 3, 1.0));
    auto events = sim.run_to_end();
    REQUIRE_FALSE(sim.done());
    REQUIRE(sim.deadlocked());
    REQUIRE(events.back().kind == EventKind::deadlock);
    REQUIRE(events.back().t == 0.0);
    REQUIRE(sim.waiting_tasks() == std::vector<std::int32_t>{1, 2, 3});
    REQUIRE(std::count_if(events.begin(), events.end(), [](const Event& e) { return e.kind == EventKind::deadlock; }) == 1);
}

TEST_CASE("zero tasks is a valid, empty run") {
    Simulation sim(uniform_scenario(2, false, 0, 1.0));
    REQUIRE(sim.run_to_end().empty());
    REQUIRE(sim.done());
}

TEST_CASE("validation names the field and the allowed range") {
    Scenario s;
    s.permits = -1;
    REQUIRE(validate(s) == std::optional<std::string>("permits must be an integer from 0 to 1000000 (got -1)"));
    s.permits = 1;
    s.tasks = {TaskSpec{}, TaskSpec{}};
    s.tasks[1].timeout = std::numeric_limits<double>::quiet_NaN();
    REQUIRE(validate(s) == std::optional<std::string>("tasks[1].timeout must be a number of seconds from 0 to 1000000 (got NaN)"));
    s.tasks[1].timeout = 2e6;
    REQUIRE(validate(s)->find("tasks[1].timeout") == 0);
    REQUIRE_THROWS_AS(Simulation(s), ValueError);
    REQUIRE_THROWS_AS(uniform_scenario(1, false, -5, 1.0), ValueError);
}

TEST_CASE("100,000 tasks: the invariants hold after every loop iteration") {
    const std::int64_t permits = 7;
    const std::int64_t n = 100000;
    Scenario s;
    s.permits = permits;
    s.bounded = true;
    s.tasks.reserve(n);
    for (std::int64_t i = 0; i < n; ++i) {
        TaskSpec t;
        t.duration = static_cast<double>(i % 3);            // ties galore, and zero-length holds
        if (i % 11 == 0) t.timeout = static_cast<double>(i % 4);  // some expire while waiting or holding
        t.fail = i % 13 == 0;
        t.start = (i % 17 == 0) ? 1.0 : 0.0;
        s.tasks.push_back(t);
    }
    Simulation sim(s);
    std::set<std::int32_t> holders;
    std::vector<int> ended(n + 1, 0);
    std::size_t iterations = 0;
    while (!sim.done() && !sim.deadlocked()) {
        if (!sim.has_ready()) sim.advance_to(*sim.next_deadline());
        sim.run_once();
        iterations += 1;
        for (const Event& e : sim.events()) {
            switch (e.kind) {
                case EventKind::started: holders.insert(e.task); break;
                case EventKind::finished:
                case EventKind::failed:
                case EventKind::timeout:
                    holders.erase(e.task);
                    ended[static_cast<std::size_t>(e.task)] += 1;
                    break;
                default: break;
            }
        }
        sim.clear_events();
        // Never more holders than permits, and the semaphore agrees with what the events say.
        REQUIRE(static_cast<std::int64_t>(holders.size()) <= permits);
        REQUIRE(sim.semaphore().value() >= 0);
    }
    REQUIRE(sim.done());
    REQUIRE(holders.empty());
    REQUIRE(sim.semaphore().value() == permits);  // every permit came back
    REQUIRE(sim.semaphore().waiter_count() == 0);
    REQUIRE(std::all_of(ended.begin() + 1, ended.end(), [](int k) { return k == 1; }));  // every task ended once
    REQUIRE(iterations > 10);
}
