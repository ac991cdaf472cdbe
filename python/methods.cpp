// The methods of list, dict and str that lessons use (Objects/listobject.c, dictobject.c,
// unicodeobject.c), found by name and bound to their object.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "cpython_attributes.hpp"
#include "longobject.hpp"
#include "text_search.hpp"
#include "tokens.hpp"
#include "unicode_case.hpp"
#include "unicode_names.hpp"

namespace sp::py {

namespace {

std::vector<Value>& items_of(const Value& self) { return as<ListObj>(self)->items; }
const std::string& text_of(const Value& self) { return as<StrObj>(self)->value; }
/// The index Python gives the code point at byte `at` of s.
std::int64_t char_index(const std::string& s, std::size_t at) {
    return static_cast<std::int64_t>(code_points(s.substr(0, at)));
}
/// A str argument, refused in Argument Clinic's words ("replace() argument 1 must be str, not int").
const std::string& str_arg(Interp& in, const CallArgs& a, std::size_t i, const char* method) {
    if (!is_kind(a.pos[i], Kind::str)) bad_argument(in, method, "argument " + std::to_string(i + 1), "str", a.pos[i]);
    return text_of(a.pos[i]);
}

// --- list -----------------------------------------------------------------------------------

Value l_append(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "list.append", a, 1, 1);
    items_of(self).push_back(a.pos[0]);
    in.heap.charge(sizeof(Value));
    return Value::none();
}
Value l_extend(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "list.extend", a, 1, 1);
    std::vector<Value> more = in.to_vector(a.pos[0]);
    items_of(self).insert(items_of(self).end(), more.begin(), more.end());
    in.heap.charge(more.size() * sizeof(Value));
    return Value::none();
}
Value l_pop(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "pop", a, 0, 1);
    // The index is converted before the list is looked at (list.pop's Argument Clinic signature):
    // [].pop('a') is a TypeError, not "pop from empty list".
    std::int64_t i = a.pos.empty() ? -1 : to_index(in, a.pos[0], "pop");
    auto& items = items_of(self);
    if (items.empty()) in.raise("IndexError", "pop from empty list");
    if (i < 0) i += static_cast<std::int64_t>(items.size());
    if (i < 0 || i >= static_cast<std::int64_t>(items.size())) in.raise("IndexError", "pop index out of range");
    Value v = items[static_cast<std::size_t>(i)];
    items.erase(items.begin() + i);
    return v;
}
Value l_insert(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "insert", a, 2, 2, ArgCheck::clinic);
    auto& items = items_of(self);
    std::int64_t i = to_index(in, a.pos[0], "insert");
    const auto n = static_cast<std::int64_t>(items.size());
    if (i < 0) i = std::max<std::int64_t>(0, i + n);
    items.insert(items.begin() + std::min(i, n), a.pos[1]);
    in.heap.charge(sizeof(Value));
    return Value::none();
}
Value l_remove(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "list.remove", a, 1, 1);
    auto& items = items_of(self);
    for (auto it = items.begin(); it != items.end(); ++it) {
        if (equal(*it, a.pos[0])) {
            items.erase(it);
            return Value::none();
        }
    }
    in.raise("ValueError", "list.remove(x): x not in list");
}
/// The name CPython gives a list's or tuple's (or dict's) method in its messages: "list.count".
std::string method_name(const Value& self, const char* name) { return type_name(self) + "." + name; }
Value l_index(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "index", a, 1, 3);
    const auto& items = items_of(self);
    const auto size = static_cast<std::int64_t>(items.size());
    // start and stop as a slice's, but not None (_PyEval_SliceIndexNotNone)
    auto bound = [&](std::size_t k, std::int64_t absent) {
        if (a.pos.size() <= k) return absent;
        const std::int64_t i = slice_index(in, a.pos[k], absent, false);
        return i < 0 ? std::max<std::int64_t>(i + size, 0) : std::min(i, size);
    };
    const std::int64_t start = bound(1, 0), stop = bound(2, size);
    charge_scan(in, self);
    for (auto i = static_cast<std::size_t>(start); static_cast<std::int64_t>(i) < stop; ++i) {
        if (equal(items[i], a.pos[0])) return Value::integer(static_cast<std::int64_t>(i));
    }
    if (is_kind(self, Kind::tuple)) in.raise("ValueError", "tuple.index(x): x not in tuple");
    in.raise("ValueError", repr(a.pos[0]) + " is not in list");
}
Value l_count(Interp& in, Value self, CallArgs& a) {
    expect_args(in, method_name(self, "count"), a, 1, 1);
    std::int64_t n = 0;
    charge_scan(in, self);
    for (const Value& v : items_of(self)) n += equal(v, a.pos[0]) ? 1 : 0;
    return Value::integer(n);
}
Value l_sort(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "sort", a, 0, 2, ArgCheck::tuple);  // key and reverse, keyword-only
    if (!a.pos.empty()) in.raise("TypeError", "sort() takes no positional arguments");
    // listsort: while it sorts, the list is empty (a key function sees []), and one that changed it
    // meanwhile is a ValueError; a key function's exception leaves the list as it was.
    std::vector<Value> items = std::move(items_of(self));
    items_of(self).clear();
    Value sorted;
    try {
        sorted = sort_values(in, items, a, 1);
    } catch (...) {
        items_of(self) = std::move(items);
        throw;
    }
    const bool modified = !items_of(self).empty();
    items_of(self) = items_of(sorted);
    if (modified) in.raise("ValueError", "list modified during sort");
    return Value::none();
}
Value l_reverse(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "list.reverse", a, 0, 0);
    std::reverse(items_of(self).begin(), items_of(self).end());
    return Value::none();
}
Value l_copy(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "list.copy", a, 0, 0);
    return in.list_value(items_of(self));
}
Value l_clear(Interp& in, Value self, CallArgs& a) {
    expect_args(in, method_name(self, "clear"), a, 0, 0);
    if (is_kind(self, Kind::dict)) {
        as<DictObj>(self)->entries.clear();
        as<DictObj>(self)->index.clear();
        as<DictObj>(self)->usable = 5;  // dict.clear(): a new empty table
    } else {
        items_of(self).clear();
    }
    return Value::none();
}

// --- dict -----------------------------------------------------------------------------------

