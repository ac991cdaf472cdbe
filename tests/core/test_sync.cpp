// asyncio.Lock and asyncio.Event (core/sync.hpp), against CPython 3.11's behaviour: the expected
// orders are what CPython prints for the same programs (checked with tests/conformance's runner).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support.hpp"

using namespace sp;
using sp::testing::run_main;

namespace {

Coro<void> lock_then_record(Lock& lock, std::vector<int>& log, int id, double hold) {
    co_await lock.acquire();
    log.push_back(id);
    co_await sp::sleep(hold);
    lock.release();
}

Coro<void> wait_then_record(AsyncEvent& event, std::vector<int>& log, int id) {
    co_await event.wait();
    log.push_back(id);
}

}  // namespace

TEST_CASE("Lock: waiters get the lock in FIFO order, one at a time") {
    EventLoop loop;
    Lock lock;
    std::vector<int> log;
    std::vector<double> times;
    run_main(loop, [&]() -> Coro<void> {
        std::vector<std::unique_ptr<Task<void>>> tasks;
        for (int i = 1; i <= 3; ++i) tasks.push_back(create_task(loop, lock_then_record(lock, log, i, 1.0)));
        co_await sp::sleep(0);
        REQUIRE(lock.locked());
        REQUIRE(lock.waiter_count() == 2);
        co_await *tasks[2];
        times.push_back(loop.time());
    }());
    REQUIRE(log == std::vector<int>{1, 2, 3});
    REQUIRE(times == std::vector<double>{3.0});
    REQUIRE_FALSE(lock.locked());
}

TEST_CASE("Lock: release() of an unlocked lock is a RuntimeError") {
    Lock lock;
    REQUIRE_THROWS_AS(lock.release(), RuntimeError);
}

TEST_CASE("Lock: a woken waiter takes the lock only when it runs, and newcomers queue behind it") {
    EventLoop loop;
    Lock lock;
    std::vector<int> log;
    run_main(loop, [&]() -> Coro<void> {
        co_await lock.acquire();
        auto waiter = create_task(loop, lock_then_record(lock, log, 1, 0));
        co_await sp::sleep(0);  // the waiter queues
        lock.release();         // wakes it; it has not run yet
        REQUIRE_FALSE(lock.locked());
        auto newcomer = create_task(loop, lock_then_record(lock, log, 2, 0));
        co_await *newcomer;  // the newcomer cannot overtake the woken waiter
        REQUIRE(waiter->done());
    }());
    REQUIRE(log == std::vector<int>{1, 2});
}

TEST_CASE("Lock: a woken waiter cancelled before it runs passes the lock on") {
    EventLoop loop;
    Lock lock;
    std::vector<int> log;
    run_main(loop, [&]() -> Coro<void> {
        co_await lock.acquire();
        auto first = create_task(loop, lock_then_record(lock, log, 1, 0));
        auto second = create_task(loop, lock_then_record(lock, log, 2, 0));
        co_await sp::sleep(0);
        lock.release();   // wakes `first`
        first->cancel();  // before it runs
        co_await *second;
        REQUIRE(first->cancelled());
    }());
    REQUIRE(log == std::vector<int>{2});
    REQUIRE_FALSE(lock.locked());
}

TEST_CASE("Event: set() wakes every waiter in order; wait() on a set event does not suspend") {
    EventLoop loop;
    AsyncEvent event;
    std::vector<int> log;
    run_main(loop, [&]() -> Coro<void> {
        std::vector<std::unique_ptr<Task<void>>> tasks;
        for (int i = 1; i <= 3; ++i) tasks.push_back(create_task(loop, wait_then_record(event, log, i)));
        co_await sp::sleep(1);
        REQUIRE(log.empty());
        REQUIRE(event.waiter_count() == 3);
        event.set();
        REQUIRE(event.is_set());
        co_await sp::sleep(0);
        REQUIRE(log == std::vector<int>{1, 2, 3});
        REQUIRE(event.waiter_count() == 0);
        co_await event.wait();  // already set
        event.clear();
        REQUIRE_FALSE(event.is_set());
    }());
}

TEST_CASE("Event: a cancelled waiter leaves the queue and is not woken") {
    EventLoop loop;
    AsyncEvent event;
    std::vector<int> log;
    run_main(loop, [&]() -> Coro<void> {
        auto a = create_task(loop, wait_then_record(event, log, 1));
        auto b = create_task(loop, wait_then_record(event, log, 2));
        co_await sp::sleep(0);
        a->cancel();
        co_await sp::sleep(0);
        REQUIRE(event.waiter_count() == 1);
        event.set();
        co_await *b;
        REQUIRE(a->cancelled());
    }());
    REQUIRE(log == std::vector<int>{2});
}
