// A wait for a permit allocates nothing: the waiter lives in the awaiting coroutine's frame, the
// loop's slots and queues are reused, frames come from the frame pool.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include "support.hpp"

namespace {
std::atomic<long> allocations{0};
}

// Count every global allocation of this test binary (sanitizer builds keep their own allocator
// underneath: this replacement still sees each call).
namespace {
void* counted_malloc(std::size_t size) noexcept {
    allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size == 0 ? 1 : size);
}
void* counted_or_throw(std::size_t size) {
    if (void* p = counted_malloc(size)) return p;
    throw std::bad_alloc();
}
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

TEST_CASE("steady-state hand-offs between waiting tasks allocate nothing") {
    EventLoop loop;
    Semaphore sem(1);
    constexpr int rounds = 1000;
    long during = -1;
    auto worker = [&](int hand_offs) -> Coro<void> {
        for (int i = 0; i < hand_offs; ++i) {
            Permit permit = co_await sem.permit();  // usually waits: the other worker holds it
            co_await sp::sleep(0);
        }
    };
    auto body = [&]() -> Coro<void> {
        auto a = create_task(loop, worker(rounds + 50));
        auto b = create_task(loop, worker(rounds + 50));
        // Warm up: the loop's slot pool and ready queue reach their working size.
        for (int i = 0; i < 100; ++i) co_await sp::sleep(0);
        const long before = allocations.load();
        for (int i = 0; i < rounds; ++i) co_await sp::sleep(0);
        during = allocations.load() - before;
        co_await *a;
        co_await *b;
    };
    REQUIRE(sp::testing::run_main(loop, body()));
    REQUIRE(allocations.load() > 0);  // the counter really sees this binary's allocations
    REQUIRE(during == 0);
}
