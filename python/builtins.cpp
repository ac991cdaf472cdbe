#include "builtins.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "asyncio_module.hpp"
#include "events.hpp"
#include "longobject.hpp"
#include "unicode_names.hpp"

namespace sp::py {

// --- argument helpers -----------------------------------------------------------------------------

void expect_args(Interp& in, const std::string& name, const CallArgs& args, std::size_t min, std::size_t max,
                 ArgCheck how) {
    const std::size_t n = args.pos.size();
    if (n >= min && n <= max) return;
    auto arguments = [](std::size_t k) { return std::to_string(k) + (k == 1 ? " argument" : " arguments"); };
    if (how == ArgCheck::tuple) {
        const char* bound = min == max ? "exactly " : n < min ? "at least " : "at most ";
        in.raise("TypeError",
                 name + "() takes " + bound + arguments(n < min ? min : max) + " (" + std::to_string(n) + " given)");
    }
    if (how == ArgCheck::clinic && min == max)
        in.raise("TypeError", name + " expected " + arguments(min) + ", got " + std::to_string(n));
    if (min == max) {
        if (min == 0) in.raise("TypeError", name + "() takes no arguments (" + std::to_string(n) + " given)");
        in.raise("TypeError", name + "() takes exactly " +
                                  (min == 1 ? std::string("one argument") : std::to_string(min) + " arguments") + " (" +
                                  std::to_string(n) + " given)");
    }
    if (n < min)
        in.raise("TypeError", name + " expected at least " + std::to_string(min) + " argument" + (min == 1 ? "" : "s") +
                                  ", got " + std::to_string(n));
    in.raise("TypeError", name + " expected at most " + std::to_string(max) + " argument" + (max == 1 ? "" : "s") +
                              ", got " + std::to_string(n));
}

void expect_c_arguments(Interp& in, const std::string& who, const CallArgs& args, std::size_t count) {
    if (!args.kw.empty()) in.raise("TypeError", who + "() takes no keyword arguments");
    if (args.pos.size() == count) return;
    const std::string given = " (" + std::to_string(args.pos.size()) + " given)";
    if (count == 0) in.raise("TypeError", who + "() takes no arguments" + given);
    in.raise("TypeError", who + "() takes exactly one argument" + given);
}

ModuleObj* native_module(Interp& in, const std::string& name, std::initializer_list<ModuleFunction> functions,
                         bool& made, const char* method_of) {
    const std::string key = " " + name;
    made = !in.builtins.contains(key);
    if (!made) return as<ModuleObj>(in.builtins[key]);
    auto* m = in.heap.make<ModuleObj>(name);
    in.builtins[key] = Value::object(m);
    for (const ModuleFunction& f : functions) {
        auto* b = in.heap.make<BuiltinObj>(f.name, f.fn);
        b->method_of = method_of;
        m->attrs[f.name] = Value::object(b);
    }
    return m;
}

Value keyword(const CallArgs& args, std::string_view name, Value fallback) {
    for (const auto& [k, v] : args.kw) {
        if (k == name) return v;
    }
    return fallback;
}

namespace {
void only_keywords(Interp& in, const char* fn, const CallArgs& args, std::initializer_list<const char*> allowed) {
    for (const auto& kv : args.kw) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || kv.first == a;
        if (!ok) in.raise("TypeError", "'" + kv.first + "' is an invalid keyword argument for " + fn + "()");
    }
}
}  // namespace

std::int64_t slice_index(Interp& in, const Value& v, std::int64_t absent, bool none_allowed) {
    if (v.is_none() && none_allowed) return absent;
    if (is_long(v)) return as<LongObj>(v)->value.negative() ? INT64_MIN / 4 : INT64_MAX / 4;
    if (!v.is_intlike())
        in.raise("TypeError", none_allowed ? "slice indices must be integers or None or have an __index__ method"
                                           : "slice indices must be integers or have an __index__ method");
    return v.as_int();
}

std::int64_t to_index(Interp& in, const Value& v, const char* what) {
    if (is_long(v)) in.raise("OverflowError", "Python int too large to convert to C ssize_t");
    if (!v.is_intlike())
        in.raise("TypeError", std::string("'") + type_name(v) + "' object cannot be interpreted as an integer" +
                                  (what[0] == 's' ? "" : ""));
    return v.as_int();
}

int to_c_int(Interp& in, const Value& v) {
    const std::int64_t n = is_long(v) ? INT64_MAX : to_index(in, v, "");
    if (n > INT_MAX || n < INT_MIN) in.raise("OverflowError", "Python int too large to convert to C int");
    return static_cast<int>(n);
}

double to_float(Interp& in, const Value& v, const std::string& what) {
    if (v.tag == Tag::real) return v.f;
    if (is_integer(v)) return long_to_double(in, v);
    in.raise("TypeError", what + " must be a real number, not " + type_name(v));
}

void bad_argument(Interp& in, const std::string& function, const std::string& which, const char* expected,
                  const Value& arg) {
    in.raise("TypeError", function + "() " + which + " must be " + expected + ", not " +
                              (arg.is_none() ? std::string("None") : type_name(arg)));
}

void check_hashable(Interp& in, const Value& v) {
    if (is_kind(v, Kind::list) || is_kind(v, Kind::dict) || is_kind(v, Kind::slice) ||
        (is_kind(v, Kind::dict_view) && as<DictViewObj>(v)->which != DictViewObj::Which::values))
        in.raise("TypeError", "unhashable type: '" + type_name(v) + "'");
    if (is_kind(v, Kind::tuple)) {
        NestingGuard guard;
        for (const Value& item : as<ListObj>(v)->items) check_hashable(in, item);
    }
}

Value dict_set(Interp& in, DictObj* d, const Value& key, const Value& value) {
    check_hashable(in, key);
    in.heap.charge(64);  // an entry and its index slot, roughly
    return d->set(key, value);
}

void dict_update(Interp& in, DictObj* d, const Value& other) {
    CallArgs args;
    args.pos.push_back(other);
    const Value pairs = call_builtin(in, in.builtins["dict"], args);  // dict(other): its checks, its words
    for (const auto& e : as<DictObj>(pairs)->entries) {
        if (e.live) d->set(e.key, e.value);
    }
}

bool exception_matches(Interp& in, const Value& exc, const Value& type) {
    // As ceval's check_except_type_valid: every class of a tuple is checked before any is matched, so
    // `except (TypeError, 5)` fails even when TypeError would match; a nested tuple is not a class.
    const auto is_exception_class = [](const Value& t) {
        return is_kind(t, Kind::type) && as<TypeObj>(t)->is_exception;
    };
    const bool tuple = is_kind(type, Kind::tuple);
    const bool valid =
        tuple ? std::all_of(as<ListObj>(type)->items.begin(), as<ListObj>(type)->items.end(), is_exception_class)
              : is_exception_class(type);
    if (!valid) in.raise("TypeError", "catching classes that do not inherit from BaseException is not allowed");
    const TypeObj* raised = as<ExceptionObj>(exc)->type;
    if (!tuple) return raised->is_subclass_of(as<TypeObj>(type));
    return std::any_of(as<ListObj>(type)->items.begin(), as<ListObj>(type)->items.end(),
                       [&](const Value& t) { return raised->is_subclass_of(as<TypeObj>(t)); });
}

Value unary_op(Interp& in, int op, const Value& v) {
    if (op == 2) return Value::boolean(!truthy(v));
    if (v.tag == Tag::real)
        return op == 0 ? Value::real(-v.f)
                       : (op == 1 ? v : (in.raise("TypeError", "bad operand type for unary ~: 'float'"), v));
    if (v.is_intlike()) {
        const std::int64_t i = v.as_int();
        if (op == 0) return i == INT64_MIN ? long_unary(in, op, v) : Value::integer(-i);
        return op == 1 ? Value::integer(i) : Value::integer(~i);
    }
    if (is_long(v)) return long_unary(in, op, v);
    const char* sym = op == 0 ? "-" : (op == 1 ? "+" : "~");
    in.raise("TypeError", std::string("bad operand type for unary ") + sym + ": '" + type_name(v) + "'");
}

