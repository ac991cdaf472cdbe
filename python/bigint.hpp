// Integers of any size: the arithmetic of CPython's Objects/longobject.c, without the interpreter.
//
// A BigInt is a sign and a magnitude of base-2^32 digits, least significant first, with no leading
// zero digits (zero is the empty magnitude, never negative). The interpreter keeps ints that fit in
// 64 bits inline in a Value and makes a BigInt only when a result does not fit
// (python/longobject.hpp); everything here is plain value arithmetic, exact, and bounded by its
// callers (they refuse results past longobject.hpp's max_long_bits before asking for them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sp::py {

class BigInt {
public:
    using digit = std::uint32_t;
    static constexpr int digit_bits = 32;

    BigInt() = default;
    explicit BigInt(std::int64_t v);
    /// The integer an integral, finite double holds, exactly.
    static BigInt from_double(double integral);
    /// The non-negative integer of these base-2^32 digits, least significant first (leading zeros allowed).
    static BigInt from_digits(std::vector<digit> digits) { return BigInt(std::move(digits), false); }
    /// Digits of `base` (2 to 36), no sign, no underscores; false if a character is not a digit.
    static bool parse(std::string_view digits, int base, BigInt& out);

    bool negative() const { return negative_; }
    bool is_zero() const { return magnitude_.empty(); }
    bool is_odd() const { return !magnitude_.empty() && (magnitude_[0] & 1u) != 0; }
    /// The number of digits of the magnitude (the cost measure of an operation).
    std::size_t size() const { return magnitude_.size(); }
    std::uint64_t bit_length() const;
    /// Bit `i` of the magnitude (0: the least significant).
    bool magnitude_bit(std::uint64_t i) const {
        return i / digit_bits < magnitude_.size() && ((magnitude_[i / digit_bits] >> (i % digit_bits)) & 1u) != 0;
    }
    bool fits_int64() const;
    std::int64_t to_int64() const;  // only if fits_int64()

    /// Base 2, 8, 10 or 16 (lower case), with a '-' if negative.
    std::string to_string(int base = 10) const;
    /// The nearest double (ties to even); `overflow` set if it is beyond the largest double.
    double to_double(bool& overflow) const;
    std::size_t hash() const;

    BigInt operator-() const;
    BigInt abs() const;
    friend int compare(const BigInt& a, const BigInt& b);  // -1, 0 or 1
    friend bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }
    friend BigInt operator+(const BigInt& a, const BigInt& b);
    friend BigInt operator-(const BigInt& a, const BigInt& b);
    friend BigInt operator*(const BigInt& a, const BigInt& b);
    /// Python's // and %: the quotient rounded toward minus infinity, the remainder with b's sign.
    static void floor_divmod(const BigInt& a, const BigInt& b, BigInt& quotient, BigInt& remainder);
    BigInt shifted_left(std::uint64_t bits) const;
    /// Python's >>: rounds toward minus infinity.
    BigInt shifted_right(std::uint64_t bits) const;
    enum class Bitwise { and_, or_, xor_ };
    /// & | ^ on the infinite two's complement forms, as Python defines them for negative ints.
    static BigInt bitwise(Bitwise op, const BigInt& a, const BigInt& b);

private:
    using Magnitude = std::vector<digit>;
    BigInt(Magnitude magnitude, bool negative);
    static BigInt from_uint64(std::uint64_t v, bool negative);
    bool negative_ = false;
    Magnitude magnitude_;
    friend double true_divide(const BigInt& a, const BigInt& b, bool& overflow);
};

/// a / b correctly rounded (CPython's long_true_divide: exact however large a and b are); b != 0.
double true_divide(const BigInt& a, const BigInt& b, bool& overflow);
/// Compare exactly with a finite double: -1, 0 or 1 (no rounding of either side).
int compare_with_double(const BigInt& a, double d);

}  // namespace sp::py
