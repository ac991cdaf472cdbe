// CPython 3.11's SemaphoreTests (Lib/test/test_asyncio/test_locks.py), ported as behaviour: each test
// body runs as a task, like IsolatedAsyncioTestCase; expected values were confirmed with Debian 12's
// python3 (3.11.2) running the Python originals.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support.hpp"

using namespace sp;
using sp::testing::acquire;
using sp::testing::run_main;

TEST_CASE("Semaphore: initial value zero is locked") {
    Semaphore sem(0);
    REQUIRE(sem.locked());
}

TEST_CASE("Semaphore: a negative initial value is a ValueError") {
    REQUIRE_THROWS_AS(Semaphore(-1), ValueError);
    REQUIRE_THROWS_AS(BoundedSemaphore(-1), ValueError);
}

TEST_CASE("Semaphore: default value is 1 and acquiring it locks") {
    EventLoop loop;
    Semaphore sem;
    REQUIRE(sem.value() == 1);
    REQUIRE_FALSE(sem.locked());
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: acquire accounting with waiters and two releases (test_acquire)") {
    EventLoop loop;
    Semaphore sem(3);
    std::vector<int> result;
    auto c = [&](int i) -> Coro<void> {
        co_await sem.acquire();
        result.push_back(i);
    };
    std::unique_ptr<Task<void>> t1, t2, t3, t4;
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        co_await sem.acquire();
        REQUIRE_FALSE(sem.locked());
        t1 = create_task(loop, c(1));
        t2 = create_task(loop, c(2));
        t3 = create_task(loop, c(3));
        co_await sp::sleep(0);
        // t1 took the last permit; t2 and t3 queue up behind it.
        REQUIRE(result == std::vector<int>{1});
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 2);
        REQUIRE(sem.value() == 0);
        t4 = create_task(loop, c(4));
        sem.release();
        sem.release();
        REQUIRE(sem.value() == 0);  // both permits were reserved for t2 and t3 at once
        co_await sp::sleep(0);
        REQUIRE(sem.value() == 0);
        REQUIRE(result == std::vector<int>{1, 2, 3});
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 1);  // t4
        REQUIRE(t1->done());
        REQUIRE(t2->done());
        REQUIRE(t3->done());
        REQUIRE_FALSE(t4->done());
        sem.release();
        co_await *t4;
        REQUIRE(result == std::vector<int>{1, 2, 3, 4});
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a cancelled acquire leaves no live waiter behind (test_acquire_cancel)") {
    EventLoop loop;
    Semaphore sem;
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto waiter = create_task(loop, acquire(sem));
        Task<void>* raw = waiter.get();
        loop.call_soon([raw] { raw->cancel(); });
        bool cancelled = false;
        try {
            co_await *waiter;
        } catch (const CancelledError&) {
            cancelled = true;
        }
        REQUIRE(cancelled);
        REQUIRE(waiter->cancelled());
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(sem.value() == 0);  // the permit we hold is still ours
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: cancelling waiters before they are woken passes the permit on (test_acquire_cancel_before_awoken)") {
    EventLoop loop;
    Semaphore sem(0);
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, acquire(sem));
        auto t2 = create_task(loop, acquire(sem));
        auto t3 = create_task(loop, acquire(sem));
        auto t4 = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        t1->cancel();
        t2->cancel();
        sem.release();  // skips the cancelled t1 and t2: t3 gets the permit
        co_await sp::sleep(0);
        co_await sp::sleep(0);
        REQUIRE(t3->done());
        REQUIRE_FALSE(t4->done());
        t3->cancel();
        t4->cancel();
        co_await sp::sleep(0);
        REQUIRE(t4->cancelled());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a cancelled first waiter does not make the next one hang (test_acquire_hang)") {
    EventLoop loop;
    Semaphore sem(0);
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, acquire(sem));
        auto t2 = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        t1->cancel();
        sem.release();
        co_await sp::sleep(0);
        co_await sp::sleep(0);
        REQUIRE(sem.locked());
        REQUIRE(t2->done());
        REQUIRE_FALSE(t2->cancelled());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a holder cancelling a woken waiter gets the permit back (test_acquire_no_hang)") {
    EventLoop loop;
    Semaphore sem(1);
    std::unique_ptr<Task<void>> t2;
    bool c2_entered = false;
    auto c1 = [&]() -> Coro<void> {
        {
            Permit permit = co_await sem.permit();
            co_await sp::sleep(0);
        }
        t2->cancel();  // t2 was woken by our release but has not run yet
    };
    auto c2 = [&]() -> Coro<void> {
        Permit permit = co_await sem.permit();
        c2_entered = true;
    };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, c1());
        t2 = create_task(loop, c2());
        co_await *t1;
        try {
            co_await *t2;
        } catch (const CancelledError&) {
        }
        REQUIRE(t2->cancelled());
        REQUIRE_FALSE(c2_entered);
        REQUIRE(sem.value() == 1);  // the reserved permit came back
        REQUIRE_FALSE(sem.locked());
        co_await timeout(1.0, acquire(sem));  // asyncio.wait_for(sem.acquire(), timeout=1.0)
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("BoundedSemaphore: releasing what was not acquired is a ValueError (test_release_not_acquired)") {
    BoundedSemaphore sem;
    REQUIRE_THROWS_AS(sem.release(), ValueError);
    REQUIRE(sem.value() == 1);
    REQUIRE(sem.bound() == 1);
}

