#include "bigint.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sp::py {

namespace {

using digit = BigInt::digit;
using Magnitude = std::vector<digit>;
constexpr std::uint64_t digit_base = std::uint64_t{1} << 32;

void trim(Magnitude& m) {
    while (!m.empty() && m.back() == 0) m.pop_back();
}

int compare_magnitude(const Magnitude& a, const Magnitude& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

Magnitude add_magnitude(const Magnitude& a, const Magnitude& b) {
    const Magnitude& longer = a.size() >= b.size() ? a : b;
    const Magnitude& shorter = a.size() >= b.size() ? b : a;
    Magnitude out(longer.size() + 1);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < longer.size(); ++i) {
        carry += std::uint64_t{longer[i]} + (i < shorter.size() ? shorter[i] : 0);
        out[i] = static_cast<digit>(carry);
        carry >>= 32;
    }
    out[longer.size()] = static_cast<digit>(carry);
    trim(out);
    return out;
}

/// a - b for a >= b.
Magnitude subtract_magnitude(const Magnitude& a, const Magnitude& b) {
    Magnitude out(a.size());
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::int64_t t = std::int64_t{a[i]} - borrow - (i < b.size() ? std::int64_t{b[i]} : 0);
        borrow = t < 0 ? 1 : 0;
        out[i] = static_cast<digit>(t + (borrow ? static_cast<std::int64_t>(digit_base) : 0));
    }
    trim(out);
    return out;
}

// Schoolbook: the sizes are bounded (longobject.hpp's max_long_bits), so Karatsuba would not pay.
Magnitude multiply_magnitude(const Magnitude& a, const Magnitude& b) {
    if (a.empty() || b.empty()) return {};
    Magnitude out(a.size() + b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::uint64_t carry = 0;
        const std::uint64_t x = a[i];
        for (std::size_t j = 0; j < b.size(); ++j) {
            carry += x * b[j] + out[i + j];
            out[i + j] = static_cast<digit>(carry);
            carry >>= 32;
        }
        out[i + b.size()] = static_cast<digit>(carry);
    }
    trim(out);
    return out;
}

/// Divides m in place by a single digit; returns the remainder.
digit divide_by_digit(Magnitude& m, digit d) {
    std::uint64_t rem = 0;
    for (std::size_t i = m.size(); i-- > 0;) {
        const std::uint64_t cur = (rem << 32) | m[i];
        m[i] = static_cast<digit>(cur / d);
        rem = cur % d;
    }
    trim(m);
    return static_cast<digit>(rem);
}

void multiply_add_digit(Magnitude& m, digit factor, digit addend) {
    std::uint64_t carry = addend;
    for (digit& x : m) {
        carry += std::uint64_t{x} * factor;
        x = static_cast<digit>(carry);
        carry >>= 32;
    }
    if (carry != 0) m.push_back(static_cast<digit>(carry));
}

Magnitude shift_left_magnitude(const Magnitude& m, std::uint64_t bits) {
    if (m.empty()) return {};
    const std::size_t whole = static_cast<std::size_t>(bits / 32);
    const unsigned part = static_cast<unsigned>(bits % 32);
    Magnitude out(whole + m.size() + 1, 0);
    for (std::size_t i = 0; i < m.size(); ++i) {
        const std::uint64_t v = std::uint64_t{m[i]} << part;
        out[whole + i] |= static_cast<digit>(v);
        out[whole + i + 1] |= static_cast<digit>(v >> 32);
    }
    trim(out);
    return out;
}

/// m >> bits (toward zero); `lost` tells whether a 1 bit was shifted out.
Magnitude shift_right_magnitude(const Magnitude& m, std::uint64_t bits, bool& lost) {
    const std::uint64_t whole = bits / 32;
    const unsigned part = static_cast<unsigned>(bits % 32);
    lost = false;
    for (std::size_t i = 0; i < m.size() && i < whole; ++i) lost = lost || m[i] != 0;
    if (whole >= m.size()) {
        lost = !m.empty();
        return {};
    }
    Magnitude out(m.size() - static_cast<std::size_t>(whole));
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint64_t v = m[i + whole];
        if (i + whole + 1 < m.size()) v |= std::uint64_t{m[i + whole + 1]} << 32;
        out[i] = static_cast<digit>(v >> part);
    }
    if (part != 0) lost = lost || (m[whole] & ((digit{1} << part) - 1)) != 0;
    trim(out);
    return out;
}

