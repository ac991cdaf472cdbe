// CPython 3.11's SemaphoreTests (Lib/test/test_asyncio/test_locks.py), ported as behaviour: each test
// body runs as a task, like IsolatedAsyncioTestCase. The expected values (orders, value, locked(),
// number of waiters) are what Debian 12's /usr/bin/python3 (3.11.2) prints for the Python originals.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>
#include <vector>

#include "support.hpp"

using namespace sp;
using sp::testing::acquire;
using sp::testing::acquire_then_record;
using sp::testing::run_main;

TEST_CASE("Semaphore: initial value zero is locked (test_initial_value_zero)") {
    Semaphore sem(0);
    REQUIRE(sem.locked());
    REQUIRE(sem.value() == 0);
}

TEST_CASE("Semaphore: a negative initial value is a ValueError (test_semaphore_value)") {
    REQUIRE_THROWS_AS(Semaphore(-1), ValueError);
    REQUIRE_THROWS_AS(BoundedSemaphore(-1), ValueError);
}

namespace {
// clang-format 14 breaks a disjunction of requires-expressions across lines:
// clang-format off
template <class T>
concept awaitable_directly = requires(T& t) { t.await_ready(); } || requires(T& t) { t.operator co_await(); };
// clang-format on
}  // namespace

TEST_CASE("Semaphore: default value is 1, unlocked, and not awaitable itself (test_semaphore)") {
    // `await sem` is a TypeError in Python; here it does not compile: only acquire() is awaitable.
    static_assert(!awaitable_directly<Semaphore>);
    static_assert(awaitable_directly<AcquireAwaiter>);
    Semaphore sem;
    REQUIRE(sem.value() == 1);
    REQUIRE_FALSE(sem.locked());
}