TEST_CASE("Semaphore: release with no waiters unlocks (test_release_no_waiters)") {
    EventLoop loop;
    Semaphore sem;
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        REQUIRE(sem.locked());
        sem.release();
        REQUIRE_FALSE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: FIFO order across repeated acquires (test_acquire_fifo_order)") {
    EventLoop loop;
    Semaphore sem(1);
    std::vector<std::string> result;
    auto coro = [&](std::string tag) -> Coro<void> {
        co_await sem.acquire();
        result.push_back(tag + "_1");
        co_await sp::sleep(0.01);
        sem.release();
        co_await sem.acquire();
        result.push_back(tag + "_2");
        co_await sp::sleep(0.01);
        sem.release();
    };
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, coro(std::string("c1")));
        auto b = create_task(loop, coro(std::string("c2")));
        auto c = create_task(loop, coro(std::string("c3")));
        auto all = gather(loop, std::vector<FutureBase*>{a.get(), b.get(), c.get()});
        co_await *all;
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<std::string>{"c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"});
}

TEST_CASE("Semaphore: a re-acquire queues behind earlier waiters (test_acquire_fifo_order_2)") {
    EventLoop loop;
    Semaphore sem(1);
    std::vector<int> result;
    auto c1 = [&]() -> Coro<void> {
        co_await sem.acquire();
        result.push_back(1);
    };
    auto c2 = [&]() -> Coro<void> {
        co_await sem.acquire();
        result.push_back(2);
        sem.release();
        co_await sem.acquire();
        result.push_back(4);
    };
    auto c3 = [&]() -> Coro<void> {
        co_await sem.acquire();
        result.push_back(3);
    };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, c1());
        auto t2 = create_task(loop, c2());
        auto t3 = create_task(loop, c3());
        co_await sp::sleep(0);
        sem.release();
        sem.release();
        auto all = gather(loop, std::vector<FutureBase*>{t1.get(), t2.get(), t3.get()});
        co_await *all;
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("Semaphore: a cancelled waiter is skipped in FIFO order (test_acquire_fifo_order_3)") {
    EventLoop loop;
    Semaphore sem(0);
    std::vector<int> result;
    auto c = [&](int i) -> Coro<void> {
        co_await sem.acquire();
        result.push_back(i);
    };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, c(1));
        auto t2 = create_task(loop, c(2));
        auto t3 = create_task(loop, c(3));
        co_await sp::sleep(0);
        t1->cancel();
        co_await sp::sleep(0);
        sem.release();
        sem.release();
        co_await *t2;
        co_await *t3;
        REQUIRE(t1->cancelled());
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<int>{2, 3});
}

TEST_CASE("Permit releases at the end of its scope, on exception and on cancellation") {
    EventLoop loop;
    Semaphore sem(1);
    auto raises = [&]() -> Coro<void> {
        Permit permit = co_await sem.permit();
        REQUIRE(sem.value() == 0);
        throw std::runtime_error("boom");
    };
    auto holds = [&]() -> Coro<void> {
        Permit permit = co_await sem.permit();
        co_await sp::sleep(10);
    };
    auto body = [&]() -> Coro<void> {
        {
            Permit permit = co_await sem.permit();
            REQUIRE(permit.held());
            REQUIRE(sem.value() == 0);
        }
        REQUIRE(sem.value() == 1);
        REQUIRE_THROWS_AS(co_await raises(), std::runtime_error);
        REQUIRE(sem.value() == 1);
        auto holder = create_task(loop, holds());
        co_await sp::sleep(1);
        REQUIRE(sem.value() == 0);
        holder->cancel();
        co_await sp::sleep(0);
        REQUIRE(holder->cancelled());
        REQUIRE(sem.value() == 1);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Permit moves, and releases exactly once") {
    EventLoop loop;
    Semaphore sem(2);
    auto body = [&]() -> Coro<void> {
        Permit a = co_await sem.permit();
        Permit b = std::move(a);
        REQUIRE_FALSE(a.held());
        REQUIRE(b.held());
        b.release();
        REQUIRE(sem.value() == 2);
        b.release();  // already released: no second release
        REQUIRE(sem.value() == 2);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("locked() ignores cancelled waiters still in the queue") {
    EventLoop loop;
    Semaphore sem(1);
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto waiter = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        REQUIRE(sem.waiter_count() == 1);
        sem.release();               // reserved for the waiter: value stays 0
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
        waiter->cancel();            // woken but cancelled before it ran
        co_await sp::sleep(0);
        REQUIRE(waiter->cancelled());
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(sem.value() == 1);   // given back
        REQUIRE_FALSE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}