// --- the built-in functions -------------------------------------------------------------------------

bool unicode_space(std::uint32_t c) {
    return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

namespace {

/// Py_UNICODE_TODECIMAL beyond ASCII: the digit's value, or -1.
int unicode_decimal(std::uint32_t c) {
    const auto* end = std::end(unicode::decimal_zeros);
    const auto* after = std::upper_bound(std::begin(unicode::decimal_zeros), end, c);
    if (after == std::begin(unicode::decimal_zeros)) return -1;
    const std::uint32_t zero = after[-1];
    return c - zero < 10 ? static_cast<int>(c - zero) : -1;
}

}  // namespace

std::size_t space_at(const std::string& s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return unicode_space(b) ? 1 : 0;
    const StrChar ch = str_char_at(s, i);
    return unicode_space(ch.code_point) ? ch.bytes : 0;
}

std::size_t space_before(const std::string& s, std::size_t end) {
    std::size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return space_at(s, i) == end - i ? end - i : 0;
}

std::string decimal_and_space_to_ascii(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x7F) {
            out += static_cast<char>(b);
            i += 1;
            continue;
        }
        const auto [cp, len] = str_char_at(s, i);
        const int digit = unicode_decimal(cp);
        if (unicode_space(cp)) {
            out += ' ';
        } else if (digit >= 0) {
            out += static_cast<char>('0' + digit);
        } else {
            out += '?';
            break;
        }
        i += len;
    }
    return out;
}

namespace {

/// What print() writes: the arguments' str() joined by `sep`, then `end`, appended to `out` (the
/// program's output: the text is copied once). strs are appended as they are (in Wasm each
/// std::string call is a call into libc++, and print runs twice per task of the lesson).
void write_print(std::string& out, const std::vector<Value>& args, const std::string& sep, const std::string& end) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i) out += sep;
        if (is_kind(args[i], Kind::str)) {
            out += as<StrObj>(args[i])->value;
        } else {
            out += str(args[i]);
        }
    }
    out += end;
}

/// The first lone surrogate in `text` ('\ud800' is kept as its three bytes ED A0 80), as the UTF-8
/// codec reports it: false if there is none, else the words of its UnicodeEncodeError.
bool find_surrogates(const std::string& text, std::string& message) {
    auto surrogate_at = [&](std::size_t i) {
        return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xED &&
               (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0;
    };
    std::size_t position = 0;  // in code points
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (!surrogate_at(i)) {
            position += 1;
            continue;
        }
        std::size_t run = 0;  // the codec refuses the whole run of surrogates at once
        while (surrogate_at(i + 3 * run)) run += 1;
        if (run == 1) {
            char code[8];
            std::snprintf(code, sizeof code, "\\u%04x",
                          0xD000u | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                              (static_cast<unsigned char>(text[i + 2]) & 0x3Fu));
            message = "'utf-8' codec can't encode character '" + std::string(code) + "' in position " +
                      std::to_string(position) + ": surrogates not allowed";
        } else {
            message = "'utf-8' codec can't encode characters in position " + std::to_string(position) + "-" +
                      std::to_string(position + run - 1) + ": surrogates not allowed";
        }
        return true;
    }
    return false;
}

/// stdout is UTF-8 with strict errors: print() writes its pieces one by one, and the piece holding
/// a lone surrogate raises UnicodeEncodeError once `keep(end)` kept the pieces written before it.
template <class Keep>
void refuse_surrogates(Interp& in, const std::vector<Value>& args, const std::string& sep, const std::string& end,
                       std::size_t begin, Keep keep) {
    std::size_t at = begin;
    std::string message;
    auto piece = [&](const std::string& text) {
        if (find_surrogates(text, message)) {
            keep(at);
            in.raise("UnicodeEncodeError", message);
        }
        at += text.size();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i) piece(sep);
        piece(is_kind(args[i], Kind::str) ? as<StrObj>(args[i])->value : str(args[i]));
    }
    piece(end);
}

Value b_print(Interp& in, Value, CallArgs& a) {
    in.check_never_retrieved_before_output(a.pos);
    Value sep, end;       // None
    if (!a.kw.empty()) {  // most prints have no keywords: no lookups
        only_keywords(in, "print", a, {"sep", "end", "flush", "file"});
        if (!keyword(a, "file", Value::none()).is_none())  // None is sys.stdout; there is no sys here
            in.refuse("print(file=...) other than None");
        sep = keyword(a, "sep", Value::none());
        end = keyword(a, "end", Value::none());
    }
    if (!sep.is_none() && !is_kind(sep, Kind::str))
        in.raise("TypeError", "sep must be None or a string, not " + type_name(sep));
    if (!end.is_none() && !is_kind(end, Kind::str))
        in.raise("TypeError", "end must be None or a string, not " + type_name(end));
    static const std::string space = " ", newline = "\n";
    const std::string& sep_text = sep.is_none() ? space : as<StrObj>(sep)->value;
    const std::string& end_text = end.is_none() ? newline : as<StrObj>(end)->value;
    std::string& out = in.trace.output.buffer();
    const std::size_t begin = out.size();
    auto keep = [&](std::size_t end_at) {
        // Past the output limit only what fits is printed (whole UTF-8 characters), and the program
        // stops there: the views never receive the rest of a 200 MB print.
        const std::size_t before = in.trace.output.written() - (out.size() - begin);
        const std::size_t room = in.limits.output > before ? in.limits.output - before : 0;
        const bool cut = end_at - begin > room;
        if (cut) {
            end_at = begin + room;
            while (end_at > begin && (static_cast<unsigned char>(out[end_at]) & 0xC0) == 0x80) --end_at;
        }
        out.resize(end_at);
        if (end_at > begin) {
            in.heap.charge(end_at - begin);
            in.trace.printed(in.clock(), in.running_task(), in.running_line(), begin);
        }
        in.check_output(cut ? in.limits.output + 1 : in.trace.output.written());  // cut: what was left out passed it
    };
    try {
        write_print(out, a.pos, sep_text, end_text);
    } catch (...) {
        // print_impl writes each argument, and the separator before the next, as it goes: the text
        // before the argument whose str() raised was printed ("Result: " of print("Result:", big)).
        keep(out.find('\xED', begin) == std::string::npos ? out.size() : begin);
        throw;
    }
    if (out.find('\xED', begin) != std::string::npos) refuse_surrogates(in, a.pos, sep_text, end_text, begin, keep);
    keep(out.size());
    return Value::none();
}

Value b_range(Interp& in, Value, CallArgs& a) {
    expect_args(in, "range", a, 1, 3);
    if (a.pos.size() == 1) return make_range(in, Value::integer(0), a.pos[0], Value::integer(1));
    return make_range(in, a.pos[0], a.pos[1], a.pos.size() > 2 ? a.pos[2] : Value::integer(1));
}

Value b_len(Interp& in, Value, CallArgs& a) {
    expect_args(in, "len", a, 1, 1);
    const Value& v = a.pos[0];
    if (is_kind(v, Kind::str)) return Value::integer(static_cast<std::int64_t>(as<StrObj>(v)->length()));
    if (is_kind(v, Kind::list) || is_kind(v, Kind::tuple))
        return Value::integer(static_cast<std::int64_t>(as<ListObj>(v)->items.size()));
    if (is_kind(v, Kind::dict)) return Value::integer(static_cast<std::int64_t>(as<DictObj>(v)->size()));
    if (is_kind(v, Kind::dict_view))
        return Value::integer(static_cast<std::int64_t>(as<DictObj>(as<DictViewObj>(v)->dict)->size()));
    if (is_kind(v, Kind::range)) return Value::integer(range_length(in, *as<RangeObj>(v)));
    in.raise("TypeError", "object of type '" + type_name(v) + "' has no len()");
}