/// Knuth's algorithm D (TAOCP 4.3.1; the form of Hacker's Delight's divmnu), for v of 2 digits or
/// more: u = q v + r with 0 <= r < v.
void divide_magnitude(const Magnitude& u_in, const Magnitude& v_in, Magnitude& q, Magnitude& r) {
    const int shift = __builtin_clz(v_in.back());  // normalise: v's top digit gets its high bit set
    Magnitude v = shift_left_magnitude(v_in, static_cast<std::uint64_t>(shift));
    Magnitude u = shift_left_magnitude(u_in, static_cast<std::uint64_t>(shift));
    u.resize(u_in.size() + 1, 0);
    const std::size_t n = v.size(), m = u.size() - n;
    q.assign(m, 0);
    for (std::size_t j = m; j-- > 0;) {
        const std::uint64_t top = (std::uint64_t{u[j + n]} << 32) | u[j + n - 1];
        std::uint64_t qhat = top / v[n - 1], rhat = top % v[n - 1];
        while (qhat >= digit_base || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
            --qhat;
            rhat += v[n - 1];
            if (rhat >= digit_base) break;
        }
        std::int64_t borrow = 0, t = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t p = qhat * v[i];
            t = std::int64_t{u[i + j]} - borrow - static_cast<std::int64_t>(p & 0xFFFFFFFFu);
            u[i + j] = static_cast<digit>(t);
            borrow = static_cast<std::int64_t>(p >> 32) - (t >> 32);
        }
        t = std::int64_t{u[j + n]} - borrow;
        u[j + n] = static_cast<digit>(t);
        if (t < 0) {  // qhat was one too large (rare): add v back
            --qhat;
            std::uint64_t carry = 0;
            for (std::size_t i = 0; i < n; ++i) {
                carry += std::uint64_t{u[i + j]} + v[i];
                u[i + j] = static_cast<digit>(carry);
                carry >>= 32;
            }
            u[j + n] = static_cast<digit>(u[j + n] + carry);
        }
        q[j] = static_cast<digit>(qhat);
    }
    trim(q);
    u.resize(n);
    bool lost = false;
    r = shift_right_magnitude(u, static_cast<std::uint64_t>(shift), lost);
}

void divmod_magnitude(const Magnitude& u, const Magnitude& v, Magnitude& q, Magnitude& r) {
    if (compare_magnitude(u, v) < 0) {
        q.clear();
        r = u;
    } else if (v.size() == 1) {
        q = u;
        const digit rem = divide_by_digit(q, v[0]);
        r = rem ? Magnitude{rem} : Magnitude{};
    } else {
        divide_magnitude(u, v, q, r);
    }
}

/// The value q * 2^scale as the nearest double, for q whose lowest bit is sticky (set if anything
/// below q was dropped) and q at least 2^55 when anything was: one rounding, ties to even, also
/// into the subnormal range (CPython's long_true_divide rounds the same way).
double round_scaled(std::uint64_t q, std::int64_t scale) {
    if (q == 0) return 0.0;
    const int length = 64 - __builtin_clzll(q);
    const std::int64_t top = length - 1 + scale;  // the exponent of q's highest bit
    const std::int64_t keep = top >= -1022 ? 53 : 53 - (-1022 - top);
    const std::int64_t drop = length - keep;
    if (drop > 0) {
        std::uint64_t kept = 0, rest = q, half = 0;
        if (drop < 64) {
            kept = q >> drop;
            rest = q & ((std::uint64_t{1} << drop) - 1);
            half = std::uint64_t{1} << (drop - 1);
        } else {
            half = drop == 64 ? std::uint64_t{1} << 63 : ~std::uint64_t{0};  // beyond: rounds to zero
        }
        if (rest > half || (rest == half && drop <= 64 && (kept & 1) != 0)) ++kept;
        q = kept;
        scale += drop;
    }
    if (scale > 2000) return HUGE_VAL;
    return std::ldexp(static_cast<double>(q), static_cast<int>(std::max<std::int64_t>(scale, -2000)));
}

}  // namespace

BigInt::BigInt(Magnitude magnitude, bool negative) : negative_(negative), magnitude_(std::move(magnitude)) {
    trim(magnitude_);
    if (magnitude_.empty()) negative_ = false;
}

BigInt BigInt::from_uint64(std::uint64_t v, bool negative) {
    return BigInt(Magnitude{static_cast<digit>(v), static_cast<digit>(v >> 32)}, negative);
}

BigInt::BigInt(std::int64_t v) {
    const std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    *this = from_uint64(m, v < 0);
}