TEST_CASE("Semaphore: locked and waiter count as repr shows them (test_repr)") {
    // Python: [unlocked, value:1] -> acquire -> [locked] -> two waiters -> [locked, waiters:2]
    // -> both cancelled -> [locked] with no waiters left.
    EventLoop loop;
    Semaphore sem;
    auto body = [&]() -> Coro<void> {
        REQUIRE_FALSE(sem.locked());
        REQUIRE(sem.value() == 1);
        co_await sem.acquire();
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 0);
        auto w1 = create_task(loop, acquire(sem));
        auto w2 = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 2);
        w1->cancel();
        w2->cancel();
        co_await sp::sleep(0);
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: acquire accounting with waiters and two releases (test_acquire)") {
    EventLoop loop;
    Semaphore sem(3);
    std::vector<int> result;
    auto c = [&](int i) -> Coro<bool> {
        co_await sem.acquire();
        result.push_back(i);
        co_return true;
    };
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        co_await sem.acquire();
        REQUIRE_FALSE(sem.locked());
        auto t1 = create_task(loop, c(1));
        auto t2 = create_task(loop, c(2));
        auto t3 = create_task(loop, c(3));
        co_await sp::sleep(0);
        // t1 took the last permit; t2 and t3 queue up behind it.
        REQUIRE(result == std::vector<int>{1});
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 2);
        REQUIRE(sem.value() == 0);
        auto t4 = create_task(loop, c(4));
        sem.release();
        sem.release();
        REQUIRE(sem.value() == 0);  // both permits were reserved for t2 and t3 at once
        co_await sp::sleep(0);
        REQUIRE(sem.value() == 0);
        REQUIRE(result == std::vector<int>{1, 2, 3});  // t4 came too late: it found the semaphore locked
        REQUIRE(sem.locked());
        REQUIRE(sem.waiter_count() == 1);
        REQUIRE(t1->done());
        REQUIRE(t1->result());
        REQUIRE(t2->done());
        REQUIRE(t3->done());
        REQUIRE_FALSE(t4->done());
        sem.release();  // clean up: let t4 through
        auto rest = gather(loop, std::vector<FutureBase*>{t2.get(), t3.get(), t4.get()});
        co_await *rest;
        REQUIRE(result == std::vector<int>{1, 2, 3, 4});
        REQUIRE(sem.value() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a cancelled acquire leaves no waiter behind (test_acquire_cancel)") {
    // Python: the cancelled acquire removes its future from _waiters: len(_waiters) == 0.
    EventLoop loop;
    Semaphore sem;
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto waiter = create_task(loop, acquire(sem));
        Task<void>* raw = waiter.get();
        loop.call_soon([raw] { raw->cancel(); });
        REQUIRE_THROWS_AS(co_await *waiter, CancelledError);
        REQUIRE(waiter->cancelled());
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(sem.value() == 0);  // the permit we hold is still ours
        REQUIRE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: waiters cancelled before a release are skipped by it (test_acquire_cancel_before_awoken)") {
    // Python: t1, t2 cancelled, then one release -> it goes to t3; after one sleep(0) t3 is done and
    // t4 still waits (1 waiter); t3.cancel() is then too late (t3 finished), t4 ends cancelled.
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
        sem.release();  // t1's and t2's futures are already cancelled (done): t3's gets the permit
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.waiter_count() == 4);  // the cancelled ones leave when their tasks run
        co_await sp::sleep(0);
        REQUIRE(t1->cancelled());
        REQUIRE(t2->cancelled());
        REQUIRE(t3->done());
        REQUIRE_FALSE(t4->done());
        REQUIRE(sem.waiter_count() == 1);
        co_await sp::sleep(0);
        REQUIRE(t3->done());  // exactly one of t3, t4 got through
        REQUIRE_FALSE(t4->done());
        REQUIRE_FALSE(t3->cancel());  // done: nothing to cancel
        REQUIRE(t4->cancel());
        co_await sp::sleep(0);
        REQUIRE_FALSE(t3->cancelled());
        REQUIRE(t4->cancelled());
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(sem.value() == 0);  // t3 still holds the only permit
        REQUIRE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a cancelled first waiter does not make the next one hang (test_acquire_hang)") {
    // Python: t1 cancelled then a release -> t2 gets the permit (done after one sleep(0)).
    EventLoop loop;
    Semaphore sem(0);
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, acquire(sem));
        auto t2 = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        t1->cancel();
        sem.release();
        co_await sp::sleep(0);
        REQUIRE(t2->done());
        co_await sp::sleep(0);
        REQUIRE(sem.locked());  // t2 holds it
        REQUIRE(t1->cancelled());
        REQUIRE(t2->done());
        REQUIRE_FALSE(t2->cancelled());
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.waiter_count() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a woken waiter cancelled before it runs gives the permit back (test_acquire_no_hang)") {
    // Python: c1 releases (reserving the permit for c2, value stays 0), then cancels t2 before it
    // runs; c2 never enters, the permit comes back (value 1), and a new acquire succeeds at once.
    EventLoop loop;
    Semaphore sem(1);
    std::unique_ptr<Task<void>> t2;
    bool c2_entered = false;
    std::int64_t value_after_release = -1;
    auto c1 = [&]() -> Coro<void> {
        {
            Permit permit = co_await sem.permit();
            co_await sp::sleep(0);
        }
        value_after_release = sem.value();
        REQUIRE_FALSE(t2->done());
        t2->cancel();  // t2 was woken by our release but has not run yet
    };
    auto c2 = [&]() -> Coro<void> {
        Permit permit = co_await sem.permit();
        c2_entered = true;
    };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, c1());
        t2 = create_task(loop, c2());
        auto both = gather(loop, std::vector<FutureBase*>{t1.get(), t2.get()});
        REQUIRE_THROWS_AS(co_await *both, CancelledError);  // return_exceptions=False: t2's CancelledError
        co_await *t1;                                       // r1 is None
        REQUIRE(value_after_release == 0);                  // reserved for c2
        REQUIRE(t2->cancelled());
        REQUIRE_FALSE(c2_entered);
        REQUIRE(sem.value() == 1);  // the reserved permit came back
        REQUIRE_FALSE(sem.locked());
        const double before = loop.time();
        co_await timeout(1.0, acquire(sem));  // asyncio.wait_for(sem.acquire(), timeout=1.0)
        REQUIRE(loop.time() == before);       // no wait at all
        REQUIRE(sem.value() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a woken waiter that is cancelled passes the permit to the next waiter") {
    // Python: holder releases -> reserved for t2 (value 0); t2 cancelled before running -> after one
    // iteration the permit is reserved for t3 (value 0, one waiter), after another t3 has it.
    EventLoop loop;
    Semaphore sem(1);
    std::vector<int> order;
    auto c = [&](int i) { return acquire_then_record(sem, order, i); };
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto t2 = create_task(loop, c(2));
        auto t3 = create_task(loop, c(3));
        co_await sp::sleep(0);
        sem.release();
        REQUIRE(sem.value() == 0);
        REQUIRE_FALSE(t2->done());
        t2->cancel();
        co_await sp::sleep(0);
        REQUIRE(t2->cancelled());
        REQUIRE(order.empty());
        REQUIRE(sem.value() == 0);  // given back, and at once reserved for t3
        REQUIRE(sem.waiter_count() == 1);
        REQUIRE_FALSE(t3->done());
        co_await sp::sleep(0);
        REQUIRE(order == std::vector<int>{3});
        REQUIRE(t3->done());
        REQUIRE(sem.waiter_count() == 0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("BoundedSemaphore: releasing what was not acquired is a ValueError (test_release_not_acquired)") {
    BoundedSemaphore sem;
    REQUIRE_THROWS_AS(sem.release(), ValueError);  // "BoundedSemaphore released too many times"
    REQUIRE(sem.value() == 1);
    REQUIRE(sem.bound() == 1);
}

TEST_CASE("BoundedSemaphore: a release after an acquire is fine, a second one is not") {
    EventLoop loop;
    BoundedSemaphore sem(2);
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        REQUIRE(sem.value() == 1);
        sem.release();
        REQUIRE(sem.value() == 2);
        REQUIRE_THROWS_AS(sem.release(), ValueError);
        REQUIRE(sem.value() == 2);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: release with no waiters unlocks (test_release_no_waiters)") {
    EventLoop loop;
    Semaphore sem;
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        REQUIRE(sem.locked());
        sem.release();
        REQUIRE_FALSE(sem.locked());
        REQUIRE(sem.value() == 1);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a plain Semaphore may be released above its initial value") {
    Semaphore sem(1);
    sem.release();
    REQUIRE(sem.value() == 2);  // only BoundedSemaphore checks
}

TEST_CASE("Semaphore: FIFO order across repeated acquires (test_acquire_fifo_order)") {
    // Each coroutine re-acquires right after releasing, but the others already wait: FIFO wins.
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
        auto a = create_task(loop, coro("c1"));
        auto b = create_task(loop, coro("c2"));
        auto c = create_task(loop, coro("c3"));
        auto all = gather(loop, std::vector<FutureBase*>{a.get(), b.get(), c.get()});  // the TaskGroup
        co_await *all;
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<std::string>{"c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"});
    REQUIRE(loop.time() == 0.060000000000000005);  // six 0.01 s holds in a row, summed as Python does
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
        sem.release();  // c3 is already queued: c2's second acquire must wait behind it
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
        REQUIRE(result == std::vector<int>{1});
        REQUIRE(sem.waiter_count() == 2);
        sem.release();
        sem.release();
        auto all = gather(loop, std::vector<FutureBase*>{t1.get(), t2.get(), t3.get()});
        co_await *all;
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<int>{1, 2, 3, 4});
    REQUIRE(sem.value() == 0);
}

