// sp::run_iteration (core/runners.hpp): the one driver step every virtual-time driver shares.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "asyncio.hpp"

using namespace sp;

TEST_CASE("run_iteration: ready work first, then a jump to the next deadline, then false when idle") {
    EventLoop loop;
    std::vector<std::string> ran;
    loop.call_at(2.0, [&] { ran.push_back("timer@2"); });
    loop.call_soon([&] { ran.push_back("soon"); });
    REQUIRE(run_iteration(loop));  // the ready callback runs; the clock stays
    REQUIRE(loop.time() == 0.0);
    REQUIRE(ran == std::vector<std::string>{"soon"});
    REQUIRE(run_iteration(loop));  // nothing ready: jump to 2 and run the timer in that same iteration
    REQUIRE(loop.time() == 2.0);
    REQUIRE(ran == std::vector<std::string>{"soon", "timer@2"});
    REQUIRE_FALSE(run_iteration(loop));  // idle: nothing ready, no timer
    REQUIRE(loop.time() == 2.0);
    loop.close();
}

TEST_CASE("run_iteration: a deadline already in the past runs without moving the clock back") {
    EventLoop loop;
    bool ran = false;
    loop.call_soon([&] { loop.call_at(0.0, [&] { ran = true; }); });
    loop.advance_to(5.0);
    REQUIRE(run_iteration(loop));  // schedules the past timer
    REQUIRE(run_iteration(loop));  // runs it at 5
    REQUIRE(ran);
    REQUIRE(loop.time() == 5.0);
    loop.close();
}

TEST_CASE("run_iteration with a budget runs part of an iteration, and the rest before the next jump") {
    EventLoop loop;
    int count = 0;
    for (int i = 0; i < 5; ++i) loop.call_soon([&] { count += 1; });
    loop.call_at(1.0, [&] { count += 100; });
    REQUIRE(run_iteration(loop, 2));
    REQUIRE(count == 2);
    REQUIRE(loop.has_ready());  // the iteration is under way: no jump yet
    REQUIRE(run_iteration(loop, 10));
    REQUIRE(count == 5);
    REQUIRE(loop.time() == 0.0);
    REQUIRE(run_iteration(loop));
    REQUIRE(count == 105);
    loop.close();
}