BigInt BigInt::from_double(double integral) {
    int exponent = 0;
    const double fraction = std::frexp(std::fabs(integral), &exponent);  // in [0.5, 1)
    const auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 64));
    const BigInt m = from_uint64(mantissa, integral < 0);
    if (exponent >= 64) return m.shifted_left(static_cast<std::uint64_t>(exponent - 64));
    bool lost = false;  // never: the double is integral
    return BigInt(shift_right_magnitude(m.magnitude_, static_cast<std::uint64_t>(64 - exponent), lost), integral < 0);
}

bool BigInt::parse(std::string_view digits, int base, BigInt& out) {
    Magnitude m;
    // Base 10 goes nine digits at a time: int("9" * 4300) costs 480 passes over the number, not 4300.
    const int chunk = base == 10 ? 9 : 1;
    for (std::size_t i = 0; i < digits.size();) {
        digit value = 0, scale = 1;
        for (int k = 0; k < chunk && i < digits.size(); ++k, ++i) {
            const char c = digits[i];
            int d = c >= '0' && c <= '9'                     ? c - '0'
                    : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10
                                                             : 99;
            if (d >= base) return false;
            value = value * static_cast<digit>(base) + static_cast<digit>(d);
            scale *= static_cast<digit>(base);
        }
        multiply_add_digit(m, scale, value);
    }
    out = BigInt(std::move(m), false);
    return !digits.empty();
}

std::uint64_t BigInt::bit_length() const {
    if (magnitude_.empty()) return 0;
    return (magnitude_.size() - 1) * 32 + static_cast<std::uint64_t>(32 - __builtin_clz(magnitude_.back()));
}

bool BigInt::fits_int64() const {
    if (magnitude_.size() > 2) return false;
    const std::uint64_t m = magnitude_.size() == 2 ? (std::uint64_t{magnitude_[1]} << 32) | magnitude_[0]
                                                   : (magnitude_.empty() ? 0 : magnitude_[0]);
    return negative_ ? m <= (std::uint64_t{1} << 63) : m < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_int64() const {
    std::uint64_t m = 0;
    for (std::size_t i = magnitude_.size(); i-- > 0;) m = (m << 32) | magnitude_[i];
    return negative_ ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

std::string BigInt::to_string(int base) const {
    if (magnitude_.empty()) return "0";
    std::string out;
    if (base == 16) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%x", magnitude_.back());
        out = buf;
        for (std::size_t i = magnitude_.size() - 1; i-- > 0;) {
            std::snprintf(buf, sizeof buf, "%08x", magnitude_[i]);
            out += buf;
        }
    } else if (base == 2 || base == 8) {
        // A power of two: each output digit is the next 1 or 3 bits from the top.
        const int bits = base == 2 ? 1 : 3;
        const std::size_t total = magnitude_.size() * 32;
        const auto bit = [&](std::size_t k) { return k < total && ((magnitude_[k / 32] >> (k % 32)) & 1u) != 0; };
        for (std::size_t top = (total + bits - 1) / bits; top-- > 0;) {
            int value = 0;
            for (int b = bits - 1; b >= 0; --b)
                value = value * 2 + (bit(top * bits + static_cast<std::size_t>(b)) ? 1 : 0);
            if (value != 0 || !out.empty()) out += static_cast<char>('0' + value);
        }
    } else {
        // Nine decimal digits per division; the callers bound the length (4300 digits).
        Magnitude m = magnitude_;
        std::vector<digit> groups;
        while (!m.empty()) groups.push_back(divide_by_digit(m, 1000000000u));
        out = std::to_string(groups.back());
        char buf[16];
        for (std::size_t i = groups.size() - 1; i-- > 0;) {
            std::snprintf(buf, sizeof buf, "%09u", groups[i]);
            out += buf;
        }
    }
    return negative_ ? "-" + out : out;
}

double BigInt::to_double(bool& overflow) const {
    const std::uint64_t length = bit_length();
    const std::uint64_t shift = length > 64 ? length - 64 : 0;
    bool lost = false;
    const Magnitude top = shift_right_magnitude(magnitude_, shift, lost);
    std::uint64_t q = 0;
    for (std::size_t i = top.size(); i-- > 0;) q = (q << 32) | top[i];
    const double d = round_scaled(q | (lost ? 1 : 0), static_cast<std::int64_t>(shift));
    overflow = std::isinf(d);
    return negative_ ? -d : d;
}

std::size_t BigInt::hash() const {
    std::size_t h = negative_ ? 0x51ed27u : 0x2545f491u;
    for (digit d : magnitude_) h = (h * 1000003u) ^ d;
    return h;
}

BigInt BigInt::operator-() const { return BigInt(magnitude_, !negative_); }
BigInt BigInt::abs() const { return BigInt(magnitude_, false); }

int compare(const BigInt& a, const BigInt& b) {
    if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
    const int c = compare_magnitude(a.magnitude_, b.magnitude_);
    return a.negative_ ? -c : c;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
    if (a.negative_ == b.negative_) return BigInt(add_magnitude(a.magnitude_, b.magnitude_), a.negative_);
    if (compare_magnitude(a.magnitude_, b.magnitude_) >= 0)
        return BigInt(subtract_magnitude(a.magnitude_, b.magnitude_), a.negative_);
    return BigInt(subtract_magnitude(b.magnitude_, a.magnitude_), b.negative_);
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
    return BigInt(multiply_magnitude(a.magnitude_, b.magnitude_), a.negative_ != b.negative_);
}

void BigInt::floor_divmod(const BigInt& a, const BigInt& b, BigInt& quotient, BigInt& remainder) {
    Magnitude q, r;
    divmod_magnitude(a.magnitude_, b.magnitude_, q, r);
    quotient = BigInt(std::move(q), a.negative_ != b.negative_);
    remainder = BigInt(std::move(r), a.negative_);
    // Truncation rounded toward zero; Python rounds toward minus infinity.
    if (!remainder.is_zero() && remainder.negative_ != b.negative_) {
        quotient = quotient - BigInt(std::int64_t{1});
        remainder = remainder + b;
    }
}

BigInt BigInt::shifted_left(std::uint64_t bits) const {
    return BigInt(shift_left_magnitude(magnitude_, bits), negative_);
}

BigInt BigInt::shifted_right(std::uint64_t bits) const {
    bool lost = false;
    BigInt out(shift_right_magnitude(magnitude_, bits, lost), negative_);
    if (negative_ && lost) out = out - BigInt(std::int64_t{1});
    return out;
}

BigInt BigInt::bitwise(Bitwise op, const BigInt& a, const BigInt& b) {
    const std::size_t n = std::max(a.size(), b.size()) + 1;
    // Two's complement in n digits: the extra digit holds the sign.
    auto twos = [n](const BigInt& x) {
        Magnitude t = x.magnitude_;
        t.resize(n, 0);
        if (x.negative_) {
            std::uint64_t carry = 1;
            for (digit& d : t) {
                carry += static_cast<digit>(~d);
                d = static_cast<digit>(carry);
                carry >>= 32;
            }
        }
        return t;
    };
    Magnitude x = twos(a);
    const Magnitude y = twos(b);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = op == Bitwise::and_ ? (x[i] & y[i]) : op == Bitwise::or_ ? (x[i] | y[i]) : (x[i] ^ y[i]);
    }
    const bool negative = (x.back() >> 31) != 0;
    if (negative) {  // back from two's complement: the magnitude is ~x + 1
        std::uint64_t carry = 1;
        for (digit& d : x) {
            carry += static_cast<digit>(~d);
            d = static_cast<digit>(carry);
            carry >>= 32;
        }
    }
    return BigInt(std::move(x), negative);
}

