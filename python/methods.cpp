// The methods of list, dict and str that lessons use (Objects/listobject.c, dictobject.c,
// unicodeobject.c), found by name and bound to their object.
#include <algorithm>
#include <unordered_map>

#include "asyncio_module.hpp"
#include "builtins.hpp"

namespace sp::py {

namespace {

std::vector<Value>& items_of(const Value& self) { return as<ListObj>(self)->items; }
const std::string& text_of(const Value& self) { return as<StrObj>(self)->value; }
const std::string& str_arg(Interp& in, const CallArgs& a, std::size_t i, const char* method) {
    if (!is_kind(a.pos[i], Kind::str))
        in.raise("TypeError", std::string(method) + " arg must be str, not " + type_name(a.pos[i]));
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
    auto& items = items_of(self);
    if (items.empty()) in.raise("IndexError", "pop from empty list");
    std::int64_t i = a.pos.empty() ? -1 : to_index(in, a.pos[0], "pop");
    if (i < 0) i += static_cast<std::int64_t>(items.size());
    if (i < 0 || i >= static_cast<std::int64_t>(items.size())) in.raise("IndexError", "pop index out of range");
    Value v = items[static_cast<std::size_t>(i)];
    items.erase(items.begin() + i);
    return v;
}
Value l_insert(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "insert", a, 2, 2);
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
Value l_index(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "index", a, 1, 1);
    const auto& items = items_of(self);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (equal(items[i], a.pos[0])) return Value::integer(static_cast<std::int64_t>(i));
    }
    if (is_kind(self, Kind::tuple)) in.raise("ValueError", "tuple.index(x): x not in tuple");
    in.raise("ValueError", repr(a.pos[0]) + " is not in list");
}
Value l_count(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "count", a, 1, 1);
    std::int64_t n = 0;
    for (const Value& v : items_of(self)) n += equal(v, a.pos[0]) ? 1 : 0;
    return Value::integer(n);
}
Value l_sort(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "sort", a, 0, 0);
    CallArgs copy;
    copy.pos.push_back(self);
    copy.kw = a.kw;
    Value sorted = call_builtin(in, in.builtins["sorted"], copy);
    items_of(self) = items_of(sorted);
    return Value::none();
}
Value l_reverse(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "reverse", a, 0, 0);
    std::reverse(items_of(self).begin(), items_of(self).end());
    return Value::none();
}
Value l_copy(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "copy", a, 0, 0);
    return in.list_value(items_of(self));
}
Value l_clear(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "clear", a, 0, 0);
    if (is_kind(self, Kind::dict)) {
        as<DictObj>(self)->entries.clear();
        as<DictObj>(self)->index.clear();
    } else {
        items_of(self).clear();
    }
    return Value::none();
}

// --- dict -----------------------------------------------------------------------------------

Value d_get(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "get", a, 1, 2);
    Value* v = as<DictObj>(self)->find(a.pos[0]);
    return v != nullptr ? *v : (a.pos.size() > 1 ? a.pos[1] : Value::none());
}
Value dict_view(Interp& in, Value self, int which) {
    std::vector<Value> out;
    for (const auto& e : as<DictObj>(self)->entries) {
        if (!e.live) continue;
        if (which == 0) out.push_back(e.key);
        if (which == 1) out.push_back(e.value);
        if (which == 2) out.push_back(in.list_value({e.key, e.value}, Kind::tuple));
    }
    Value view = in.list_value(std::move(out));
    static const char* const names[] = {"dict_keys", "dict_values", "dict_items"};
    as<ListObj>(view)->view = names[which];
    return view;
}
Value d_keys(Interp& in, Value self, CallArgs& a) { return expect_args(in, "keys", a, 0, 0), dict_view(in, self, 0); }
Value d_values(Interp& in, Value self, CallArgs& a) {
    return expect_args(in, "values", a, 0, 0), dict_view(in, self, 1);
}
Value d_items(Interp& in, Value self, CallArgs& a) { return expect_args(in, "items", a, 0, 0), dict_view(in, self, 2); }
Value d_pop(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "pop", a, 1, 2);
    Value removed;
    if (as<DictObj>(self)->erase(a.pos[0], &removed)) return removed;
    if (a.pos.size() > 1) return a.pos[1];
    throw PyRaise{in.make_exception(in.type("KeyError"), {a.pos[0]})};
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
    expect_args(in, "copy", a, 0, 0);
    CallArgs c;
    c.pos.push_back(self);
    return call_builtin(in, in.builtins["dict"], c);
}

// --- str ------------------------------------------------------------------------------------

