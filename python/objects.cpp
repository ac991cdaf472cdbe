// Operations on values (CPython's Objects/abstract.c and the number, sequence and mapping slots of
// the built-in types): arithmetic, comparison, indexing, attributes, iteration, format().
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "interp.hpp"
#include "longobject.hpp"
#include "text_search.hpp"
#include "tokens.hpp"

namespace sp::py {

namespace {

const char* const bin_symbols[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};

bool is_number(const Value& v) { return v.tag == Tag::boolean || v.tag == Tag::integer || v.tag == Tag::real; }
/// A number of any kind, big ints too.
bool is_numeric(const Value& v) { return is_number(v) || is_long(v); }
double as_double(const Value& v) { return v.tag == Tag::real ? v.f : static_cast<double>(v.as_int()); }
/// True if the int converts to a double exactly (|i| <= 2^53): int / int may divide as doubles.
bool exact_double(std::int64_t i) { return i >= -(std::int64_t{1} << 53) && i <= (std::int64_t{1} << 53); }

/// base ** exp for exp >= 0; false if the result does not fit in 64 bits.
bool int_pow(std::int64_t base, std::int64_t exp, std::int64_t& result) {
    result = 1;
    while (exp > 0) {
        if ((exp & 1) && __builtin_mul_overflow(result, base, &result)) return false;
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return false;
    }
    return true;
}

Value int_binary(Interp& in, BinOp op, std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    switch (op) {
        // A result beyond 64 bits becomes a big int (longobject.hpp).
        case BinOp::add:
            if (__builtin_add_overflow(a, b, &r)) return long_small_binary(in, op, a, b);
            return Value::integer(r);
        case BinOp::sub:
            if (__builtin_sub_overflow(a, b, &r)) return long_small_binary(in, op, a, b);
            return Value::integer(r);
        case BinOp::mul:
            if (__builtin_mul_overflow(a, b, &r)) return long_small_binary(in, op, a, b);
            return Value::integer(r);
        case BinOp::truediv:
            if (b == 0) in.raise("ZeroDivisionError", "division by zero");
            if (!exact_double(a) || !exact_double(b)) return long_small_binary(in, op, a, b);  // one rounding
            return Value::real(static_cast<double>(a) / static_cast<double>(b));
        case BinOp::floordiv:
        case BinOp::mod: {
            if (b == 0)
                in.raise("ZeroDivisionError",
                         op == BinOp::mod ? "integer modulo by zero" : "integer division or modulo by zero");
            if (a == INT64_MIN && b == -1) return long_small_binary(in, op, a, b);
            std::int64_t q = a / b, m = a % b;
            if (m != 0 && ((m < 0) != (b < 0))) {
                q -= 1;
                m += b;
            }
            return Value::integer(op == BinOp::mod ? m : q);
        }
        case BinOp::pow:
            if (b < 0) {
                if (a == 0) in.raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
            }
            if (!int_pow(a, b, r)) return long_small_binary(in, op, a, b);
            return Value::integer(r);
        case BinOp::lshift:
            if (b < 0) in.raise("ValueError", "negative shift count");
            if (b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b)))) {
                if (a == 0) return Value::integer(0);
                return long_small_binary(in, op, a, b);
            }
            return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b));
        case BinOp::rshift:
            if (b < 0) in.raise("ValueError", "negative shift count");
            return Value::integer(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
        case BinOp::and_: return Value::integer(a & b);
        case BinOp::or_: return Value::integer(a | b);
        case BinOp::xor_: return Value::integer(a ^ b);
    }
    return Value::none();
}

Value float_binary(Interp& in, BinOp op, double a, double b) {
    switch (op) {
        case BinOp::add: return Value::real(a + b);
        case BinOp::sub: return Value::real(a - b);
        case BinOp::mul: return Value::real(a * b);
        case BinOp::truediv:
            if (b == 0) in.raise("ZeroDivisionError", "float division by zero");
            return Value::real(a / b);
        case BinOp::floordiv:
        case BinOp::mod: {
            if (b == 0)
                in.raise("ZeroDivisionError", op == BinOp::mod ? "float modulo" : "float floor division by zero");
            // CPython's float_divmod, step for step.
            double mod = std::fmod(a, b);
            double div = (a - mod) / b;
            if (mod != 0) {
                if ((b < 0) != (mod < 0)) {
                    mod += b;
                    div -= 1.0;
                }
            } else {
                mod = std::copysign(0.0, b);
            }
            double floordiv;
            if (div != 0) {
                floordiv = std::floor(div);
                if (div - floordiv > 0.5) floordiv += 1.0;
            } else {
                floordiv = std::copysign(0.0, a / b);
            }
            return Value::real(op == BinOp::mod ? mod : floordiv);
        }
        case BinOp::pow:
            // float_pow: a NaN or infinite exponent or base is settled before 0 ** -w and the
            // negative base's fractional power (0 ** -inf is inf, (-inf) ** 0.5 is inf, (-2) ** nan nan).
            if (a == 0 && b < 0 && std::isfinite(b))
                in.raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            if (a < 0 && std::isfinite(a) && std::isfinite(b) && std::floor(b) != b) in.refuse("complex numbers");
            if (std::isfinite(a) && std::isfinite(b) && !std::isfinite(std::pow(a, b))) {
                throw PyRaise{in.make_exception(in.type("OverflowError"),
                                                {Value::integer(34), in.str_value("Numerical result out of range")})};
            }
            return Value::real(std::pow(a, b));
        default: return Value::none();
    }
}

Value repeat(Interp& in, const Value& seq, std::int64_t times) {
    if (times < 0) times = 0;
    if (is_kind(seq, Kind::str)) {
        const std::string& s = as<StrObj>(seq)->value;
        // unicode_repeat: a length past Py_ssize_t, in characters, fails before any memory is asked for.
        const auto chars = static_cast<std::int64_t>(
            std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
        if (chars > 0 && times > INT64_MAX / chars) in.raise("OverflowError", "repeated string is too long");
        if (!s.empty() && static_cast<std::uint64_t>(times) > (in.limits.memory / s.size()))
            in.raise("MemoryError", "");
        in.charge_work(static_cast<std::uint64_t>(times) * (1 + s.size() / 64));
        std::string out;
        for (std::int64_t i = 0; i < times; ++i) out += s;
        return in.str_value(std::move(out));
    }
    const auto& items = as<ListObj>(seq)->items;
    if (!items.empty() && static_cast<std::uint64_t>(times) > (in.limits.memory / (items.size() * sizeof(Value))))
        in.raise("MemoryError", "");
    in.charge_work(static_cast<std::uint64_t>(times) * (1 + items.size() / 8));
    std::vector<Value> out;
    for (std::int64_t i = 0; i < times; ++i) out.insert(out.end(), items.begin(), items.end());
    return in.list_value(std::move(out), seq.o->kind);
}

/// Whether the decimal `digits` stand for more than `max`.
bool exceeds(const std::string& digits, std::int64_t max) {
    const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size());
    const std::string limit = std::to_string(max);
    const std::size_t n = digits.size() - first;
    return n > limit.size() || (n == limit.size() && digits.compare(first, n, limit) > 0);
}

/// An int's %d, %x or %o with a precision (_PyUnicode_FormatLong): the digits padded with zeros to
/// the precision, then the sign and the 0x prefix, then the width (zeros after the sign with the
/// 0 flag, which Python, unlike C, keeps with a precision).
std::string percent_int_precision(Interp& in, const Value& v, char type, const std::string& flags, std::int64_t width,
                                  std::int64_t precision) {
    // Zeros or spaces past the memory limit: the MemoryError CPython would meet first (it tries).
    if (std::max(width, precision) > static_cast<std::int64_t>(in.limits.memory)) in.raise("MemoryError", "");
    std::string digits = in.format(v, std::string(1, type));
    std::string sign;
    if (digits[0] == '-') sign = "-", digits.erase(0, 1);
    if (sign.empty() && flags.find('+') != std::string::npos) sign = "+";
    if (sign.empty() && flags.find(' ') != std::string::npos) sign = " ";
    if (static_cast<std::int64_t>(digits.size()) < precision)
        digits.insert(0, static_cast<std::size_t>(precision) - digits.size(), '0');
    if (flags.find('#') != std::string::npos && type != 'd') sign += type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
    const std::size_t length = sign.size() + digits.size();
    if (width <= static_cast<std::int64_t>(length)) return sign + digits;
    const std::size_t fill = static_cast<std::size_t>(width) - length;
    if (flags.find('-') != std::string::npos) return sign + digits + std::string(fill, ' ');
    if (flags.find('0') != std::string::npos) return sign + std::string(fill, '0') + digits;
    return std::string(fill, ' ') + sign + digits;
}