Value d_get(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "get", a, 1, 2);
    check_hashable(in, a.pos[0]);  // dict_get_impl hashes the key before it looks, default or not
    Value* v = as<DictObj>(self)->find(a.pos[0]);
    return v != nullptr ? *v : (a.pos.size() > 1 ? a.pos[1] : Value::none());
}
Value dict_view(Interp& in, Value self, int which) {
    return Value::object(in.heap.make<DictViewObj>(self, static_cast<DictViewObj::Which>(which)));
}
Value d_keys(Interp& in, Value self, CallArgs& a) {
    return expect_args(in, "dict.keys", a, 0, 0), dict_view(in, self, 0);
}
Value d_values(Interp& in, Value self, CallArgs& a) {
    return expect_args(in, "dict.values", a, 0, 0), dict_view(in, self, 1);
}
Value d_items(Interp& in, Value self, CallArgs& a) {
    return expect_args(in, "dict.items", a, 0, 0), dict_view(in, self, 2);
}
Value d_pop(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "pop", a, 1, 2);
    // _PyDict_Pop hashes the key unless the dict is empty (then the default, or KeyError, at once).
    if (as<DictObj>(self)->size() != 0) check_hashable(in, a.pos[0]);
    Value removed;
    if (as<DictObj>(self)->erase(a.pos[0], &removed)) return removed;
    if (a.pos.size() > 1) return a.pos[1];
    throw PyRaise{in.make_exception(in.type("KeyError"), {a.pos[0]})};
}
Value d_popitem(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "dict.popitem", a, 0, 0);
    auto* d = as<DictObj>(self);
    for (auto it = d->entries.rbegin(); it != d->entries.rend(); ++it) {
        if (!it->live) continue;
        const Value key = it->key;
        Value value;
        d->erase(key, &value);
        // dict_popitem_impl: dk_nentries = i, the popped entry and the holes after it are gone
        d->entries.resize(d->entries.size() - 1 - static_cast<std::size_t>(it - d->entries.rbegin()));
        return in.list_value({key, value}, Kind::tuple);
    }
    in.raise("KeyError", "popitem(): dictionary is empty");
}
Value d_setdefault(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "setdefault", a, 1, 2);
    if (Value* v = as<DictObj>(self)->find(a.pos[0])) return *v;
    Value v = a.pos.size() > 1 ? a.pos[1] : Value::none();
    dict_set(in, as<DictObj>(self), a.pos[0], v);
    return v;
}
Value d_update(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "update", a, 0, 1);
    Value other = call_builtin(in, in.builtins["dict"], a);
    for (const auto& e : as<DictObj>(other)->entries) {
        if (e.live) as<DictObj>(self)->set(e.key, e.value);
    }
    return Value::none();
}
Value d_copy(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "dict.copy", a, 0, 0);
    CallArgs c;
    c.pos.push_back(self);
    return call_builtin(in, in.builtins["dict"], c);
}

// --- str ------------------------------------------------------------------------------------

Value s_join(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.join", a, 1, 1);
    if (!is_iterable(a.pos[0])) in.raise("TypeError", "can only join an iterable");  // PySequence_Fast's words
    const std::vector<Value> items = in.to_vector(a.pos[0]);
    std::uint64_t size = 0;  // the joined text's, asked for first as CPython's join does
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value& v = items[i];
        if (!is_kind(v, Kind::str))
            in.raise("TypeError",
                     "sequence item " + std::to_string(i) + ": expected str instance, " + type_name(v) + " found");
        size += text_of(v).size() + (i ? text_of(self).size() : 0);
    }
    in.check_size(size > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(size));
    std::string out;
    out.reserve(static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += text_of(self);
        out += text_of(items[i]);
    }
    return in.str_value(std::move(out));
}
Value strip_impl(Interp& in, Value self, CallArgs& a, bool left, bool right) {
    const char* name = left && right ? "strip" : left ? "lstrip" : "rstrip";
    expect_args(in, name, a, 0, 1);
    if (!a.pos.empty() && !a.pos[0].is_none() && !is_kind(a.pos[0], Kind::str))
        in.raise("TypeError", std::string(name) + " arg must be None or str");
    const std::string& s = text_of(self);
    // Without chars, Unicode's whitespace (Py_UNICODE_ISSPACE); with them, any of their characters
    // (code points, not bytes: stripping "é" leaves the "ä" that shares its first byte).
    std::size_t b = 0, e = s.size();
    if (a.pos.empty() || a.pos[0].is_none()) {
        for (std::size_t n; left && b < e && (n = space_at(s, b)) > 0;) b += n;
        for (std::size_t n; right && e > b && (n = space_before(s, e)) > 0;) e -= n;
    } else {
        const std::string& chars = text_of(a.pos[0]);
        auto length_at = [&](std::size_t i) {
            return std::min(utf8_length(static_cast<unsigned char>(s[i])), s.size() - i);
        };
        auto in_chars = [&](std::size_t i, std::size_t n) {
            const std::string c = s.substr(i, n);
            for (std::size_t k = 0; k < chars.size(); k += utf8_length(static_cast<unsigned char>(chars[k])))
                if (chars.compare(k, utf8_length(static_cast<unsigned char>(chars[k])), c) == 0) return true;
            return false;
        };
        while (left && b < e && in_chars(b, length_at(b))) b += length_at(b);
        while (right && e > b) {
            std::size_t i = e - 1;
            while (i > b && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
            if (!in_chars(i, e - i)) break;
            e = i;
        }
    }
    return in.str_value(s.substr(b, e - b));
}
Value s_strip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, true, true); }
Value s_lstrip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, true, false); }
Value s_rstrip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, false, true); }
// --- case beyond ASCII -------------------------------------------------------------------------
// Unicode's full case mappings and case classes, as python3 has them (unicode_case.hpp, generated
// from it), applied as Objects/unicodeobject.c's do_upper, do_lower, do_title, do_capitalize and
// do_swapcase do.

std::vector<std::uint32_t> decode_utf8(const std::string& s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const StrChar ch = str_char_at(s, i);
        out.push_back(ch.code_point);
        i += ch.bytes;
    }
    return out;
}
std::string encode_utf8(const std::vector<std::uint32_t>& cps) {
    std::string out;
    for (std::uint32_t c : cps) utf8_append(out, c);
    return out;
}
bool is_cased(std::uint32_t c) { return unicode::in_ranges(unicode::cased, c); }
bool is_uppercase(std::uint32_t c) { return unicode::in_ranges(unicode::uppercase, c); }
bool is_lowercase(std::uint32_t c) { return unicode::in_ranges(unicode::lowercase, c); }
bool is_titlecase(std::uint32_t c) { return unicode::in_ranges(unicode::titlecase, c); }

