// The built-in functions of numbers and characters (Python/bltinmodule.c): divmod, pow, hex, oct,
// bin, ord, chr and hash, on ints of any size (longobject.hpp) as CPython computes them.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "builtins.hpp"
#include "longobject.hpp"
#include "tokens.hpp"

namespace sp::py {

namespace {

bool is_numeric(const Value& v) { return is_integer(v) || v.tag == Tag::real; }

/// PyNumber_Index's TypeError, which hex, oct, bin and chr raise for what is not an int.
void expect_integer(Interp& in, const Value& v) {
    if (!is_integer(v)) in.raise("TypeError", "'" + type_name(v) + "' object cannot be interpreted as an integer");
}

Value b_divmod(Interp& in, Value, CallArgs& a) {
    expect_args(in, "divmod", a, 2, 2, ArgCheck::clinic);
    const Value& x = a.pos[0];
    const Value& y = a.pos[1];
    if (!is_numeric(x) || !is_numeric(y))
        in.raise("TypeError",
                 "unsupported operand type(s) for divmod(): '" + type_name(x) + "' and '" + type_name(y) + "'");
    // float_divmod converts both (OverflowError for a huge int) before it looks at the divisor.
    if (x.tag == Tag::real || y.tag == Tag::real) {
        const Value fx = Value::real(to_float(in, x, "divmod"));
        const Value fy = Value::real(to_float(in, y, "divmod"));
        if (fy.f == 0) in.raise("ZeroDivisionError", "float divmod()");
        return in.list_value({in.binary(BinOp::floordiv, fx, fy), in.binary(BinOp::mod, fx, fy)}, Kind::tuple);
    }
    const bool zero = y.is_intlike() && y.as_int() == 0;  // a big int is never zero
    if (zero) in.raise("ZeroDivisionError", "integer division or modulo by zero");
    return in.list_value({in.binary(BinOp::floordiv, x, y), in.binary(BinOp::mod, x, y)}, Kind::tuple);
}

/// pow(base, exp, mod): ternary_op's dispatch. The third argument needs three ints; with a float
/// anywhere among the three, ternary_op reaches float_pow, which refuses it before it looks at the
/// other operands (pow(2.5, 'x', 7)); anything else has no ** at all.
Value b_pow(Interp& in, Value, CallArgs& a) {
    static const char* const names[] = {"base", "exp"};
    expect_args(in, "pow", a, 0, 3, ArgCheck::tuple);
    for (std::size_t i = a.pos.size(); i < 2; ++i)
        in.raise("TypeError",
                 std::string("pow() missing required argument '") + names[i] + "' (pos " + std::to_string(i + 1) + ")");
    const Value& base = a.pos[0];
    const Value& exp = a.pos[1];
    const Value mod = a.pos.size() > 2 ? a.pos[2] : Value::none();
    if (mod.is_none()) return in.binary(BinOp::pow, base, exp);
    if (is_integer(base) && is_integer(exp) && is_integer(mod)) return long_pow_mod(in, base, exp, mod);
    if (base.tag == Tag::real || exp.tag == Tag::real || mod.tag == Tag::real)
        in.raise("TypeError", "pow() 3rd argument not allowed unless all arguments are integers");
    in.raise("TypeError", "unsupported operand type(s) for ** or pow(): '" + type_name(base) + "', '" + type_name(exp) +
                              "', '" + type_name(mod) + "'");
}

/// hex, oct and bin: the digits of the int with their prefix after the sign.
Value int_in_base(Interp& in, CallArgs& a, const char* name, int base, const char* prefix) {
    expect_args(in, name, a, 1, 1);
    expect_integer(in, a.pos[0]);
    std::string text = to_bigint(a.pos[0]).to_string(base);
    text.insert(text[0] == '-' ? 1 : 0, prefix);
    return in.str_value(std::move(text));
}

Value b_hex(Interp& in, Value, CallArgs& a) { return int_in_base(in, a, "hex", 16, "0x"); }
Value b_oct(Interp& in, Value, CallArgs& a) { return int_in_base(in, a, "oct", 8, "0o"); }
Value b_bin(Interp& in, Value, CallArgs& a) { return int_in_base(in, a, "bin", 2, "0b"); }

Value b_ord(Interp& in, Value, CallArgs& a) {
    expect_args(in, "ord", a, 1, 1);
    if (!is_kind(a.pos[0], Kind::str))
        in.raise("TypeError", "ord() expected string of length 1, but " + type_name(a.pos[0]) + " found");
    const std::string& s = as<StrObj>(a.pos[0])->value;
    const std::size_t length = code_points(s);
    if (length != 1)
        in.raise("TypeError", "ord() expected a character, but string of length " + std::to_string(length) + " found");
    return Value::integer(str_char_at(s, 0).code_point);
}

Value b_chr(Interp& in, Value, CallArgs& a) {
    expect_args(in, "chr", a, 1, 1);
    expect_integer(in, a.pos[0]);
    const std::int64_t i = to_c_int(in, a.pos[0]);  // Argument Clinic reads i as a C int first
    if (i < 0 || i > 0x10FFFF) in.raise("ValueError", "chr() arg not in range(0x110000)");
    std::string text;
    utf8_append(text, static_cast<unsigned long>(i));  // a lone surrogate in its three-byte form, as a str holds it
    return in.str_value(std::move(text));
}

// --- hash() (Python/pyhash.c, Objects/tupleobject.c): exact for ints, floats and tuples of them. A
// str's hash is salted per run and None's or a function's is its address: nothing a second run of
// CPython would print again, so those are refused.

constexpr int hash_bits = 61;
constexpr std::uint64_t hash_modulus = (std::uint64_t{1} << hash_bits) - 1;

/// _Py_HashDouble for a finite double: the value as a fraction, reduced modulo 2**61 - 1.
std::int64_t float_hash(double v) {
    int e = 0;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) sign = -1, m = -m;
    std::uint64_t x = 0;
    while (m != 0) {
        x = ((x << 28) & hash_modulus) | x >> (hash_bits - 28);
        m *= 268435456.0;  // 2**28
        e -= 28;
        const auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= hash_modulus) x -= hash_modulus;
    }
    e = e >= 0 ? e % hash_bits : hash_bits - 1 - ((-1 - e) % hash_bits);
    x = ((x << e) & hash_modulus) | x >> (hash_bits - e);
    const std::int64_t h = static_cast<std::int64_t>(x) * sign;
    return h == -1 ? -2 : h;
}

