// The event loop: BaseEventLoop._run_once's rules, on a virtual clock.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "events.hpp"
#include "heapq.hpp"

using sp::EventLoop;

TEST_CASE("call_soon runs callbacks in FIFO order in the next iteration") {
    EventLoop loop;
    std::vector<int> order;
    for (int i = 0; i < 5; ++i) loop.call_soon([&order, i] { order.push_back(i); });
    REQUIRE(order.empty());  // scheduling never runs anything
    loop.run_once();
    REQUIRE(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("callbacks scheduled during an iteration wait for the next one") {
    EventLoop loop;
    std::vector<std::string> order;
    loop.call_soon([&] {
        order.push_back("a");
        loop.call_soon([&] { order.push_back("c"); });
    });
    loop.call_soon([&] { order.push_back("b"); });
    loop.run_once();
    REQUIRE(order == std::vector<std::string>{"a", "b"});
    REQUIRE(loop.has_ready());
    loop.run_once();
    REQUIRE(order == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("a budget splits one iteration without changing what belongs to it") {
    EventLoop loop;
    std::vector<int> order;
    for (int i = 0; i < 4; ++i) {
        loop.call_soon([&, i] {
            order.push_back(i);
            loop.call_soon([&order] { order.push_back(99); });
        });
    }
    REQUIRE_FALSE(loop.run_once(3));  // iteration not complete yet
    REQUIRE(order == std::vector<int>{0, 1, 2});
    REQUIRE(loop.run_once(3));  // the 4th callback, but not the 99s scheduled meanwhile
    REQUIRE(order == std::vector<int>{0, 1, 2, 3});
    loop.run_once();
    REQUIRE(order.size() == 8);
}

TEST_CASE("timers fire earliest first and only once the clock reaches them") {
    EventLoop loop;
    std::vector<int> order;
    loop.call_later(2.0, [&] { order.push_back(2); });
    loop.call_later(1.0, [&] { order.push_back(1); });
    loop.call_later(3.0, [&] { order.push_back(3); });
    loop.run_once();
    REQUIRE(order.empty());
    REQUIRE(loop.next_deadline() == 1.0);
    loop.advance_to(2.0);
    loop.run_once();
    REQUIRE(order == std::vector<int>{1, 2});
    REQUIRE(loop.next_deadline() == 3.0);
}

TEST_CASE("equal deadlines pop in heapq's order, which is not the order they were set") {
    // Python: h = []; for i in range(10): heappush(h, T(2.0, i)) -> pops 0 2 6 9 8 5 7 4 1 3
    EventLoop loop;
    std::vector<int> order;
    for (int i = 0; i < 10; ++i) loop.call_at(2.0, [&order, i] { order.push_back(i); });
    loop.advance_to(2.0);
    loop.run_once();
    REQUIRE(order == std::vector<int>{0, 2, 6, 9, 8, 5, 7, 4, 1, 3});
}

TEST_CASE("heapq helpers match Python's heapq on ties") {
    // The same list of (key, id) pairs with keys compared only, as TimerHandle.__lt__ does.
    std::vector<std::pair<int, int>> heap;
    auto less = [](const auto& a, const auto& b) { return a.first < b.first; };
    const int keys[] = {3, 1, 1, 2, 1, 3, 2, 1};
    for (int i = 0; i < 8; ++i) sp::heapq::heappush(heap, {keys[i], i}, less);
    std::vector<int> ids;
    while (!heap.empty()) ids.push_back(sp::heapq::heappop(heap, less).second);
    // Python 3.11: [p[1] for p in (heappop of the same pushes)] with key-only comparison
    REQUIRE(ids == std::vector<int>{1, 2, 4, 7, 6, 3, 0, 5});
}

TEST_CASE("cancelled handles do not run") {
    EventLoop loop;
    int ran = 0;
    auto soon = loop.call_soon([&] { ran += 1; });
    auto later = loop.call_later(1.0, [&] { ran += 10; });
    soon.cancel();
    later.cancel();
    REQUIRE(soon.cancelled());
    loop.run_once();
    REQUIRE(ran == 0);
    REQUIRE_FALSE(loop.next_deadline());  // a cancelled timer at the head is dropped
    REQUIRE(loop.is_idle());
}

TEST_CASE("cancelling a handle after it ran, or after the loop closed, is harmless") {
    EventLoop loop;
    int ran = 0;
    auto h = loop.call_soon([&] { ran += 1; });
    loop.run_once();
    h.cancel();
    auto t = loop.call_later(5.0, [&] { ran += 1; });
    loop.close();
    t.cancel();
    REQUIRE(ran == 1);
    REQUIRE_THROWS_AS(loop.call_soon([] {}), std::logic_error);
}

TEST_CASE("over 100 timers with most cancelled are rebuilt, keeping CPython's order") {
    // 150 timers at t=1, 100 of them cancelled: _run_once rebuilds the heap with heapify. The order
    // of the 50 survivors (ids below) is what CPython 3.11 gives for the same calls followed by one
    // loop._run_once() on the reference's virtual-time loop.
    EventLoop loop;
    std::vector<sp::TimerHandle> handles;
    std::vector<int> order;
    for (int i = 0; i < 150; ++i) handles.push_back(loop.call_at(1.0, [&order, i] { order.push_back(i); }));
    for (int i = 0; i < 150; ++i) {
        if (i % 3 != 0) handles[i].cancel();
    }
    REQUIRE(loop.scheduled_count() == 150);
    REQUIRE(loop.next_deadline() == 1.0);
    REQUIRE(loop.scheduled_count() == 50);  // rebuilt, not just trimmed at the head
    loop.advance_to(1.0);
    loop.run_once();
    REQUIRE(order.size() == 50);
    const std::vector<int> cpython = {90, 42, 18, 6, 0, 33, 69, 141, 3, 135, 63, 129, 27, 123, 57, 117, 9, 111, 51, 105, 21, 99, 45, 87, 93, 39, 81, 15, 75, 72, 144, 12, 132, 60, 120, 24, 108, 48, 84, 96, 36, 147, 30, 126, 54, 78, 102, 66, 138, 114};
    REQUIRE(order == cpython);
}

TEST_CASE("the clock resolution is 1e-9 s: a timer a tenth of a nanosecond ahead is due") {
    EventLoop loop;
    bool ran = false;
    loop.call_at(1.0 + 1e-10, [&] { ran = true; });
    loop.advance_to(1.0);
    loop.run_once();
    REQUIRE(ran);
}

TEST_CASE("the clock never goes backwards") {
    EventLoop loop;
    loop.advance_to(2.0);
    REQUIRE_THROWS_AS(loop.advance_to(1.0), std::invalid_argument);
    REQUIRE(loop.time() == 2.0);
}
