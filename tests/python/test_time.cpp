// The time module (python/time_module.hpp) on the virtual clock. The curated programs
// time_sleep_blocks.py, time_clocks.py and time_sleep_awaited.py compare whole programs with CPython;
// these pin what only the playground's side shows: the views' times, the host's stepping, hostile sleeps.
#include <catch2/catch.hpp>

#include <string>

#include "run_program.hpp"

using sp::py::Program;
using sp::py::testing::run;

TEST_CASE("time: a blocking sleep moves the loop's clock and the timers it passed run next, by deadline") {
    const auto p = run(R"(import asyncio, time
async def sleeper(d):
    await asyncio.sleep(d)
    print("woke", d)
async def main():
    tasks = [asyncio.create_task(sleeper(d)) for d in (3, 1, 2)]
    await asyncio.sleep(0)
    time.sleep(2.5)
    print("blocked until", asyncio.get_running_loop().time())
    await asyncio.gather(*tasks)
asyncio.run(main())
)");
    REQUIRE(p->exit_status() == 0);
    REQUIRE(p->output() == "blocked until 2.5\nwoke 1\nwoke 2\nwoke 3\n");
    const auto lines = p->lines();
    REQUIRE(lines.at(0).t == 2.5);
    REQUIRE(lines.at(1).t == 2.5);  // overdue: they run at once, when the block ends
    REQUIRE(lines.at(2).t == 2.5);
    REQUIRE(lines.at(3).t == 3.0);
}

TEST_CASE("time: a host stepping the program sees the clock move inside one iteration") {
    Program p(
        "import asyncio, time\nasync def main():\n    print('a')\n    time.sleep(4)\n    "
        "print('b')\nasyncio.run(main())\n");
    while (p.time() == 0.0 && p.advance()) {
    }
    REQUIRE(p.time() == 4.0);
    p.run();
    REQUIRE(p.lines().at(0).t == 0.0);
    REQUIRE(p.lines().at(1).t == 4.0);
}

TEST_CASE("time: monotonic() goes on across asyncio.run() calls and module-level sleeps") {
    const auto p = run(R"(import asyncio, time
async def main():
    await asyncio.sleep(2)
    return time.monotonic(), asyncio.get_running_loop().time()
time.sleep(1)
print(asyncio.run(main()), time.monotonic())
print(asyncio.run(main()), time.perf_counter_ns())
)");
    REQUIRE(p->output() == "(3.0, 2.0) 3.0\n(5.0, 2.0) 5000000000\n");
}

TEST_CASE("time: endless blocking sleeps stop at the step limit; huge ones are refused as CPython refuses them") {
    const auto endless = run("import time\nwhile True:\n    time.sleep(1e9)\n", sp::py::Limits{.steps = 100000});
    REQUIRE(endless->exit_status() == 1);
    REQUIRE(endless->error().find("without finishing") != std::string::npos);
    REQUIRE(run("import time\ntime.sleep(1e10)\n")->error_line() ==
            "OverflowError: timestamp out of range for platform time_t");
    REQUIRE(run("import time\ntime.sleep(float('inf'))\n")->error_line() ==
            "OverflowError: timestamp out of range for platform time_t");
    REQUIRE(run("import time\ntime.strftime('%Y')\n")->error().find("does not support time.strftime") !=
            std::string::npos);
}

TEST_CASE("time: the _ns clocks stay exact ints past 64 bits of nanoseconds") {
    // 3 * 9e9 s is past 2^64 ns: python3's clocks would count it as an int all the same.
    const auto p =
        run("import time\nfor _ in range(3):\n    time.sleep(9e9)\nprint(time.monotonic_ns(), time.monotonic(), "
            "time.time_ns() - time.time_ns())\n");
    REQUIRE(p->exit_status() == 0);
    REQUIRE(p->output() == "27000000000000000000 27000000000.0 0\n");
}
