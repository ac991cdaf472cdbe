// asyncio.timeout (3.11): cancel the task at the deadline, turn that cancellation into TimeoutError.
//
// Expected times and states were checked against `async with asyncio.timeout(...)` in Debian 12's
// /usr/bin/python3 (3.11.2) on the virtual-time loop of tests/conformance/reference.py.
#include <catch2/catch.hpp>

#include <stdexcept>
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
    // Python: TimeoutError at 1.0 with one waiter left (patient), value 0, locked; patient acquires
    // at 3.0, when the holder releases.
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
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
        co_await *patient;
        REQUIRE(loop.time() == 3.0);  // got the permit when the holder released it
        REQUIRE(holder->done());
        REQUIRE(sem.value() == 0);  // patient holds it now
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(timed_out);
}

TEST_CASE("timeout while holding: the permit is released on the way out") {
    // Python: TimeoutError at 1.5, value back to 1, no live timer left.
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

TEST_CASE("timeout while holding hands the permit to the next waiter") {
    EventLoop loop;
    Semaphore sem(1);
    auto body = [&]() -> Coro<void> {
        auto holder = create_task(loop, timeout(1.0, hold(sem, 10)));
        co_await sp::sleep(0);
        co_await sem.acquire();  // waits until the holder's timeout releases the permit
        REQUIRE(loop.time() == 1.0);
        REQUIRE_THROWS_AS(holder->result(), TimeoutError);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("timeout(0) expires at the first suspension") {
    // The deadline is already past: the timeout's callback is scheduled with call_soon, so the body
    // runs until it first yields, then the cancellation arrives. Python: TimeoutError, steps [1].
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

TEST_CASE("timeout(0) around a body that never suspends does not expire") {
    EventLoop loop;
    auto quick = []() -> Coro<int> { co_return 7; };
    auto body = [&]() -> Coro<void> {
        REQUIRE(co_await timeout(0.0, quick()) == 7);  // exited before the call_soon'd deadline ran
        co_await sp::sleep(0);                         // the cancelled deadline must not hit us later
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("a cancellation from elsewhere passes through timeout() as CancelledError") {
    // Python: the task is cancelled (not failed with TimeoutError): the timeout did not cause it.
    EventLoop loop;
    auto sleeper = []() -> Coro<void> { co_await sp::sleep(5); };
    auto inner = [&]() -> Coro<void> { co_await timeout(10.0, sleeper()); };
    auto task = create_task(loop, inner());
    loop.run_once();
    task->cancel();
    loop.run_once();
    REQUIRE(task->done());
    REQUIRE(task->cancelled());
    REQUIRE(loop.is_idle());  // the 10 s deadline was cancelled on the way out
}

TEST_CASE("a cancellation arriving with the deadline is not swallowed into TimeoutError") {
    // Python 3.11.2: the deadline and an outside cancel() both fire at t=1; __aexit__'s uncancel()
    // leaves 1 pending request, so the CancelledError passes through: the task ends cancelled, with
    // cancelling() == 1, and the timeout says it expired.
    EventLoop loop;
    bool expired_inside = false;
    auto inner = [&]() -> Coro<void> {
        Timeout cm(loop.time() + 1.0);
        cm.enter();
        std::exception_ptr error;
        try {
            co_await sp::sleep(5);
        } catch (...) {
            error = std::current_exception();
        }
        expired_inside = cm.expired();
        cm.exit(error);
    };
    auto task = create_task(loop, inner());
    loop.run_once();
    Task<void>* raw = task.get();
    loop.call_at(1.0, [raw] { raw->cancel(); });  // pops right after the timeout's own timer
    loop.advance_to(1.0);
    loop.run_once();
    loop.run_once();
    REQUIRE(expired_inside);
    REQUIRE(task->done());
    REQUIRE(task->cancelled());
    REQUIRE(task->cancelling() == 1);
}

TEST_CASE("a body that finishes in time is unaffected, and its value comes through") {
    // Python: result 5, expired() False, no live timer left.
    EventLoop loop;
    auto value = [&]() -> Coro<int> {
        co_await sp::sleep(1);
        co_return 5;
    };
    auto body = [&]() -> Coro<void> {
        int v = co_await timeout(2.0, value());
        REQUIRE(v == 5);
        REQUIRE(loop.time() == 1.0);
        REQUIRE(loop.is_idle());  // the deadline's timer was cancelled on the way out
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("timeout(nullopt) never expires") {
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        co_await timeout(std::nullopt, []() -> Coro<void> { co_await sp::sleep(1000); }());
        REQUIRE(loop.time() == 1000.0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("other exceptions pass through timeout() unchanged") {
    EventLoop loop;
    auto failing = []() -> Coro<void> {
        co_await sp::sleep(1);
        throw std::runtime_error("inner");
    };
    auto body = [&]() -> Coro<void> { REQUIRE_THROWS_WITH(co_await timeout(5.0, failing()), "inner"); };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Timeout: expired() turns true at the deadline, and exit() raises TimeoutError") {
    // Python: timeout_at(now + 1): expired() False inside, TimeoutError at 1.0, expired() True.
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        Timeout cm(loop.time() + 1.0);
        REQUIRE(cm.state() == Timeout::State::created);
        cm.enter();
        REQUIRE(cm.state() == Timeout::State::entered);
        REQUIRE_FALSE(cm.expired());
        REQUIRE_THROWS_AS(cm.enter(), std::logic_error);  // "Timeout has already been entered"
        bool caught = false;
        try {
            co_await sp::sleep(5);
        } catch (const CancelledError&) {
            caught = true;
            REQUIRE(loop.time() == 1.0);
            REQUIRE(cm.expired());
            REQUIRE(cm.state() == Timeout::State::expiring);
            REQUIRE_THROWS_AS(cm.exit(std::current_exception()), TimeoutError);
        }
        REQUIRE(caught);
        REQUIRE(cm.expired());
        REQUIRE(cm.state() == Timeout::State::expired);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Timeout: a body that swallows the cancellation ends normally, expired() still true") {
    // Python: the body catches CancelledError at 1.0; no TimeoutError; expired() True;
    // cancelling() back to 0 (__aexit__ uncancelled its own request).
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        Timeout cm(loop.time() + 1.0);
        cm.enter();
        try {
            co_await sp::sleep(5);
        } catch (const CancelledError&) {
            REQUIRE(loop.time() == 1.0);
        }
        cm.exit(nullptr);
        REQUIRE(cm.expired());
        REQUIRE(current_task()->cancelling() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Timeout: reschedule() moves the deadline") {
    // Python: timeout(10) rescheduled to now + 2 -> TimeoutError at 2.0.
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        Timeout cm(loop.time() + 10.0);
        cm.enter();
        cm.reschedule(loop.time() + 2.0);
        REQUIRE(cm.when() == 2.0);
        std::exception_ptr error;
        try {
            co_await sp::sleep(5);
        } catch (...) {
            error = std::current_exception();
        }
        REQUIRE(loop.time() == 2.0);
        REQUIRE_THROWS_AS(cm.exit(error), TimeoutError);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Timeout must be entered inside a task") {
    EventLoop loop;
    Timeout cm(1.0);
    REQUIRE_THROWS_AS(cm.enter(), std::logic_error);  // "Timeout should be used inside a task"
}