// printf-style `str % args` (Objects/unicodeobject.c): %s %r %d %i %f %x %% with flags, width
// and precision; a tuple gives several arguments.
std::string percent_format(Interp& in, const std::string& fmt, const Value& args) {
    // printf-style formatting (Objects/unicodeobject.c, PyUnicode_Format), each conversion done by
    // format() with the equivalent spec.
    const std::vector<Value> list = is_kind(args, Kind::tuple) ? as<ListObj>(args)->items : std::vector<Value>{args};
    // PyUnicode_Format's ctx.dict: a right operand with __getitem__ that is not a tuple or a str
    // (PyMapping_Check: a dict, a list, a range) serves "%(key)s" and may go unused.
    const bool mapping = is_kind(args, Kind::dict) || is_kind(args, Kind::list) || is_kind(args, Kind::range);
    std::size_t next = 0;
    bool used_key = false;
    std::string out;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        std::size_t j = i + 1;
        Value keyed;
        bool has_key = false;
        if (j < fmt.size() && fmt[j] == '(') {
            if (!mapping) in.raise("TypeError", "format requires a mapping");
            int level = 1;
            std::size_t k = j + 1;
            for (; k < fmt.size() && level; ++k) level += fmt[k] == '(' ? 1 : fmt[k] == ')' ? -1 : 0;
            if (level) in.raise("ValueError", "incomplete format key");
            keyed = in.subscript(args, in.str_value(fmt.substr(j + 1, k - j - 2)));
            has_key = used_key = true;
            // PyUnicode_Format makes the key's value the arguments, good for one use: this
            // conversion's. A '%s' or '*' after it finds none ("not enough arguments").
            next = list.size();
            j = k;
        }
        std::string flags;
        while (j < fmt.size() && std::strchr("-+ #0", fmt[j])) flags += fmt[j++];
        // '*': the width or precision is the next argument, an int (a negative width left-aligns,
        // a negative precision is 0), as unicode_format_arg_parse takes it.
        auto star = [&](std::int64_t max, const char* c_type) {
            if (next >= list.size()) in.raise("TypeError", "not enough arguments for format string");
            const Value n = list[next++];
            if (!n.is_intlike() && !is_long(n)) in.raise("TypeError", "* wants int");
            if (is_long(n) || n.as_int() > max || n.as_int() < -max)
                in.raise("OverflowError", std::string("Python int too large to convert to C ") + c_type);
            ++j;
            return n.as_int();
        };
        std::string width, precision;
        if (j < fmt.size() && fmt[j] == '*') {
            const std::int64_t n = star(INT64_MAX, "ssize_t");
            if (n < 0) flags += '-';
            width = std::to_string(n < 0 ? -n : n);
        }
        while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) width += fmt[j++];
        if (j < fmt.size() && fmt[j] == '.') {
            precision = ".";
            if (++j < fmt.size() && fmt[j] == '*')
                precision += std::to_string(std::max<std::int64_t>(0, star(INT_MAX, "int")));
            for (; j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]));) precision += fmt[j++];
            if (precision == ".") precision = ".0";
        }
        // PyUnicode_Format's limits: a width past Py_ssize_t, a precision past INT_MAX.
        if (exceeds(width, INT64_MAX)) in.raise("ValueError", "width too big");
        if (exceeds(precision.substr(std::min<std::size_t>(1, precision.size())), INT_MAX))
            in.raise("ValueError", "precision too big");
        if (j >= fmt.size()) in.raise("ValueError", "incomplete format");
        const char conv = fmt[j];
        // Only "%%" itself is a literal '%' (unicode_format_arg): after a key, flags, a width or a
        // precision, '%' is a conversion like any other, which takes its argument and then is
        // "unsupported" ("%5%" % () is "not enough arguments").
        const bool percent_literal = conv == '%' && j == i + 1;
        i = j;
        if (percent_literal) {
            out += '%';
            continue;
        }
        if (!has_key && next >= list.size()) in.raise("TypeError", "not enough arguments for format string");
        Value v = has_key ? keyed : list[next++];
        const bool left = flags.find('-') != std::string::npos;
        std::string spec = left ? "<" : "";
        std::string type(1, conv);
        if (conv == 's' || conv == 'r' || conv == 'a') {
            v = in.str_value(conv == 's' ? str(v) : conv == 'r' ? repr(v) : ascii_escape(repr(v)));
            if (!left) spec = ">";
            type = "";
        } else if (std::strchr("diuxXofFeEgGc", conv) != nullptr) {
            if (conv == 'c') {
                // formatchar: one character, padded to the width; the other flags and a precision
                // change nothing ('%+.2c' % 65 is 'A').
                if (is_kind(v, Kind::str)) {
                    if (code_points(as<StrObj>(v)->value) != 1) in.raise("TypeError", "%c requires int or char");
                } else if (is_long(v) || (v.is_intlike() && (v.as_int() < 0 || v.as_int() > 0x10FFFF))) {
                    in.raise("OverflowError", "%c arg not in range(0x110000)");
                } else if (!v.is_intlike()) {
                    in.raise("TypeError", "%c requires int or char");
                } else {
                    std::string one;
                    utf8_append(one, static_cast<std::uint32_t>(v.as_int()));
                    v = in.str_value(std::move(one));
                }
                out += in.format(v, (left ? "<" : ">") + width);
                continue;
            } else if (!is_numeric(v) && std::strchr("eEfFgG", conv) != nullptr) {
                // formatfloat() converts with PyFloat_AsDouble, whose words these are (Objects/floatobject.c).
                in.raise("TypeError", "must be real number, not " + type_name(v));
            } else if (!is_numeric(v)) {
                in.raise("TypeError", std::string("%") + conv +
                                          " format: " + (std::strchr("xXo", conv) ? "an integer" : "a real number") +
                                          " is required, not " + type_name(v));
            } else if (std::strchr("diuxXo", conv) != nullptr) {
                if (v.tag == Tag::real) {
                    if (std::strchr("xXo", conv))
                        in.raise("TypeError", std::string("%") + conv + " format: an integer is required, not float");
                    if (!std::isfinite(v.f))
                        in.raise(std::isnan(v.f) ? "ValueError" : "OverflowError",
                                 std::isnan(v.f) ? "cannot convert float NaN to integer"
                                                 : "cannot convert float infinity to integer");
                    v = long_from_double(in, std::trunc(v.f));
                } else if (!is_long(v)) {
                    v = Value::integer(v.as_int());  // True is 1
                }
                if (conv != 'x' && conv != 'X' && conv != 'o') type = "d";
                if (precision.size() > 1) {
                    out += percent_int_precision(in, v, type[0], flags, width.empty() ? 0 : std::stoll(width),
                                                 std::stoll(precision.substr(1)));
                    continue;
                }
            } else {
                v = Value::real(v.tag == Tag::real ? v.f : is_long(v) ? long_to_double(in, v) : as_double(v));
            }
            if (flags.find('+') != std::string::npos)
                spec += "+";
            else if (flags.find(' ') != std::string::npos)
                spec += " ";
            if (flags.find('#') != std::string::npos) spec += "#";
            if (flags.find('0') != std::string::npos && !left) spec += "0";
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned char>(conv));
            in.raise("ValueError", std::string("unsupported format character '") + conv + "' (0x" + hex +
                                       ") at index " + std::to_string(j));
        }
        out += in.format(v, spec + width + precision + type);
    }
    if (next < list.size() && !mapping && !used_key)
        in.raise("TypeError", "not all arguments converted during string formatting");
    return out;
}

}  // namespace

