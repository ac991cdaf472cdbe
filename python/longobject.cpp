#include "longobject.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "interp.hpp"

namespace sp::py {

const char* const int_str_limit_message =
    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase "
    "the limit";

namespace {

[[noreturn]] void too_big(Interp& in) { in.raise("MemoryError", ""); }

void check_bits(Interp& in, std::uint64_t bits) {
    if (bits > max_long_bits) too_big(in);
}

/// A big multiplication or division costs time in proportion to the product of the operands'
/// sizes: count it against the step budget, so that a loop of them stops like any endless loop.
void charge(Interp& in, const BigInt& a, const BigInt& b) {
    in.steps += static_cast<std::uint64_t>(a.size()) * b.size() / 64;
    in.charge_work(0);  // the steps just added, before the work
}

double checked_double(Interp& in, const BigInt& v) {
    bool overflow = false;
    const double d = v.to_double(overflow);
    if (overflow) in.raise("OverflowError", "int too large to convert to float");
    return d;
}

/// log2(m) for m >= 1, from its top 53 bits (a double cannot hold a long int's whole value).
double log2_of(const BigInt& m) {
    const std::uint64_t bits = m.bit_length();
    const std::uint64_t dropped = bits > 53 ? bits - 53 : 0;
    bool overflow = false;
    const double top = (dropped > 0 ? m.shifted_right(dropped) : m).to_double(overflow);
    return std::log2(top) + static_cast<double>(dropped);
}

/// Left-to-right square and multiply: no intermediate is larger than the result, so the bound is
/// checked once, before any work.
BigInt power(Interp& in, const BigInt& base, std::uint64_t exponent) {
    BigInt result(std::int64_t{1});
    for (int bit = 63 - __builtin_clzll(exponent); bit >= 0; --bit) {
        charge(in, result, result);
        result = result * result;
        if ((exponent >> bit) & 1) {
            charge(in, result, base);
            result = result * base;
        }
    }
    return result;
}

Value long_pow(Interp& in, const BigInt& base, const BigInt& exponent) {
    if (exponent.negative()) {  // int ** negative int is float ** float, as CPython computes it
        if (base.is_zero()) in.raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        return Value::real(std::pow(checked_double(in, base), checked_double(in, exponent)));
    }
    if (exponent.is_zero()) return Value::integer(1);
    const BigInt magnitude = base.abs();
    if (magnitude.bit_length() <= 1) {  // 0, 1 and -1 stay small however large the exponent
        return Value::integer(base.is_zero() ? 0 : (base.negative() && exponent.is_odd() ? -1 : 1));
    }
    // |base| >= 2: the result has floor(exponent * log2|base|) + 1 bits, refused before any work past
    // the bound (a double's rounding may let one just past it through, which long_value refuses).
    // bits(base) * exponent is no bound to use: 2**300000 has 300,001 bits, not 600,000.
    if (!exponent.fits_int64() ||
        static_cast<double>(exponent.to_int64()) * log2_of(magnitude) >= static_cast<double>(max_long_bits) + 1)
        too_big(in);
    return long_value(in, power(in, base, static_cast<std::uint64_t>(exponent.to_int64())));
}

/// `x << count` for a count past 64 bits, as CPython's long_lshift meets it (divmod_shift, then
/// _PyLong_New): a result of more 30-bit digits than a PyLongObject can count is OverflowError
/// "too many digits in integer"; one of fewer fails to be allocated, MemoryError.
[[noreturn]] void shift_past_int64(Interp& in, const BigInt& x, const BigInt& count) {
    constexpr std::int64_t max_long_digits = (INT64_MAX - 24) / 4;  // MAX_LONG_DIGITS on 64 bits
    constexpr std::int64_t clipped = INT64_MAX / 4;                 // divmod_shift's largest wordshift
    BigInt words, rest;
    BigInt::floor_divmod(count, BigInt(std::int64_t{30}), words, rest);
    const bool fits = words.fits_int64() && words.to_int64() < clipped;
    const std::int64_t wordshift = fits ? words.to_int64() : clipped;
    const auto digits = static_cast<std::int64_t>((x.bit_length() + 29) / 30);
    if (digits + wordshift + (fits && !rest.is_zero() ? 1 : 0) > max_long_digits)
        in.raise("OverflowError", "too many digits in integer");
    too_big(in);
}

Value long_shift(Interp& in, BinOp op, const BigInt& x, const BigInt& count) {
    if (count.negative()) in.raise("ValueError", "negative shift count");
    if (op == BinOp::rshift) {
        if (!count.fits_int64() || static_cast<std::uint64_t>(count.to_int64()) >= x.bit_length())
            return Value::integer(x.negative() ? -1 : 0);
        return long_value(in, x.shifted_right(static_cast<std::uint64_t>(count.to_int64())));
    }
    if (x.is_zero()) return Value::integer(0);
    if (!count.fits_int64()) shift_past_int64(in, x, count);
    const auto bits = static_cast<std::uint64_t>(count.to_int64());
    if (bits > max_long_bits) too_big(in);
    check_bits(in, x.bit_length() + bits);
    return long_value(in, x.shifted_left(bits));
}

Value long_divide(Interp& in, BinOp op, const BigInt& x, const BigInt& y) {
    if (y.is_zero()) {
        if (op == BinOp::truediv) in.raise("ZeroDivisionError", "division by zero");
        in.raise("ZeroDivisionError",
                 op == BinOp::mod ? "integer modulo by zero" : "integer division or modulo by zero");
    }
    charge(in, x, y);
    if (op == BinOp::truediv) {
        bool overflow = false;
        const double d = true_divide(x, y, overflow);
        if (overflow) in.raise("OverflowError", "integer division result too large for a float");
        return Value::real(d);
    }
    BigInt quotient, remainder;
    BigInt::floor_divmod(x, y, quotient, remainder);
    return long_value(in, op == BinOp::mod ? std::move(remainder) : std::move(quotient));
}

Value big_binary(Interp& in, BinOp op, const BigInt& x, const BigInt& y) {
    switch (op) {
        case BinOp::add:
        case BinOp::sub:
            check_bits(in, std::max(x.bit_length(), y.bit_length()) + 1);
            return long_value(in, op == BinOp::add ? x + y : x - y);
        case BinOp::mul:
            check_bits(in, x.bit_length() + y.bit_length());
            charge(in, x, y);
            return long_value(in, x * y);
        case BinOp::truediv:
        case BinOp::floordiv:
        case BinOp::mod: return long_divide(in, op, x, y);
        case BinOp::pow: return long_pow(in, x, y);
        case BinOp::lshift:
        case BinOp::rshift: return long_shift(in, op, x, y);
        case BinOp::and_: return long_value(in, BigInt::bitwise(BigInt::Bitwise::and_, x, y));
        case BinOp::or_: return long_value(in, BigInt::bitwise(BigInt::Bitwise::or_, x, y));
        case BinOp::xor_: return long_value(in, BigInt::bitwise(BigInt::Bitwise::xor_, x, y));
    }
    return Value::none();
}

/// An int against a finite or infinite double, exactly.
int compare_integer_double(const Value& x, double d) {
    if (std::isnan(d)) return 2;
    if (std::isinf(d)) return d > 0 ? -1 : 1;
    if (!is_long(x)) {
        const std::int64_t i = x.as_int();
        if (i >= -(std::int64_t{1} << 53) && i <= (std::int64_t{1} << 53)) {  // exact as a double
            const double v = static_cast<double>(i);
            return v < d ? -1 : (v > d ? 1 : 0);
        }
    }
    return compare_with_double(to_bigint(x), d);
}

}  // namespace

BigInt to_bigint(const Value& integer) {
    return is_long(integer) ? as<LongObj>(integer)->value : BigInt(integer.as_int());
}

Value long_value(Interp& in, BigInt v) {
    if (v.fits_int64()) return Value::integer(v.to_int64());
    check_bits(in, v.bit_length());
    in.heap.charge(v.size() * sizeof(BigInt::digit));
    return Value::object(in.heap.make<LongObj>(std::move(v)));
}

Value long_from_double(Interp& in, double integral) {
    if (integral >= -9223372036854775808.0 && integral < 9223372036854775808.0)
        return Value::integer(static_cast<std::int64_t>(integral));
    return long_value(in, BigInt::from_double(integral));
}

bool long_from_digits(Interp& in, const std::string& digits, int base, bool negative, Value& out) {
    BigInt v;
    if (!BigInt::parse(digits, base, v)) return false;
    out = long_value(in, negative ? -v : v);
    return true;
}

Value long_small_binary(Interp& in, BinOp op, std::int64_t a, std::int64_t b) {
    return big_binary(in, op, BigInt(a), BigInt(b));
}

Value long_binary(Interp& in, BinOp op, const Value& a, const Value& b) {
    return big_binary(in, op, to_bigint(a), to_bigint(b));
}

Value long_unary(Interp& in, int op, const Value& v) {
    const BigInt x = to_bigint(v);
    if (op == 0) return long_value(in, -x);
    if (op == 1) return long_value(in, x);
    return long_value(in, -x - BigInt(std::int64_t{1}));  // ~x
}

namespace {

/// x mod m, with m's sign (Python's %).
BigInt floor_mod(Interp& in, const BigInt& x, const BigInt& m) {
    charge(in, x, m);
    BigInt quotient, remainder;
    BigInt::floor_divmod(x, m, quotient, remainder);
    return remainder;
}

/// The inverse of a modulo n > 1 (CPython's long_invmod: Euclid's algorithm, extended).
BigInt invmod(Interp& in, BigInt a, const BigInt& n) {
    BigInt b = n, c(std::int64_t{1}), d(std::int64_t{0});
    while (!b.is_zero()) {
        BigInt q, r;
        charge(in, a, b);
        BigInt::floor_divmod(a, b, q, r);
        a = std::move(b);
        b = std::move(r);
        BigInt t = c - q * d;
        c = std::move(d);
        d = std::move(t);
    }
    if (!(a == BigInt(std::int64_t{1}))) in.raise("ValueError", "base is not invertible for the given modulus");
    return floor_mod(in, c, n);
}

}  // namespace

Value long_pow_mod(Interp& in, const Value& base, const Value& exponent, const Value& modulus) {
    BigInt c = to_bigint(modulus);
    if (c.is_zero()) in.raise("ValueError", "pow() 3rd argument cannot be 0");
    const bool negative_output = c.negative();  // the result takes the modulus's sign
    if (negative_output) c = -c;
    if (c == BigInt(std::int64_t{1})) return Value::integer(0);  // before any inverse is sought
    BigInt a = to_bigint(base);
    BigInt b = to_bigint(exponent);
    if (b.negative()) {
        a = invmod(in, std::move(a), c);
        b = -b;
    }
    a = floor_mod(in, a, c);
    BigInt z(std::int64_t{1});
    for (std::uint64_t bit = b.bit_length(); bit-- > 0;) {  // left to right: square, then multiply
        z = floor_mod(in, z * z, c);
        if (b.magnitude_bit(bit)) z = floor_mod(in, z * a, c);
    }
    if (negative_output && !z.is_zero()) z = z - c;
    return long_value(in, std::move(z));
}

std::int64_t long_hash_value(const Value& integer) {
    constexpr std::uint64_t modulus = (std::uint64_t{1} << 61) - 1;  // _PyHASH_MODULUS
    std::uint64_t h = 0;
    bool negative = false;
    if (integer.is_intlike()) {
        const std::int64_t v = integer.as_int();
        negative = v < 0;
        h = (negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v)) % modulus;
    } else {
        const BigInt& v = as<LongObj>(integer)->value;
        negative = v.negative();
        BigInt quotient, remainder;
        BigInt::floor_divmod(v.abs(), BigInt(static_cast<std::int64_t>(modulus)), quotient, remainder);
        h = static_cast<std::uint64_t>(remainder.to_int64());
    }
    const std::int64_t signed_hash = negative ? -static_cast<std::int64_t>(h) : static_cast<std::int64_t>(h);
    return signed_hash == -1 ? -2 : signed_hash;
}

