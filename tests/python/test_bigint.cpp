// BigInt's arithmetic on its own (python/bigint.hpp): identities that hold for any operands, on
// random ones of every size the long division's branches see. The values Python prints are the
// conformance suite's job (tests/conformance/gen_expressions.py's big-int lines).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "bigint.hpp"

using sp::py::BigInt;

namespace {

BigInt random_big(std::mt19937_64& rng, int max_digits) {
    BigInt v;
    const int digits = static_cast<int>(rng() % static_cast<unsigned>(max_digits)) + 1;
    for (int i = 0; i < digits; ++i) {
        // Runs of all-ones and all-zeros digits reach the rare add-back step of Knuth's algorithm D.
        const std::uint64_t kind = rng() % 4;
        const std::int64_t d = kind == 0 ? 0xFFFFFFFF : (kind == 1 ? 0 : static_cast<std::int64_t>(rng() >> 32));
        v = v.shifted_left(32) + BigInt(d);
    }
    return rng() % 2 ? -v : v;
}

}  // namespace

TEST_CASE("bigint: floor division and remainder satisfy a == q*b + r with r of b's sign, |r| < |b|") {
    std::mt19937_64 rng(13);
    for (int i = 0; i < 3000; ++i) {
        const BigInt a = random_big(rng, 12);
        BigInt b = random_big(rng, 6);
        if (b.is_zero()) b = BigInt(std::int64_t{7});
        BigInt q, r;
        BigInt::floor_divmod(a, b, q, r);
        REQUIRE(q * b + r == a);
        REQUIRE((r.is_zero() || r.negative() == b.negative()));
        REQUIRE(compare(r.abs(), b.abs()) < 0);
    }
}

TEST_CASE("bigint: decimal text, shifts and two's complement bitwise operations") {
    BigInt v;
    REQUIRE(BigInt::parse("340282366920938463463374607431768211456", 10, v));
    REQUIRE(v == BigInt(std::int64_t{1}).shifted_left(128));
    REQUIRE((-v).to_string() == "-340282366920938463463374607431768211456");
    REQUIRE(v.to_string(16) == "100000000000000000000000000000000");
    REQUIRE((-v).shifted_right(127) == BigInt(std::int64_t{-2}));
    REQUIRE((-v - BigInt(std::int64_t{1})).shifted_right(127) == BigInt(std::int64_t{-3}));
    using B = BigInt::Bitwise;
    REQUIRE(BigInt::bitwise(B::and_, -v, BigInt(std::int64_t{0xFFFF})).is_zero());
    REQUIRE(BigInt::bitwise(B::or_, -v, BigInt(std::int64_t{5})) == -v + BigInt(std::int64_t{5}));
    REQUIRE(BigInt::bitwise(B::xor_, BigInt(std::int64_t{-1}), v) == -v - BigInt(std::int64_t{1}));
    REQUIRE(!BigInt::parse("12a", 10, v));
}

TEST_CASE("bigint: to double and true division round once, to nearest, ties to even") {
    bool overflow = false;
    const BigInt two53 = BigInt(std::int64_t{1}).shifted_left(53);
    // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: even wins. One more below the last bit breaks it.
    REQUIRE((two53 + BigInt(std::int64_t{1})).to_double(overflow) == 9007199254740992.0);
    const BigInt above = (two53 + BigInt(std::int64_t{1})).shifted_left(100) + BigInt(std::int64_t{1});
    REQUIRE(above.to_double(overflow) == std::ldexp(9007199254740994.0, 100));
    REQUIRE(!overflow);
    BigInt::from_double(1e308).shifted_left(10).to_double(overflow);
    REQUIRE(overflow);
    REQUIRE(sp::py::true_divide(BigInt(std::int64_t{1}), BigInt(std::int64_t{3}), overflow) == 1.0 / 3.0);
    const BigInt ten400 = BigInt::from_double(1e200) * BigInt::from_double(1e200);
    REQUIRE(sp::py::true_divide(BigInt(std::int64_t{1}), ten400, overflow) == 0.0);
    // The smallest subnormal, 2^-1074, from an exact quotient.
    REQUIRE(sp::py::true_divide(BigInt(std::int64_t{1}), BigInt(std::int64_t{1}).shifted_left(1074), overflow) ==
            std::ldexp(1.0, -1074));
    REQUIRE(sp::py::compare_with_double(two53 + BigInt(std::int64_t{1}), 9007199254740992.0) == 1);
    REQUIRE(sp::py::compare_with_double(BigInt(std::int64_t{-3}), -2.5) == -1);
    REQUIRE(sp::py::compare_with_double(BigInt::from_double(1e300), 1e300) == 0);
}