Value Interp::binary(BinOp op, const Value& a, const Value& b, bool inplace) {
    if (is_number(a) && is_number(b)) {
        if (a.tag != Tag::real && b.tag != Tag::real) {
            // bool_and, bool_or, bool_xor (Objects/boolobject.c): two bools give a bool.
            if (a.tag == Tag::boolean && b.tag == Tag::boolean) {
                if (op == BinOp::and_) return Value::boolean(a.b && b.b);
                if (op == BinOp::or_) return Value::boolean(a.b || b.b);
                if (op == BinOp::xor_) return Value::boolean(a.b != b.b);
            }
            return int_binary(*this, op, a.as_int(), b.as_int());
        }
        Value r = float_binary(*this, op, as_double(a), as_double(b));
        if (!r.is_none()) return r;
    } else if ((is_long(a) || is_long(b)) && is_numeric(a) && is_numeric(b)) {
        if (a.tag != Tag::real && b.tag != Tag::real) return long_binary(*this, op, a, b);
        // With a float, CPython converts the int (OverflowError beyond the largest double).
        Value r = float_binary(*this, op, a.tag == Tag::real ? a.f : long_to_double(*this, a),
                               b.tag == Tag::real ? b.f : long_to_double(*this, b));
        if (!r.is_none()) return r;
    } else if (op == BinOp::add && a.is_obj() && b.is_obj() && a.o->kind == b.o->kind &&
               (a.o->kind == Kind::str || a.o->kind == Kind::list || a.o->kind == Kind::tuple)) {
        if (a.o->kind == Kind::str) return str_value(as<StrObj>(a)->value + as<StrObj>(b)->value);
        std::vector<Value> items = as<ListObj>(a)->items;
        items.insert(items.end(), as<ListObj>(b)->items.begin(), as<ListObj>(b)->items.end());
        return list_value(std::move(items), a.o->kind);
    } else if (op == BinOp::mul && (is_kind(a, Kind::str) || is_kind(a, Kind::list) || is_kind(a, Kind::tuple)) &&
               b.is_intlike()) {
        return repeat(*this, a, b.as_int());
    } else if (op == BinOp::mul && (is_kind(b, Kind::str) || is_kind(b, Kind::list) || is_kind(b, Kind::tuple)) &&
               a.is_intlike()) {
        return repeat(*this, b, a.as_int());
    }
    if (op == BinOp::or_ && is_kind(a, Kind::dict) && is_kind(b, Kind::dict)) {
        // dict_or (PEP 584): a copy of a updated with b; anything else but a dict is unsupported.
        CallArgs copy;
        copy.pos.push_back(a);
        Value merged = call_builtin(*this, builtins["dict"], copy);
        dict_update(*this, as<DictObj>(merged), b);
        return merged;
    }
    // type.__or__ (PEP 604): int | str, int | None make a types.UnionType.
    if (op == BinOp::or_ && (is_kind(a, Kind::type) || is_kind(b, Kind::type)) &&
        (is_kind(a, Kind::type) || a.is_none()) && (is_kind(b, Kind::type) || b.is_none()))
        refuse("union types (X | Y)");
    auto set_like_view = [](const Value& v) { return is_kind(v, Kind::dict_view) && type_name(v) != "dict_values"; };
    if ((op == BinOp::or_ || op == BinOp::and_ || op == BinOp::sub || op == BinOp::xor_) &&
        (set_like_view(a) || set_like_view(b)))
        refuse("set operations on dict views (they make sets)");  // dictviews_or ... give a set
    if (op == BinOp::add && is_kind(a, Kind::str))
        raise("TypeError", "can only concatenate str (not \"" + type_name(b) + "\") to str");
    if (op == BinOp::mod && is_kind(a, Kind::str)) return str_value(percent_format(*this, as<StrObj>(a)->value, b));
    auto is_seq = [](const Value& v) {
        return is_kind(v, Kind::str) || is_kind(v, Kind::list) || is_kind(v, Kind::tuple);
    };
    if (op == BinOp::mul && ((is_seq(a) && is_long(b)) || (is_seq(b) && is_long(a))))
        raise("OverflowError", "cannot fit 'int' into an index-sized integer");
    // PyNumber_InPlaceMultiply repeats the right operand only when the left one has no sequence
    // methods at all: a dict, a range or a dict view has some (no repeat), so {} *= [1] is "*=".
    const bool left_has_sequence_methods =
        is_kind(a, Kind::dict) || is_kind(a, Kind::range) || is_kind(a, Kind::dict_view);
    if (op == BinOp::mul && (is_seq(a) || (is_seq(b) && !(inplace && left_has_sequence_methods)))) {
        raise("TypeError", "can't multiply sequence by non-int of type '" + type_name(is_seq(a) ? b : a) + "'");
    }
    if (op == BinOp::add && (is_kind(a, Kind::list) || is_kind(a, Kind::tuple))) {
        raise("TypeError",
              "can only concatenate " + type_name(a) + " (not \"" + type_name(b) + "\") to " + type_name(a));
    }
    // binop_type_error's op_name: "+=" for the in-place forms (PyNumber_InPlaceAdd ...), and
    // "**=" for ternary_iop, where the plain ** is "** or pow()".
    const std::string symbol = bin_symbols[static_cast<int>(op)];
    raise("TypeError", "unsupported operand type(s) for " +
                           (inplace            ? symbol + "="
                            : op == BinOp::pow ? "** or pow()"
                                               : symbol) +
                           ": '" + type_name(a) + "' and '" + type_name(b) + "'");
}

// --- comparisons --------------------------------------------------------------------------------

bool Interp::less(const Value& a, const Value& b) {
    NestingGuard guard(" in comparison");
    if (is_number(a) && is_number(b)) {
        if (a.tag != Tag::real && b.tag != Tag::real) return a.as_int() < b.as_int();
        return number_compare(a, b) == -1;  // exact, as CPython compares an int with a float
    }
    if (is_numeric(a) && is_numeric(b)) return number_compare(a, b) == -1;
    if (is_kind(a, Kind::str) && is_kind(b, Kind::str)) return as<StrObj>(a)->value < as<StrObj>(b)->value;
    if (a.is_obj() && b.is_obj() && a.o->kind == b.o->kind && (a.o->kind == Kind::list || a.o->kind == Kind::tuple)) {
        const auto& x = as<ListObj>(a)->items;
        const auto& y = as<ListObj>(b)->items;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equal(x[i], y[i])) return less(x[i], y[i]);
        }
        return x.size() < y.size();
    }
    raise("TypeError", "'<' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
}

bool Interp::ordered(CmpOp op, const Value& a, const Value& b) {
    const char* symbol = op == CmpOp::lt ? "<" : op == CmpOp::gt ? ">" : op == CmpOp::le ? "<=" : ">=";
    if (a.is_obj() && b.is_obj() && a.o->kind == b.o->kind && (a.o->kind == Kind::list || a.o->kind == Kind::tuple)) {
        // tuplerichcompare and list_richcompare: the first items that differ decide, compared with
        // the same operator (so (1, 2) > (1, 'a') is "'>' not supported ... 'int' and 'str'");
        // with none, the lengths.
        NestingGuard guard(" in comparison");
        const auto& x = as<ListObj>(a)->items;
        const auto& y = as<ListObj>(b)->items;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equal(x[i], y[i])) return ordered(op, x[i], y[i]);
        }
        return op == CmpOp::lt   ? x.size() < y.size()
               : op == CmpOp::gt ? x.size() > y.size()
               : op == CmpOp::le ? x.size() <= y.size()
                                 : x.size() >= y.size();
    }
    check_ordered(a, b, symbol);
    switch (op) {
        case CmpOp::lt: return less(a, b);
        case CmpOp::gt: return less(b, a);
        case CmpOp::le: return less(a, b) || compares_equal(a, b);
        default: return less(b, a) || compares_equal(a, b);
    }
}

void Interp::check_ordered(const Value& a, const Value& b, const char* op) {
    const bool ok =
        (is_numeric(a) && is_numeric(b)) || (is_kind(a, Kind::str) && is_kind(b, Kind::str)) ||
        (a.is_obj() && b.is_obj() && a.o->kind == b.o->kind && (a.o->kind == Kind::list || a.o->kind == Kind::tuple));
    if (!ok)
        raise("TypeError", std::string("'") + op + "' not supported between instances of '" + type_name(a) + "' and '" +
                               type_name(b) + "'");
}