Value b_repr(Interp& in, Value, CallArgs& a) {
    expect_args(in, "repr", a, 1, 1);
    return in.str_value(repr(a.pos[0]));
}

Value b_ascii(Interp& in, Value, CallArgs& a) {
    expect_args(in, "ascii", a, 1, 1);
    return in.str_value(ascii_escape(repr(a.pos[0])));
}

Value b_format(Interp& in, Value, CallArgs& a) {
    expect_args(in, "format", a, 1, 2);
    if (a.pos.size() > 1 && !is_kind(a.pos[1], Kind::str)) bad_argument(in, "format", "argument 2", "str", a.pos[1]);
    return in.str_value(in.format(a.pos[0], a.pos.size() > 1 ? as<StrObj>(a.pos[1])->value : std::string()));
}

Value b_abs(Interp& in, Value, CallArgs& a) {
    expect_args(in, "abs", a, 1, 1);
    const Value& v = a.pos[0];
    if (v.tag == Tag::real) return Value::real(std::fabs(v.f));
    if (v.is_intlike()) return v.as_int() < 0 ? unary_op(in, 0, v) : Value::integer(v.as_int());
    if (is_long(v)) return as<LongObj>(v)->value.negative() ? long_unary(in, 0, v) : v;
    in.raise("TypeError", "bad operand type for abs(): '" + type_name(v) + "'");
}

Value b_round(Interp& in, Value, CallArgs& a) {
    if (a.pos.empty()) in.raise("TypeError", "round() missing required argument 'number' (pos 1)");
    expect_args(in, "round", a, 1, 2, ArgCheck::tuple);
    const Value& v = a.pos[0];
    Value nd = a.pos.size() > 1 ? a.pos[1] : keyword(a, "ndigits", Value::none());
    if (!is_integer(v) && v.tag != Tag::real)
        in.raise("TypeError", "type " + type_name(v) + " doesn't define __round__ method");
    // A big ndigits asks for more digits than any number has, or fewer: as CPython, all or none.
    const std::int64_t digits =
        nd.is_none()
            ? 0
            : (is_long(nd) ? (as<LongObj>(nd)->value.negative() ? -INT64_MAX : INT64_MAX) : to_index(in, nd, "round"));
    if (is_integer(v)) return long_round(in, v, digits);
    if (nd.is_none()) {
        if (!std::isfinite(v.f))
            in.raise(
                std::isnan(v.f) ? "ValueError" : "OverflowError",
                std::isnan(v.f) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
        return long_from_double(in, std::nearbyint(v.f));  // round half to even, as Python
    }
    // floatobject.c's NDIGITS_MAX and NDIGITS_MIN: past them no double changes, or every one is 0
    constexpr std::int64_t ndigits_max = 323, ndigits_min = -308;
    if (!std::isfinite(v.f) || digits > ndigits_max) return v;
    if (digits < ndigits_min) return Value::real(0.0 * v.f);
    if (digits >= 0) {
        char buf[700];  // 309 digits before the point at most, 323 after
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(digits), v.f);  // correctly rounded, half to even
        return Value::real(std::strtod(buf, nullptr));
    }
    bool overflow = false;
    const double rounded = round_float_to_tens(v.f, static_cast<int>(-digits), overflow);
    if (overflow) in.raise("OverflowError", "rounded value too large to represent");
    return Value::real(rounded);
}

// key= of sorted, list.sort, min and max: a built-in (len, abs, str ...) or a function of the
// program, called on each item once, in order, before any comparison (list.sort's keys).
// `levels`: the C calls between the program and the key function in CPython, which count against
// the recursion limit (sorted() calls list.sort: 2; list.sort, min, max: 1).
std::vector<Value> sort_keys(Interp& in, const CallArgs& a, const std::vector<Value>& items, std::size_t levels) {
    const Value key = keyword(a, "key", Value::none());
    if (key.is_none()) return items;
    std::vector<Value> keys;
    keys.reserve(items.size());
    for (const Value& item : items) {
        CallArgs one;
        one.pos.push_back(item);
        keys.push_back(in.call_from_builtin(key, one, levels));
    }
    return keys;
}

