// The random module (random_module.hpp): the generator, then random.py's functions over it.
#include "random_module.hpp"

#include <random>

#include "bigint.hpp"
#include "builtins.hpp"
#include "interp.hpp"
#include "longobject.hpp"

namespace sp::py {

// --- the generator (Modules/_randommodule.c) ---------------------------------------------------------

void MersenneTwister::init(std::uint32_t s) {
    mt_[0] = s;
    for (std::size_t i = 1; i < n; ++i)
        mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
    index_ = n;
}

void MersenneTwister::seed(const std::vector<std::uint32_t>& key) {
    init(19650218u);
    std::size_t i = 1;
    std::size_t j = 0;
    for (std::size_t k = std::max(n, key.size()); k > 0; --k) {
        mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<std::uint32_t>(j);
        if (++i >= n) mt_[0] = mt_[n - 1], i = 1;
        if (++j >= key.size()) j = 0;
    }
    for (std::size_t k = n - 1; k > 0; --k) {
        mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
        if (++i >= n) mt_[0] = mt_[n - 1], i = 1;
    }
    mt_[0] = 0x80000000u;  // assuring a non-zero initial array
}

void MersenneTwister::twist() {
    constexpr std::size_t m = 397;
    constexpr std::uint32_t upper = 0x80000000u;
    constexpr std::uint32_t lower = 0x7fffffffu;
    const auto mixed = [](std::uint32_t y) { return (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u); };
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t y = (mt_[k] & upper) | (mt_[(k + 1) % n] & lower);
        mt_[k] = mt_[(k + m) % n] ^ mixed(y);
    }
    index_ = 0;
}