namespace {

bool contains(Interp& in, const Value& container, const Value& item) {
    if (is_kind(container, Kind::str)) {
        if (!is_kind(item, Kind::str))
            in.raise("TypeError", "'in <string>' requires string as left operand, not " + type_name(item));
        return find_text(as<StrObj>(container)->value, as<StrObj>(item)->value) != std::string::npos;
    }
    if (is_kind(container, Kind::dict)) {
        check_hashable(in, item);
        return as<DictObj>(container)->find(item) != nullptr;
    }
    if (is_kind(container, Kind::dict_view)) {
        const auto* view = as<DictViewObj>(container);
        auto* d = as<DictObj>(view->dict);
        if (view->which == DictViewObj::Which::keys) {
            check_hashable(in, item);
            return d->find(item) != nullptr;
        }
        if (view->which == DictViewObj::Which::items) {  // dictitems_contains: a pair whose value is the key's
            if (!is_kind(item, Kind::tuple) || as<ListObj>(item)->items.size() != 2) return false;
            const Value& key = as<ListObj>(item)->items[0];
            check_hashable(in, key);
            const Value* v = d->find(key);
            return v != nullptr && equal(*v, as<ListObj>(item)->items[1]);
        }
        for (const auto& e : d->entries) {
            if (e.live && equal(e.value, item)) return true;
        }
        return false;
    }
    if (is_kind(container, Kind::list) || is_kind(container, Kind::tuple)) {
        for (const Value& v : as<ListObj>(container)->items) {
            if (equal(v, item)) return true;
        }
        return false;
    }
    if (is_kind(container, Kind::range) && is_integer(item)) return range_contains(*as<RangeObj>(container), item);
    // An iterator, taken item by item until one is equal; a range asked about anything but an int
    // (2.0 in range(3)) is searched so too (range_contains: _PySequence_IterSearch).
    if (is_kind(container, Kind::iter) || is_kind(container, Kind::range)) {
        const Value it = is_kind(container, Kind::iter) ? container : in.iterate(container);
        for (Value v; in.next(it, v);) {
            in.charge_work(1);
            if (equal(v, item)) return true;
        }
        return false;
    }
    in.raise("TypeError", "argument of type '" + type_name(container) + "' is not iterable");
}

bool identical(const Value& a, const Value& b) {
    if (a.tag != b.tag) return false;
    switch (a.tag) {
        case Tag::none: return true;
        case Tag::boolean: return a.b == b.b;
        case Tag::integer: return a.i == b.i;
        case Tag::real: return std::memcmp(&a.f, &b.f, sizeof(double)) == 0;
        case Tag::object:
            // CPython has one empty tuple (and one empty str): `() is ()` is True
            if (a.o != b.o && a.o->kind == b.o->kind && (a.o->kind == Kind::tuple || a.o->kind == Kind::str))
                return a.o->kind == Kind::tuple ? as<ListObj>(a)->items.empty() && as<ListObj>(b)->items.empty()
                                                : as<StrObj>(a)->value.empty() && as<StrObj>(b)->value.empty();
            return a.o == b.o;
    }
    return false;
}

}  // namespace

void charge_scan(Interp& in, const Value& v) {
    if (is_kind(v, Kind::list) || is_kind(v, Kind::tuple)) in.charge_work(as<ListObj>(v)->items.size());
    if (is_kind(v, Kind::str)) in.charge_work(as<StrObj>(v)->value.size());
}

Value Interp::compare(CmpOp op, const Value& a, const Value& b) {
    if (op == CmpOp::eq || op == CmpOp::ne) charge_scan(*this, a);
    if (op == CmpOp::in || op == CmpOp::not_in) charge_scan(*this, b);
    switch (op) {
        case CmpOp::eq: return Value::boolean(compares_equal(a, b));
        case CmpOp::ne: return Value::boolean(!compares_equal(a, b));
        case CmpOp::lt:
        case CmpOp::gt:
        case CmpOp::le:
        case CmpOp::ge: return Value::boolean(ordered(op, a, b));
        case CmpOp::in: return Value::boolean(contains(*this, b, a));
        case CmpOp::not_in: return Value::boolean(!contains(*this, b, a));
        case CmpOp::is: return Value::boolean(identical(a, b));
        case CmpOp::is_not: return Value::boolean(!identical(a, b));
    }
    return Value::none();
}

// --- indexing -------------------------------------------------------------------------------------

namespace {

std::int64_t normalize_index(Interp& in, const Value& index, std::size_t size, const std::string& what) {
    if (is_long(index))
        in.raise("IndexError", what == "range object" ? "range object index out of range"
                                                      : "cannot fit 'int' into an index-sized integer");
    if (!index.is_intlike()) {
        // unicode_subscript words it apart from list_subscript and tuple_subscript (CPython 3.11), and
        // list_ass_subscript as list_subscript ("list indices", where its IndexError says "assignment").
        if (what == "string") in.raise("TypeError", "string indices must be integers, not '" + type_name(index) + "'");
        in.raise("TypeError", (what == "list assignment" ? std::string("list") : what) +
                                  " indices must be integers or slices, not " + type_name(index));
    }
    std::int64_t i = index.as_int();
    if (i < 0) i += static_cast<std::int64_t>(size);
    if (i < 0 || i >= static_cast<std::int64_t>(size)) in.raise("IndexError", what + " index out of range");
    return i;
}

// slice.indices(size): the start, stop and step a slice selects in a sequence of `size`.
void slice_bounds(Interp& in, SliceObj* s, std::int64_t size, std::int64_t& start, std::int64_t& stop,
                  std::int64_t& step) {
    // A big bound lies beyond any sequence: CPython clamps it, so a quarter of the 64-bit range does
    // (slice_index); one that is not an int is _PyEval_SliceIndex's TypeError.
    auto bound = [&](const Value& v) { return slice_index(in, v, 0); };
    step = s->step.is_none() ? 1 : bound(s->step);
    if (step == 0) in.raise("ValueError", "slice step cannot be zero");
    auto clamp = [&](const Value& v, std::int64_t fallback) {
        if (v.is_none()) return fallback;
        std::int64_t i = bound(v);
        if (i < 0) i += size;
        if (step > 0) return i < 0 ? std::int64_t{0} : (i > size ? size : i);
        return i < 0 ? std::int64_t{-1} : (i >= size ? size - 1 : i);
    };
    start = clamp(s->start, step > 0 ? 0 : size - 1);
    stop = clamp(s->stop, step > 0 ? size : -1);
}

Value slice_of(Interp& in, const Value& obj, SliceObj* s) {
    const auto* str = is_kind(obj, Kind::str) ? as<StrObj>(obj) : nullptr;
    const auto size = static_cast<std::int64_t>(str != nullptr ? str->length() : as<ListObj>(obj)->items.size());
    std::int64_t start, stop, step;
    slice_bounds(in, s, size, start, stop, step);
    if (str != nullptr) {
        // By code point: s[i:j] copies what it takes, wherever i lies in a str beyond ASCII.
        std::string text;
        if (step == 1) {
            if (start < stop) {
                const std::size_t b = str->byte_at(static_cast<std::size_t>(start));
                text = str->value.substr(b, str->byte_at(static_cast<std::size_t>(stop)) - b);
            }
        } else {
            for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
                const std::size_t b = str->byte_at(static_cast<std::size_t>(i));
                text.append(str->value, b, utf8_length(static_cast<unsigned char>(str->value[b])));
            }
        }
        return in.str_value(std::move(text));
    }
    std::vector<Value> items;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        items.push_back(as<ListObj>(obj)->items[static_cast<std::size_t>(i)]);
    return in.list_value(std::move(items), obj.o->kind);
}

}  // namespace

Value Interp::subscript(const Value& obj, const Value& index) {
    if (is_kind(obj, Kind::dict)) {
        Value* v = as<DictObj>(obj)->find(index);
        if (v == nullptr) {
            check_hashable(*this, index);
            throw PyRaise{make_exception(type("KeyError"), {index})};
        }
        return *v;
    }
    const bool seq = is_kind(obj, Kind::list) || is_kind(obj, Kind::tuple) || is_kind(obj, Kind::str);
    if (seq && is_kind(index, Kind::slice)) return slice_of(*this, obj, as<SliceObj>(index));
    if (is_kind(obj, Kind::list) || is_kind(obj, Kind::tuple)) {
        const auto& items = as<ListObj>(obj)->items;
        return items[static_cast<std::size_t>(normalize_index(*this, index, items.size(), type_name(obj)))];
    }
    if (is_kind(obj, Kind::str)) {
        const auto* str = as<StrObj>(obj);
        const std::size_t b =
            str->byte_at(static_cast<std::size_t>(normalize_index(*this, index, str->length(), "string")));
        return str_value(str->value.substr(b, utf8_length(static_cast<unsigned char>(str->value[b]))));
    }
    if (is_kind(obj, Kind::range)) {
        if (is_kind(index, Kind::slice)) return range_slice(*this, *as<RangeObj>(obj), *as<SliceObj>(index));
        return range_item(*this, *as<RangeObj>(obj), index);
    }
    if (is_kind(obj, Kind::type)) {
        // list[int] is a types.GenericAlias (the type's __class_getitem__); int[0] is type_getitem's error.
        static const std::unordered_set<std::string> generic = {
            "dict",  "enumerate",      "frozenset",         "list", "set", "tuple", "type", "Future", "Task",
            "Queue", "ExceptionGroup", "BaseExceptionGroup"};
        if (generic.count(as<TypeObj>(obj)->name) != 0) refuse("generic aliases such as list[int]");
        raise("TypeError", "type '" + as<TypeObj>(obj)->name + "' is not subscriptable");
    }
    raise("TypeError", "'" + type_name(obj) + "' object is not subscriptable");
}