enum class Case { upper, lower, title, fold };
/// Appends `c`'s full mapping to `to` case (_PyUnicode_ToUpperFull...: "ß" upper is "SS").
void append_case(std::vector<std::uint32_t>& out, std::uint32_t c, Case to) {
    const auto* end = std::end(unicode::case_mappings);
    const auto* m = std::lower_bound(std::begin(unicode::case_mappings), end, c,
                                     [](const unicode::CaseMapping& e, std::uint32_t v) { return e.code_point < v; });
    if (m == end || m->code_point != c) {
        out.push_back(c);
        return;
    }
    const std::uint16_t at = to == Case::upper   ? m->upper
                             : to == Case::lower ? m->lower
                             : to == Case::title ? m->title
                                                 : m->fold;
    const std::uint32_t* mapped = unicode::case_pool + at + 1;
    out.insert(out.end(), mapped, mapped + unicode::case_pool[at]);
}
/// handle_capital_sigma: Σ is final (ς) after a cased letter and not before one, the
/// case-ignorable characters around it (an apostrophe, a combining accent) skipped.
bool final_sigma(const std::vector<std::uint32_t>& cps, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && unicode::in_ranges(unicode::case_ignorable, cps[j - 1])) --j;
    if (j == 0 || !is_cased(cps[j - 1])) return false;
    j = i + 1;
    while (j < cps.size() && unicode::in_ranges(unicode::case_ignorable, cps[j])) ++j;
    return j == cps.size() || !is_cased(cps[j]);
}
/// lower_ucs4: character i of `cps` in lower case, in its context.
void append_lower(std::vector<std::uint32_t>& out, const std::vector<std::uint32_t>& cps, std::size_t i) {
    if (cps[i] == 0x3A3)
        out.push_back(final_sigma(cps, i) ? 0x3C2 : 0x3C3);
    else
        append_case(out, cps[i], Case::lower);
}
/// upper() or lower() of a whole string.
std::string recase_text(const std::string& s, bool upper) {
    std::vector<std::uint32_t> out;
    const std::vector<std::uint32_t> cps = decode_utf8(s);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (upper)
            append_case(out, cps[i], Case::upper);
        else
            append_lower(out, cps, i);
    }
    return encode_utf8(out);
}

Value s_case(Interp& in, Value self, CallArgs& a, bool upper) {
    expect_args(in, upper ? "str.upper" : "str.lower", a, 0, 0);
    const std::string& s = text_of(self);
    if (as<StrObj>(self)->ascii()) {
        std::string out = s;
        for (char& c : out)
            c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                        : std::tolower(static_cast<unsigned char>(c)));
        return in.str_value(std::move(out));
    }
    return in.str_value(recase_text(s, upper));
}
// casefold (do_casefold): each character's full folding, with no context (Σ folds to σ anywhere).
Value s_casefold(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.casefold", a, 0, 0);
    std::vector<std::uint32_t> out;
    for (std::uint32_t c : decode_utf8(text_of(self))) append_case(out, c, Case::fold);
    return in.str_value(encode_utf8(out));
}
Value s_upper(Interp& in, Value self, CallArgs& a) { return s_case(in, self, a, true); }
Value s_lower(Interp& in, Value self, CallArgs& a) { return s_case(in, self, a, false); }
/// The part of s that the start and end arguments at a.pos[first] and after select (code point
/// indices, adjusted as a slice's: ADJUST_INDICES), as bytes [b, e). False when start lies past end:
/// nothing, not even the empty string, is found there.
bool str_window(Interp& in, const Value& self, const CallArgs& a, std::size_t first, std::size_t& b, std::size_t& e) {
    const auto len = static_cast<std::int64_t>(as<StrObj>(self)->length());
    std::int64_t start = a.pos.size() > first ? slice_index(in, a.pos[first], 0) : 0;
    std::int64_t end = a.pos.size() > first + 1 ? slice_index(in, a.pos[first + 1], len) : len;
    end = end > len ? len : end < 0 ? std::max<std::int64_t>(end + len, 0) : end;
    if (start < 0) start = std::max<std::int64_t>(start + len, 0);
    if (start > end) return false;
    b = as<StrObj>(self)->byte_at(static_cast<std::size_t>(start));
    e = as<StrObj>(self)->byte_at(static_cast<std::size_t>(end));
    return true;
}
/// The str argument str.find and its kin search for.
const std::string& sub_arg(Interp& in, const CallArgs& a) {
    if (!is_kind(a.pos[0], Kind::str)) in.raise("TypeError", "must be str, not " + type_name(a.pos[0]));
    return text_of(a.pos[0]);
}
// startswith/endswith: a str or a tuple of str (any one matching), within start and end.
Value s_affix(Interp& in, Value self, CallArgs& a, bool start) {
    const char* name = start ? "startswith" : "endswith";
    expect_args(in, name, a, 1, 3, ArgCheck::tuple);
    std::size_t b = 0, e = 0;
    const bool window = str_window(in, self, a, 1, b, e);
    const std::string_view s = std::string_view(text_of(self)).substr(b, e - b);
    auto matches = [&](const std::string& t) {
        if (!window || t.size() > s.size()) return false;
        return start ? s.compare(0, t.size(), t) == 0 : s.compare(s.size() - t.size(), t.size(), t) == 0;
    };
    if (is_kind(a.pos[0], Kind::tuple)) {
        for (const Value& t : as<ListObj>(a.pos[0])->items) {
            if (!is_kind(t, Kind::str))
                in.raise("TypeError", std::string("tuple for ") + name + " must only contain str, not " + type_name(t));
            if (matches(text_of(t))) return Value::boolean(true);
        }
        return Value::boolean(false);
    }
    if (!is_kind(a.pos[0], Kind::str))
        in.raise("TypeError",
                 std::string(name) + " first arg must be str or a tuple of str, not " + type_name(a.pos[0]));
    return Value::boolean(matches(text_of(a.pos[0])));
}
Value s_startswith(Interp& in, Value self, CallArgs& a) { return s_affix(in, self, a, true); }
Value s_endswith(Interp& in, Value self, CallArgs& a) { return s_affix(in, self, a, false); }
/// replace("", to): `to` before each of the first `count` code points (and at the end when count
/// reaches past the last), as unicodeobject.c's replace() does for an empty needle.
Value replace_empty(Interp& in, const std::string& s, const std::string& to, std::int64_t count) {
    std::size_t points = 0;
    for (const char c : s) points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const std::uint64_t n = count < 0 ? points + 1 : std::min<std::uint64_t>(count, points + 1);
    in.check_size(static_cast<std::size_t>(std::min<std::uint64_t>(s.size() + n * to.size(), SIZE_MAX)));
    std::string out;
    std::size_t at = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        out += to;
        if (at == s.size()) break;
        const std::size_t next = at + std::min(utf8_length(static_cast<unsigned char>(s[at])), s.size() - at);
        out.append(s, at, next - at);
        at = next;
    }
    return in.str_value(out.append(s, at));
}
Value s_replace(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "replace", a, 2, 3);
    const std::string& from = str_arg(in, a, 0, "replace");
    const std::string& to = str_arg(in, a, 1, "replace");
    std::int64_t count = a.pos.size() > 2 ? to_index(in, a.pos[2], "count") : -1;
    const std::string& s = text_of(self);
    charge_scan(in, self);
    if (from.empty()) return replace_empty(in, s, to, count);
    // Count first, and the new text's size (replace() in Objects/unicodeobject.c): none past the limit is built.
    std::size_t n = 0;
    for (std::size_t at = 0;
         n != static_cast<std::uint64_t>(count) && (at = find_text(s, from, at)) != std::string::npos;
         at += from.size())
        ++n;
    const std::uint64_t size = s.size() - n * from.size() + std::uint64_t{n} * to.size();
    in.check_size(size > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(size));
    std::string out;
    std::size_t start = 0;
    for (std::size_t at; n-- != 0 && (at = find_text(s, from, start)) != std::string::npos; start = at + from.size())
        out.append(s, start, at - start).append(to);
    return in.str_value(out.append(s, start));
}
/// str.find, str.rfind (from the right), and their index() twins that raise instead of giving -1.
Value find_impl(Interp& in, Value self, CallArgs& a, const char* name, bool right, bool index) {
    expect_args(in, name, a, 1, 3, ArgCheck::tuple);
    const std::string& s = text_of(self);
    const std::string& sub = sub_arg(in, a);
    charge_scan(in, self);
    std::size_t b = 0, e = 0, at = std::string::npos;
    if (str_window(in, self, a, 1, b, e) && e - b >= sub.size()) {
        at = right ? rfind_text(s, sub, e - sub.size()) : find_text(s, sub, b);
        if (at != std::string::npos && (at < b || at + sub.size() > e)) at = std::string::npos;
    }
    if (at == std::string::npos && index) in.raise("ValueError", "substring not found");
    return Value::integer(at == std::string::npos ? -1 : char_index(s, at));
}
Value s_find(Interp& in, Value self, CallArgs& a) { return find_impl(in, self, a, "find", false, false); }
Value s_index(Interp& in, Value self, CallArgs& a) { return find_impl(in, self, a, "index", false, true); }
Value s_rfind(Interp& in, Value self, CallArgs& a) { return find_impl(in, self, a, "rfind", true, false); }
Value s_rindex(Interp& in, Value self, CallArgs& a) { return find_impl(in, self, a, "rindex", true, true); }
Value s_count(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "count", a, 1, 3, ArgCheck::tuple);
    const std::string& sub = sub_arg(in, a);
    std::size_t b = 0, e = 0;
    if (!str_window(in, self, a, 1, b, e)) return Value::integer(0);
    charge_scan(in, self);
    const std::string s = text_of(self).substr(b, e - b);
    if (sub.empty()) return Value::integer(static_cast<std::int64_t>(code_points(s)) + 1);
    std::int64_t n = 0;
    for (std::size_t at = find_text(s, sub); at != std::string::npos; at = find_text(s, sub, at + sub.size())) ++n;
    return Value::integer(n);
}
Value s_pad(Interp& in, Value self, CallArgs& a, char align) {
    expect_args(in, align == '<' ? "ljust" : align == '>' ? "rjust" : "center", a, 1, 2);
    const std::int64_t width = to_index(in, a.pos[0], "width");
    if (a.pos.size() > 1 && !is_kind(a.pos[1], Kind::str))
        in.raise("TypeError", "The fill character must be a unicode character, not " + type_name(a.pos[1]));
    const std::string fill = a.pos.size() > 1 ? text_of(a.pos[1]) : " ";
    const std::string& s = text_of(self);
    if (code_points(fill) != 1) in.raise("TypeError", "The fill character must be exactly one character long");
    const auto length = static_cast<std::int64_t>(code_points(s));
    if (width <= length) return in.str_value(s);
    const auto total = static_cast<std::size_t>(width - length);
    in.check_room(total * fill.size());
    auto repeat = [&](std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i) out += fill;
        return out;
    };
    if (align == '<') return in.str_value(s + repeat(total));
    if (align == '>') return in.str_value(repeat(total) + s);
    const std::size_t left = total / 2 + (total & static_cast<std::size_t>(width) & 1);
    return in.str_value(repeat(left) + s + repeat(total - left));
}
Value s_ljust(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '<'); }
Value s_rjust(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '>'); }
Value s_center(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '^'); }

