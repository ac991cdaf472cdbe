// Futures and tasks: tasks.py's step/wakeup/cancel rules, futures.py's callback rules.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

using namespace sp;
using sp::testing::run_main;

namespace {
void record(void* log, void*) { static_cast<std::vector<std::string>*>(log)->push_back("callback"); }
}  // namespace

TEST_CASE("Future: done callbacks are scheduled with call_soon, not called inline") {
    EventLoop loop;
    Future<int> fut(loop);
    std::vector<std::string> log;
    fut.add_done_callback(&record, &log);
    fut.set_result(7);
    REQUIRE(log.empty());
    REQUIRE(fut.result() == 7);
    loop.run_once();
    REQUIRE(log == std::vector<std::string>{"callback"});
}

TEST_CASE("Future: a callback added after completion is still scheduled, not run") {
    EventLoop loop;
    Future<void> fut(loop);
    fut.set_result();
    std::vector<std::string> log;
    fut.add_done_callback(&record, &log);
    REQUIRE(log.empty());
    loop.run_once();
    REQUIRE(log.size() == 1);
}

TEST_CASE("Future: result, exception and cancel follow asyncio's states") {
    EventLoop loop;
    Future<int> pending(loop);
    REQUIRE_THROWS_AS(pending.result(), InvalidStateError);
    Future<int> failed(loop);
    failed.set_exception(std::make_exception_ptr(std::runtime_error("x")));
    REQUIRE_THROWS_AS(failed.result(), std::runtime_error);
    REQUIRE(failed.exception());
    REQUIRE_THROWS_AS(failed.set_result(1), InvalidStateError);
    Future<int> cancelled(loop);
    REQUIRE(cancelled.cancel());
    REQUIRE_FALSE(cancelled.cancel());
    REQUIRE(cancelled.cancelled());
    REQUIRE_THROWS_AS(cancelled.result(), CancelledError);
}

TEST_CASE("Future: remove_done_callback keeps the others in order") {
    EventLoop loop;
    Future<void> fut(loop);
    std::vector<std::string> a, b;
    fut.add_done_callback(&record, &a);
    fut.add_done_callback(&record, &b);
    fut.add_done_callback(&record, &a);
    REQUIRE(fut.remove_done_callback(&record, &a) == 2);
    fut.set_result();
    loop.run_once();
    REQUIRE(a.empty());
    REQUIRE(b.size() == 1);
}

TEST_CASE("Task: the first step is scheduled with call_soon") {
    EventLoop loop;
    bool ran = false;
    auto body = [&]() -> Coro<void> {
        ran = true;
        co_return;
    };
    auto task = create_task(loop, body());
    REQUIRE_FALSE(ran);
    loop.run_once();
    REQUIRE(ran);
    REQUIRE(task->done());
}

TEST_CASE("Task: sleep(0) yields for exactly one iteration") {
    EventLoop loop;
    std::vector<std::string> log;
    auto a = [&]() -> Coro<void> {
        log.push_back("a1");
        co_await sp::sleep(0);
        log.push_back("a2");
    };
    auto b = [&]() -> Coro<void> {
        log.push_back("b1");
        co_return;
    };
    auto ta = create_task(loop, a());
    auto tb = create_task(loop, b());
    loop.run_once();
    REQUIRE(log == std::vector<std::string>{"a1", "b1"});
    loop.run_once();
    REQUIRE(log == std::vector<std::string>{"a1", "b1", "a2"});
}

TEST_CASE("Task: a result, or an exception, becomes the task's outcome") {
    EventLoop loop;
    auto ok = [&]() -> Coro<int> { co_return 42; };
    auto bad = [&]() -> Coro<int> {
        throw std::runtime_error("bad");
        co_return 0;
    };
    auto t1 = create_task(loop, ok());
    auto t2 = create_task(loop, bad());
    loop.run_once();
    REQUIRE(t1->result() == 42);
    REQUIRE_THROWS_AS(t2->result(), std::runtime_error);
    REQUIRE_FALSE(t2->cancelled());
}

TEST_CASE("Task: cancel() while waiting cancels the awaited future and marks the task cancelled") {
    EventLoop loop;
    bool saw_cancel = false;
    auto sleeper = [&]() -> Coro<void> {
        try {
            co_await sp::sleep(10);
        } catch (const CancelledError&) {
            saw_cancel = true;
            throw;
        }
    };
    auto task = create_task(loop, sleeper());
    loop.run_once();
    REQUIRE(task->cancel());
    REQUIRE(task->cancelling() == 1);
    REQUIRE_FALSE(task->done());  // cancellation is delivered at the next step
    loop.run_once();
    REQUIRE(saw_cancel);
    REQUIRE(task->cancelled());
    REQUIRE_FALSE(task->cancel());  // already done
    REQUIRE(loop.is_idle());        // the sleep's timer was cancelled too
}