namespace {

/// list[a:b] = iterable (any length), list[a:b:c] = iterable of the slice's length (list_ass_subscript).
void assign_slice(Interp& in, ListObj& list, SliceObj* s, const Value& value) {
    auto& items = list.items;
    std::int64_t start, stop, step;
    slice_bounds(in, s, static_cast<std::int64_t>(items.size()), start, stop, step);
    if (!is_iterable(value))
        in.raise("TypeError", step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
    std::vector<Value> seq = in.to_vector(value);  // a copy: x[:] = x reads x before it changes
    if (step == 1) {
        stop = std::max(stop, start);
        in.heap.charge(seq.size() * sizeof(Value));
        items.erase(items.begin() + start, items.begin() + stop);
        items.insert(items.begin() + start, seq.begin(), seq.end());
        return;
    }
    const std::int64_t count = step > 0 ? (start < stop ? (stop - start - 1) / step + 1 : 0)
                                        : (start > stop ? (start - stop - 1) / -step + 1 : 0);
    if (static_cast<std::int64_t>(seq.size()) != count)
        in.raise("ValueError", "attempt to assign sequence of size " + std::to_string(seq.size()) +
                                   " to extended slice of size " + std::to_string(count));
    for (std::int64_t k = 0; k < count; ++k) items[static_cast<std::size_t>(start + k * step)] = seq[k];
}

}  // namespace

Value store_subscript(Interp& in, const Value& obj, const Value& index, const Value& value) {
    if (is_kind(obj, Kind::dict)) return dict_set(in, as<DictObj>(obj), index, value);
    if (is_kind(obj, Kind::list) && is_kind(index, Kind::slice)) {
        assign_slice(in, *as<ListObj>(obj), as<SliceObj>(index), value);
        return Value::none();
    }
    if (is_kind(obj, Kind::list)) {
        auto& items = as<ListObj>(obj)->items;
        const auto at = static_cast<std::size_t>(normalize_index(in, index, items.size(), "list assignment"));
        return std::exchange(items[at], value);
    }
    in.raise("TypeError", "'" + type_name(obj) + "' object does not support item assignment");
}

namespace {

void delete_slice(Interp& in, ListObj& list, SliceObj* s) {
    auto& items = list.items;
    std::int64_t start, stop, step;
    slice_bounds(in, s, static_cast<std::int64_t>(items.size()), start, stop, step);
    if (step == 1) {
        if (stop > start) items.erase(items.begin() + start, items.begin() + stop);
        return;
    }
    std::vector<bool> doomed(items.size(), false);
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) doomed[static_cast<std::size_t>(i)] = true;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!doomed[i]) items[kept++] = items[i];
    }
    items.resize(kept);
}

/// Types with sequence methods (PyObject_DelItem's tp_as_sequence): the C sequences, dict views
/// and every class written in Python (asyncio's Semaphore, Lock, Event, ...).
bool has_sequence_methods(const Value& obj) {
    if (!obj.is_obj()) return false;
    switch (obj.o->kind) {
        case Kind::str:
        case Kind::tuple:
        case Kind::range:
        case Kind::dict_view: return true;
        default: return of_python_class(obj);
    }
}

}  // namespace

void delete_subscript(Interp& in, const Value& obj, const Value& index) {
    if (is_kind(obj, Kind::dict)) {
        check_hashable(in, index);
        if (!as<DictObj>(obj)->erase(index, nullptr)) throw PyRaise{in.make_exception(in.type("KeyError"), {index})};
        return;
    }
    if (is_kind(obj, Kind::list) && is_kind(index, Kind::slice))
        return delete_slice(in, *as<ListObj>(obj), as<SliceObj>(index));
    if (is_kind(obj, Kind::list)) {
        auto& items = as<ListObj>(obj)->items;
        items.erase(items.begin() + normalize_index(in, index, items.size(), "list assignment"));
        return;
    }
    // PyObject_DelItem: an index to a sequence that cannot delete goes as far as PySequence_DelItem.
    if (has_sequence_methods(obj) && (index.is_intlike() || is_long(index))) {
        if (is_long(index)) in.raise("IndexError", "cannot fit 'int' into an index-sized integer");
        in.raise("TypeError", "'" + type_name(obj) + "' object doesn't support item deletion");
    }
    in.raise("TypeError", "'" + type_name(obj) + "' object does not support item deletion");
}

// --- attributes -----------------------------------------------------------------------------------

namespace {
/// How a refusal names the owner of an attribute: "Task.get_stack()", "loop.call_later()", "int.real".
std::string attribute_owner(const Value& obj) {
    if (is_kind(obj, Kind::type)) return as<TypeObj>(obj)->name;
    std::string owner = type_name(obj);
    if (owner.rfind("_asyncio.", 0) == 0) owner.erase(0, 9);
    if (owner == "_UnixSelectorEventLoop") owner = "loop";
    if (owner == "_GatheringFuture") owner = "Future";
    return owner;
}
}  // namespace

Value Interp::get_attr(const Value& obj, const std::string& name) {
    if (is_kind(obj, Kind::module)) {
        auto* m = as<ModuleObj>(obj);
        if (name == "__name__") return str_value(m->name);
        auto it = m->attrs.find(name);
        if (it == m->attrs.end()) {
            if (python_has(m->name, name)) refuse(m->name + "." + name);
            raise_attribute_error(obj, name, "module '" + m->name + "' has no attribute '" + name + "'");
        }
        return it->second;
    }
    if (is_kind(obj, Kind::exception)) {
        const auto* e = as<ExceptionObj>(obj);
        if (name == "args") return list_value(e->args, Kind::tuple);
        if (name == "code" && e->type->name == "SystemExit") return system_exit_code(*this, obj);
        if (name == "__cause__") return e->cause;
        if (name == "__context__") return e->context;
        if (name == "__suppress_context__") return Value::boolean(e->suppress_context);
    }
    if (name == "__class__") {  // object.__class__: type(obj), as in e.__class__.__name__
        CallArgs args;
        args.pos.push_back(obj);
        return call_builtin(*this, builtins["type"], args);
    }
    if (is_kind(obj, Kind::type) && name == "__name__") return str_value(as<TypeObj>(obj)->name);
    if ((is_kind(obj, Kind::function)) && name == "__name__") return str_value(as<FunctionObj>(obj)->code->name);
    if (is_kind(obj, Kind::builtin) && name == "__name__") return str_value(as<BuiltinObj>(obj)->name);
    if (is_kind(obj, Kind::bound_method) && name == "__name__")  // t.result.__name__: 'result'
        return str_value(as<BoundMethodObj>(obj)->method->name);
    Value method;
    if (find_method(*this, obj, name, method)) return method;
    if (is_kind(obj, Kind::type) && find_method_descriptor(*this, obj, name, method)) return method;
    bool callable = false;
    if (cpython_has_attribute(obj, name, callable)) refuse(attribute_owner(obj) + "." + name + (callable ? "()" : ""));
    if (is_kind(obj, Kind::type))
        raise_attribute_error(obj, name,
                              "type object '" + as<TypeObj>(obj)->name + "' has no attribute '" + name + "'");
    raise_attribute_error(obj, name, "'" + type_name(obj) + "' object has no attribute '" + name + "'");
}

void Interp::raise_attribute_error(const Value& obj, const std::string& name, const std::string& message) {
    const Value exc = make_exception("AttributeError", message);
    // object.c's set_attribute_error_context: .name and .obj, for the traceback's suggestion.
    as<ExceptionObj>(exc)->missing_name = name;
    as<ExceptionObj>(exc)->missing_in = obj;
    throw PyRaise{exc};
}

bool cpython_has_attribute(const Value& obj, const std::string& name, bool& callable) {
    if (is_kind(obj, Kind::module)) return python_has(as<ModuleObj>(obj)->name, name);
    if (is_kind(obj, Kind::type)) {
        const TypeObj* t = as<TypeObj>(obj);
        return cpython_attribute(t->name, name, callable) || cpython_attribute("type", name, callable) ||
               (t->is_exception && cpython_attribute("BaseException", name, callable));
    }
    return cpython_attribute(type_name(obj), name, callable) ||
           (is_kind(obj, Kind::exception) && cpython_attribute("BaseException", name, callable));
}