// --- more of str: the ASCII letters' case and classes, zfill, rfind, rsplit, format ---------------

template <typename Pred>
Value s_is(Interp& in, Value self, CallArgs& a, const char* name, Pred pred) {
    expect_args(in, std::string("str.") + name, a, 0, 0);
    const std::string& s = text_of(self);
    if (s.empty()) return Value::boolean(false);
    for (std::uint32_t c : decode_utf8(s))
        if (!pred(c)) return Value::boolean(false);
    return Value::boolean(true);
}
Value s_isdigit(Interp& in, Value self, CallArgs& a) {
    return s_is(in, self, a, "isdigit", [](std::uint32_t c) { return unicode::in_ranges(unicode::digit, c); });
}
Value s_isalpha(Interp& in, Value self, CallArgs& a) {
    return s_is(in, self, a, "isalpha", [](std::uint32_t c) { return unicode::in_ranges(unicode::alpha, c); });
}
Value s_isalnum(Interp& in, Value self, CallArgs& a) {
    return s_is(in, self, a, "isalnum", [](std::uint32_t c) { return unicode::in_ranges(unicode::alnum, c); });
}
Value s_isspace(Interp& in, Value self, CallArgs& a) { return s_is(in, self, a, "isspace", unicode_space); }
Value s_isdecimal(Interp& in, Value self, CallArgs& a) {
    return s_is(in, self, a, "isdecimal", [](std::uint32_t c) { return unicode::in_ranges(unicode::decimal, c); });
}
Value s_isnumeric(Interp& in, Value self, CallArgs& a) {
    return s_is(in, self, a, "isnumeric", [](std::uint32_t c) { return unicode::in_ranges(unicode::numeric, c); });
}
// isprintable (unicode_isprintable_impl): the empty str is printable, unlike the other classes.
Value s_isprintable(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.isprintable", a, 0, 0);
    for (std::uint32_t c : decode_utf8(text_of(self)))
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && unicode::in_ranges(unicode::not_printable, c)))
            return Value::boolean(false);
    return Value::boolean(true);
}
// isidentifier (PyUnicode_IsIdentifier): XID_Start or '_', then XID_Continue, with no NFKC (the
// tokenizer's names normalise first, so the two differ on characters such as "℘" and "ª").
Value s_isidentifier(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.isidentifier", a, 0, 0);
    const std::vector<std::uint32_t> cps = decode_utf8(text_of(self));
    if (cps.empty() || !(cps[0] == '_' || unicode::in_ranges(unicode::xid_start, cps[0]))) return Value::boolean(false);
    for (std::size_t i = 1; i < cps.size(); ++i)
        if (!unicode::in_ranges(unicode::xid_continue, cps[i])) return Value::boolean(false);
    return Value::boolean(true);
}
// isupper/islower (unicode_isupper_impl): at least one cased letter of that case, and none of the
// other case nor title case.
Value s_iscase(Interp& in, Value self, CallArgs& a, bool upper) {
    expect_args(in, upper ? "str.isupper" : "str.islower", a, 0, 0);
    bool cased = false;
    for (std::uint32_t c : decode_utf8(text_of(self))) {
        if ((upper ? is_lowercase(c) : is_uppercase(c)) || is_titlecase(c)) return Value::boolean(false);
        cased = cased || (upper ? is_uppercase(c) : is_lowercase(c));
    }
    return Value::boolean(cased);
}
// istitle (unicode_istitle_impl): every upper or title case letter follows an uncased character,
// every lower case one a cased character, and there is at least one cased letter.
Value s_istitle(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.istitle", a, 0, 0);
    bool cased = false;
    bool previous_is_cased = false;
    for (std::uint32_t c : decode_utf8(text_of(self))) {
        if (is_uppercase(c) || is_titlecase(c)) {
            if (previous_is_cased) return Value::boolean(false);
            previous_is_cased = cased = true;
        } else if (is_lowercase(c)) {
            if (!previous_is_cased) return Value::boolean(false);
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return Value::boolean(cased);
}
Value s_isupper(Interp& in, Value self, CallArgs& a) { return s_iscase(in, self, a, true); }
Value s_islower(Interp& in, Value self, CallArgs& a) { return s_iscase(in, self, a, false); }
// title (do_title): a character after a cased one in lower case, any other in title case;
// capitalize (do_capitalize): the first in title case, the rest lower; swapcase (do_swapcase).
Value s_recase(Interp& in, Value self, CallArgs& a, char how) {
    expect_args(in, how == 't' ? "str.title" : how == 'c' ? "str.capitalize" : "str.swapcase", a, 0, 0);
    const std::vector<std::uint32_t> cps = decode_utf8(text_of(self));
    std::vector<std::uint32_t> out;
    bool previous_cased = false;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const std::uint32_t c = cps[i];
        if (how == 's') {
            if (is_uppercase(c))
                append_lower(out, cps, i);
            else if (is_lowercase(c))
                append_case(out, c, Case::upper);
            else
                out.push_back(c);
        } else if (how == 't' ? !previous_cased : i == 0) {
            append_case(out, c, Case::title);
        } else {
            append_lower(out, cps, i);
        }
        previous_cased = is_cased(c);
    }
    return in.str_value(encode_utf8(out));
}
Value s_title(Interp& in, Value self, CallArgs& a) { return s_recase(in, self, a, 't'); }
Value s_capitalize(Interp& in, Value self, CallArgs& a) { return s_recase(in, self, a, 'c'); }
Value s_swapcase(Interp& in, Value self, CallArgs& a) { return s_recase(in, self, a, 's'); }
Value s_zfill(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.zfill", a, 1, 1);
    const std::int64_t width = to_index(in, a.pos[0], "width");
    std::string s = text_of(self);
    const auto length = static_cast<std::int64_t>(code_points(s));
    if (width <= length) return in.str_value(std::move(s));
    const std::size_t at = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
    in.check_room(static_cast<std::size_t>(width - length));
    s.insert(at, static_cast<std::size_t>(width - length), '0');
    return in.str_value(std::move(s));
}
// split and rsplit with maxsplit (positional or keyword) and sep (positional or keyword).
Value s_split_impl(Interp& in, Value self, CallArgs& a, bool right) {
    const char* name = right ? "rsplit" : "split";
    Value sep = a.pos.size() > 0 ? a.pos[0] : keyword(a, "sep", Value::none());
    Value maxv = a.pos.size() > 1 ? a.pos[1] : keyword(a, "maxsplit", Value::integer(-1));
    for (const auto& kv : a.kw)
        if (kv.first != "sep" && kv.first != "maxsplit")
            in.raise("TypeError", "'" + kv.first + "' is an invalid keyword argument for " + name +
                                      "()");  // Argument Clinic's words
    expect_args(in, name, a, 0, 2, ArgCheck::tuple);
    charge_scan(in, self);
    std::int64_t maxsplit = to_index(in, maxv, "maxsplit");
    if (!sep.is_none() && !is_kind(sep, Kind::str)) in.raise("TypeError", "must be str or None, not " + type_name(sep));
    std::string s = text_of(self);
    std::vector<std::string> parts;
    // Each part becomes a str of the program: refuse them past the heap's limit as they are cut
    // ("a " * 10**8 has 10**8 of them), not after they took memory without bound.
    auto cut = [&](std::string part) {
        if ((parts.size() & 1023) == 0) in.check_size(parts.size() * (sizeof(std::string) + sizeof(StrObj) + 16));
        parts.push_back(std::move(part));
    };
    std::string sp = sep.is_none() ? std::string() : text_of(sep);
    if (!sep.is_none() && sp.empty()) in.raise("ValueError", "empty separator");
    if (sep.is_none()) {
        // Runs of Unicode's whitespace (Py_UNICODE_ISSPACE) separate, from the left or the right;
        // once maxsplit parts are cut, the rest keeps its whitespace at the far end.
        auto full = [&]() { return maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit; };
        if (!right) {
            std::size_t i = 0;
            for (std::size_t n; i < s.size() && (n = space_at(s, i)) > 0;) i += n;
            while (i < s.size()) {
                if (full()) {
                    cut(s.substr(i));
                    break;
                }
                std::size_t j = i;
                while (j < s.size() && space_at(s, j) == 0)
                    j += std::min(utf8_length(static_cast<unsigned char>(s[j])), s.size() - j);
                cut(s.substr(i, j - i));
                for (std::size_t n; j < s.size() && (n = space_at(s, j)) > 0;) j += n;
                i = j;
            }
        } else {
            std::size_t e = s.size();
            for (std::size_t n; e > 0 && (n = space_before(s, e)) > 0;) e -= n;
            while (e > 0) {
                if (full()) {
                    cut(s.substr(0, e));
                    break;
                }
                std::size_t j = e;
                while (j > 0 && space_before(s, j) == 0) {
                    --j;
                    while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
                }
                cut(s.substr(j, e - j));
                for (std::size_t n; j > 0 && (n = space_before(s, j)) > 0;) j -= n;
                e = j;
            }
            std::reverse(parts.begin(), parts.end());
        }
        std::vector<Value> out;
        for (std::string& part : parts) out.push_back(in.str_value(std::move(part)));
        return in.list_value(std::move(out));
    }
    if (right) std::reverse(s.begin(), s.end());
    if (right) std::reverse(sp.begin(), sp.end());
    {
        std::size_t start = 0;
        for (std::size_t at; (maxsplit < 0 || static_cast<std::int64_t>(parts.size()) < maxsplit) &&
                             (at = find_text(s, sp, start)) != std::string::npos;
             start = at + sp.size())
            cut(s.substr(start, at - start));
        cut(s.substr(start));
    }
    std::vector<Value> out;
    if (right) std::reverse(parts.begin(), parts.end());
    for (std::string& part : parts) {
        if (right) std::reverse(part.begin(), part.end());
        out.push_back(in.str_value(std::move(part)));
    }
    return in.list_value(std::move(out));
}
Value s_split(Interp& in, Value self, CallArgs& a) { return s_split_impl(in, self, a, false); }
Value s_rsplit(Interp& in, Value self, CallArgs& a) { return s_split_impl(in, self, a, true); }

// str.format (Objects/stringlib/unicode_format.h): {} {0} {name} {0[1]} {x.attr}, !r !s !a, a
// spec with one level of nested fields.
struct FormatState {
    Interp& in;
    const CallArgs& args;
    int auto_index = 0;  // -1 once a field was numbered by hand
    bool manual = false;
};
std::string format_with(FormatState& st, const std::string& text, int depth);
/// get_integer: a field's number, or its [index], in decimal digits; past Py_ssize_t a ValueError.
std::int64_t format_field_number(Interp& in, const std::string& digits) {
    std::int64_t n = 0;
    for (const char c : digits) {
        if (n > (INT64_MAX - (c - '0')) / 10) in.raise("ValueError", "Too many decimal digits in format string");
        n = n * 10 + (c - '0');
    }
    return n;
}
Value format_field_value(FormatState& st, const std::string& name) {
    Interp& in = st.in;
    std::size_t end = name.find_first_of(".[");
    const std::string first = name.substr(0, end);
    Value v;
    if (first.empty() ||
        std::all_of(first.begin(), first.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        // A Py_ssize_t, as on the learner's 64-bit CPython (not a size_t: 32 bits in Wasm).
        std::int64_t index;
        if (first.empty()) {
            if (st.manual)
                in.raise("ValueError", "cannot switch from manual field specification to automatic field numbering");
            st.auto_index += 1;
            index = static_cast<std::int64_t>(st.auto_index - 1);
        } else {
            if (st.auto_index > 0)
                in.raise("ValueError", "cannot switch from automatic field numbering to manual field specification");
            st.manual = true;
            index = format_field_number(in, first);
        }
        if (index >= static_cast<std::int64_t>(st.args.pos.size()))
            in.raise("IndexError",
                     "Replacement index " + std::to_string(index) + " out of range for positional args tuple");
        v = st.args.pos[static_cast<std::size_t>(index)];
    } else {
        bool found = false;
        for (const auto& kv : st.args.kw)
            if (kv.first == first) v = kv.second, found = true;
        if (!found) throw PyRaise{in.make_exception(in.type("KeyError"), {in.str_value(first)})};
    }
    while (end != std::string::npos) {
        if (name[end] == '.') {
            const std::size_t next = name.find_first_of(".[", end + 1);
            const std::string attr =
                name.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1);
            if (attr.empty()) in.raise("ValueError", "Empty attribute in format string");
            v = in.get_attr(v, attr);
            end = next;
        } else {
            const std::size_t close = name.find(']', end);
            if (close == std::string::npos) in.raise("ValueError", "Missing ']' in format string");
            const std::string key = name.substr(end + 1, close - end - 1);
            if (key.empty()) in.raise("ValueError", "Empty attribute in format string");
            const bool digits =
                std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
            v = in.subscript(v, digits ? Value::integer(format_field_number(in, key)) : in.str_value(key));
            end = close + 1 < name.size() ? close + 1 : std::string::npos;
            if (end != std::string::npos && name[end] != '.' && name[end] != '[')
                in.raise("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return v;
}
/// The error of a field that `text` ends inside (it opened at from - 1), as MarkupIterator_next and
/// parse_field tell where the end fell: in the name ('[' ... ']' hide ':' and '!'), right after its
/// '!', after the conversion, or in the spec.
const char* unterminated_field(const std::string& text, std::size_t from) {
    if (from >= text.size()) return "Single '{' encountered in format string";
    std::size_t k = from;
    for (int bracket = 0; k < text.size(); ++k) {
        if (text[k] == '[') bracket += 1;
        if (text[k] == ']' && bracket) bracket -= 1;
        if (!bracket && (text[k] == ':' || text[k] == '!')) break;
    }
    if (k >= text.size()) return "expected '}' before end of string";
    if (text[k] == '!' && k + 1 >= text.size()) return "end of string while looking for conversion specifier";
    if (text[k] == '!' && k + 2 < text.size() && text[k + 2] != ':') return "expected ':' after conversion specifier";
    return "unmatched '{' in format spec";
}

std::string format_with(FormatState& st, const std::string& text, int depth) {
    Interp& in = st.in;
    if (depth > 2) in.raise("ValueError", "Max string recursion exceeded");
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                out += '}', ++i;
                continue;
            }
            in.raise("ValueError", "Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            out += '{', ++i;
            continue;
        }
        // The field runs to its matching '}': in its name '[' ... ']' hide it, the character after
        // '!' is the conversion whatever it is, and nested braces count in the spec.
        std::size_t j = i + 1;
        int level = 1;
        std::size_t bracket = 0;
        bool in_name = true;
        for (; j < text.size(); ++j) {
            if (in_name && text[j] == '[') bracket += 1;
            if (in_name && text[j] == ']' && bracket) bracket -= 1;
            if (bracket) continue;
            if (in_name && (text[j] == '!' || text[j] == ':')) {
                in_name = false;
                if (text[j] == '!') ++j;
                continue;
            }
            if (text[j] == '{') level += 1;
            if (text[j] == '}' && --level == 0) break;
        }
        if (j >= text.size()) in.raise("ValueError", unterminated_field(text, i + 1));
        const std::string field = text.substr(i + 1, j - i - 1);
        i = j;
        std::size_t name_end = 0;
        for (std::size_t depth_b = 0; name_end < field.size(); ++name_end) {
            if (field[name_end] == '[') depth_b += 1;
            if (field[name_end] == ']' && depth_b) depth_b -= 1;
            if (!depth_b && (field[name_end] == '!' || field[name_end] == ':')) break;
        }
        const std::string name = field.substr(0, name_end);
        char conversion = 0;
        std::string spec;
        std::size_t k = name_end;
        if (k < field.size() && field[k] == '!') {
            if (k + 1 >= field.size()) in.raise("ValueError", "end of string while looking for conversion specifier");
            conversion = field[k + 1];
            k += 2;
            if (k < field.size() && field[k] != ':') in.raise("ValueError", "expected ':' after conversion specifier");
        }
        if (k < field.size() && field[k] == ':') spec = field.substr(k + 1);
        Value v = format_field_value(st, name);
        if (conversion == 'r') {
            v = in.str_value(repr(v));
        } else if (conversion == 'a') {
            v = in.str_value(ascii_escape(repr(v)));  // ascii(): repr() with \x, \u, \U escapes
        } else if (conversion == 's') {
            v = in.str_value(str(v));
        } else if (conversion) {
            in.raise("ValueError", std::string("Unknown conversion specifier ") + conversion);
        }
        if (spec.find('{') != std::string::npos) spec = format_with(st, spec, depth + 1);
        out += in.format(v, spec);
        if (in.heap.would_exceed(out.size())) in.raise("MemoryError", "");  // the str made of it is charged
    }
    return out;
}
Value s_format(Interp& in, Value self, CallArgs& a) {
    FormatState st{in, a};
    return in.str_value(format_with(st, text_of(self), 0));
}

// The methods live in the table itself (static storage, node addresses never move).
using Table = std::unordered_map<std::string, BuiltinObj>;

Table make_table(std::initializer_list<std::pair<const char*, BuiltinFn>> entries) {
    Table t;
    for (const auto& [name, fn] : entries) t.emplace(name, BuiltinObj(name, fn));
    return t;
}

const Table& list_methods() {
    static const Table t = make_table({{"append", l_append},
                                       {"extend", l_extend},
                                       {"pop", l_pop},
                                       {"insert", l_insert},
                                       {"remove", l_remove},
                                       {"index", l_index},
                                       {"count", l_count},
                                       {"sort", l_sort},
                                       {"reverse", l_reverse},
                                       {"copy", l_copy},
                                       {"clear", l_clear}});
    return t;
}
// partition and rpartition (stringlib/partition.h): split at the first (last) sep into a 3-tuple;
// without sep the whole string is the head (the tail) and the other two are empty.
Value s_partition_impl(Interp& in, Value self, CallArgs& a, bool right) {
    expect_args(in, right ? "str.rpartition" : "str.partition", a, 1, 1);
    const std::string& sep = sub_arg(in, a);
    if (sep.empty()) in.raise("ValueError", "empty separator");
    const std::string& s = text_of(self);
    const std::size_t at = right ? rfind_text(s, sep) : find_text(s, sep);
    std::vector<Value> parts;
    if (at == std::string::npos) {
        parts = {in.str_value(right ? "" : s), in.str_value(""), in.str_value(right ? s : "")};
    } else {
        parts = {in.str_value(s.substr(0, at)), a.pos[0], in.str_value(s.substr(at + sep.size()))};
    }
    return in.list_value(std::move(parts), Kind::tuple);
}
Value s_partition(Interp& in, Value self, CallArgs& a) { return s_partition_impl(in, self, a, false); }
Value s_rpartition(Interp& in, Value self, CallArgs& a) { return s_partition_impl(in, self, a, true); }

/// The bytes of the line boundary at s[i] (Py_UNICODE_ISLINEBREAK: \n \r \r\n \v \f \x1c-\x1e
/// U+0085 U+2028 U+2029), or 0.
std::size_t line_break_at(const std::string& s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\r') return i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1C && c <= 0x1E)) return 1;
    if (s.compare(i, 2, "\xC2\x85") == 0) return 2;
    if (s.compare(i, 3, "\xE2\x80\xA8") == 0 || s.compare(i, 3, "\xE2\x80\xA9") == 0) return 3;
    return 0;
}

/// The one optional argument of a str method whose Clinic reads it by position or name (splitlines'
/// keepends, expandtabs' tabsize), in its words for another name or one argument too many.
Value optional_argument(Interp& in, const CallArgs& a, const char* method, const char* name, Value fallback) {
    for (const auto& kv : a.kw)
        if (kv.first != name)
            in.raise("TypeError", "'" + kv.first + "' is an invalid keyword argument for " + method + "()");
    const std::size_t given = a.pos.size() + a.kw.size();  // Clinic counts both before matching names
    if (given > 1)
        in.raise("TypeError",
                 std::string(method) + "() takes at most 1 argument (" + std::to_string(given) + " given)");
    return a.pos.empty() ? keyword(a, name, fallback) : a.pos[0];
}

/// str.removeprefix(prefix) and str.removesuffix(suffix) (METH_O): self without it where it has it.
Value s_remove_affix(Interp& in, Value self, CallArgs& a, bool suffix) {
    const char* name = suffix ? "removesuffix" : "removeprefix";
    expect_args(in, std::string("str.") + name, a, 1, 1);
    if (!is_kind(a.pos[0], Kind::str)) bad_argument(in, name, "argument", "str", a.pos[0]);
    const std::string& s = text_of(self);
    const std::string& affix = text_of(a.pos[0]);
    if (affix.empty() || affix.size() > s.size()) return self;
    if (suffix ? s.compare(s.size() - affix.size(), affix.size(), affix) != 0 : s.compare(0, affix.size(), affix) != 0)
        return self;
    return in.str_value(suffix ? s.substr(0, s.size() - affix.size()) : s.substr(affix.size()));
}
Value s_removeprefix(Interp& in, Value self, CallArgs& a) { return s_remove_affix(in, self, a, false); }
Value s_removesuffix(Interp& in, Value self, CallArgs& a) { return s_remove_affix(in, self, a, true); }
Value s_isascii(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.isascii", a, 0, 0);
    return Value::boolean(as<StrObj>(self)->ascii());
}

/// str.expandtabs(tabsize=8): each tab to spaces up to the next multiple of tabsize, the column
/// counted in code points from the last \n or \r (unicode_expandtabs_impl); tabsize is a C int.
Value s_expandtabs(Interp& in, Value self, CallArgs& a) {
    const std::int64_t tabsize = to_c_int(in, optional_argument(in, a, "expandtabs", "tabsize", Value::integer(8)));
    const std::string& s = text_of(self);
    if (s.find('\t') == std::string::npos) return self;
    std::string out;
    std::int64_t column = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\t') {
            if (tabsize > 0) {
                const std::int64_t spaces = tabsize - column % tabsize;
                in.check_room(out.size() + static_cast<std::size_t>(spaces));
                out.append(static_cast<std::size_t>(spaces), ' ');
                column += spaces;
            }
            continue;
        }
        out += c;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) column += 1;  // a code point starts here
        if (c == '\n' || c == '\r') column = 0;
    }
    return in.str_value(std::move(out));
}

