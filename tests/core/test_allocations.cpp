// A wait for a permit allocates nothing: the waiter lives in the awaiting coroutine's frame, the
// loop's slots and queues are reused, frames come from the frame pool.
//
// This file replaces the global operator new for the whole test binary; it only counts while a test
// opens a window, so the other tests are unaffected.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>

#include "support.hpp"

namespace {
bool counting = false;
long allocations = 0;

void* counted_malloc(std::size_t size) noexcept {
    if (counting) allocations += 1;
    return std::malloc(size == 0 ? 1 : size);
}
void* counted_or_throw(std::size_t size) {
    if (void* p = counted_malloc(size)) return p;
    throw std::bad_alloc();
}

// Count the allocations made between open() and close().
struct Window {
    long count = 0;
    void open() {
        allocations = 0;
        counting = true;
    }
    void close() {
        counting = false;
        count = allocations;
    }
};
}  // namespace

// Every replaceable form, so each new is paired with its own delete (sanitizers check the pairing).
void* operator new(std::size_t size) { return counted_or_throw(size); }
void* operator new[](std::size_t size) { return counted_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace sp;

TEST_CASE("the allocation counter sees what the runtime allocates") {
    // Without this, a counter that sees nothing would pass the zero-allocation test below.
    EventLoop loop;
    Window window;
    window.open();
    auto task = create_task(loop, []() -> Coro<void> { co_return; }());  // a Task is heap-allocated
    window.close();
    loop.run_once();
    REQUIRE(window.count > 0);
}

TEST_CASE("steady-state hand-offs between waiting tasks allocate nothing") {
    // Three workers share one permit: each takes it, holds it for one iteration and releases it,
    // by which time the other two are queued, so every acquire is a real wait and every release a
    // hand-off to the first waiter (its future set, its wakeup scheduled on the loop).
    EventLoop loop;
    Semaphore sem(1);
    long hand_offs = 0;
    bool window_open = false;
    bool stop = false;
    auto worker = [&]() -> Coro<void> {
        while (!stop) {
            const bool will_wait = sem.locked();
            Permit permit = co_await sem.permit();
            if (will_wait && window_open) hand_offs += 1;
            co_await sp::sleep(0);
        }
    };
    Window window;
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, worker());
        auto b = create_task(loop, worker());
        auto c = create_task(loop, worker());
        // Warm-up: the loop's slot pool and ready queue reach their working size.
        for (int i = 0; i < 100; ++i) co_await sp::sleep(0);
        window_open = true;
        window.open();
        while (hand_offs < 1000) co_await sp::sleep(0);
        window.close();
        window_open = false;
        stop = true;
        co_await *a;
        co_await *b;
        co_await *c;
    };
    REQUIRE(sp::testing::run_main(loop, body()));
    REQUIRE(hand_offs >= 1000);
    REQUIRE(window.count == 0);
}

TEST_CASE("waiting for a permit with a timeout allocates nothing in the steady state") {
    // The same hand-off, each acquire wrapped in timeout(): the Timeout's timer and the timeout()
    // coroutine's frame come from the loop's slots and the frame pool.
    EventLoop loop;
    Semaphore sem(1);
    long hand_offs = 0;
    bool window_open = false;
    bool stop = false;
    auto take = [&]() -> Coro<void> { co_await sem.acquire(); };
    auto worker = [&]() -> Coro<void> {
        while (!stop) {
            const bool will_wait = sem.locked();
            co_await timeout(100.0, take());
            if (will_wait && window_open) hand_offs += 1;
            co_await sp::sleep(0);
            sem.release();
        }
    };
    Window window;
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, worker());
        auto b = create_task(loop, worker());
        for (int i = 0; i < 100; ++i) co_await sp::sleep(0);
        window_open = true;
        window.open();
        while (hand_offs < 1000) co_await sp::sleep(0);
        window.close();
        window_open = false;
        stop = true;
        co_await *a;
        co_await *b;
    };
    REQUIRE(sp::testing::run_main(loop, body()));
    REQUIRE(hand_offs >= 1000);
    REQUIRE(window.count == 0);
}
