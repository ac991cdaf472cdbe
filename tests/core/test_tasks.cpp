// Tasks: tasks.py's step, wakeup and cancel rules; Coro's inline awaits; sleep and gather.
//
// Expected orders and states were checked against Debian 12's /usr/bin/python3 (3.11.2), one
// _run_once at a time on the virtual-time loop of tests/conformance/reference.py.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

#if !defined(__clang__) && (!defined(__OPTIMIZE__) || defined(__SANITIZE_ADDRESS__))
#include <pthread.h>  // for the deep await chain's big stack, in builds without tail calls
#endif

using namespace sp;
using sp::testing::run_main;

namespace {
using Log = std::vector<std::string>;
}

TEST_CASE("Task: the first step is scheduled with call_soon") {
    // Python: call_soon(before); create_task(body); call_soon(after) -> nothing runs until the next
    // iteration, and then the task's first step runs in its place in the FIFO.
    EventLoop loop;
    Log log;
    loop.call_soon([&] { log.push_back("before"); });
    auto body = [&]() -> Coro<void> {
        log.push_back("task");
        co_return;
    };
    auto task = create_task(loop, body());
    loop.call_soon([&] { log.push_back("after"); });
    REQUIRE(log.empty());
    loop.run_once();
    REQUIRE(log == Log{"before", "task", "after"});
    REQUIRE(task->done());
}

TEST_CASE("Task: current_task() is the task whose step is running, and nothing outside a step") {
    EventLoop loop;
    TaskBase* seen = nullptr;
    auto body = [&]() -> Coro<void> {
        seen = current_task();
        co_return;
    };
    auto task = create_task(loop, body());
    loop.run_once();
    REQUIRE(seen == task.get());
    REQUIRE(current_task() == nullptr);
}

TEST_CASE("Task: sleep(0) yields for exactly one iteration") {
    // Python: a = [a1, sleep(0), a2, sleep(0), a3], b = [b1, sleep(0), b2]
    // -> iteration 1: a1 b1; iteration 2: a2 b2; iteration 3: a3.
    EventLoop loop;
    Log log;
    auto a = [&]() -> Coro<void> {
        log.push_back("a1");
        co_await sp::sleep(0);
        log.push_back("a2");
        co_await sp::sleep(0);
        log.push_back("a3");
    };
    auto b = [&]() -> Coro<void> {
        log.push_back("b1");
        co_await sp::sleep(0);
        log.push_back("b2");
    };
    auto ta = create_task(loop, a());
    auto tb = create_task(loop, b());
    loop.run_once();
    REQUIRE(log == Log{"a1", "b1"});
    loop.run_once();
    REQUIRE(log == Log{"a1", "b1", "a2", "b2"});
    loop.run_once();
    REQUIRE(log == Log{"a1", "b1", "a2", "b2", "a3"});
    REQUIRE(ta->done());
    REQUIRE(tb->done());
}

TEST_CASE("Task: sleep(delay) resumes one iteration after its timer fires") {
    // The timer only sets the sleep's future; the task's wakeup is a done callback, so it runs in
    // the following iteration (Python logs nothing in the iteration at t=1, then 'woke' in the next).
    EventLoop loop;
    std::vector<double> woke;
    auto body = [&]() -> Coro<void> {
        co_await sp::sleep(1.0);
        woke.push_back(loop.time());
    };
    auto task = create_task(loop, body());
    loop.run_once();
    REQUIRE(loop.next_deadline() == 1.0);
    loop.advance_to(1.0);
    loop.run_once();
    REQUIRE(woke.empty());
    loop.run_once();
    REQUIRE(woke == std::vector<double>{1.0});
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
    REQUIRE(t2->done());
    REQUIRE_THROWS_WITH(t2->result(), "bad");
    REQUIRE(t2->exception() != nullptr);
    REQUIRE_FALSE(t2->cancelled());  // an error is not a cancellation
}

TEST_CASE("Task: an exception raised deep in an await chain becomes the task's exception") {
    // Python: leaf() sleeps 0 then raises KeyError; mid() awaits leaf(); the task's exception is it.
    EventLoop loop;
    auto leaf = []() -> Coro<void> {
        co_await sp::sleep(0);
        throw std::out_of_range("k");
    };
    auto mid = [&]() -> Coro<void> { co_await leaf(); };
    auto task = create_task(loop, mid());
    loop.run_once();
    loop.run_once();
    REQUIRE(task->done());
    REQUIRE_THROWS_AS(task->result(), std::out_of_range);
}