Value s_join(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "str.join", a, 1, 1);
    std::string out;
    std::size_t i = 0;
    for (const Value& v : in.to_vector(a.pos[0])) {
        if (!is_kind(v, Kind::str))
            in.raise("TypeError",
                     "sequence item " + std::to_string(i) + ": expected str instance, " + type_name(v) + " found");
        if (i++) out += text_of(self);
        out += text_of(v);
    }
    return in.str_value(std::move(out));
}
Value s_split(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "split", a, 0, 1);
    const std::string& s = text_of(self);
    std::vector<Value> parts;
    if (a.pos.empty() || a.pos[0].is_none()) {
        std::size_t i = 0;
        while (true) {
            i = s.find_first_not_of(" \t\n\r\f\v", i);
            if (i == std::string::npos) break;
            std::size_t j = s.find_first_of(" \t\n\r\f\v", i);
            parts.push_back(in.str_value(s.substr(i, j == std::string::npos ? std::string::npos : j - i)));
            if (j == std::string::npos) break;
            i = j;
        }
        return in.list_value(std::move(parts));
    }
    const std::string& sep = str_arg(in, a, 0, "split()");
    if (sep.empty()) in.raise("ValueError", "empty separator");
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
        parts.push_back(in.str_value(s.substr(start, at - start)));
    parts.push_back(in.str_value(s.substr(start)));
    return in.list_value(std::move(parts));
}
Value strip_impl(Interp& in, Value self, CallArgs& a, bool left, bool right) {
    expect_args(in, "strip", a, 0, 1);
    const std::string chars =
        a.pos.empty() || a.pos[0].is_none() ? std::string(" \t\n\r\f\v") : str_arg(in, a, 0, "strip");
    const std::string& s = text_of(self);
    std::size_t b = left ? s.find_first_not_of(chars) : 0;
    if (b == std::string::npos) return in.str_value("");
    std::size_t e = right ? s.find_last_not_of(chars) : s.size() - 1;
    return in.str_value(s.substr(b, e - b + 1));
}
Value s_strip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, true, true); }
Value s_lstrip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, true, false); }
Value s_rstrip(Interp& in, Value self, CallArgs& a) { return strip_impl(in, self, a, false, true); }
Value s_case(Interp& in, Value self, CallArgs& a, bool upper) {
    expect_args(in, upper ? "upper" : "lower", a, 0, 0);
    std::string s = text_of(self);
    for (char& c : s)
        c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                    : std::tolower(static_cast<unsigned char>(c)));
    return in.str_value(std::move(s));
}
Value s_upper(Interp& in, Value self, CallArgs& a) { return s_case(in, self, a, true); }
Value s_lower(Interp& in, Value self, CallArgs& a) { return s_case(in, self, a, false); }
Value s_startswith(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "startswith", a, 1, 1);
    return Value::boolean(text_of(self).rfind(str_arg(in, a, 0, "startswith"), 0) == 0);
}
Value s_endswith(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "endswith", a, 1, 1);
    const std::string& s = text_of(self);
    const std::string& t = str_arg(in, a, 0, "endswith");
    return Value::boolean(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
}
Value s_replace(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "replace", a, 2, 2);
    const std::string& from = str_arg(in, a, 0, "replace");
    const std::string& to = str_arg(in, a, 1, "replace");
    std::string s = text_of(self), out;
    if (from.empty()) in.raise("ValueError", "the playground does not support replacing an empty string");
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(from, start)) != std::string::npos; start = at + from.size())
        out += s.substr(start, at - start) + to;
    return in.str_value(out + s.substr(start));
}
Value s_find(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "find", a, 1, 1);
    const std::size_t at = text_of(self).find(str_arg(in, a, 0, "find"));
    return Value::integer(at == std::string::npos ? -1 : static_cast<std::int64_t>(at));
}
Value s_count(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "count", a, 1, 1);
    if (!is_kind(a.pos[0], Kind::str)) in.raise("TypeError", "must be str, not " + type_name(a.pos[0]));
    const std::string& s = text_of(self);
    const std::string& sub = text_of(a.pos[0]);
    if (sub.empty()) return Value::integer(static_cast<std::int64_t>(s.size()) + 1);
    std::int64_t n = 0;
    for (std::size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size())) ++n;
    return Value::integer(n);
}
Value s_index(Interp& in, Value self, CallArgs& a) {
    expect_args(in, "index", a, 1, 1);
    if (!is_kind(a.pos[0], Kind::str)) in.raise("TypeError", "must be str, not " + type_name(a.pos[0]));
    const std::size_t at = text_of(self).find(text_of(a.pos[0]));
    if (at == std::string::npos) in.raise("ValueError", "substring not found");
    return Value::integer(static_cast<std::int64_t>(at));
}
Value s_pad(Interp& in, Value self, CallArgs& a, char align) {
    expect_args(in, "ljust", a, 1, 2);
    const std::int64_t width = to_index(in, a.pos[0], "width");
    const std::string fill = a.pos.size() > 1 ? str_arg(in, a, 1, "fill") : " ";
    const std::string& s = text_of(self);
    if (width <= static_cast<std::int64_t>(s.size()) || fill.size() != 1) return in.str_value(s);
    const std::size_t total = static_cast<std::size_t>(width) - s.size();
    if (align == '<') return in.str_value(s + std::string(total, fill[0]));
    if (align == '>') return in.str_value(std::string(total, fill[0]) + s);
    const std::size_t left = total / 2 + (total & static_cast<std::size_t>(width) & 1);
    return in.str_value(std::string(left, fill[0]) + s + std::string(total - left, fill[0]));
}
Value s_ljust(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '<'); }
Value s_rjust(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '>'); }
Value s_center(Interp& in, Value self, CallArgs& a) { return s_pad(in, self, a, '^'); }

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
                                       {"center", s_center}});
    return t;
}

}  // namespace

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