// splitlines(keepends=False): keepends is Argument Clinic's bool(accept={int}), an int read as a C int.
Value s_splitlines(Interp& in, Value self, CallArgs& a) {
    const bool keepends = to_c_int(in, optional_argument(in, a, "splitlines", "keepends", Value::boolean(false))) != 0;
    const std::string& s = text_of(self);
    std::vector<Value> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = line_break_at(s, i);
        if (n == 0) {
            ++i;
            continue;
        }
        lines.push_back(in.str_value(s.substr(start, (keepends ? i + n : i) - start)));
        start = i += n;
    }
    if (start < s.size()) lines.push_back(in.str_value(s.substr(start)));
    return in.list_value(std::move(lines));
}

const Table& tuple_methods() {
    static const Table t = make_table({{"index", l_index}, {"count", l_count}});
    return t;
}
const Table& dict_methods() {
    static const Table t = make_table({{"get", d_get},
                                       {"keys", d_keys},
                                       {"values", d_values},
                                       {"items", d_items},
                                       {"pop", d_pop},
                                       {"setdefault", d_setdefault},
                                       {"popitem", d_popitem},
                                       {"update", d_update},
                                       {"copy", d_copy},
                                       {"clear", l_clear}});
    return t;
}
const Table& str_methods() {
    static const Table t = make_table({{"join", s_join},
                                       {"split", s_split},
                                       {"strip", s_strip},
                                       {"lstrip", s_lstrip},
                                       {"rstrip", s_rstrip},
                                       {"upper", s_upper},
                                       {"lower", s_lower},
                                       {"startswith", s_startswith},
                                       {"endswith", s_endswith},
                                       {"replace", s_replace},
                                       {"find", s_find},
                                       {"count", s_count},
                                       {"index", s_index},
                                       {"ljust", s_ljust},
                                       {"rjust", s_rjust},
                                       {"center", s_center},
                                       {"format", s_format},
                                       {"rsplit", s_rsplit},
                                       {"isdigit", s_isdigit},
                                       {"isalpha", s_isalpha},
                                       {"isalnum", s_isalnum},
                                       {"isspace", s_isspace},
                                       {"isupper", s_isupper},
                                       {"islower", s_islower},
                                       {"title", s_title},
                                       {"capitalize", s_capitalize},
                                       {"swapcase", s_swapcase},
                                       {"zfill", s_zfill},
                                       {"rfind", s_rfind},
                                       {"rindex", s_rindex},
                                       {"partition", s_partition},
                                       {"rpartition", s_rpartition},
                                       {"splitlines", s_splitlines},
                                       {"removeprefix", s_removeprefix},
                                       {"removesuffix", s_removesuffix},
                                       {"isascii", s_isascii},
                                       {"expandtabs", s_expandtabs},
                                       {"casefold", s_casefold},
                                       {"isdecimal", s_isdecimal},
                                       {"isnumeric", s_isnumeric},
                                       {"isprintable", s_isprintable},
                                       {"isidentifier", s_isidentifier},
                                       {"istitle", s_istitle}});
    return t;
}

}  // namespace

