// The random module (python/random_module.hpp): CPython's generator, draw for draw. The curated
// program tests/conformance/programs/random_seeded.py compares whole programs with python3; these pin
// the generator itself and what an unseeded or hostile program gets.
#include <catch2/catch.hpp>

#include <string>

#include "random_module.hpp"
#include "run_program.hpp"

using sp::py::MersenneTwister;
using sp::py::testing::run;

TEST_CASE("random: the Mersenne Twister gives CPython's numbers for a seed") {
    // python3 -c 'import random; random.seed(42); print(random.random(), random.getrandbits(32))'
    MersenneTwister g;
    g.seed({42});
    REQUIRE(g.random() == 0.6394267984578837);
    REQUIRE(g.next() == 107420369u);
    // A seed of two words (2**32 + 5), past the 624 words of one state (the twist), as python3 draws them.
    g.seed({5, 1});
    for (int i = 0; i < 1000; ++i) g.next();
    REQUIRE(g.random() == 0.35619476072871104);
}

TEST_CASE("random: unseeded, each run draws other numbers, as python3's do") {
    const std::string source = "import random\nprint(random.random(), random.getrandbits(64))\n";
    const auto first = run(source);
    const auto second = run(source);
    REQUIRE(first->exit_status() == 0);
    REQUIRE(first->output() != second->output());
}

TEST_CASE("random: huge draws are bounded like any int, and a shuffle counts against the step budget") {
    REQUIRE(run("import random\nx = random.getrandbits(10**7)\n")->error_line() == "MemoryError");
    // A budget of its own: the default's 100,000,000 steps take minutes under ASan.
    const auto endless = run("import random\nl = list(range(100000))\nwhile True:\n    random.shuffle(l)\n",
                             sp::py::Limits{.steps = 2'000'000});
    REQUIRE(endless->exit_status() == 1);
    REQUIRE(endless->error().find("without finishing") != std::string::npos);
    REQUIRE(run("import random\nrandom.seed('text')\n")->error().find("does not support random.seed() with a str") !=
            std::string::npos);
}