TEST_CASE("Task: a cancel arriving after the wake-up was scheduled still raises CancelledError") {
    // The future the task waits on completes (its wakeup is queued); then cancel() finds the future
    // already done, so the task remembers it (_must_cancel) and throws at its next step.
    EventLoop loop;
    Future<int> fut(loop);
    bool saw_cancel = false;
    auto waiter = [&]() -> Coro<void> {
        try {
            co_await fut;
        } catch (const CancelledError&) {
            saw_cancel = true;
            throw;
        }
    };
    auto task = create_task(loop, waiter());
    loop.run_once();
    fut.set_result(1);
    REQUIRE(task->cancel());
    loop.run_once();
    REQUIRE(saw_cancel);
    REQUIRE(task->cancelled());
    REQUIRE(fut.result() == 1);
}

TEST_CASE("Task: a coroutine may catch CancelledError and finish normally") {
    EventLoop loop;
    auto stubborn = [&]() -> Coro<int> {
        try {
            co_await sp::sleep(5);
        } catch (const CancelledError&) {
            co_return 1;
        }
        co_return 0;
    };
    auto task = create_task(loop, stubborn());
    loop.run_once();
    task->cancel();
    loop.run_once();
    REQUIRE_FALSE(task->cancelled());
    REQUIRE(task->result() == 1);
    REQUIRE(task->uncancel() == 0);
}

TEST_CASE("Task: CancelledError is not a std::exception, like BaseException in Python") {
    EventLoop loop;
    bool swallowed = false;
    auto body = [&]() -> Coro<void> {
        try {
            co_await sp::sleep(1);
        } catch (const std::exception&) {
            swallowed = true;  // must not happen
        }
    };
    auto task = create_task(loop, body());
    loop.run_once();
    task->cancel();
    loop.run_once();
    REQUIRE_FALSE(swallowed);
    REQUIRE(task->cancelled());
}

namespace {
Coro<long> depth(long n) {
    if (n == 0) co_return 0;
    co_return 1 + co_await depth(n - 1);
}
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#include <pthread.h>
// AddressSanitizer instruments every frame, which turns the tail calls of symmetric transfer into
// ordinary calls. The optimized builds (g++ -O2, clang-14 -O2, Wasm) check that the stack does not
// grow; here the chain runs on a thread with a large stack so the result can still be checked.
static void run_with_big_stack(void (*fn)()) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::size_t{1} << 30);
    pthread_t thread;
    pthread_create(&thread, &attr, [](void* f) -> void* { reinterpret_cast<void (*)()>(f)(); return nullptr; },
                   reinterpret_cast<void*>(fn));
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}
#else
static void run_with_big_stack(void (*fn)()) { fn(); }  // the default stack must be enough
#endif

static long deep_result = -1;

TEST_CASE("Coro: 100,000 nested awaits that complete at once do not grow the stack") {
    // Without symmetric transfer each level would keep a native frame: 100,000 of them overflow
    // the default stack (8 MiB natively, 5 MiB in Wasm).
    run_with_big_stack([] {
        EventLoop loop;
        auto task = create_task(loop, depth(100000));
        loop.run_once();
        deep_result = task->result();
    });
    REQUIRE(deep_result == 100000);
}

TEST_CASE("gather: done when every child is done, and propagates the first exception") {
    EventLoop loop;
    std::vector<int> order;
    auto worker = [&](int n, double delay) -> Coro<void> {
        co_await sp::sleep(delay);
        order.push_back(n);
    };
    auto failing = [&]() -> Coro<void> {
        co_await sp::sleep(0.5);
        throw std::runtime_error("child failed");
    };
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, worker(1, 2));
        auto b = create_task(loop, worker(2, 1));
        auto all = gather(loop, std::vector<FutureBase*>{a.get(), b.get()});
        co_await *all;
        REQUIRE(order == std::vector<int>{2, 1});
        REQUIRE(loop.time() == 2.0);
        auto c = create_task(loop, failing());
        auto d = create_task(loop, worker(3, 1));
        auto some = gather(loop, std::vector<FutureBase*>{c.get(), d.get()});
        REQUIRE_THROWS_AS(co_await *some, std::runtime_error);
        REQUIRE(loop.time() == 2.5);
        co_await *d;  // the other child keeps running, as in asyncio
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("gather of nothing is already done") {
    EventLoop loop;
    auto all = gather(loop, {});
    REQUIRE(all->done());
}

TEST_CASE("run_until_complete reports a deadlock instead of hanging") {
    EventLoop loop;
    Future<void> never(loop);
    auto body = [&]() -> Coro<void> { co_await never; };
    REQUIRE_FALSE(run_main(loop, body()));
}