Value extreme(Interp& in, CallArgs& a, const char* name, bool want_max) {
    only_keywords(in, name, a, {"default", "key"});
    if (a.pos.empty()) in.raise("TypeError", std::string(name) + " expected at least 1 argument, got 0");
    if (a.pos.size() > 1 && std::any_of(a.kw.begin(), a.kw.end(), [](const auto& kv) { return kv.first == "default"; }))
        in.raise("TypeError",
                 std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
    // min_max: item by item, its key, then the comparison, so a lazy iterator (a generator, map())
    // makes each item only when the one before has been weighed.
    const Value key = keyword(a, "key", Value::none());
    const Value it = a.pos.size() == 1 ? in.iterate(a.pos[0]) : in.iterate(in.list_value(a.pos, Kind::tuple));
    Value best, best_key;
    bool any = false;
    for (Value item; in.next(it, item);) {
        in.charge_work(1);
        Value k = item;
        if (!key.is_none()) {
            CallArgs one;
            one.pos.push_back(item);
            k = in.call_from_builtin(key, one, 1);
        }
        // CPython asks `item > best` (max) or `item < best` (min): a TypeError names the operands so.
        if (!any || truthy(in.compare(want_max ? CmpOp::gt : CmpOp::lt, k, best_key))) best = item, best_key = k;
        any = true;
    }
    if (!any) {
        for (const auto& kv : a.kw) {
            if (kv.first == "default") return kv.second;
        }
        in.raise("ValueError", std::string(name) + "() arg is an empty sequence");
    }
    return best;
}

Value b_min(Interp& in, Value, CallArgs& a) { return extreme(in, a, "min", false); }
Value b_max(Interp& in, Value, CallArgs& a) { return extreme(in, a, "max", true); }

Value b_sum(Interp& in, Value, CallArgs& a) {
    if (a.pos.empty()) in.raise("TypeError", "sum() takes at least 1 positional argument (0 given)");
    expect_args(in, "sum", a, 1, 2, ArgCheck::tuple);
    Value total = a.pos.size() > 1 ? a.pos[1] : keyword(a, "start", Value::integer(0));
    const Value it = in.iterate(a.pos[0]);  // item by item: a lazy iterator makes each as it is added
    // builtin_sum_impl takes the iterator first, then refuses a str start.
    if (is_kind(total, Kind::str)) in.raise("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
    for (Value v; in.next(it, v);) {
        in.charge_work(1);
        in.check_heap();
        total = in.binary(BinOp::add, total, v);
    }
    return total;
}

Value sort_values_impl(Interp& in, std::vector<Value> items, const CallArgs& a, std::size_t levels);

/// listsort on fewer than 64 items (one run of minrun, no merges), comparison for comparison:
/// count_run finds the leading ascending or strictly descending run (reversed), then binarysort
/// inserts the rest. The comparisons a program can see (the first that raises "'<' not
/// supported", what a NaN makes of the order) are CPython's. Longer lists are merged by
/// std::stable_sort: the same order whenever the items compare consistently.
template <class Less>
void timsort_short(std::vector<std::size_t>& v, Less less) {
    const std::size_t n = v.size();
    if (n < 2) return;
    std::size_t run = 2;  // count_run
    if (less(v[1], v[0])) {
        while (run < n && less(v[run], v[run - 1])) ++run;
        std::reverse(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(run));
    } else {
        while (run < n && !less(v[run], v[run - 1])) ++run;
    }
    for (std::size_t start = run; start < n; ++start) {  // binarysort
        const std::size_t pivot = v[start];
        std::size_t l = 0, r = start;
        do {
            const std::size_t p = l + ((r - l) >> 1);
            if (less(pivot, v[p])) {
                r = p;
            } else {
                l = p + 1;
            }
        } while (l < r);
        std::move_backward(v.begin() + static_cast<std::ptrdiff_t>(l), v.begin() + static_cast<std::ptrdiff_t>(start),
                           v.begin() + static_cast<std::ptrdiff_t>(start) + 1);
        v[l] = pivot;
    }
}

Value b_sorted(Interp& in, Value, CallArgs& a) {
    expect_args(in, "sorted", a, 1, 1, ArgCheck::clinic);
    return sort_values_impl(in, in.to_vector(a.pos[0]), a, 2);
}

Value sort_values_impl(Interp& in, std::vector<Value> items, const CallArgs& a, std::size_t levels) {
    only_keywords(in, "sort", a, {"reverse", "key"});
    // list.sort's `reverse: bool(accept={int})` is _PyLong_AsInt's, read before any key is made:
    // None or 1.5 is a TypeError, 10**30 an OverflowError.
    const Value reverse_arg = keyword(a, "reverse", Value::boolean(false));
    const bool reverse = to_c_int(in, reverse_arg) != 0;
    const std::vector<Value> keys = sort_keys(in, a, items, levels);
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    in.charge_work(order.size() * static_cast<std::uint64_t>(std::bit_width(order.size())));  // the comparisons
    // listsort reverses the list before and after sorting it (so equal items keep their order).
    if (reverse) std::reverse(order.begin(), order.end());
    auto less = [&](std::size_t x, std::size_t y) { return in.less(keys[x], keys[y]); };
    if (order.size() < 64) {
        timsort_short(order, less);
    } else {
        std::stable_sort(order.begin(), order.end(), less);
    }
    if (reverse) std::reverse(order.begin(), order.end());
    std::vector<Value> out;
    out.reserve(items.size());
    for (std::size_t i : order) out.push_back(items[i]);
    return in.list_value(std::move(out));
}

Value b_enumerate(Interp& in, Value, CallArgs& a) {
    if (a.pos.empty()) in.raise("TypeError", "enumerate() missing required argument 'iterable'");
    expect_args(in, "enumerate", a, 1, 2, ArgCheck::tuple);
    // enum_new_impl: the start (PyNumber_Index) before the iterator.
    Value start = a.pos.size() > 1 ? a.pos[1] : keyword(a, "start", Value::integer(0));
    const std::int64_t count = is_long(start) ? 0 : to_index(in, start, "enumerate");
    auto* it = in.heap.make<IterObj>(IterObj::Mode::enumerate);
    it->parts.push_back(as<IterObj>(in.iterate(a.pos[0])));
    if (is_long(start)) {
        it->big = std::make_unique<BigInt>(to_bigint(start));
    } else {
        it->count = count;
    }
    return Value::object(it);
}

Value b_zip(Interp& in, Value, CallArgs& a) {
    auto* it = in.heap.make<IterObj>(IterObj::Mode::zip);
    it->strict = truthy(keyword(a, "strict", Value::boolean(false)));
    for (const Value& v : a.pos) it->parts.push_back(as<IterObj>(in.iterate(v)));
    if (a.pos.empty()) it->parts.clear();
    return Value::object(it);
}

// map(function, iterable, ...) and filter(function or None, iterable): lazy, as CPython's; the
// function runs as each item is asked for.
Value b_map(Interp& in, Value, CallArgs& a) {
    if (a.pos.size() < 2) in.raise("TypeError", "map() must have at least two arguments.");
    auto* it = in.heap.make<IterObj>(IterObj::Mode::map);
    it->source = a.pos[0];
    for (std::size_t i = 1; i < a.pos.size(); ++i) it->parts.push_back(as<IterObj>(in.iterate(a.pos[i])));
    return Value::object(it);
}

Value b_filter(Interp& in, Value, CallArgs& a) {
    expect_args(in, "filter", a, 2, 2, ArgCheck::clinic);
    auto* it = in.heap.make<IterObj>(IterObj::Mode::filter);
    it->source = a.pos[0];
    it->parts.push_back(as<IterObj>(in.iterate(a.pos[1])));
    return Value::object(it);
}

/// object_recursive_isinstance (Objects/abstract.c): a tuple's items in order, nested tuples too, the
/// first match wins; an item that is neither a type nor a tuple raises when the search reaches it.
bool recursive_isinstance(Interp& in, const Value& v, const Value& t) {
    if (is_kind(t, Kind::tuple)) {
        NestingGuard guard(" in __instancecheck__");
        for (const Value& x : as<ListObj>(t)->items) {
            if (recursive_isinstance(in, v, x)) return true;
        }
        return false;
    }
    if (!is_kind(t, Kind::type))
        in.raise("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return in.isinstance(v, as<TypeObj>(t));
}
Value b_isinstance(Interp& in, Value, CallArgs& a) {
    expect_args(in, "isinstance", a, 2, 2, ArgCheck::clinic);
    return Value::boolean(recursive_isinstance(in, a.pos[0], a.pos[1]));
}

/// Whether class c derives from t, by the bases Interp::isinstance knows: exceptions' own chain,
/// bool from int, BoundedSemaphore from Semaphore, Task and _GatheringFuture from _asyncio.Future.
bool derives_from(const TypeObj* c, const TypeObj* t) {
    if (c == t || (t->name == "object" && t->module.empty())) return true;
    if (c->is_exception || t->is_exception) return c->is_subclass_of(t);
    if (c->module.empty() && t->module.empty() && c->name == "bool" && t->name == "int") return true;
    if (c->module == t->module && c->name == "BoundedSemaphore" && t->name == "Semaphore") return true;
    if (t->module == "_asyncio" && t->name == "Future")
        return (c->module == "_asyncio" && c->name == "Task") || c->name == "_GatheringFuture";
    return c->module == t->module && c->name == t->name;
}

/// PyObject_IsSubclass: a tuple item by item; else both must be classes, the first checked first.
bool recursive_issubclass(Interp& in, const Value& c, const Value& t) {
    if (is_kind(t, Kind::tuple)) {
        NestingGuard guard(" in __subclasscheck__");
        for (const Value& x : as<ListObj>(t)->items) {
            if (recursive_issubclass(in, c, x)) return true;
        }
        return false;
    }
    if (!is_kind(c, Kind::type)) in.raise("TypeError", "issubclass() arg 1 must be a class");
    if (!is_kind(t, Kind::type))
        in.raise("TypeError", "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return derives_from(as<TypeObj>(c), as<TypeObj>(t));
}
Value b_issubclass(Interp& in, Value, CallArgs& a) {
    expect_args(in, "issubclass", a, 2, 2, ArgCheck::clinic);
    return Value::boolean(recursive_issubclass(in, a.pos[0], a.pos[1]));
}

/// exit(code=None) and quit(code=None), site.Quitter.__call__: `raise SystemExit(code)`.
Value b_exit(Interp& in, Value, CallArgs& a) {
    if (a.pos.size() > 1)
        in.raise("TypeError", "Quitter.__call__() takes from 1 to 2 positional arguments but " +
                                  std::to_string(a.pos.size() + 1) + " were given");
    for (const auto& kv : a.kw) {
        if (kv.first != "code")
            in.raise("TypeError", "Quitter.__call__() got an unexpected keyword argument '" + kv.first + "'");
        if (!a.pos.empty()) in.raise("TypeError", "Quitter.__call__() got multiple values for argument 'code'");
    }
    const Value code = a.pos.empty() ? keyword(a, "code", Value::none()) : a.pos[0];
    throw PyRaise{in.make_exception(in.type("SystemExit"), {code})};
}

/// callable(obj) (builtin_callable): functions, built-ins, bound methods and every class (a class is
/// called to make its objects, even one that then refuses, as asyncio.Handle does).
Value b_callable(Interp& in, Value, CallArgs& a) {
    expect_args(in, "callable", a, 1, 1);
    const Value& v = a.pos[0];
    return Value::boolean(is_kind(v, Kind::function) || is_kind(v, Kind::builtin) || is_kind(v, Kind::bound_method) ||
                          is_kind(v, Kind::type));
}

Value b_type(Interp& in, Value, CallArgs& a) {
    if (a.pos.size() == 3) in.refuse("type() with 3 arguments (classes)");
    if (a.pos.size() != 1) in.raise("TypeError", "type() takes 1 or 3 arguments");
    const Value& v = a.pos[0];
    if (is_kind(v, Kind::exception)) return Value::object(as<ExceptionObj>(v)->type);
    if (TypeObj* t = in.type(type_name(v))) return Value::object(t);
    const char* module = "";
    std::string name = type_name(v);
    asyncio_class(v, module, name);
    // One type object per class, kept with the built-ins, so that type(a) == type(b).
    const std::string key = std::string(module) + "." + name;
    if (TypeObj* t = in.type(key)) return Value::object(t);
    auto* t = in.heap.make<TypeObj>(name, nullptr);
    t->module = module;
    in.builtins[key] = Value::object(t);
    return Value::object(t);
}

// Item by item: the first true (any) or false (all) item ends it, before a lazy iterator makes more.
Value b_any_all(Interp& in, CallArgs& a, bool any) {
    expect_args(in, any ? "any" : "all", a, 1, 1);
    const Value it = in.iterate(a.pos[0]);
    for (Value v; in.next(it, v);) {
        in.charge_work(1);
        if (truthy(v) == any) return Value::boolean(any);
    }
    return Value::boolean(!any);
}

// next(iterator[, default]) and iter(iterable).
/// The attribute name of getattr and hasattr: a str (PyObject_GetAttr's check).
const std::string& attribute_name(Interp& in, const Value& name) {
    if (!is_kind(name, Kind::str))
        in.raise("TypeError", "attribute name must be string, not '" + type_name(name) + "'");
    return as<StrObj>(name)->value;
}

/// getattr(obj, name), or `fallback` (when not null) for an AttributeError, as builtin_getattr.
Value get_attr_or(Interp& in, const Value& obj, const std::string& name, const Value* fallback) {
    if (fallback == nullptr) return in.get_attr(obj, name);
    try {
        return in.get_attr(obj, name);
    } catch (const PyRaise& r) {
        if (!exception_matches(in, r.exc, in.builtins["AttributeError"])) throw;
        return *fallback;
    }
}

Value b_getattr(Interp& in, Value, CallArgs& a) {
    expect_args(in, "getattr", a, 2, 3);
    return get_attr_or(in, a.pos[0], attribute_name(in, a.pos[1]), a.pos.size() > 2 ? &a.pos[2] : nullptr);
}

// hasattr: True for what CPython's object has, even where the playground lacks it (hasattr never
// calls it); otherwise whether getattr raises AttributeError.
Value b_hasattr(Interp& in, Value, CallArgs& a) {
    expect_args(in, "hasattr", a, 2, 2, ArgCheck::clinic);
    const std::string& name = attribute_name(in, a.pos[1]);
    bool callable = false;
    if (cpython_has_attribute(a.pos[0], name, callable)) return Value::boolean(true);
    try {
        in.get_attr(a.pos[0], name);
        return Value::boolean(true);
    } catch (const PyRaise& r) {
        if (!exception_matches(in, r.exc, in.builtins["AttributeError"])) throw;
        return Value::boolean(false);
    }
}

Value b_next(Interp& in, Value, CallArgs& a) {
    expect_args(in, "next", a, 1, 2, ArgCheck::clinic);
    if (!is_kind(a.pos[0], Kind::iter))
        in.raise("TypeError", "'" + type_name(a.pos[0]) + "' object is not an iterator");
    Value out;
    if (in.next(a.pos[0], out)) return out;
    if (a.pos.size() > 1) return a.pos[1];
    throw PyRaise{in.make_exception(in.type("StopIteration"), {})};
}

Value b_iter(Interp& in, Value, CallArgs& a) {
    expect_args(in, "iter", a, 1, 2, ArgCheck::clinic);
    if (a.pos.size() == 2) in.refuse("iter(callable, sentinel)");
    return in.iterate(a.pos[0]);
}
Value b_any(Interp& in, Value, CallArgs& a) { return b_any_all(in, a, true); }
Value b_all(Interp& in, Value, CallArgs& a) { return b_any_all(in, a, false); }

Value b_reversed(Interp& in, Value, CallArgs& a) {
    expect_args(in, "reversed", a, 1, 1, ArgCheck::clinic);
    const Value& v = a.pos[0];
    // CPython's reversed() takes what has __reversed__ or is a sequence (__len__ and __getitem__):
    // of the playground's values, these kinds. Anything else, iterable or not, "is not reversible".
    const bool reversible = is_kind(v, Kind::str) || is_kind(v, Kind::list) || is_kind(v, Kind::tuple) ||
                            is_kind(v, Kind::dict) || is_kind(v, Kind::range) || is_kind(v, Kind::dict_view);
    if (!reversible) in.raise("TypeError", "'" + type_name(v) + "' object is not reversible");
    std::vector<Value> items = in.to_vector(v);
    std::reverse(items.begin(), items.end());
    Value it = in.iterate(in.list_value(std::move(items)));
    as<IterObj>(it)->type = is_kind(v, Kind::list)    ? "list_reverseiterator"
                            : is_kind(v, Kind::range) ? "range_iterator"
                            : is_kind(v, Kind::dict)  ? "dict_reversekeyiterator"
                            : is_kind(v, Kind::dict_view)
                                ? (type_name(v) == "dict_keys"     ? "dict_reversekeyiterator"
                                   : type_name(v) == "dict_values" ? "dict_reversevalueiterator"
                                                                   : "dict_reverseitemiterator")
                                : "reversed";
    return it;
}

// --- types (called as constructors) -----------------------------------------------------------

/// What a ValueError of int() shows of the text: its repr, cut at 200 characters (%.200R).
std::string repr_200(Interp& in, const std::string& text) {
    const std::string r = repr(in.str_value(text));
    const std::vector<std::size_t> starts = code_point_starts(r);
    return starts.size() > 201 ? r.substr(0, starts[200]) : r;
}

/// _Py_string_to_number_with_underscores: single underscores between digits, dropped; false for
/// any other underscore.
bool drop_underscores(std::string& text) {
    if (text.find('_') == std::string::npos) return true;
    std::string out;
    char prev = '\0';
    for (char c : text) {
        const bool digit = c >= '0' && c <= '9';
        if (c == '_') {
            if (!(prev >= '0' && prev <= '9')) return false;
        } else {
            if (prev == '_' && !digit) return false;
            out += c;
        }
        prev = c;
    }
    if (prev == '_') return false;
    text = std::move(out);
    return true;
}

/// _PyOS_ascii_strtod's syntax, the whole text: a sign, then "inf", "infinity" or "nan" (any case),
/// or digits with a point and an exponent (no hex, no "nan(...)" as strtod would take).
bool float_syntax(const std::string& t) {
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    std::string rest;
    for (std::size_t k = i; k < t.size(); ++k)
        rest += static_cast<char>(std::tolower(static_cast<unsigned char>(t[k])));
    if (rest == "inf" || rest == "infinity" || rest == "nan") return true;
    auto digits = [&](std::size_t& k) {
        const std::size_t from = k;
        while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
        return k > from;
    };
    const bool whole = digits(i);
    bool fraction = false;
    if (i < t.size() && t[i] == '.') {
        ++i;
        fraction = digits(i);
    }
    if (!whole && !fraction) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits(i)) return false;
    }
    return i == t.size();
}

/// The value of a digit in bases up to 36 (99 for anything else).
int digit_value(char c) {
    const int lower = c | 0x20;
    return c >= '0' && c <= '9' ? c - '0' : lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : 99;
}

/// int(str, base), with CPython's rules (PyLong_FromString): blanks around, a sign, the prefix of
/// base 0 (or of base 16, 8 or 2 itself), single underscores between digits, and the 4300-digit
/// limit (bases not a power of two) checked before what follows the digits.
Value parse_int(Interp& in, const std::string& original, int base = 10) {
    // PyLong_FromUnicodeObject: Unicode digits and blanks as ASCII ones first; the message shows the text.
    auto invalid = [&]() {
        in.raise("ValueError",
                 "invalid literal for int() with base " + std::to_string(base) + ": " + repr_200(in, original));
    };
    const std::string text = decimal_and_space_to_ascii(original);
    const auto b = text.find_first_not_of(" \t\n\r\f\v");
    const auto e = text.find_last_not_of(" \t\n\r\f\v");
    if (b == std::string::npos) invalid();
    std::size_t i = b;
    const bool negative = text[i] == '-';
    if (text[i] == '-' || text[i] == '+') ++i;
    int radix = base;
    bool after_prefix = false;  // an underscore may follow a prefix
    if (i + 1 <= e && text[i] == '0') {
        const int p = text[i + 1] | 0x20;
        const int named = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (named != 0 && (base == 0 || base == named)) {
            radix = named;
            i += 2;
            after_prefix = true;
        }
    }
    if (radix == 0) radix = 10;
    auto is_digit = [&](char c) { return digit_value(c) < radix; };
    if (after_prefix && i <= e && text[i] == '_' && i < e && is_digit(text[i + 1])) ++i;
    std::string digits;
    for (; i <= e; ++i) {
        if (is_digit(text[i])) {
            digits += text[i];
        } else if (text[i] == '_' && !digits.empty() && i < e && is_digit(text[i + 1])) {
            continue;
        } else {
            break;
        }
    }
    if (i <= e && text[i] == '_') invalid();
    // base 0 reads a decimal literal: no leading zeros but for zero itself ("010" is refused)
    if (base == 0 && radix == 10 && !after_prefix && digits.size() > 1 && digits[0] == '0' &&
        digits.find_first_not_of('0') != std::string::npos)
        invalid();
    if (digits.size() > max_str_digits && (radix & (radix - 1)) != 0)
        in.raise("ValueError", "Exceeds the limit (4300 digits) for integer string conversion: value has " +
                                   std::to_string(digits.size()) +
                                   " digits; use sys.set_int_max_str_digits() to increase the limit");
    // Reading n digits multiplies an accumulator of up to n digits once per nine: quadratic work,
    // counted so that `while True: int('9' * 4300)` stops at the step limit.
    const std::uint64_t groups = digits.size() / 9 + 1;
    in.charge_work(groups * groups);
    Value out;
    if (i <= e || !long_from_digits(in, digits, radix, negative, out)) invalid();
    return out;
}

Value t_int(Interp& in, Value, CallArgs& a) {
    expect_args(in, "int", a, 0, 2, ArgCheck::tuple);
    if (a.pos.empty() && !a.kw.empty()) in.raise("TypeError", "int() missing string argument");  // int(base=2)
    if (a.pos.empty()) return Value::integer(0);
    const Value& v = a.pos[0];
    if (a.pos.size() > 1) {
        const Value& base = a.pos[1];
        const std::int64_t radix = is_long(base) ? -1 : to_index(in, base, "base");
        if (radix != 0 && (radix < 2 || radix > 36)) in.raise("ValueError", "int() base must be >= 2 and <= 36, or 0");
        if (!is_kind(v, Kind::str)) in.raise("TypeError", "int() can't convert non-string with explicit base");
        return parse_int(in, as<StrObj>(v)->value, static_cast<int>(radix));
    }
    if (v.is_intlike()) return Value::integer(v.as_int());
    if (is_long(v)) return v;
    if (v.tag == Tag::real) {
        if (std::isnan(v.f)) in.raise("ValueError", "cannot convert float NaN to integer");
        if (std::isinf(v.f)) in.raise("OverflowError", "cannot convert float infinity to integer");
        return long_from_double(in, std::trunc(v.f));
    }
    if (is_kind(v, Kind::str)) return parse_int(in, as<StrObj>(v)->value);
    in.raise("TypeError",
             "int() argument must be a string, a bytes-like object or a real number, not '" + type_name(v) + "'");
}

Value t_float(Interp& in, Value, CallArgs& a) {
    expect_args(in, "float", a, 0, 1);
    if (a.pos.empty()) return Value::real(0.0);
    const Value& v = a.pos[0];
    if (v.tag == Tag::real) return v;
    if (is_integer(v)) return Value::real(long_to_double(in, v));
    if (is_kind(v, Kind::str)) {
        // PyFloat_FromString: Unicode digits and blanks as ASCII ones, underscores between digits
        // dropped, blanks around stripped (Py_ISSPACE), then Python's float syntax, the whole text.
        std::string s = decimal_and_space_to_ascii(as<StrObj>(v)->value);
        const bool underscores_ok = drop_underscores(s);
        const auto b = s.find_first_not_of(" \t\n\r\f\v");
        const auto e = s.find_last_not_of(" \t\n\r\f\v");
        const std::string t = b == std::string::npos ? "" : s.substr(b, e - b + 1);
        if (!underscores_ok || !float_syntax(t))
            in.raise("ValueError", "could not convert string to float: " + repr(v));
        return Value::real(std::strtod(t.c_str(), nullptr));
    }
    in.raise("TypeError", "float() argument must be a string or a real number, not '" + type_name(v) + "'");
}

Value t_str(Interp& in, Value, CallArgs& a) {
    expect_args(in, "str", a, 0, 3, ArgCheck::tuple);
    if (a.pos.size() > 1) in.refuse("str() with an encoding (bytes)");
    return in.str_value(a.pos.empty() ? "" : str(a.pos[0]));
}

Value t_bool(Interp& in, Value, CallArgs& a) {
    expect_args(in, "bool", a, 0, 1);
    return Value::boolean(!a.pos.empty() && truthy(a.pos[0]));
}

Value t_list(Interp& in, Value, CallArgs& a) {
    expect_args(in, "list", a, 0, 1);
    return in.list_value(a.pos.empty() ? std::vector<Value>{} : in.to_vector(a.pos[0]));
}

Value t_tuple(Interp& in, Value, CallArgs& a) {
    expect_args(in, "tuple", a, 0, 1);
    if (!a.pos.empty() && is_kind(a.pos[0], Kind::tuple)) return a.pos[0];
    return in.list_value(a.pos.empty() ? std::vector<Value>{} : in.to_vector(a.pos[0]), Kind::tuple);
}

Value t_dict(Interp& in, Value, CallArgs& a) {
    expect_args(in, "dict", a, 0, 1);
    auto* d = in.heap.make<DictObj>();
    if (!a.pos.empty()) {
        if (is_kind(a.pos[0], Kind::dict)) {
            for (const auto& e : as<DictObj>(a.pos[0])->entries) {
                if (e.live) d->set(e.key, e.value);
            }
        } else {
            const std::vector<Value> pairs = in.to_vector(a.pos[0]);
            for (std::size_t i = 0; i < pairs.size(); ++i) {
                const std::string element = "dictionary update sequence element #" + std::to_string(i);
                const Value& pair = pairs[i];
                if (!is_kind(pair, Kind::list) && !is_kind(pair, Kind::tuple) && !is_kind(pair, Kind::str) &&
                    !is_kind(pair, Kind::dict) && !is_kind(pair, Kind::range) && !is_kind(pair, Kind::iter) &&
                    !is_kind(pair, Kind::dict_view))
                    in.raise("TypeError", "cannot convert " + element + " to a sequence");
                std::vector<Value> kv = in.to_vector(pair);
                if (kv.size() != 2)
                    in.raise("ValueError", element + " has length " + std::to_string(kv.size()) + "; 2 is required");
                dict_set(in, d, kv[0], kv[1]);
            }
        }
    }
    for (const auto& [k, v] : a.kw) d->set(in.str_value(k), v);
    return Value::object(d);
}

Value t_exception(Interp& in, Value self, CallArgs& a) {
    auto* t = as<TypeObj>(self);
    if (!a.kw.empty()) in.raise("TypeError", t->name + "() takes no keyword arguments");
    // OSError(errno, strerror[, filename, ...]) is another object in CPython (OSError_new): errno and
    // strerror set, a subclass chosen by errno (OSError(2, 'x') is a FileNotFoundError), "[Errno 2] x"
    // as its str. One argument (ConnectionError("refused")) is a plain exception.
    if (a.pos.size() >= 2 && a.pos.size() <= 5) {
        for (const TypeObj* b = t; b != nullptr; b = b->base)
            if (b->name == "OSError") in.refuse(t->name + "(errno, strerror, ...)");
    }
    return in.make_exception(t, a.pos);
}

struct TypeSpec {
    const char* name;
    const char* base;
};

// The exception hierarchy (Objects/exceptions.c), parents first.
const TypeSpec exception_types[] = {
    {"BaseException", nullptr},
    {"Exception", "BaseException"},
    {"ArithmeticError", "Exception"},
    {"ZeroDivisionError", "ArithmeticError"},
    {"OverflowError", "ArithmeticError"},
    {"LookupError", "Exception"},
    {"IndexError", "LookupError"},
    {"KeyError", "LookupError"},
    {"ValueError", "Exception"},
    {"UnicodeError", "ValueError"},
    {"UnicodeEncodeError", "UnicodeError"},
    {"TypeError", "Exception"},
    {"RuntimeError", "Exception"},
    {"RecursionError", "RuntimeError"},
    {"NotImplementedError", "RuntimeError"},
    {"NameError", "Exception"},
    {"UnboundLocalError", "NameError"},
    {"AttributeError", "Exception"},
    {"AssertionError", "Exception"},
    {"MemoryError", "Exception"},
    {"OSError", "Exception"},
    {"TimeoutError", "OSError"},
    {"ConnectionError", "OSError"},
    {"BrokenPipeError", "ConnectionError"},
    {"ConnectionAbortedError", "ConnectionError"},
    {"ConnectionRefusedError", "ConnectionError"},
    {"ConnectionResetError", "ConnectionError"},
    {"BlockingIOError", "OSError"},
    {"ChildProcessError", "OSError"},
    {"FileExistsError", "OSError"},
    {"FileNotFoundError", "OSError"},
    {"InterruptedError", "OSError"},
    {"IsADirectoryError", "OSError"},
    {"NotADirectoryError", "OSError"},
    {"PermissionError", "OSError"},
    {"ProcessLookupError", "OSError"},
    {"FloatingPointError", "ArithmeticError"},
    {"StopIteration", "Exception"},
    {"SystemError", "Exception"},
    {"KeyboardInterrupt", "BaseException"},
    {"SystemExit", "BaseException"},
    {"ImportError", "Exception"},
    {"ModuleNotFoundError", "ImportError"},
    {"EOFError", "Exception"},
    {"BufferError", "Exception"},
    {"ReferenceError", "Exception"},
};

}  // namespace

BuiltinFn quitter_fn() { return b_exit; }

Value system_exit_code(Interp& in, const Value& exc) {
    const auto& args = as<ExceptionObj>(exc)->args;
    if (args.empty()) return Value::none();
    return args.size() == 1 ? args[0] : in.list_value(args, Kind::tuple);
}

void asyncio_class(const Value& v, const char*& module, std::string& name) {
    // asyncio's classes: their module and name as CPython 3.11 has them (type(t).__name__ is 'Task').
    switch (v.is_obj() ? v.o->kind : Kind::unbound) {
        case Kind::task: module = "_asyncio", name = "Task"; break;
        case Kind::semaphore:
            module = "asyncio.locks", name = as<SemaphoreObj>(v)->bounded ? "BoundedSemaphore" : "Semaphore";
            break;
        case Kind::lock:
        case Kind::event: module = "asyncio.locks"; break;
        case Kind::timeout: module = "asyncio.timeouts"; break;
        case Kind::future: module = name == "Future" ? "_asyncio" : "asyncio.tasks"; break;
        case Kind::loop: module = "asyncio.unix_events"; break;
        case Kind::handle: module = "asyncio.events"; break;
        default: break;
    }
}

void install_builtins(Interp& in) {
    struct Fn {
        const char* name;
        BuiltinFn fn;
    };
    static const Fn functions[] = {{"print", b_print},
                                   {"len", b_len},
                                   {"repr", b_repr},
                                   {"ascii", b_ascii},
                                   {"format", b_format},
                                   {"abs", b_abs},
                                   {"round", b_round},
                                   {"min", b_min},
                                   {"max", b_max},
                                   {"sum", b_sum},
                                   {"sorted", b_sorted},
                                   {"any", b_any},
                                   {"all", b_all},
                                   {"next", b_next},
                                   {"iter", b_iter},
                                   {"isinstance", b_isinstance},
                                   {"issubclass", b_issubclass},
                                   {"getattr", b_getattr},
                                   {"hasattr", b_hasattr},
                                   {"callable", b_callable}};
    for (const Fn& f : functions) in.builtins[f.name] = Value::object(in.heap.make<BuiltinObj>(f.name, f.fn));
    install_number_builtins(in);
    for (const char* quitter : {"exit", "quit"})
        in.builtins[quitter] = Value::object(in.heap.make<BuiltinObj>(quitter, b_exit));
    as<BuiltinObj>(in.builtins["print"])->keeps_no_arguments = true;  // it copies their text out
    // Classes, called to make their objects: type, range, enumerate, zip, map, filter and reversed
    // too (bltinmodule.c adds them as types: `<class 'range'>`, isinstance(r, range)).
    static const Fn types[] = {{"int", t_int},       {"float", t_float},         {"str", t_str},
                               {"bool", t_bool},     {"list", t_list},           {"tuple", t_tuple},
                               {"dict", t_dict},     {"type", b_type},           {"range", b_range},
                               {"zip", b_zip},       {"enumerate", b_enumerate}, {"map", b_map},
                               {"filter", b_filter}, {"reversed", b_reversed}};
    for (const Fn& f : types) {
        auto* t = in.heap.make<TypeObj>(f.name, nullptr);
        t->construct = f.fn;
        in.builtins[f.name] = Value::object(t);
    }
    for (const char* name : {"object", "NoneType", "function", "coroutine"}) {
        in.builtins[name] = Value::object(in.heap.make<TypeObj>(name, nullptr));
    }
    as<TypeObj>(in.builtins["object"])->construct = [](Interp& in, Value, CallArgs& a) {
        // object_new: no arguments at all
        if (!a.pos.empty() || !a.kw.empty()) in.raise("TypeError", "object() takes no arguments");
        return Value::object(in.heap.make<PlainObj>());
    };
    in.builtins["__name__"] = in.str_value("__main__");  // `if __name__ == "__main__":`
    in.builtins.erase("NoneType");
    in.builtins.erase("function");
    in.builtins.erase("coroutine");
    for (const TypeSpec& spec : exception_types) {
        TypeObj* base = spec.base ? as<TypeObj>(in.builtins[spec.base]) : nullptr;
        auto* t = in.heap.make<TypeObj>(spec.name, base);
        t->is_exception = true;
        t->construct = t_exception;
        in.builtins[spec.name] = Value::object(t);
    }
    // Objects/exceptions.c: the old names of OSError are OSError itself.
    in.builtins["IOError"] = in.builtins["EnvironmentError"] = in.builtins["OSError"];
}

Value sort_values(Interp& in, std::vector<Value> items, const CallArgs& a, std::size_t levels) {
    return sort_values_impl(in, std::move(items), a, levels);
}

namespace {

/// How a built-in takes keyword arguments in CPython (its Argument Clinic or PyArg_Parse* spec).
struct KeywordPolicy {
    bool none = false;               // METH_O, METH_NOARGS or _PyArg_NoKeywords: "X() takes no keyword arguments"
    std::size_t max_args = 0;        // positional and keyword together at most (0: no limit)
    std::vector<const char*> named;  // parameters by position that may come by name, from first_named on
    std::size_t first_named = 0;     // (the ones before are positional-only)
    std::vector<const char*> keyword_only;  // taken by name only (print's sep, sorted's key, zip's strict...)
    const char* refused_as = nullptr;       // the name "'k' is an invalid keyword argument for X()" says
    std::size_t required = 0;  // named[0..required) are required: one missing is said before a wrong keyword
};

const KeywordPolicy* keyword_policy(const std::string& name) {
    static const std::unordered_map<std::string, KeywordPolicy> policies = [] {
        std::unordered_map<std::string, KeywordPolicy> m;
        for (const char* n :
             {"range", "len",  "repr", "ascii", "format", "abs",     "isinstance", "any",     "all",    "reversed",
              "float", "bool", "list", "tuple", "map",    "filter",  "next",       "iter",    "divmod", "hex",
              "oct",   "bin",  "ord",  "chr",   "hash",   "getattr", "hasattr",    "callable"})
            m[n].none = true;
        m["print"].keyword_only = {"sep", "end", "file", "flush"};
        m["min"].keyword_only = m["max"].keyword_only = {"key", "default"};
        m["sorted"].keyword_only = {"key", "reverse"};
        m["sorted"].refused_as = "sort";  // sorted() hands its keywords to list.sort
        m["zip"].keyword_only = {"strict"};
        m["round"] = KeywordPolicy{false, 2, {"number", "ndigits"}, 0, {}, nullptr, 1};
        m["pow"] = KeywordPolicy{false, 3, {"base", "exp", "mod"}, 0, {}, nullptr, 2};
        m["enumerate"] = KeywordPolicy{false, 2, {"iterable", "start"}, 0, {}, nullptr};
        m["sum"] = KeywordPolicy{false, 2, {"iterable", "start"}, 1, {}, nullptr};
        m["int"] = KeywordPolicy{false, 2, {"x", "base"}, 1, {}, nullptr};
        m["str"] = KeywordPolicy{false, 3, {"object", "encoding", "errors"}, 0, {}, nullptr};
        return m;
    }();
    auto it = policies.find(name);
    return it == policies.end() ? nullptr : &it->second;
}

/// enumerate(iterable, start=0) as enum_vectorcall parses it, by the count of arguments: with two,
/// a lone keyword must be 'start'; with one, it must be 'iterable' (enumerate(start=1) names
/// 'start' as the invalid keyword, not 'iterable' as missing).
void enumerate_keywords(Interp& in, const CallArgs& args) {
    const std::size_t total = args.pos.size() + args.kw.size();
    auto check_keyword = [&](std::size_t i, const char* wanted) {
        if (args.kw[i].first != wanted)
            in.raise("TypeError", "'" + args.kw[i].first + "' is an invalid keyword argument for enumerate()");
    };
    if (total == 2 && args.kw.size() == 1) {
        check_keyword(0, "start");
    } else if (total == 2) {
        if (args.kw[0].first != "start") check_keyword(0, "iterable");
        check_keyword(1, args.kw[0].first == "start" ? "iterable" : "start");
    } else if (total == 1) {
        check_keyword(0, "iterable");
    } else if (args.pos.empty()) {
        in.raise("TypeError", "enumerate() missing required argument 'iterable'");
    } else {
        in.raise("TypeError", "enumerate() takes at most 2 arguments (" + std::to_string(total) + " given)");
    }
}

/// A built-in's keyword arguments checked as CPython checks them, and the parameters that may come
/// by name moved to their positions (round(number=2.5) is round(2.5)).
void take_keywords(Interp& in, const std::string& name, CallArgs& args) {
    const KeywordPolicy* p = keyword_policy(name);
    if (p == nullptr) return;
    if (p->none) in.raise("TypeError", name + "() takes no keyword arguments");
    if (name == "enumerate") enumerate_keywords(in, args);
    // min_max unpacks its positional arguments before it parses the keywords.
    if ((name == "min" || name == "max") && args.pos.empty())
        in.raise("TypeError", name + " expected at least 1 argument, got 0");
    const std::size_t total = args.pos.size() + args.kw.size();
    if (p->max_args != 0 && total > p->max_args)
        in.raise("TypeError", name + "() takes at most " + std::to_string(p->max_args) + " argument" +
                                  (p->max_args == 1 ? "" : "s") + " (" + std::to_string(total) + " given)");
    // A required positional-only argument missing is said first (by sorted() itself).
    if (name == "sum" && args.pos.empty())
        in.raise("TypeError", "sum() takes at least 1 positional argument (0 given)");
    if (name == "sorted" && args.pos.empty()) return;
    // _PyArg_UnpackKeywords looks for each required parameter before it looks at what is left over.
    for (std::size_t i = args.pos.size(); i < p->required; ++i) {
        const char* wanted = p->named[i];
        if (std::none_of(args.kw.begin(), args.kw.end(), [&](const auto& kv) { return kv.first == wanted; }))
            in.raise("TypeError",
                     name + "() missing required argument '" + wanted + "' (pos " + std::to_string(i + 1) + ")");
    }
    for (const auto& kv : args.kw) {
        bool known = false;
        for (const char* k : p->keyword_only) known = known || kv.first == k;
        for (std::size_t i = p->first_named; i < p->named.size(); ++i) known = known || kv.first == p->named[i];
        if (!known)
            in.raise("TypeError", "'" + kv.first + "' is an invalid keyword argument for " +
                                      (p->refused_as != nullptr ? p->refused_as : name.c_str()) + "()");
    }
    for (std::size_t i = p->first_named; i < p->named.size(); ++i) {
        auto given =
            std::find_if(args.kw.begin(), args.kw.end(), [&](const auto& kv) { return kv.first == p->named[i]; });
        if (given == args.kw.end()) continue;
        if (i < args.pos.size())
            in.raise("TypeError", "argument for " + name + "() given by name ('" + p->named[i] + "') and position (" +
                                      std::to_string(i + 1) + ")");
        if (i != args.pos.size()) continue;  // an earlier one is missing: the built-in says which
        args.pos.push_back(given->second);
        args.kw.erase(given);
        i = p->first_named - 1;  // a later one may fit now
    }
}

}  // namespace

Value call_builtin(Interp& in, const Value& fn, CallArgs& args) {
    if (is_kind(fn, Kind::builtin)) {
        if (!args.kw.empty() && !as<BuiltinObj>(fn)->python_function) take_keywords(in, as<BuiltinObj>(fn)->name, args);
        return as<BuiltinObj>(fn)->fn(in, Value::none(), args);
    }
    if (is_kind(fn, Kind::bound_method)) {
        auto* m = as<BoundMethodObj>(fn);
        if (is_kind(m->self, Kind::type)) return call_method_descriptor(in, *m, args);
        if (!args.kw.empty()) refuse_keywords(in, m->self, m->method->name);
        return m->method->fn(in, m->self, args);
    }
    if (is_kind(fn, Kind::type) && as<TypeObj>(fn)->construct != nullptr) {
        const auto* t = as<TypeObj>(fn);
        if (!args.kw.empty() && t->module.empty() && !t->is_exception) take_keywords(in, t->name, args);
        return t->construct(in, fn, args);
    }
    // NoneType(), type(f)(), type(print)(): each has CPython's own answer; none is "not callable".
    if (is_kind(fn, Kind::type)) in.refuse("creating a " + as<TypeObj>(fn)->name + " by calling its type");
    in.raise("TypeError", "'" + type_name(fn) + "' object is not callable");
}

}  // namespace sp::py