bool python_has(const std::string& owner, const std::string& name) {
    // CPython 3.11's names, from python3's dir() (python/cpython_attributes.hpp): a name there that
    // the playground lacks is "not supported", not a NameError or an AttributeError Python would
    // never raise.
    bool callable = false;
    return cpython_attribute(owner, name, callable);
}

bool cpython_attribute(const std::string& owner, const std::string& name, bool& callable) {
    static const std::unordered_map<std::string_view, const CPythonAttributes*> by_owner = [] {
        std::unordered_map<std::string_view, const CPythonAttributes*> m;
        for (const CPythonAttributes& a : cpython_attributes) m[a.owner] = &a;
        return m;
    }();
    auto it = by_owner.find(owner);
    if (it == by_owner.end() || name.empty()) return false;
    const std::string spaced = " " + name + " ";
    callable = std::string_view(it->second->methods).find(spaced) != std::string_view::npos;
    return callable || std::string_view(it->second->data).find(spaced) != std::string_view::npos;
}

void raise_undefined_name(Interp& in, const std::string& name) {
    if (python_has("builtins", name)) in.refuse("the built-in '" + name + "'");
    raise_name_error(in, name, "name '" + name + "' is not defined");
}

void raise_name_error(Interp& in, const std::string& name, const std::string& message) {
    const Value exc = in.make_exception("NameError", message);
    auto* e = as<ExceptionObj>(exc);
    e->missing_name = name;  // ceval.c's format_exc_check_arg sets NameError.name
    const Frame& f = *in.current->frames.back();
    e->raised_in = f.code;
    e->raised_at = f.pc - 1;
    throw PyRaise{exc};
}