TEST_CASE("Semaphore: a cancelled waiter is skipped in FIFO order (test_acquire_fifo_order_3)") {
    EventLoop loop;
    Semaphore sem(0);
    std::vector<int> result;
    auto c = [&](int i) { return acquire_then_record(sem, result, i); };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, c(1));
        auto t2 = create_task(loop, c(2));
        auto t3 = create_task(loop, c(3));
        co_await sp::sleep(0);
        t1->cancel();
        co_await sp::sleep(0);
        REQUIRE(t1->cancelled());
        REQUIRE(sem.waiter_count() == 2);  // t1 left the queue
        sem.release();
        sem.release();
        co_await *t2;
        co_await *t3;
    };
    REQUIRE(run_main(loop, body()));
    REQUIRE(result == std::vector<int>{2, 3});
    REQUIRE(sem.value() == 0);
}

TEST_CASE("Semaphore: a newcomer does not overtake a waiter the permit was reserved for") {
    // Python: release() with one waiter reserves the permit (value 0, locked() True), so a task that
    // arrives now queues behind it: order [1, 2].
    EventLoop loop;
    Semaphore sem(1);
    std::vector<int> order;
    auto c = [&](int i) -> Coro<void> {
        co_await sem.acquire();
        order.push_back(i);
        sem.release();
    };
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto t1 = create_task(loop, c(1));
        co_await sp::sleep(0);
        sem.release();
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
        auto t2 = create_task(loop, c(2));
        auto both = gather(loop, std::vector<FutureBase*>{t1.get(), t2.get()});
        co_await *both;
        REQUIRE(order == std::vector<int>{1, 2});
        REQUIRE(sem.value() == 1);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Permit releases at the end of its scope, on exception and on cancellation (async with sem)") {
    // Python: inside 0, after 1; after a raise inside the block 1; a holder cancelled mid-block 1.
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

TEST_CASE("Permit: releasing hands the permit to the first waiter") {
    EventLoop loop;
    Semaphore sem(1);
    auto body = [&]() -> Coro<void> {
        auto permit = co_await sem.permit();
        auto waiter = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        REQUIRE(sem.waiter_count() == 1);
        permit.release();
        REQUIRE(sem.value() == 0);  // reserved for the waiter
        co_await *waiter;
        REQUIRE(sem.waiter_count() == 0);
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
        REQUIRE(sem.value() == 1);
        b.release();
        REQUIRE(sem.value() == 2);
        b.release();  // already released: no second release
        REQUIRE(sem.value() == 2);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("locked() ignores cancelled waiters still in the queue") {
    // Python: a woken waiter cancelled before it ran leaves, gives the permit back: value 1, unlocked.
    EventLoop loop;
    Semaphore sem(1);
    auto body = [&]() -> Coro<void> {
        co_await sem.acquire();
        auto waiter = create_task(loop, acquire(sem));
        co_await sp::sleep(0);
        REQUIRE(sem.waiter_count() == 1);
        sem.release();  // reserved for the waiter: value stays 0
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
        waiter->cancel();  // woken but cancelled before it ran
        co_await sp::sleep(0);
        REQUIRE(waiter->cancelled());
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(sem.value() == 1);  // given back
        REQUIRE_FALSE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("locked(): a queued waiter whose permit is reserved locks, a cancelled one does not") {
    // Semaphore.locked(): value == 0 or any queued waiter not cancelled. Python: with b's permit
    // reserved and one more release, value is 1 but locked() is True until b has run; with b
    // cancelled instead, a release makes value 1 and locked() False while b is still queued.
    EventLoop loop;
    SECTION("reserved") {
        Semaphore sem(1);
        auto body = [&]() -> Coro<void> {
            auto a = create_task(loop, acquire(sem));  // takes the permit at once
            auto b = create_task(loop, acquire(sem));  // waits
            co_await sp::sleep(0);
            sem.release();  // reserved for b
            REQUIRE(sem.value() == 0);
            sem.release();  // nobody else to wake
            REQUIRE(sem.value() == 1);
            REQUIRE(sem.waiter_count() == 1);
            REQUIRE(sem.locked());  // b is ahead of any newcomer
            co_await *b;
            REQUIRE(sem.value() == 1);
            REQUIRE(sem.waiter_count() == 0);
            REQUIRE_FALSE(sem.locked());
            REQUIRE(a->done());
        };
        REQUIRE(run_main(loop, body()));
    }
    SECTION("cancelled") {
        Semaphore sem(1);
        auto body = [&]() -> Coro<void> {
            auto a = create_task(loop, acquire(sem));
            auto b = create_task(loop, acquire(sem));
            co_await sp::sleep(0);
            b->cancel();
            REQUIRE(sem.locked());  // value is 0
            sem.release();          // b's future is cancelled: not woken, value 1
            REQUIRE(sem.value() == 1);
            REQUIRE(sem.waiter_count() == 1);
            REQUIRE_FALSE(sem.locked());
            co_await sp::sleep(0);
            REQUIRE(b->cancelled());
            REQUIRE(sem.value() == 1);
            REQUIRE(sem.waiter_count() == 0);
            REQUIRE(a->done());
        };
        REQUIRE(run_main(loop, body()));
    }
}

TEST_CASE("Semaphore: locked() counts woken and cancelled waiters as CPython does, and release() skips the cancelled") {
    // Python 3.11 (the same calls on asyncio.Semaphore(0)), printed: "locked with t2 live True 3",
    // "after release 0 True", "after 2nd release 1 True 3", "t4 done at once True ['t2', 't4'] 0 0",
    // "end ['t2', 't4'] 0 0 True".
    EventLoop loop;
    Semaphore sem(0);
    std::vector<std::string> got;
    auto take = [&](std::string name) { return acquire_then_record(sem, got, std::move(name)); };
    auto body = [&]() -> Coro<void> {
        auto t1 = create_task(loop, take("t1"));
        auto t2 = create_task(loop, take("t2"));
        auto t3 = create_task(loop, take("t3"));
        co_await sp::sleep(0);
        t1->cancel();
        t3->cancel();
        REQUIRE(sem.locked());  // t2 still waits
        REQUIRE(sem.waiter_count() == 3);
        sem.release();  // to t2: t1 (first in the queue) is cancelled
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.locked());
        sem.release();  // t3 is cancelled: nobody to wake, the permit stays
        REQUIRE(sem.value() == 1);
        REQUIRE(sem.locked());  // t2's future is done but not cancelled: newcomers still queue
        REQUIRE(sem.waiter_count() == 3);
        auto t4 = create_task(loop, take("t4"));
        co_await sp::sleep(0);  // t1, t2, t3 leave the queue before t4's first step: it takes the permit
        REQUIRE(t4->done());
        REQUIRE(got == std::vector<std::string>{"t2", "t4"});
        REQUIRE(sem.value() == 0);
        REQUIRE(sem.waiter_count() == 0);
        REQUIRE(t1->cancelled());
        REQUIRE(t3->cancelled());
        REQUIRE(sem.locked());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Semaphore: a release wakes the first pending waiter however many woken ones have not run yet") {
    // 1,000 waiters; 500 releases in one go wake the first 500 in order (each reserves its permit),
    // then cancelling every other one of the rest makes the next releases skip them. Python 3.11
    // with the same calls: value 0 after both rounds, the same order, no waiter left.
    EventLoop loop;
    Semaphore sem(0);
    std::vector<int> order;
    auto take = [&](int i) { return acquire_then_record(sem, order, i); };
    auto body = [&]() -> Coro<void> {
        std::vector<std::unique_ptr<Task<void>>> tasks;
        for (int i = 0; i < 1000; ++i) tasks.push_back(create_task(loop, take(i)));
        co_await sp::sleep(0);
        for (int i = 0; i < 500; ++i) sem.release();
        REQUIRE(sem.value() == 0);
        for (int i = 501; i < 1000; i += 2) tasks[static_cast<std::size_t>(i)]->cancel();
        for (int i = 0; i < 250; ++i) sem.release();
        REQUIRE(sem.value() == 0);
        co_await sp::sleep(0);
        std::vector<int> expected;
        for (int i = 0; i < 500; ++i) expected.push_back(i);
        for (int i = 500; i < 1000; i += 2) expected.push_back(i);
        REQUIRE(order == expected);
        REQUIRE(sem.waiter_count() == 0);
    };
    REQUIRE(run_main(loop, body()));
}