Value long_round(Interp& in, const Value& x, std::int64_t ndigits) {
    if (ndigits >= 0 && !is_long(x)) return Value::integer(x.as_int());
    const BigInt v = to_bigint(x);
    if (ndigits >= 0) return long_value(in, v);
    // 10^places above 2|v| rounds to zero (and would pass the size bound for nothing).
    const std::uint64_t places = ndigits == INT64_MIN ? UINT64_MAX : static_cast<std::uint64_t>(-ndigits);
    if (places > v.bit_length() / 3 + 1) return Value::integer(0);
    const BigInt scale = power(in, BigInt(std::int64_t{10}), places);
    BigInt quotient, remainder;
    BigInt::floor_divmod(v, scale, quotient, remainder);
    const int half = compare(remainder + remainder, scale);
    if (half > 0 || (half == 0 && quotient.is_odd())) quotient = quotient + BigInt(std::int64_t{1});
    return long_value(in, quotient * scale);
}

double round_float_to_tens(double x, int places, bool& overflow) {
    // x = mantissa * 2^exponent exactly; round mantissa / (2^-exponent * 10^places) to an integer.
    int exponent = 0;
    const double fraction = std::frexp(x, &exponent);
    const BigInt mantissa = BigInt::from_double(std::ldexp(fraction, 53));
    exponent -= 53;
    BigInt scale(std::int64_t{1});
    for (int i = 0; i < places; ++i) scale = scale * BigInt(std::int64_t{10});
    const BigInt numerator = exponent > 0 ? mantissa.shifted_left(static_cast<std::uint64_t>(exponent)) : mantissa;
    const BigInt divisor = exponent < 0 ? scale.shifted_left(static_cast<std::uint64_t>(-exponent)) : scale;
    BigInt quotient, remainder;
    BigInt::floor_divmod(numerator, divisor, quotient, remainder);
    const int half = compare(remainder + remainder, divisor);
    if (half > 0 || (half == 0 && quotient.is_odd())) quotient = quotient + BigInt(std::int64_t{1});
    overflow = false;
    const double rounded = (quotient * scale).to_double(overflow);
    return rounded == 0.0 ? std::copysign(0.0, x) : rounded;
}

