// Python ints beyond 64 bits (CPython's PyLongObject, one type `int` with the small ones).
//
// An int that fits in 64 bits is a Value with Tag::integer, as before, and every operation on two
// of them stays on its inline fast path. When a result does not fit (the overflow checks in
// objects.cpp, builtins.cpp and the parser), it becomes a LongObj on the heap; a LongObj always
// holds a value outside the 64-bit range (long_value normalises), so equal values have one form.
#pragma once

#include <cstdint>
#include <string>

#include "bigint.hpp"
#include "code.hpp"
#include "value.hpp"

namespace sp::py {

class Interp;

struct LongObj final : Object {
    explicit LongObj(BigInt v) : Object(Kind::long_int), value(std::move(v)) {}
    BigInt value;
};

/// The largest int a program may make: 2^19 bits (157,827 decimal digits). CPython's ints have no
/// bound but memory, and 10**10**9 would freeze the page for minutes; past this the program gets
/// the MemoryError CPython gives when memory runs out.
constexpr std::uint64_t max_long_bits = std::uint64_t{1} << 19;

/// CPython 3.11's int/str conversion limit (sys.get_int_max_str_digits()).
constexpr std::size_t max_str_digits = 4300;
/// Thrown by str()/repr() of an int of more than max_str_digits digits (they have no Interp to
/// raise with); the interpreter turns it into CPython's ValueError (int_str_limit_message).
struct IntStringTooLong {};
extern const char* const int_str_limit_message;

inline bool is_long(const Value& v) { return is_kind(v, Kind::long_int); }
/// int, bool or a big int.
inline bool is_integer(const Value& v) { return v.is_intlike() || is_long(v); }
/// An int (of any size), a bool or a float: a number the comparisons of asyncio's Python accept.
inline bool is_real_number(const Value& v) { return v.tag == Tag::real || is_integer(v); }

BigInt to_bigint(const Value& integer);
/// The int `v` as a Value: inline if it fits in 64 bits. MemoryError past max_long_bits.
Value long_value(Interp& in, BigInt v);
/// The integer value of an integral double (int(1e30), round(1e300)), exactly.
Value long_from_double(Interp& in, double integral);
/// An int literal or int() argument of digits only (base 10: the 4300-digit limit applies; a
/// ValueError names `what`'s message). False if not all digits.
bool long_from_digits(Interp& in, const std::string& digits, int base, bool negative, Value& out);

/// `a op b` for two small ints whose result overflowed 64 bits (and true division of ints beyond
/// 2^53, which must round once).
Value long_small_binary(Interp& in, BinOp op, std::int64_t a, std::int64_t b);
/// `a op b` for two ints, one of them big.
Value long_binary(Interp& in, BinOp op, const Value& a, const Value& b);
/// -x, +x, ~x (unary_op's numbering: 0, 1, 3) of a big int, or -x of the smallest int64.
Value long_unary(Interp& in, int op, const Value& v);
/// pow(base, exp, mod) of three ints (CPython's long_pow with a modulus): ValueError for a zero
/// modulus or a negative exponent whose base has no inverse; the result has the modulus's sign.
Value long_pow_mod(Interp& in, const Value& base, const Value& exponent, const Value& modulus);
/// hash() of an int (Python/pyhash.c): its value modulo 2**61 - 1, with its sign; -1 is -2.
std::int64_t long_hash_value(const Value& integer);
/// round(x, ndigits) for an int: half to even at 10^-ndigits.
Value long_round(Interp& in, const Value& x, std::int64_t ndigits);

// --- range() with ints of any size (Objects/rangeobject.c): the 64-bit fields when everything fits,
// a BigRange otherwise.

/// range(start, stop, step) of three ints (small or big); ValueError for a zero step.
Value make_range(Interp& in, const Value& start, const Value& stop, const Value& step);
/// len(r): OverflowError when it does not fit in 64 bits, as CPython's ssize_t.
std::int64_t range_length(Interp& in, const RangeObj& r);
bool range_is_empty(const RangeObj& r);
bool range_contains(const RangeObj& r, const Value& integer);
/// r[i] for an int i (IndexError out of range).
Value range_item(Interp& in, const RangeObj& r, const Value& index);
/// r[a:b:c]: the range of the selected values.
Value range_slice(Interp& in, const RangeObj& r, const SliceObj& s);
std::string range_repr(const RangeObj& r);
bool range_equal(const RangeObj& a, const RangeObj& b);
/// The next value of a big range's iterator (it->big holds it), false when done.
bool range_next(Interp& in, IterObj& it, Value& out);
/// enumerate's count as a Value, moving the counter to a BigInt when it leaves 64 bits.
Value enumerate_count(Interp& in, IterObj& it);

/// round(x, -places) for a finite float and 1 <= places <= 308: x rounded exactly (half to even) to a
/// multiple of 10^places, then to the nearest double, as CPython's dtoa-based float.__round__;
/// `overflow` set when that is past the largest double.
double round_float_to_tens(double x, int places, bool& overflow);
/// float(x) of an int, correctly rounded; OverflowError "int too large to convert to float".
double long_to_double(Interp& in, const Value& integer);
/// Compare two numbers (int, bool, big int, float) exactly, as CPython compares an int with a
/// float: -1, 0, 1, or 2 if unordered (a NaN).
int number_compare(const Value& a, const Value& b);
std::size_t long_hash(const BigInt& v);
/// str() of a big int; throws IntStringTooLong past max_str_digits digits.
std::string long_repr(const BigInt& v);

}  // namespace sp::py