bool find_method_descriptor(Interp& in, const Value& type, const std::string& name, Value& out) {
    const std::string& t = as<TypeObj>(type)->name;
    const Table* table = t == "list"    ? &list_methods()
                         : t == "tuple" ? &tuple_methods()
                         : t == "dict"  ? &dict_methods()
                         : t == "str"   ? &str_methods()
                                        : nullptr;
    if (table == nullptr || as<TypeObj>(type)->is_exception) return false;
    auto it = table->find(name);
    if (it == table->end()) return false;
    out = Value::object(in.heap.make<BoundMethodObj>(type, const_cast<BuiltinObj*>(&it->second)));
    return true;
}

Value call_method_descriptor(Interp& in, const BoundMethodObj& m, CallArgs& args) {
    const std::string& type = as<TypeObj>(m.self)->name;
    if (args.pos.empty())
        in.raise("TypeError", "unbound method " + type + "." + m.method->name + "() needs an argument");
    const Value self = args.pos.front();
    if (type_name(self) != type)
        in.raise("TypeError", "descriptor '" + m.method->name + "' for '" + type + "' objects doesn't apply to a '" +
                                  type_name(self) + "' object");
    args.pos.erase(args.pos.begin());
    if (!args.kw.empty()) refuse_keywords(in, self, m.method->name);
    return m.method->fn(in, self, args);
}

void refuse_keywords(Interp& in, const Value& self, const std::string& method) {
    if (!is_kind(self, Kind::list) && !is_kind(self, Kind::tuple) && !is_kind(self, Kind::dict) &&
        !is_kind(self, Kind::str))
        return;
    static const std::unordered_set<std::string> with_keywords = {"sort",   "split",      "rsplit",    "format",
                                                                  "update", "splitlines", "expandtabs"};
    if (with_keywords.count(method) == 0)
        in.raise("TypeError", type_name(self) + "." + method + "() takes no keyword arguments");
}

bool find_method(Interp& in, const Value& obj, const std::string& name, Value& out) {
    const Table* table = nullptr;
    if (is_kind(obj, Kind::list)) table = &list_methods();
    if (is_kind(obj, Kind::tuple)) table = &tuple_methods();
    if (is_kind(obj, Kind::dict)) table = &dict_methods();
    if (is_kind(obj, Kind::str)) table = &str_methods();
    if (table == nullptr) return find_asyncio_method(in, obj, name, out);
    auto it = table->find(name);
    if (it == table->end()) return false;
    out = Value::object(in.heap.make<BoundMethodObj>(obj, const_cast<BuiltinObj*>(&it->second)));
    return true;
}

}  // namespace sp::py