Value b_hash(Interp& in, Value, CallArgs& a) {
    expect_args(in, "hash", a, 1, 1);
    return Value::integer(hash_of(in, a.pos[0]));
}

}  // namespace

std::int64_t hash_of(Interp& in, const Value& v) {
    if (is_integer(v)) return long_hash_value(v);
    if (v.tag == Tag::real) {
        if (std::isinf(v.f)) return v.f > 0 ? 314159 : -314159;  // _PyHASH_INF
        if (std::isnan(v.f)) in.refuse("hash() of a NaN (CPython hashes its address)");
        return float_hash(v.f);
    }
    if (is_kind(v, Kind::tuple)) {  // tuplehash: xxHash's mixing of the items' hashes
        NestingGuard guard;         // a tuple in a tuple ... built by a loop
        const auto& items = as<ListObj>(v)->items;
        in.charge_work(items.size());  // `while True: hash(t)` of a big tuple stops at the step limit
        std::uint64_t acc = 2870177450012600261ULL;
        for (const Value& item : items) {
            acc += static_cast<std::uint64_t>(hash_of(in, item)) * 14029467366897019727ULL;
            acc = (acc << 31) | (acc >> 33);
            acc *= 11400714785074694791ULL;
        }
        acc += items.size() ^ (2870177450012600261ULL ^ 3527539UL);
        return acc == UINT64_MAX ? 1546275796 : static_cast<std::int64_t>(acc);
    }
    check_hashable(in, v);  // TypeError "unhashable type: 'list'"
    const std::string type = type_name(v);
    const bool vowel = std::string_view("aeiouAEIOU").find(type[0]) != std::string_view::npos;
    in.refuse("hash() of " + std::string(vowel ? "an " : "a ") + type + " (CPython's varies from run to run)");
}

void install_number_builtins(Interp& in) {
    struct Fn {
        const char* name;
        BuiltinFn fn;
    };
    static const Fn functions[] = {{"divmod", b_divmod}, {"pow", b_pow}, {"hex", b_hex}, {"oct", b_oct},
                                   {"bin", b_bin},       {"ord", b_ord}, {"chr", b_chr}, {"hash", b_hash}};
    for (const Fn& f : functions) in.builtins[f.name] = Value::object(in.heap.make<BuiltinObj>(f.name, f.fn));
}

}  // namespace sp::py