double long_to_double(Interp& in, const Value& integer) {
    if (!is_long(integer)) return static_cast<double>(integer.as_int());
    return checked_double(in, as<LongObj>(integer)->value);
}

int number_compare(const Value& a, const Value& b) {
    if (a.tag == Tag::real && b.tag == Tag::real) {
        if (std::isnan(a.f) || std::isnan(b.f)) return 2;
        return a.f < b.f ? -1 : (a.f > b.f ? 1 : 0);
    }
    if (b.tag == Tag::real) return compare_integer_double(a, b.f);
    if (a.tag == Tag::real) {
        const int c = compare_integer_double(b, a.f);
        return c == 2 ? 2 : -c;
    }
    if (!is_long(a) && !is_long(b)) return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
    return compare(to_bigint(a), to_bigint(b));
}

std::size_t long_hash(const BigInt& v) {
    // Equal to a float means hashing as that float (dict keys 2**64 and 2.0**64 are one key).
    bool overflow = false;
    const double d = v.to_double(overflow);
    if (!overflow && compare_with_double(v, d) == 0) return std::hash<double>()(d);
    return v.hash();
}

std::string long_repr(const BigInt& v) {
    // 4300 digits need fewer than 14,300 bits: refuse larger ones before the quadratic conversion,
    // as CPython does.
    if (v.bit_length() > 14300) throw IntStringTooLong{};
    // Each of the text's 9-digit groups is a division of the whole number: about a millisecond for
    // 4300 digits natively, the time of some 50,000 steps (`while True: s = str(10**4299)` ran for
    // minutes, not seconds, before its step limit).
    const std::uint64_t size = v.size();
    TextRoom::count_work(size * size / 4);
    std::string text = v.to_string();
    if (text.size() - (v.negative() ? 1 : 0) > max_str_digits) throw IntStringTooLong{};
    return text;
}

}  // namespace sp::py

