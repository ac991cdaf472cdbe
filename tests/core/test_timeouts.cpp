// asyncio.timeout: cancel at the deadline, turn that cancellation into TimeoutError.
#include <catch2/catch.hpp>

#include <vector>

#include "support.hpp"

using namespace sp;
using sp::testing::acquire;
using sp::testing::run_main;

namespace {
Coro<void> hold(Semaphore& sem, double seconds) {
    Permit permit = co_await sem.permit();
    co_await sp::sleep(seconds);
}
}  // namespace

TEST_CASE("timeout while waiting for a permit: the waiter leaves the queue, the next one gets the permit") {
    EventLoop loop;
    Semaphore sem(1);
    bool timed_out = false;
    auto body = [&]() -> Coro<void> {
        auto holder = create_task(loop, hold(sem, 3));
        co_await sp::sleep(0);
        auto patient = create_task(loop, acquire(sem));
        try {
            co_await timeout(1.0, acquire(sem));
        } catch (const TimeoutError&) {
            timed_out = true;
        }
        REQUIRE(loop.time() == 1.0);
        REQUIRE(sem.waiter_count() == 1);  // only `patient` is left
        co_await *patient;
        REQUIRE(loop.time() == 3.0);  // got the permit when the holder released it
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(timed_out);
}

TEST_CASE("timeout while holding: the permit is released on the way out") {
    EventLoop loop;
    Semaphore sem(1);
    auto body = [&]() -> Coro<void> {
        REQUIRE_THROWS_AS(co_await timeout(1.5, hold(sem, 10)), TimeoutError);
        REQUIRE(loop.time() == 1.5);
        REQUIRE(sem.value() == 1);
        REQUIRE(loop.is_idle());  // the 10 s sleep's timer is gone
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("timeout(0) expires at the first suspension") {
    EventLoop loop;
    std::vector<int> steps;
    auto work = [&]() -> Coro<void> {
        steps.push_back(1);  // runs: nothing suspends before this
        co_await sp::sleep(0);
        steps.push_back(2);  // never reached
    };
    auto body = [&]() -> Coro<void> { REQUIRE_THROWS_AS(co_await timeout(0.0, work()), TimeoutError); };
    REQUIRE(run_main(loop, body()));
    REQUIRE(steps == std::vector<int>{1});
}

TEST_CASE("a cancellation from elsewhere passes through timeout() as CancelledError") {
    EventLoop loop;
    auto inner = [&]() -> Coro<void> { co_await timeout(10.0, [&]() -> Coro<void> { co_await sp::sleep(5); }()); };
    auto task = create_task(loop, inner());
    loop.run_once();
    task->cancel();
    loop.run_once();
    REQUIRE(task->cancelled());  // not TimeoutError: the timeout did not cause it
    loop.close();
}

TEST_CASE("a body that finishes in time is unaffected, and its value comes through") {
    EventLoop loop;
    auto value = [&]() -> Coro<int> {
        co_await sp::sleep(1);
        co_return 5;
    };
    auto body = [&]() -> Coro<void> {
        int v = co_await timeout(2.0, value());
        REQUIRE(v == 5);
        REQUIRE(loop.is_idle());  // the deadline's timer was cancelled on the way out
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Timeout reports expired() and refuses to be entered twice") {
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        Timeout cm(loop.time() + 1.0);
        cm.enter();
        REQUIRE_THROWS_AS(cm.enter(), std::logic_error);
        bool caught = false;
        try {
            co_await sp::sleep(5);
        } catch (const CancelledError&) {
            caught = true;
            REQUIRE(cm.expired());
            REQUIRE_THROWS_AS(cm.exit(std::current_exception()), TimeoutError);
        }
        REQUIRE(caught);
    };
    REQUIRE(run_main(loop, body()));
}