TEST_CASE("Task: awaiting another task gives its result when it is done") {
    EventLoop loop;
    auto inner = [&]() -> Coro<int> {
        co_await sp::sleep(1);
        co_return 42;
    };
    auto body = [&]() -> Coro<void> {
        auto t = create_task(loop, inner());
        int value = co_await *t;
        REQUIRE(value == 42);
        REQUIRE(loop.time() == 1.0);
    };
    REQUIRE(run_main(loop, body()));
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
    REQUIRE_FALSE(task->done());  // cancellation is delivered at the next step, by the wakeup
    loop.run_once();
    REQUIRE(saw_cancel);
    REQUIRE(task->done());
    REQUIRE(task->cancelled());
    REQUIRE_THROWS_AS(task->result(), CancelledError);
    REQUIRE_FALSE(task->cancel());  // already done
    REQUIRE(loop.is_idle());        // the sleep's timer was cancelled on the way out
}

TEST_CASE("Task: cancelling a task that awaits another task cancels that one too") {
    // Python: w awaits it2 (sleeping 1 s); w.cancel() at 0.5 -> both cancelled; w's await ends at 0.5
    // + one iteration for it2 to finish and one for w's wakeup.
    EventLoop loop;
    auto inner = [&]() -> Coro<int> {
        co_await sp::sleep(1);
        co_return 42;
    };
    auto body = [&]() -> Coro<void> {
        auto it = create_task(loop, inner());
        auto waiter = [&]() -> Coro<int> { co_return co_await *it; };
        auto w = create_task(loop, waiter());
        co_await sp::sleep(0.5);
        REQUIRE(w->cancel());
        REQUIRE_THROWS_AS(co_await *w, CancelledError);
        REQUIRE(w->cancelled());
        REQUIRE(it->cancelled());  // the cancel went down to the future w was waiting on
        REQUIRE(loop.time() == 0.5);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("Task: a task cancelled before its first step never runs its body") {
    // Python: t = create_task(body()); t.cancel() -> True; one _run_once -> the body did not start,
    // t.cancelled() is True (Task.__step throws CancelledError into the unstarted coroutine).
    EventLoop loop;
    bool ran = false;
    auto body = [&]() -> Coro<void> {
        ran = true;
        co_await sp::sleep(1);
    };
    auto task = create_task(loop, body());
    REQUIRE(task->cancel());
    REQUIRE(task->cancelling() == 1);
    loop.run_once();
    CHECK_FALSE(ran);
    REQUIRE(task->done());
    REQUIRE(task->cancelled());
    loop.close();  // if the body did run, its sleep is still pending: let the task be destroyed
}

TEST_CASE("Task: a cancel arriving after the wake-up was scheduled still raises CancelledError") {
    // The future the task waits on completes (its wakeup is queued); then cancel() finds the future
    // already done, so the task remembers it (_must_cancel) and throws at its next step. Python: the
    // coroutine sees CancelledError, the task is cancelled, and the future keeps its result 1.
    EventLoop loop;
    Future<int> fut(loop);
    bool saw_cancel = false;
    bool saw_result = false;
    auto waiter = [&]() -> Coro<void> {
        try {
            co_await fut;
            saw_result = true;
        } catch (const CancelledError&) {
            saw_cancel = true;
            throw;
        }
    };
    auto task = create_task(loop, waiter());
    loop.run_once();
    fut.set_result(1);
    REQUIRE(task->cancel());  // True although there is nothing left to cancel but the task
    REQUIRE_FALSE(fut.cancelled());
    loop.run_once();
    REQUIRE(saw_cancel);
    REQUIRE_FALSE(saw_result);
    REQUIRE(task->cancelled());
    REQUIRE(fut.result() == 1);
}

TEST_CASE("Task: cancelling() counts requests, a caught cancellation lets the task finish, uncancel() counts down") {
    // Python: cancel() twice -> True, True, cancelling() == 2; the coroutine catches CancelledError and
    // returns 1 -> not cancelled, result 1, cancelling() still 2; uncancel() -> 1, 0, 0.
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
    REQUIRE(task->cancel());
    REQUIRE(task->cancel());
    REQUIRE(task->cancelling() == 2);
    loop.run_once();
    REQUIRE(task->done());
    REQUIRE_FALSE(task->cancelled());
    REQUIRE(task->result() == 1);
    REQUIRE(task->cancelling() == 2);  // finishing does not reset the count
    REQUIRE(task->uncancel() == 1);
    REQUIRE(task->uncancel() == 0);
    REQUIRE(task->uncancel() == 0);  // never below zero
}

TEST_CASE("Task: a cancel during a bare yield is thrown in at the next step") {
    // sleep(0) leaves no future to cancel: the request waits in _must_cancel for the next step.
    EventLoop loop;
    Log log;
    auto body = [&]() -> Coro<void> {
        log.push_back("start");
        try {
            co_await sp::sleep(0);
        } catch (const CancelledError&) {
            log.push_back("cancelled");
            throw;
        }
        log.push_back("not reached");
    };
    auto task = create_task(loop, body());
    loop.run_once();
    REQUIRE(task->cancel());
    loop.run_once();
    REQUIRE(log == Log{"start", "cancelled"});
    REQUIRE(task->cancelled());
}

TEST_CASE("Task: CancelledError is not a std::exception, like BaseException in Python") {
    EventLoop loop;
    bool swallowed = false;
    auto body = [&]() -> Coro<void> {
        try {
            co_await sp::sleep(1);
        } catch (const std::exception&) {
            swallowed = true;  // `except Exception:` does not catch a cancellation
        }
    };
    auto task = create_task(loop, body());
    loop.run_once();
    task->cancel();
    loop.run_once();
    REQUIRE_FALSE(swallowed);
    REQUIRE(task->cancelled());
}

// ---- symmetric transfer ----------------------------------------------------------------------

namespace {
// The lowest and highest native stack addresses seen while the chain runs.
std::uintptr_t stack_low = UINTPTR_MAX;
std::uintptr_t stack_high = 0;

[[gnu::noinline]] void note_stack_depth() {
    volatile char marker = 0;
    const auto here = reinterpret_cast<std::uintptr_t>(&marker);
    if (here < stack_low) stack_low = here;
    if (here > stack_high) stack_high = here;
}

// Each level awaits the next inline; none of them ever suspends.
Coro<long> nested(long n) {
    note_stack_depth();
    if (n == 0) co_return 0;
    const long below = co_await nested(n - 1);
    note_stack_depth();  // on the way back up, too
    co_return below + 1;
}

long run_nested_chain() {
    stack_low = UINTPTR_MAX;
    stack_high = 0;
    EventLoop loop;
    auto task = create_task(loop, nested(100000));
    loop.run_once();  // the whole chain completes within the task's first step
    return task->result();
}
}  // namespace

#if defined(__EMSCRIPTEN__)

TEST_CASE("Coro: 100,000 nested awaits that complete at once do not overflow the stack") {
    // In Wasm the transfers are Wasm tail calls (-mtail-call), so the engine's call stack stays flat.
    // Emscripten's shadow stack (5 MiB, in linear memory) does not quite: clang 14 emits the final
    // transfer of a coroutine that has a shadow frame before the epilogue that pops it, so each
    // level keeps 16 bytes until the task's step returns (1.6 MB here; about 330,000 levels would
    // overflow it). What must hold is that 100,000 levels fit.
    REQUIRE(run_nested_chain() == 100000);
    REQUIRE(stack_high - stack_low < 5 * 1024 * 1024);
}

#elif defined(__clang__) || (defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__))

TEST_CASE("Coro: 100,000 nested awaits that complete at once do not grow the stack") {
    // Symmetric transfer: starting a child and returning to the parent are tail jumps between
    // frames. With plain calls each level would keep a native frame (about 100 bytes; the default
    // stack is 8 MiB), and the chain would overflow it.
    REQUIRE(run_nested_chain() == 100000);
    REQUIRE(stack_high - stack_low < 64 * 1024);  // the same few frames, whatever the depth
}

#else

// GCC makes the transfer a tail call only when it optimizes sibling calls (-O2 and up) and without
// AddressSanitizer, whose instrumentation keeps every frame: at -O0 or under ASan each level costs
// 128 to 1,600 bytes of stack. The g++ -O2 and clang builds check the stack above; here the chain
// runs on a 1 GiB stack so its result and its frames' clean-up are still checked (by ASan).
TEST_CASE("Coro: 100,000 nested awaits that complete at once give the right result") {
    static long result = -1;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::size_t{1} << 30);
    pthread_t thread;
    auto body = [](void*) -> void* {
        result = run_nested_chain();
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, body, nullptr) == 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    REQUIRE(result == 100000);
}

#endif

// ---- gather ----------------------------------------------------------------------------------

TEST_CASE("gather: done when every child is done, and propagates the first exception") {
    // Python: children sleeping 2 s and 1 s finish in the order 2, 1 at t=2; then a child failing at
    // 0.5 s fails the gather at t=2.5 while the other child (1 s) keeps running until t=3.
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
        REQUIRE_THROWS_WITH(co_await *some, "child failed");
        REQUIRE(loop.time() == 2.5);
        REQUIRE_FALSE(d->done());  // the other child is not cancelled
        co_await *d;
        REQUIRE(loop.time() == 3.0);
        REQUIRE(order == std::vector<int>{2, 1, 3});
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("gather: a cancelled child fails the gather with CancelledError; the others go on") {
    // Python 3.11: children sleeping 1 s and 2 s, the first cancelled at 0.5 s -> awaiting the gather
    // raises CancelledError at 0.5, the gathering future itself is not cancelled, b runs to t=2.
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, []() -> Coro<void> { co_await sp::sleep(1); }());
        auto b = create_task(loop, []() -> Coro<void> { co_await sp::sleep(2); }());
        auto all = gather(loop, std::vector<FutureBase*>{a.get(), b.get()});
        Task<void>* first = a.get();
        loop.call_later(0.5, [first] { first->cancel(); });
        REQUIRE_THROWS_AS(co_await *all, CancelledError);
        REQUIRE(loop.time() == 0.5);
        REQUIRE_FALSE(all->cancelled());  // finished with a CancelledError exception instead
        REQUIRE_FALSE(b->done());
        co_await *b;
        REQUIRE(loop.time() == 2.0);
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("gather: cancelling the gathering future cancels every child") {
    // Python 3.11: gather(a, b).cancel() -> True; awaiting it raises CancelledError at t=0; both
    // children are cancelled; the gathering future ends with an exception, not cancelled().
    EventLoop loop;
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, []() -> Coro<void> { co_await sp::sleep(1); }());
        auto b = create_task(loop, []() -> Coro<void> { co_await sp::sleep(2); }());
        auto all = gather(loop, std::vector<FutureBase*>{a.get(), b.get()});
        co_await sp::sleep(0);
        REQUIRE(all->cancel());
        REQUIRE_THROWS_AS(co_await *all, CancelledError);
        REQUIRE(loop.time() == 0.0);
        REQUIRE(a->cancelled());
        REQUIRE(b->cancelled());
        REQUIRE_FALSE(all->cancelled());
    };
    REQUIRE(run_main(loop, body()));
}