// --- range() with ints of any size --------------------------------------------------------------

namespace sp::py {

namespace {

BigInt range_length_of(const BigInt& start, const BigInt& stop, const BigInt& step) {
    const BigInt one(std::int64_t{1});
    BigInt q, r;
    if (!step.negative() && compare(start, stop) < 0) {
        BigInt::floor_divmod(stop - start - one, step, q, r);
    } else if (step.negative() && compare(start, stop) > 0) {
        BigInt::floor_divmod(start - stop - one, -step, q, r);
    } else {
        return BigInt();
    }
    return q + one;
}

BigInt big_length(const RangeObj& r) { return r.big ? r.big->length : BigInt(r.length()); }
BigInt big_start(const RangeObj& r) { return r.big ? r.big->start : BigInt(r.start); }
BigInt big_step(const RangeObj& r) { return r.big ? r.big->step : BigInt(r.step); }

/// A range of BigInts, in the 64-bit form when its bounds and length fit.
Value range_value(Interp& in, const BigInt& start, const BigInt& stop, const BigInt& step) {
    BigInt length = range_length_of(start, stop, step);
    if (start.fits_int64() && stop.fits_int64() && step.fits_int64() && length.fits_int64())
        return Value::object(in.heap.make<RangeObj>(start.to_int64(), stop.to_int64(), step.to_int64()));
    return Value::object(
        in.heap.make<RangeObj>(std::make_unique<BigRange>(BigRange{start, stop, step, std::move(length)})));
}

/// One bound of a slice of a range (_PySlice_GetLongIndices): None, or an int clamped to the range.
BigInt slice_bound(Interp& in, const Value& v, const BigInt& absent, const BigInt& lower, const BigInt& upper,
                   const BigInt& length) {
    if (v.is_none()) return absent;
    if (!is_integer(v)) in.raise("TypeError", "slice indices must be integers or None or have an __index__ method");
    BigInt i = to_bigint(v);
    if (i.negative()) {
        i = i + length;
        if (compare(i, lower) < 0) i = lower;
    } else if (compare(i, upper) > 0) {
        i = upper;
    }
    return i;
}

}  // namespace

Value make_range(Interp& in, const Value& start, const Value& stop, const Value& step) {
    for (const Value* v : {&start, &stop, &step}) {
        if (!is_integer(*v))
            in.raise("TypeError", "'" + type_name(*v) + "' object cannot be interpreted as an integer");
    }
    if (step.is_intlike() && step.as_int() == 0) in.raise("ValueError", "range() arg 3 must not be zero");
    return range_value(in, to_bigint(start), to_bigint(stop), to_bigint(step));
}

std::int64_t range_length(Interp& in, const RangeObj& r) {
    if (!r.big) return r.length();
    if (!r.big->length.fits_int64()) in.raise("OverflowError", "Python int too large to convert to C ssize_t");
    return r.big->length.to_int64();
}

bool range_is_empty(const RangeObj& r) { return r.big ? r.big->length.is_zero() : r.length() == 0; }

bool range_contains(const RangeObj& r, const Value& integer) {
    if (!r.big && integer.is_intlike()) {
        const std::int64_t x = integer.as_int();
        if (r.step > 0 ? (x < r.start || x >= r.stop) : (x > r.start || x <= r.stop)) return false;
        return (x - r.start) % r.step == 0;
    }
    if (!r.big) return false;  // a big int lies outside every 64-bit range
    const BigInt x = to_bigint(integer);
    const BigRange& b = *r.big;
    const bool inside = b.step.negative() ? compare(x, b.start) <= 0 && compare(x, b.stop) > 0
                                          : compare(x, b.start) >= 0 && compare(x, b.stop) < 0;
    if (!inside) return false;
    BigInt q, rem;
    BigInt::floor_divmod(x - b.start, b.step, q, rem);
    return rem.is_zero();
}

Value range_item(Interp& in, const RangeObj& r, const Value& index) {
    if (!is_integer(index)) in.raise("TypeError", "range indices must be integers or slices, not " + type_name(index));
    const BigInt length = big_length(r);
    BigInt i = to_bigint(index);
    if (i.negative()) i = i + length;
    if (i.negative() || compare(i, length) >= 0) in.raise("IndexError", "range object index out of range");
    return long_value(in, big_start(r) + i * big_step(r));
}

Value range_slice(Interp& in, const RangeObj& r, const SliceObj& s) {
    BigInt step(std::int64_t{1});
    if (!s.step.is_none()) {
        if (!is_integer(s.step))
            in.raise("TypeError", "slice indices must be integers or None or have an __index__ method");
        step = to_bigint(s.step);
        if (step.is_zero()) in.raise("ValueError", "slice step cannot be zero");
    }
    const BigInt length = big_length(r);
    const BigInt lower = step.negative() ? BigInt(std::int64_t{-1}) : BigInt();
    const BigInt upper = step.negative() ? length - BigInt(std::int64_t{1}) : length;
    const BigInt first = slice_bound(in, s.start, step.negative() ? upper : lower, lower, upper, length);
    const BigInt last = slice_bound(in, s.stop, step.negative() ? lower : upper, lower, upper, length);
    const BigInt start = big_start(r), r_step = big_step(r);
    return range_value(in, start + first * r_step, start + last * r_step, r_step * step);
}

std::string range_repr(const RangeObj& r) {
    const bool unit = r.big ? r.big->step == BigInt(std::int64_t{1}) : r.step == 1;
    std::string out = "range(" + (r.big ? long_repr(r.big->start) : std::to_string(r.start)) + ", " +
                      (r.big ? long_repr(r.big->stop) : std::to_string(r.stop));
    if (!unit) out += ", " + (r.big ? long_repr(r.big->step) : std::to_string(r.step));
    return out + ")";
}

bool range_equal(const RangeObj& a, const RangeObj& b) {
    const BigInt length = big_length(a);
    if (!(length == big_length(b))) return false;
    if (length.is_zero()) return true;
    if (!(big_start(a) == big_start(b))) return false;
    return length == BigInt(std::int64_t{1}) || big_step(a) == big_step(b);
}

bool range_next(Interp& in, IterObj& it, Value& out) {
    const BigRange& r = *as<RangeObj>(it.source)->big;
    const int side = compare(*it.big, r.stop);
    if (r.step.negative() ? side <= 0 : side >= 0) return false;
    out = long_value(in, *it.big);
    *it.big = *it.big + r.step;
    return true;
}

Value enumerate_count(Interp& in, IterObj& it) {
    if (it.big) {
        Value v = long_value(in, *it.big);
        *it.big = *it.big + BigInt(std::int64_t{1});
        return v;
    }
    const Value v = Value::integer(it.count);
    if (it.count == INT64_MAX) {
        it.big = std::make_unique<BigInt>(BigInt(it.count) + BigInt(std::int64_t{1}));
    } else {
        ++it.count;
    }
    return v;
}

}  // namespace sp::py