double true_divide(const BigInt& a, const BigInt& b, bool& overflow) {
    overflow = false;
    const bool negative = a.negative() != b.negative();
    const auto a_bits = static_cast<std::int64_t>(a.bit_length());
    const auto b_bits = static_cast<std::int64_t>(b.bit_length());
    const std::int64_t difference = a_bits - b_bits;  // the quotient is below 2^(difference + 1)
    if (a.is_zero() || difference < -1080) return negative ? -0.0 : 0.0;
    if (difference > 1025) {
        overflow = true;
        return 0.0;
    }
    // Scale so that the integer quotient has 56 or 57 bits: the bits of a double, a rounding bit and
    // room for a sticky bit that records a non-zero remainder.
    const std::int64_t scale = 56 - difference;
    const Magnitude n =
        scale > 0 ? shift_left_magnitude(a.magnitude_, static_cast<std::uint64_t>(scale)) : a.magnitude_;
    const Magnitude d =
        scale < 0 ? shift_left_magnitude(b.magnitude_, static_cast<std::uint64_t>(-scale)) : b.magnitude_;
    Magnitude q, r;
    divmod_magnitude(n, d, q, r);
    std::uint64_t bits = 0;
    for (std::size_t i = q.size(); i-- > 0;) bits = (bits << 32) | q[i];
    const double result = round_scaled(bits | (r.empty() ? 0 : 1), -scale);
    overflow = std::isinf(result);
    return negative ? -result : result;
}

int compare_with_double(const BigInt& a, double d) {
    const double floor = std::floor(d);
    const int c = compare(a, BigInt::from_double(floor));
    if (c != 0) return c;
    return d > floor ? -1 : 0;  // a == floor(d): a fraction makes d the larger
}

}  // namespace sp::py