// --- iteration ------------------------------------------------------------------------------------

bool is_iterable(const Value& v) {
    return is_kind(v, Kind::list) || is_kind(v, Kind::tuple) || is_kind(v, Kind::str) || is_kind(v, Kind::range) ||
           is_kind(v, Kind::dict) || is_kind(v, Kind::iter) || is_kind(v, Kind::dict_view);
}

Value Interp::iterate(const Value& v) {
    if (is_kind(v, Kind::iter)) return v;
    IterObj::Mode mode;
    if (is_kind(v, Kind::list) || is_kind(v, Kind::tuple)) {
        mode = IterObj::Mode::sequence;
    } else if (is_kind(v, Kind::str)) {
        mode = IterObj::Mode::str;
    } else if (is_kind(v, Kind::range)) {
        mode = IterObj::Mode::range;
    } else if (is_kind(v, Kind::dict)) {
        mode = IterObj::Mode::dict_keys;
    } else if (is_kind(v, Kind::dict_view)) {
        // the dict's own iterator, for its keys, values or items (dictiter_iternextvalue, ...)
        auto* it = heap.make<IterObj>(IterObj::Mode::dict_keys);
        it->source = as<DictViewObj>(v)->dict;
        it->count = it->dict_size = static_cast<std::int64_t>(as<DictObj>(it->source)->size());
        it->dict_which = static_cast<std::uint8_t>(as<DictViewObj>(v)->which);
        return Value::object(it);
    } else {
        raise("TypeError", "'" + type_name(v) + "' object is not iterable");
    }
    auto* it = heap.make<IterObj>(mode);
    it->source = v;
    if (mode == IterObj::Mode::dict_keys) it->count = it->dict_size = static_cast<std::int64_t>(as<DictObj>(v)->size());
    if (mode == IterObj::Mode::range) {
        const RangeObj& r = *as<RangeObj>(v);
        it->pos = r.start;
        if (r.big) it->big = std::make_unique<BigInt>(r.big->start);
    }
    return Value::object(it);
}

/// The next key of a dict, with dictiter_iternextkey's checks: a loop that adds or removes keys as
/// it goes is CPython's RuntimeError (else `for k in d: d[k + 1] = 1` would never end).
bool Interp::next_dict_key(IterObj& it, Value& out) {
    auto* d = as<DictObj>(it.source);
    if (it.count < 0) return false;  // ended by "keys changed", as CPython's di_dict = NULL
    if (it.dict_size != static_cast<std::int64_t>(d->size())) {
        it.dict_size = -1;  // broken for good, as CPython's di_used = -1
        raise("RuntimeError", "dictionary changed size during iteration");
    }
    while (it.pos < static_cast<std::int64_t>(d->entries.size()) && !d->entries[static_cast<std::size_t>(it.pos)].live)
        ++it.pos;
    if (it.pos >= static_cast<std::int64_t>(d->entries.size())) return false;
    // A key beyond the ones counted at the start: the same size, but other keys.
    if (it.count-- == 0) raise("RuntimeError", "dictionary keys changed during iteration");  // count is -1 now
    const auto& e = d->entries[static_cast<std::size_t>(it.pos++)];
    out = it.dict_which == 0 ? e.key : it.dict_which == 1 ? e.value : list_value({e.key, e.value}, Kind::tuple);
    return true;
}

bool Interp::next(const Value& iterator, Value& out) {
    auto* it = as<IterObj>(iterator);
    // A combinator asks the iterator below it: a chain built by a loop (x = map(f, x) a million
    // times) is as deep in C++ as it is long. CPython recurses in C too; here it is RecursionError.
    std::optional<NestingGuard> guard;
    if (!it->parts.empty()) guard.emplace();
    switch (it->mode) {
        case IterObj::Mode::sequence: {
            const auto& items = as<ListObj>(it->source)->items;
            if (it->pos >= static_cast<std::int64_t>(items.size())) return false;
            out = items[static_cast<std::size_t>(it->pos++)];
            return true;
        }
        case IterObj::Mode::str: {
            const std::string& s = as<StrObj>(it->source)->value;
            if (it->pos >= static_cast<std::int64_t>(s.size())) return false;
            const auto at = static_cast<std::size_t>(it->pos);
            const std::size_t n = utf8_length(static_cast<unsigned char>(s[at]));  // one code point
            out = str_value(s.substr(at, n));
            it->pos += static_cast<std::int64_t>(n);
            return true;
        }
        case IterObj::Mode::range: {
            if (it->big) return range_next(*this, *it, out);
            auto* r = as<RangeObj>(it->source);
            if (r->step > 0 ? it->pos >= r->stop : it->pos <= r->stop) return false;
            out = Value::integer(it->pos);
            if (__builtin_add_overflow(it->pos, r->step, &it->pos)) it->pos = r->step > 0 ? INT64_MAX : INT64_MIN;
            return true;
        }
        case IterObj::Mode::dict_keys: return next_dict_key(*it, out);
        case IterObj::Mode::enumerate: {
            Value item;
            if (!next(Value::object(it->parts[0]), item)) return false;
            out = list_value({enumerate_count(*this, *it), item}, Kind::tuple);
            return true;
        }
        case IterObj::Mode::zip: {
            if (it->parts.empty()) return false;  // zip(): empty, not endless
            std::vector<Value> items;
            for (std::size_t i = 0; i < it->parts.size(); ++i) {
                Value item;
                if (next(Value::object(it->parts[i]), item)) {
                    items.push_back(item);
                    continue;
                }
                if (it->strict) {  // zip_next: which argument ran out first, or which had more
                    auto plural = [](std::size_t k) { return k == 1 ? std::string(" 1") : "s 1-" + std::to_string(k); };
                    if (i > 0)
                        raise("ValueError",
                              "zip() argument " + std::to_string(i + 1) + " is shorter than argument" + plural(i));
                    for (std::size_t j = 1; j < it->parts.size(); ++j) {
                        if (next(Value::object(it->parts[j]), item))
                            raise("ValueError",
                                  "zip() argument " + std::to_string(j + 1) + " is longer than argument" + plural(j));
                    }
                }
                return false;
            }
            out = list_value(std::move(items), Kind::tuple);
            return true;
        }
        case IterObj::Mode::map: {  // map_next: the function of the next item of each, lazily
            CallArgs args;
            for (IterObj* part : it->parts) {
                Value item;
                if (!next(Value::object(part), item)) return false;
                args.pos.push_back(item);
            }
            out = call_from_builtin(it->source, args);
            return true;
        }
        case IterObj::Mode::generator: return generator_next(*it, out);
        case IterObj::Mode::filter: {  // filter_next: the next item the function (None: truth) keeps
            for (Value item; next(Value::object(it->parts[0]), item);) {
                bool keep;
                if (it->source.is_none()) {
                    keep = truthy(item);
                } else {
                    CallArgs args;
                    args.pos.push_back(item);
                    keep = truthy(call_from_builtin(it->source, args));
                }
                if (keep) {
                    out = item;
                    return true;
                }
            }
            return false;
        }
    }
    return false;
}

std::vector<Value> Interp::to_vector(const Value& iterable) {
    if (is_kind(iterable, Kind::list) || is_kind(iterable, Kind::tuple)) {
        const std::vector<Value>& items = as<ListObj>(iterable)->items;
        charge_work(items.size());  // what the caller does next goes through every item
        return items;
    }
    // list_extend asks for a length hint first: a range too long for one is len()'s OverflowError.
    if (is_kind(iterable, Kind::range)) range_length(*this, *as<RangeObj>(iterable));
    Value it = iterate(iterable);
    std::vector<Value> out;
    Value item;
    try {
        while (next(it, item)) {
            charge_work(1);
            // The vector is not the program's object (the list made from it is charged): refuse it
            // past the limit, as CPython's list() fails to grow, without counting it for ever.
            if (heap.would_exceed((out.size() + 1) * sizeof(Value))) raise("MemoryError", "");
            out.push_back(item);
        }
    } catch (const PyRaise&) {
        // The half-built list is freed as the exception leaves: a coroutine in it that never ran
        // warns now, at the line that asked for the list (`print(*(work() ... 1 / 0 ...))`).
        if (current != nullptr && !current->frames.empty())
            stack_dropped(out, Value::none(), current->frames.back()->line);
        throw;
    }
    return out;
}

