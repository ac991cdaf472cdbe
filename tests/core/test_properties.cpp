// Property tests: seeded random operation sequences (acquire, nested acquire, release, cancel,
// timeout, failure) with the runtime's invariants checked after every loop iteration. The same
// interpreter is the libFuzzer target fuzz/fuzz_operations.cpp; here it runs a bounded number of
// seeds in every build (native, clang, ASan+UBSan, Wasm). SP_PROPERTY_RUNS=N runs longer.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <vector>

#include "operations.hpp"
#include "scenario.hpp"

TEST_CASE("random operation sequences keep every invariant") {
    const char* env = std::getenv("SP_PROPERTY_RUNS");
    const int runs = env ? std::atoi(env) : 300;
    std::mt19937 random(20261124);
    for (int run = 0; run < runs; ++run) {
        std::vector<std::uint8_t> bytes(1 + random() % 200);
        for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
        INFO("run " << run << ", " << bytes.size() << " bytes");
        sp::fuzzing::OperationRun program(bytes.data(), bytes.size());
        REQUIRE_NOTHROW(program.run());
    }
}

TEST_CASE("a simulation destroyed mid-run (the page's Reset) tears down cleanly") {
    // Found by fuzz_operations: releasing a permit while unfinished tasks were destroyed after
    // loop.close() scheduled a callback on the closed loop, which threw inside a destructor.
    auto sim = std::make_unique<sp::Simulation>(sp::uniform_scenario(2, false, 5, 1.0));
    for (int i = 0; i < 3; ++i) sim->run_once();
    REQUIRE(sim->semaphore().value() == 0);
    REQUIRE(sim->semaphore().waiter_count() == 3);
    REQUIRE_NOTHROW(sim.reset());
}