std::uint32_t MersenneTwister::next() {
    if (index_ >= n) twist();
    std::uint32_t y = mt_[index_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double MersenneTwister::random() {
    const std::uint32_t a = next() >> 5;
    const std::uint32_t b = next() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

namespace {

MersenneTwister& generator(Interp& in) { return *in.random_generator; }

/// random_seed_urandom: an unseeded generator starts from 624 words of the system's entropy.
void seed_from_entropy(MersenneTwister& g) {
    std::random_device entropy;
    std::vector<std::uint32_t> key(624);
    for (std::uint32_t& word : key) word = entropy();
    g.seed(key);
}

// --- binding arguments as random.py's methods do (Python/ceval.c's messages) -----------------------------

struct Parameters {
    const char* name;                // "randint": messages say "Random.randint()"
    std::vector<const char*> names;  // in order
    std::size_t required;            // the first `required` have no default
};

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += names.size() > 2 ? (i + 1 == names.size() ? ", and " : ", ") : " and ";
        out += "'" + names[i] + "'";
    }
    return out;
}

/// The arguments by parameter, an absent one as an unbound Value (`bound[i].tag == Tag::none` is a given
/// None; absent ones are left out of `given`). Raises the TypeError a Python method would.
std::vector<Value> bind_arguments(Interp& in, const Parameters& p, const CallArgs& a, std::vector<bool>& given) {
    const std::string who = std::string("Random.") + p.name + "()";
    const std::size_t count = p.names.size();
    if (a.pos.size() > count) {
        const std::string takes = p.required == count
                                      ? std::to_string(count + 1)
                                      : "from " + std::to_string(p.required + 1) + " to " + std::to_string(count + 1);
        in.raise("TypeError", who + " takes " + takes + " positional arguments but " +
                                  std::to_string(a.pos.size() + 1) + " were given");
    }
    std::vector<Value> bound(count, Value::none());
    given.assign(count, false);
    for (std::size_t i = 0; i < a.pos.size(); ++i) bound[i] = a.pos[i], given[i] = true;
    for (const auto& [key, value] : a.kw) {
        std::size_t i = 0;
        while (i < count && key != p.names[i]) ++i;
        if (i == count) in.raise("TypeError", who + " got an unexpected keyword argument '" + key + "'");
        if (given[i]) in.raise("TypeError", who + " got multiple values for argument '" + key + "'");
        bound[i] = value, given[i] = true;
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < p.required; ++i)
        if (!given[i]) missing.emplace_back(p.names[i]);
    if (!missing.empty())
        in.raise("TypeError", who + " missing " + std::to_string(missing.size()) + " required positional argument" +
                                  (missing.size() > 1 ? "s: " : ": ") + quoted_list(missing));
    return bound;
}

std::vector<Value> bind_arguments(Interp& in, const Parameters& p, const CallArgs& a) {
    std::vector<bool> given;
    return bind_arguments(in, p, a, given);
}

// --- the draws ---------------------------------------------------------------------------------------

/// getrandbits(k) for 1 <= k <= 64: one draw's top k bits, or a full low word and the next draw's top
/// bits above it (the words of _random_Random_getrandbits_impl, least significant first).
std::uint64_t draw_bits(MersenneTwister& g, unsigned k) {
    if (k <= 32) return g.next() >> (32 - k);
    const std::uint64_t low = g.next();
    return low | static_cast<std::uint64_t>(g.next() >> (64 - k)) << 32;
}

/// getrandbits(k): up to 63 bits as above, more as 32-bit words, least significant first.
Value random_bits(Interp& in, std::uint64_t k) {
    MersenneTwister& g = generator(in);
    if (k == 0) return Value::integer(0);
    if (k < 64) return Value::integer(static_cast<std::int64_t>(draw_bits(g, static_cast<unsigned>(k))));
    if (k > max_long_bits) in.raise("MemoryError", "");
    std::vector<BigInt::digit> words((k - 1) / 32 + 1);
    for (BigInt::digit& word : words) {
        word = g.next();
        if (k < 32) word >>= 32 - k;
        k -= std::min<std::uint64_t>(k, 32);
    }
    in.charge_work(words.size());
    return long_value(in, BigInt::from_digits(std::move(words)));
}

/// _randbelow_with_getrandbits: a number in [0, bound), drawn again while it is not below it.
std::uint64_t below(Interp& in, unsigned __int128 bound) {
    unsigned bits = 0;
    while ((bound >> bits) != 0) ++bits;  // bound.bit_length(), at most 64 (randrange's widths)
    for (;;) {
        const std::uint64_t r = draw_bits(generator(in), bits);
        if (r < bound) return r;
    }
}

// --- the functions -----------------------------------------------------------------------------------

Value r_seed(Interp& in, Value, CallArgs& a) {
    const std::vector<Value> v = bind_arguments(in, {"seed", {"a", "version"}, 0}, a);
    const Value& seed = v[0];
    if (seed.is_none()) {
        seed_from_entropy(generator(in));
        return Value::none();
    }
    if (is_kind(seed, Kind::str)) in.refuse("random.seed() with a str (CPython seeds from its SHA-512)");
    std::uint64_t magnitude = 0;
    if (seed.is_intlike()) {
        const std::int64_t i = seed.as_int();
        magnitude = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
    } else if (seed.tag == Tag::real) {
        // random_seed: any other object seeds by its hash, here a float's (hash(1.5))
        const std::int64_t h = hash_of(in, seed);
        magnitude = h < 0 ? 0 - static_cast<std::uint64_t>(h) : static_cast<std::uint64_t>(h);
    } else if (is_long(seed)) {
        in.refuse("random.seed() of an int beyond 64 bits");
    } else {
        in.raise("TypeError", "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    }
    std::vector<std::uint32_t> key{static_cast<std::uint32_t>(magnitude)};
    if ((magnitude >> 32) != 0) key.push_back(static_cast<std::uint32_t>(magnitude >> 32));
    generator(in).seed(key);
    return Value::none();
}

Value r_random(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "Random.random", a, 0);
    return Value::real(generator(in).random());
}

Value r_getrandbits(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "Random.getrandbits", a, 1);
    const std::int64_t k = to_index(in, a.pos[0], "");
    if (k < 0) in.raise("ValueError", "number of bits must be non-negative");
    return random_bits(in, static_cast<std::uint64_t>(k));
}

/// uniform(a, b): a + (b - a) * random(), in Python's arithmetic (ints give a float, errors as `-` raises).
Value r_uniform(Interp& in, Value, CallArgs& a) {
    const std::vector<Value> v = bind_arguments(in, {"uniform", {"a", "b"}, 2}, a);
    const Value span = in.binary(BinOp::sub, v[1], v[0]);
    return in.binary(BinOp::add, v[0], in.binary(BinOp::mul, span, Value::real(generator(in).random())));
}

// --- randrange and what is built on it ---------------------------------------------------------------

/// A DeprecationWarning of randrange's, shown when the program called it (random.py warns with
/// stacklevel 2, so through randint the warning is random.py's own, which the default filters hide).
void deprecated(Interp& in, bool shown, const char* message) {
    if (!shown || in.current == nullptr) return;
    const std::string text = format_warning(in, in.current->line(), "DeprecationWarning", message);
    if (in.warned.insert(text).second) in.write_stderr(text);
}

/// randrange's _index(x), or else int(x) when that equals x (5.0; deprecated since 3.10): an int64.
std::int64_t range_argument(Interp& in, const Value& x, const char* which, bool direct) {
    if (is_long(x)) in.refuse("random.randrange() beyond 64 bits");
    if (x.is_intlike()) return x.as_int();
    CallArgs args;
    args.pos.push_back(x);
    const Value i = call_builtin(in, in.builtins["int"], args);
    if (!truthy(in.compare(CmpOp::eq, i, x))) {
        deprecated(in, direct, "randrange() will raise TypeError in the future");
        in.raise("ValueError", std::string("non-integer ") + which + " for randrange()");
    }
    deprecated(in, direct,
               "non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a "
               "subsequent version");
    return range_argument(in, i, which, direct);
}

std::string decimal(__int128 x) {
    const bool negative = x < 0;
    auto u = negative ? 0 - static_cast<unsigned __int128>(x) : static_cast<unsigned __int128>(x);
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    } while (u != 0);
    return negative ? "-" + digits : digits;
}

/// Python's // on the exact widths randrange computes (they can pass 64 bits).
__int128 floor_divide(__int128 a, __int128 b) {
    const __int128 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// Random.randrange(start, stop=None, step=1), line by line as random.py 3.11 has it.
Value randrange(Interp& in, const std::vector<Value>& v, const std::vector<bool>& given, bool direct) {
    const __int128 start = range_argument(in, v[0], "arg 1", direct);
    if (!given[1] || v[1].is_none()) {
        const bool step_is_one = v[2].tag == Tag::integer && v[2].i == 1;  // `step is not _ONE`
        if (given[2] && !step_is_one) in.raise("TypeError", "Missing a non-None stop argument");
        if (start > 0) return Value::integer(static_cast<std::int64_t>(below(in, start)));
        in.raise("ValueError", "empty range for randrange()");
    }
    const __int128 stop = range_argument(in, v[1], "stop", direct);
    const __int128 width = stop - start;
    const __int128 step = given[2] ? range_argument(in, v[2], "step", direct) : 1;
    if (step == 1) {
        if (width > 0) return Value::integer(static_cast<std::int64_t>(start + below(in, width)));
        in.raise("ValueError",
                 "empty range for randrange() (" + decimal(start) + ", " + decimal(stop) + ", " + decimal(width) + ")");
    }
    if (step == 0) in.raise("ValueError", "zero step for randrange()");
    const __int128 n = floor_divide(step > 0 ? width + step - 1 : width + step + 1, step);
    if (n <= 0) in.raise("ValueError", "empty range for randrange()");
    return Value::integer(static_cast<std::int64_t>(start + step * static_cast<__int128>(below(in, n))));
}

const Parameters randrange_parameters{"randrange", {"start", "stop", "step"}, 1};

Value r_randrange(Interp& in, Value, CallArgs& a) {
    std::vector<bool> given;
    const std::vector<Value> v = bind_arguments(in, randrange_parameters, a, given);
    return randrange(in, v, given, true);
}

/// randint(a, b): randrange(a, b + 1), `b + 1` first, as Python's `+` has it.
Value r_randint(Interp& in, Value, CallArgs& a) {
    const std::vector<Value> v = bind_arguments(in, {"randint", {"a", "b"}, 2}, a);
    const Value stop = in.binary(BinOp::add, v[1], Value::integer(1));
    return randrange(in, {v[0], stop, Value::integer(1)}, {true, true, false}, false);
}

std::int64_t length(Interp& in, const Value& seq) {
    CallArgs args;
    args.pos.push_back(seq);
    return call_builtin(in, in.builtins["len"], args).as_int();
}

Value r_choice(Interp& in, Value, CallArgs& a) {
    const std::vector<Value> v = bind_arguments(in, {"choice", {"seq"}, 1}, a);
    const std::int64_t n = length(in, v[0]);
    if (n == 0) in.raise("IndexError", "Cannot choose from an empty sequence");
    return in.subscript(v[0], Value::integer(static_cast<std::int64_t>(below(in, n))));
}

/// shuffle(x): Fisher-Yates from the end, `x[i], x[j] = x[j], x[i]` (so a tuple fails at its first store).
Value r_shuffle(Interp& in, Value, CallArgs& a) {
    const std::vector<Value> v = bind_arguments(in, {"shuffle", {"x"}, 1}, a);
    const Value& x = v[0];
    const std::int64_t n = length(in, x);
    in.charge_work(static_cast<std::uint64_t>(n));
    for (std::int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<std::int64_t>(below(in, i + 1));
        if (is_kind(x, Kind::list)) {
            std::swap(as<ListObj>(x)->items[static_cast<std::size_t>(i)],
                      as<ListObj>(x)->items[static_cast<std::size_t>(j)]);
            continue;
        }
        const Value at_j = in.subscript(x, Value::integer(j));
        const Value at_i = in.subscript(x, Value::integer(i));
        store_subscript(in, x, Value::integer(i), at_j);
        store_subscript(in, x, Value::integer(j), at_i);
    }
    return Value::none();
}

}  // namespace

ModuleObj* random_module(Interp& in) {
    bool made = false;
    ModuleObj* m = native_module(in, "random",
                                 {{"seed", r_seed},
                                  {"random", r_random},
                                  {"getrandbits", r_getrandbits},
                                  {"uniform", r_uniform},
                                  {"randint", r_randint},
                                  {"randrange", r_randrange},
                                  {"choice", r_choice},
                                  {"shuffle", r_shuffle}},
                                 made, "random.Random");
    if (made) {
        in.random_generator = std::make_shared<MersenneTwister>();
        seed_from_entropy(*in.random_generator);
    }
    return m;
}

}  // namespace sp::py
