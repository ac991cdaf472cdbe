// The random module: Lib/random.py's functions over Modules/_randommodule.c's Mersenne Twister, so a
// program that calls random.seed(n) draws the very numbers python3 draws (lessons give tasks random
// durations; seeded, the run is the one CPython prints). Unseeded, it starts from the system's
// entropy, as CPython does: each run differs, in CPython too.
//
// The functions: seed, random, uniform, randint, randrange, choice, shuffle, getrandbits. Their
// arguments bind as random.py's methods' do ("Random.randint() missing 1 required positional
// argument: 'b'"). The rest of random's names are refused by name (python/cpython_attributes.hpp).
// Not modelled: str and bytes seeds (SHA-512 of the text), ranges beyond 64 bits.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "value.hpp"

namespace sp::py {

class Interp;

/// CPython's MT19937 (_randommodule.c: genrand_uint32, init_genrand, init_by_array), the state every
/// function of the module draws from.
class MersenneTwister {
public:
    /// init_by_array: the state from the key's 32-bit words (an int seed's, least significant first).
    void seed(const std::vector<std::uint32_t>& key);
    /// genrand_uint32: the next 32 random bits.
    std::uint32_t next();
    /// random_random: a double in [0, 1) from 53 random bits (two draws).
    double random();

private:
    static constexpr std::size_t n = 624;
    void init(std::uint32_t s);
    void twist();
    std::array<std::uint32_t, n> mt_{};
    std::size_t index_ = n + 1;
};

/// The random module, built on first use (`import random`) with a generator seeded from the system's
/// entropy.
ModuleObj* random_module(Interp& in);

}  // namespace sp::py