bool Interp::isinstance(const Value& v, const TypeObj* t) {
    if (t->name == "object") return true;
    if (is_kind(v, Kind::exception)) return as<ExceptionObj>(v)->type->is_subclass_of(t);
    const std::string name = type_name(v);
    if (t->name == "int" && v.tag == Tag::boolean) return true;
    if (!t->module.empty() && !t->is_exception) {  // type(task), type(sem) ...
        const char* module = "";
        std::string cls = name;
        asyncio_class(v, module, cls);
        if (cls == "BoundedSemaphore" && t->name == "Semaphore") cls = "Semaphore";  // its subclass
        // _asyncio.Future: the base of Task and of gather()'s _GatheringFuture
        if (t->module == "_asyncio" && t->name == "Future") return is_kind(v, Kind::task) || is_kind(v, Kind::future);
        return t->module == module && t->name == cls;
    }
    return !t->is_exception && name == t->name;
}

// --- format() -------------------------------------------------------------------------------------

namespace {

/// The digits of a small int in base 2, 8, 10 or 16 (lower case), with its '-'.
std::string int_digits(std::int64_t i, int base) {
    std::uint64_t u = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
    std::string body;
    do {
        body.insert(body.begin(), "0123456789abcdef"[u % static_cast<unsigned>(base)]);
        u /= static_cast<unsigned>(base);
    } while (u != 0);
    return i < 0 ? "-" + body : body;
}

struct Spec {
    std::string fill = " ";              // one character, of any code point (UTF-8)
    char align = 0, sign = 0, type = 0;  // sign: 0 unless the spec gives one
    bool fill_given = false, zero = false, alt = false;
    bool no_neg_0 = false;  // 'z' (PEP 682, Python 3.11): a float that rounds to zero shows no '-'
    char grouping = 0;
    std::int64_t width = -1, precision = -1;  // of any size a Py_ssize_t holds (the memory limit decides)
};

/// Python/formatter_unicode.c, get_integer: the digits at `i` as a Py_ssize_t (64 bits, as on the
/// CPython the playground follows), or its ValueError past that.
std::int64_t spec_integer(Interp& in, const std::string& s, std::size_t& i) {
    std::int64_t n = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
        const int digit = s[i] - '0';
        if (n > (INT64_MAX - digit) / 10) in.raise("ValueError", "Too many decimal digits in format string");
        n = n * 10 + digit;
    }
    return n;
}

/// A presentation type as CPython's messages show it: itself if printable ASCII, else a backslash, x
/// and its code in hex (\xe9 for 'é', \x1 for U+0001).
std::string type_text(char32_t c) {
    if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
    return buf;
}

/// "Cannot specify ',' with 'x'.": a thousands separator goes with the decimal types (PEP 378) and,
/// '_' only, with 'b', 'o', 'x' and 'X' (PEP 515). CPython checks it as it parses the spec, before
/// the type is checked against the object's (formatter_unicode.c, invalid_thousands_separator_type).
/// `type`: the spec's, or the object's default ('s' for a str).
void check_grouping(Interp& in, char grouping, char type) {
    if (!grouping || !type || std::strchr("deEfFgG%", type)) return;
    if (grouping == '_' && std::strchr("boxX", type)) return;
    in.raise("ValueError", std::string("Cannot specify '") + grouping + "' with '" + type_text(type) + "'.");
}

/// "Unknown format code 'q' for object of type 'int'" (formatter_unicode.c, unknown_presentation_type).
[[noreturn]] void unknown_type(Interp& in, char32_t type, const Value& v) {
    in.raise("ValueError", "Unknown format code '" + type_text(type) + "' for object of type '" + type_name(v) + "'");
}

/// Python/formatter_unicode.c, parse_internal_render_format_spec, for the object v (whose type
/// the messages name).
Spec parse_spec(Interp& in, const Value& v, const std::string& s) {
    Spec sp;
    std::size_t i = 0;
    auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    const std::size_t first = s.empty() ? 0 : std::min(utf8_length(static_cast<unsigned char>(s[0])), s.size());
    if (s.size() > first && is_align(s[first])) {
        sp.fill = s.substr(0, first);
        sp.fill_given = true;
        sp.align = s[first];
        i = first + 1;
    } else if (!s.empty() && is_align(s[0])) {
        sp.align = s[0];
        i = 1;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
    if (i < s.size() && s[i] == 'z') sp.no_neg_0 = true, ++i;
    if (i < s.size() && s[i] == '#') sp.alt = true, ++i;
    if (i < s.size() && s[i] == '0') sp.zero = true, ++i;
    const std::size_t width_at = i;
    const std::int64_t width = spec_integer(in, s, i);
    if (i > width_at) sp.width = width;
    if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
    if (sp.grouping && i < s.size() && (s[i] == ',' || s[i] == '_') && s[i] != sp.grouping)
        in.raise("ValueError", "Cannot specify both ',' and '_'.");
    if (i < s.size() && s[i] == '.') {
        const std::size_t precision_at = ++i;
        sp.precision = spec_integer(in, s, i);
        if (i == precision_at) in.raise("ValueError", "Format specifier missing precision");
    }
    const std::size_t rest = s.size() - i;  // the type: one character
    if (rest > 0 && rest != utf8_length(static_cast<unsigned char>(s[i])))
        in.raise("ValueError", "Invalid format specifier '" + s + "' for object of type '" + type_name(v) + "'");
    if (rest > 1) {  // no type beyond ASCII is known
        const char32_t c = str_char_at(s, i).code_point;
        if (sp.grouping)
            in.raise("ValueError", std::string("Cannot specify '") + sp.grouping + "' with '" + type_text(c) + "'.");
        unknown_type(in, c, v);
    }
    if (i < s.size()) sp.type = s[i++];
    check_grouping(in, sp.grouping, sp.type ? sp.type : is_kind(v, Kind::str) ? 's' : 0);
    return sp;
}

/// Digits with a separator between groups (_PyUnicode_InsertThousandsGrouping). Zero padding is
/// grouped too: zeros are added until the result is at least min_width long (one more group, with
/// its separator, may overshoot it: f"{-12:09,}" is '-0,000,012').
std::string group_digits(const std::string& digits, char sep, std::size_t group = 3, std::int64_t min_width = 0) {
    std::string out;
    auto remaining = static_cast<std::int64_t>(digits.size());
    const auto size = static_cast<std::int64_t>(group);
    for (bool first = true;; first = false) {
        const std::int64_t l = std::min(size, std::max({remaining, min_width, std::int64_t{1}}));
        const std::int64_t chars = std::max<std::int64_t>(0, std::min(remaining, l));
        std::string piece(static_cast<std::size_t>(std::max<std::int64_t>(0, l - remaining)), '0');
        piece += digits.substr(static_cast<std::size_t>(remaining - chars), static_cast<std::size_t>(chars));
        out = first ? piece : piece + sep + out;
        remaining -= chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) return out;
        min_width -= 1;  // the separator
    }
}

/// The width a number's grouped digits must fill when zeros pad it ('=' alignment with '0' as fill):
/// what is left of the spec's width after the sign, the prefix and what follows the digits.
std::int64_t grouped_min_width(const Spec& sp, std::size_t lead, std::size_t tail) {
    const std::string fill = sp.fill_given ? sp.fill : (sp.zero ? "0" : " ");
    const char align = sp.align ? sp.align : (sp.zero ? '=' : '>');
    if (fill != "0" || align != '=' || sp.width < 0) return 0;
    return static_cast<std::int64_t>(sp.width) - static_cast<std::int64_t>(lead + tail);
}

std::string pad(Interp& in, const std::string& body, const std::string& sign, const Spec& sp, char default_align) {
    // Python/formatter_unicode.c: a leading '0' without a fill pads with '0' and, for numbers only,
    // puts the padding after the sign ('=').
    const char align = sp.align ? sp.align : (sp.zero && default_align == '>' ? '=' : default_align);
    const std::string fill = sp.fill_given ? sp.fill : (sp.zero ? "0" : " ");
    const std::size_t len = code_points(body) + sign.size();
    if (sp.width < 0 || len >= static_cast<std::size_t>(sp.width)) return sign + body;
    const std::size_t total = static_cast<std::size_t>(sp.width) - len;
    in.check_room(total * fill.size());
    auto fills = [&](std::size_t n) {
        std::string out;
        out.reserve(n * fill.size());
        for (std::size_t k = 0; k < n; ++k) out += fill;
        return out;
    };
    switch (align) {
        case '<': return sign + body + fills(total);
        case '^': return fills(total / 2) + sign + body + fills(total - total / 2);
        case '=': return sign + fills(total) + body;
        default: return fills(total) + sign + body;
    }
}