TEST_CASE("gather of nothing is already done") {
    EventLoop loop;
    auto all = gather(loop, {});
    REQUIRE(all->done());
    REQUIRE_NOTHROW(all->result());
}

TEST_CASE("run_until_complete reports a deadlock instead of hanging") {
    EventLoop loop;
    Future<void> never(loop);
    auto body = [&]() -> Coro<void> { co_await never; };
    REQUIRE_FALSE(run_main(loop, body()));  // nothing ready, no timer, the task still waiting
}

namespace {
/// A stepped task (no coroutine): each step logs, then waits on `fut` once, then returns 42. What a
/// Python task of python/ is, without the interpreter.
class Stepper final : public Task<int> {
public:
    Stepper(EventLoop& loop, Future<int>& fut, Log& log) : Task<int>(loop), fut_(fut), log_(log) {}

private:
    bool step_body() override {
        try {
            if (steps_++ == 0) {
                log_.push_back("first step");
                FutureAwaiter<Future<int>> awaiter(fut_);
                if (!awaiter.await_ready()) {
                    awaiter.await_suspend({});
                    return false;
                }
            }
            log_.push_back("woken");
            if (has_thrown_in()) rethrow_thrown_in();
            keep_result(42);
        } catch (...) {
            error_ = std::current_exception();
        }
        return true;
    }
    void finish_root() override { end(std::exchange(error_, nullptr)); }
    Future<int>& fut_;
    Log& log_;
    int steps_ = 0;
    std::exception_ptr error_;
};
}  // namespace

TEST_CASE("Task: a stepped task follows Task.__step's rules without a coroutine") {
    EventLoop loop;
    Log log;
    SECTION("it suspends on a future, is woken by its result and ends with its own") {
        Future<int> fut(loop);
        Stepper task(loop, fut, log);
        loop.run_once();
        REQUIRE(log == Log{"first step"});
        REQUIRE(task.fut_waiter() == &fut);
        fut.set_result(1);
        loop.run_once();
        REQUIRE(log == Log{"first step", "woken"});
        REQUIRE(task.done());
        REQUIRE(task.result() == 42);
    }
    SECTION("cancelled while it waits, the CancelledError is thrown in and cancels it") {
        Future<int> fut(loop);
        Stepper task(loop, fut, log);
        loop.run_once();
        REQUIRE(task.cancel());
        REQUIRE(fut.cancelled());
        loop.run_once();
        REQUIRE(log == Log{"first step", "woken"});
        REQUIRE(task.cancelled());
    }
    SECTION("cancelled before its first step, its body never runs") {
        Future<int> fut(loop);
        Stepper task(loop, fut, log);
        REQUIRE(task.cancel());
        loop.run_once();
        REQUIRE(log.empty());
        REQUIRE(task.cancelled());
        fut.cancel();
    }
}