/// Whether a finite float's formatted digits (before any exponent) are all zeros: what 'z' asks
/// (Py_DTSF_NO_NEG_0 in Python/pystrtod.c tests the rounded digits, not the value).
bool rounds_to_zero(const std::string& body) {
    const std::string mantissa = body.substr(0, body.find_first_of("eE"));
    return mantissa.find_first_of("123456789") == std::string::npos;
}

std::string format_number(Interp& in, const Value& v, Spec sp) {
    const bool is_float = v.tag == Tag::real || (sp.type && std::strchr("eEfFgG%", sp.type));
    if (is_float && sp.type && !std::strchr("eEfFgGn%", sp.type)) {
        unknown_type(in, static_cast<unsigned char>(sp.type), v);
    }
    std::string sign, body, prefix;  // prefix: "0x" and the like, after the sign
    if (!is_float) {
        if (sp.type && !std::strchr("bcdoxXn", sp.type)) unknown_type(in, static_cast<unsigned char>(sp.type), v);
        if (sp.precision >= 0) in.raise("ValueError", "Precision not allowed in integer format specifier");
        if (sp.no_neg_0) in.raise("ValueError", "Negative zero coercion (z) not allowed in integer format specifier");
        if (sp.type == 'c') {
            // format_long_internal checks the spec before it converts the int.
            if (sp.sign) in.raise("ValueError", "Sign not allowed with integer format specifier 'c'");
            if (sp.alt) in.raise("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'");
            if (is_long(v)) in.raise("OverflowError", "Python int too large to convert to C long");
            const std::int64_t i = v.as_int();
            if (i < 0 || i > 0x10FFFF) in.raise("OverflowError", "%c arg not in range(0x110000)");
            const auto cp = static_cast<unsigned long>(i);  // UTF-8
            if (cp < 0x80) {
                body += static_cast<char>(cp);
            } else {
                const int n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                body += static_cast<char>((0xF00u >> n) | (cp >> (6 * (n - 1))));
                for (int k = n - 2; k >= 0; --k) body += static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3F));
            }
            return pad(in, body, "", sp, '>');  // a number's default alignment, as any int's
        }
        const int base = sp.type == 'b' ? 2 : sp.type == 'o' ? 8 : (sp.type == 'x' || sp.type == 'X') ? 16 : 10;
        // Decimal digits of a big int through long_repr: it holds CPython's 4300-digit limit.
        body = !is_long(v)  ? int_digits(v.as_int(), base)
               : base == 10 ? long_repr(as<LongObj>(v)->value)
                            : as<LongObj>(v)->value.to_string(base);
        if (body[0] == '-') sign = "-", body.erase(0, 1);
        if (sp.type == 'X') std::transform(body.begin(), body.end(), body.begin(), ::toupper);
        if (sp.alt && base != 10) prefix = std::string("0") + (base == 2 ? 'b' : base == 8 ? 'o' : sp.type);
        if (sp.grouping) {
            // '_' groups hexadecimal, octal and binary digits by four.
            // A sign column only for a minus or the '+' and ' ' options: '-' asks for what is the default.
            const std::size_t lead = (sign.empty() && sp.sign != '+' && sp.sign != ' ' ? 0 : 1) + prefix.size();
            body = group_digits(body, sp.grouping, base == 10 ? 3 : 4, grouped_min_width(sp, lead, 0));
        }
    } else {
        double d = v.tag == Tag::real ? v.f : long_to_double(in, v);
        if (std::signbit(d) && !std::isnan(d)) sign = "-", d = -d;
        if (std::isnan(d)) d = std::fabs(d);  // a NaN's sign bit shows nowhere (PyOS_double_to_string: "nan")
        char type = sp.type == 'n' ? 'g' : sp.type;
        if (sp.precision > INT_MAX) in.raise("ValueError", "precision too big");
        const int prec = sp.precision < 0 ? 6 : static_cast<int>(sp.precision);
        // The digits: up to 309 before the point (1e308), the precision's after it, an exponent.
        in.check_room(static_cast<std::size_t>(prec) + 400);
        std::vector<char> storage(static_cast<std::size_t>(prec) + 400);
        char* const buf = storage.data();
        const std::size_t buf_size = storage.size();
        if (type == 0 && sp.precision < 0) {
            body = float_repr(d);
            // '#' (Py_DTSF_ALT) always shows the point, also before an exponent: 1.e+21.
            const std::size_t e = body.find('e');
            if (sp.alt && e != std::string::npos && body.find('.') == std::string::npos) body.insert(e, ".");
        } else if (type == '%') {
            std::snprintf(buf, buf_size, sp.alt ? "%#.*f" : "%.*f", prec, d * 100);
            body = std::string(buf) + "%";
        } else {
            const char conv = type == 0 ? 'g' : type;
            const char fmt[] = {'%', sp.alt ? '#' : '.', sp.alt ? '.' : '*', sp.alt ? '*' : conv, sp.alt ? conv : '\0',
                                0};
            std::snprintf(buf, buf_size, fmt, type == 0 && sp.precision == 0 ? 1 : prec, d);
            body = buf;
            if (type == 0 && std::isfinite(d)) {
                // No type but a precision p: 'g' that keeps a ".0" (Py_DTSF_ADD_DOT_0), which takes
                // the exponent form from an exponent of p - 1 on (Python/pystrtod.c).
                // '#' keeps the mantissa's trailing zeros and its point (1.00e+21, 1.e+21).
                const int p = std::max(prec, 1);
                std::snprintf(buf, buf_size, sp.alt ? "%#.*e" : "%.*e", p - 1, d);
                const int exponent = std::atoi(std::strchr(buf, 'e') + 1);
                if (exponent >= p - 1 && exponent >= -4) {
                    std::string mantissa(buf, std::strchr(buf, 'e'));
                    if (!sp.alt && mantissa.find('.') != std::string::npos) {
                        while (mantissa.back() == '0') mantissa.pop_back();
                        if (mantissa.back() == '.') mantissa.pop_back();
                    }
                    body = mantissa + std::strchr(buf, 'e');
                } else if (body.find_first_of(".e") == std::string::npos) {
                    body += ".0";
                }
            }
        }
        if (sp.no_neg_0 && std::isfinite(d) && rounds_to_zero(body)) sign.clear();
        if (sp.grouping && std::isfinite(d)) {  // the digits before the point or the exponent
            const std::size_t dot = std::min(body.find_first_not_of("0123456789"), body.size());
            const std::size_t lead = sign.empty() && (sp.sign != '+' && sp.sign != ' ') ? 0 : 1;
            const std::int64_t min_width = grouped_min_width(sp, lead, body.size() - dot);
            body = group_digits(body.substr(0, dot), sp.grouping, 3, min_width) + body.substr(dot);
        }
    }
    if (sign.empty() && sp.sign == '+') sign = "+";
    if (sign.empty() && sp.sign == ' ') sign = " ";
    return pad(in, body, sign + prefix, sp, '>');
}

}  // namespace

std::string Interp::format(const Value& v, const std::string& spec) {
    if (spec.empty()) return str(v);
    // object.__format__ refuses any spec before one is parsed.
    if (!is_kind(v, Kind::str) && !is_numeric(v))
        raise("TypeError", "unsupported format string passed to " + type_name(v) + ".__format__");
    Spec sp = parse_spec(*this, v, spec);
    if (is_kind(v, Kind::str)) {
        if (sp.type && sp.type != 's') unknown_type(*this, static_cast<unsigned char>(sp.type), v);
        std::string s = as<StrObj>(v)->value;
        if (sp.precision >= 0 && static_cast<std::size_t>(sp.precision) < code_points(s))
            s.resize(code_point_starts(s)[static_cast<std::size_t>(sp.precision)]);
        if (sp.sign == ' ') raise("ValueError", "Space not allowed in string format specifier");
        if (sp.sign) raise("ValueError", "Sign not allowed in string format specifier");
        if (sp.no_neg_0) raise("ValueError", "Negative zero coercion (z) not allowed in string format specifier");
        if (sp.alt) raise("ValueError", "Alternate form (#) not allowed in string format specifier");
        if (sp.align == '=') raise("ValueError", "'=' alignment not allowed in string format specifier");
        return pad(*this, s, "", sp, '<');
    }
    return format_number(*this, v, sp);
}

}  // namespace sp::py
