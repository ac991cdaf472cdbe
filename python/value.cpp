#include "value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_set>
#include <utility>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "code.hpp"
#include "collector.hpp"
#include "interp.hpp"
#include "longobject.hpp"
#include "unicode_names.hpp"

namespace sp::py {

CoroutineObj::~CoroutineObj() { delete frame; }

void CoroutineObj::trace(Marker& m) const {
    m(function);
    if (frame != nullptr) trace_frame(m, *frame);
}

Object* unbound_marker() {
    static UnboundObj marker;
    return &marker;
}

Heap::~Heap() {
    destroy_kind_first(Kind::task);
    for (auto* list : {&pinned_, &exceptions_, &objects_}) {
        for (Object* object : *list) delete object;
    }
}

void Heap::destroy_kind_first(Kind kind) {
    for (Object*& object : list_for(kind)) {
        if (object != nullptr && object->kind == kind) delete std::exchange(object, nullptr);
    }
}

// --- the collector's view of objects (python/collector.cpp runs it) ----------------------------

void ListObj::trace(Marker& m) const {
    for (const Value& v : items) m(v);
}
void DictObj::trace(Marker& m) const {
    for (const Entry& e : entries) m(e.key), m(e.value);
}
void SliceObj::trace(Marker& m) const { m(start), m(stop), m(step); }
void DictViewObj::trace(Marker& m) const { m(dict); }
void IterObj::trace(Marker& m) const {
    m(source);
    for (IterObj* part : parts) m(part);
}
void FunctionObj::trace(Marker& m) const {
    for (const Value& v : defaults) m(v);
    for (const Value& v : kwdefaults) m(v);
    for (const Value& v : closure) m(v);
}
void CellObj::trace(Marker& m) const { m(value); }
void ExceptionObj::trace(Marker& m) const {
    m(type);
    for (const Value& v : args) m(v);
    m(cause);
    m(context);
    m(missing_in);
    for (const Value& v : held) m(v);
}
void TypeObj::trace(Marker& m) const { m(base); }
void ModuleObj::trace(Marker& m) const {
    for (const auto& [name, v] : attrs) m(v);
}

namespace {

/// What Heap::make counted for the object, and about what the operations that grew it charged.
std::size_t charged_bytes(const Object* o) {
    switch (o->kind) {
        case Kind::str: return o->made_bytes + static_cast<const StrObj*>(o)->value.size();
        case Kind::list:
        case Kind::tuple: return o->made_bytes + static_cast<const ListObj*>(o)->items.size() * sizeof(Value);
        case Kind::dict: return o->made_bytes + static_cast<const DictObj*>(o)->entries.size() * 64;
        case Kind::long_int:
            return o->made_bytes + static_cast<const LongObj*>(o)->value.size() * sizeof(BigInt::digit);
        default: return o->made_bytes;
    }
}

}  // namespace

void Heap::mark_pinned(Marker& m, bool (*skip)(const Object*)) const {
    for (Object* o : pinned_) {
        if (skip == nullptr || !skip(o)) m(o);
    }
    for (Object* o : exceptions_) {
        if (o->pinned && (skip == nullptr || !skip(o))) m(o);
    }
}

bool Heap::free_if_newest(Object* object) {
    std::vector<Object*>& list = list_for(object->kind);
    if (list.empty() || list.back() != object || object->pinned) return false;
    list.pop_back();
    used_ -= std::min(used_, charged_bytes(object));
    delete object;
    return true;
}

std::size_t Heap::sweep_list(std::vector<Object*>& list) {
    std::size_t kept = 0;
    for (Object* o : list) {
        if (o->marked || o->pinned) {
            o->marked = false;
            list[kept++] = o;
            continue;
        }
        used_ -= std::min(used_, charged_bytes(o));
        delete o;
    }
    const std::size_t freed = list.size() - kept;
    list.resize(kept);
    return freed;
}

std::size_t Heap::sweep() {
    const std::size_t freed = sweep_list(objects_) + sweep_list(exceptions_);
    for (Object* o : pinned_) o->marked = false;
    // A collection costs in proportion to what lives, pinned objects included: wait until as much
    // again has been made.
    next_collection_ = std::max(min_collection_, 2 * (objects_.size() + exceptions_.size()) + pinned_.size());
    next_collection_bytes_ = std::max(limit_ / 8, 2 * used_);
    unbound_marker()->marked = false;  // a static object, reachable from every unset variable
    return freed;
}

bool has_repeated_objects(const Value* first, const Value* last) {
    bool repeated = false;
    const Value* marked_end = first;
    for (; marked_end != last && !repeated; ++marked_end) {
        if (!marked_end->is_obj()) continue;
        repeated = marked_end->o->marked;
        marked_end->o->marked = true;
    }
    for (const Value* v = first; v != marked_end; ++v) {
        if (v->is_obj()) v->o->marked = false;
    }
    return repeated;
}

bool TypeObj::is_subclass_of(const TypeObj* other) const {
    for (const TypeObj* t = this; t != nullptr; t = t->base) {
        if (t == other) return true;
    }
    return false;
}

std::int64_t RangeObj::length() const {
    // In 128 bits: stop - start may not fit in 64 (make_range checked that the length does).
    using wide = __int128;
    if (step > 0 && start < stop) return static_cast<std::int64_t>((wide{stop} - start - 1) / step + 1);
    if (step < 0 && start > stop) return static_cast<std::int64_t>((wide{start} - stop - 1) / -wide{step} + 1);
    return 0;
}

// --- hashing and equality (dict keys) ------------------------------------------------------------

std::size_t KeyHash::operator()(const Value& v) const {
    switch (v.tag) {
        case Tag::none: return 0x9e3779b9u;
        case Tag::boolean:
        case Tag::integer: return std::hash<std::int64_t>()(v.as_int());
        case Tag::real: {
            // 2.0 == 2 must hash alike.
            double ip;
            if (std::modf(v.f, &ip) == 0.0 && v.f >= -9223372036854775808.0 && v.f < 9223372036854775808.0) {
                return std::hash<std::int64_t>()(static_cast<std::int64_t>(v.f));
            }
            return std::hash<double>()(v.f);
        }
        case Tag::object: break;
    }
    if (v.o->kind == Kind::str) return as<StrObj>(v)->hash();
    if (v.o->kind == Kind::long_int) return long_hash(as<LongObj>(v)->value);
    if (v.o->kind == Kind::tuple) {
        NestingGuard guard;
        std::size_t h = 0x345678;
        for (const Value& item : as<ListObj>(v)->items) h = h * 1000003 ^ (*this)(item);
        return h;
    }
    if (v.o->kind == Kind::bound_method) {  // equal when one method of one object (compares_equal)
        const auto* m = as<BoundMethodObj>(v);
        return std::hash<const void*>()(m->method) ^
               (m->self.tag == Tag::object ? std::hash<const void*>()(m->self.o) : (*this)(m->self));
    }
    return std::hash<const void*>()(v.o);  // identity (tasks, locks, functions ...)
}

bool KeyEq::operator()(const Value& a, const Value& b) const { return equal(a, b); }

Value* DictObj::find(const Value& key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &entries[it->second].value;
}

Value DictObj::set(const Value& key, const Value& value) {
    auto it = index.find(key);
    if (it != index.end()) return std::exchange(entries[it->second].value, value);
    if (entries.size() >= usable) {
        // insertion_resize: the live entries, in order, in a table for GROWTH_RATE (used * 3).
        std::size_t table = 8;
        while (table < index.size() * 3) table *= 2;
        usable = table * 2 / 3;
        std::vector<Entry> live;
        live.reserve(index.size() + 1);
        for (Entry& e : entries) {
            if (!e.live) continue;
            index[e.key] = live.size();
            live.push_back(std::move(e));
        }
        entries = std::move(live);
    }
    index.emplace(key, entries.size());
    entries.push_back({key, value, true});
    return Value::none();
}

bool DictObj::erase(const Value& key, Value* removed) {
    auto it = index.find(key);
    if (it == index.end()) return false;
    Entry& e = entries[it->second];
    if (removed != nullptr) *removed = e.value;
    e.live = false;
    index.erase(it);
    return true;
}

namespace {

bool numeric(const Value& v) {
    return v.tag == Tag::boolean || v.tag == Tag::integer || v.tag == Tag::real || is_long(v);
}

bool sequence_equal(const std::vector<Value>& a, const std::vector<Value>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!equal(a[i], b[i])) return false;
    }
    return true;
}

/// dictviews_sub's and dictview_richcompare's test: keys and items views are set-like (== as sets,
/// with each other), a values view equals only itself.
bool view_equal(const DictViewObj& a, const DictViewObj& b) {
    if (a.which == DictViewObj::Which::values || b.which == DictViewObj::Which::values) return &a == &b;
    const auto* da = as<DictObj>(a.dict);
    if (da->size() != as<DictObj>(b.dict)->size()) return false;
    for (const auto& e : da->entries) {
        if (!e.live) continue;
        if (a.which == DictViewObj::Which::keys) {
            // (a keys view against an items view: equal only when both are empty, as far as modelled)
            if (b.which == DictViewObj::Which::items || as<DictObj>(b.dict)->find(e.key) == nullptr) return false;
        } else {
            if (b.which == DictViewObj::Which::keys) return false;
            const Value* v = as<DictObj>(b.dict)->find(e.key);
            if (v == nullptr || !equal(e.value, *v)) return false;
        }
    }
    return true;
}

bool dict_equal(DictObj* a, DictObj* b) {
    if (a->size() != b->size()) return false;
    for (const auto& e : a->entries) {
        if (!e.live) continue;
        Value* other = b->find(e.key);
        if (other == nullptr || !equal(e.value, *other)) return false;
    }
    return true;
}

}  // namespace

bool equal(const Value& a, const Value& b) {
    // A float is unboxed: the same object is the same bits (Interp's `is`, Value::fresh_nan), which
    // only a NaN needs.
    if (a.tag == Tag::real && b.tag == Tag::real && std::memcmp(&a.f, &b.f, sizeof(double)) == 0) return true;
    return compares_equal(a, b);
}

bool compares_equal(const Value& a, const Value& b) {
    NestingGuard guard(" in comparison");
    if (numeric(a) && numeric(b)) {
        if (a.tag == Tag::real || b.tag == Tag::real || is_long(a) || is_long(b)) return number_compare(a, b) == 0;
        return a.as_int() == b.as_int();
    }
    if (a.tag != b.tag) return false;
    if (a.tag == Tag::none) return true;
    if (a.o == b.o) return true;
    if (a.o->kind != b.o->kind) return false;
    switch (a.o->kind) {
        case Kind::str: return as<StrObj>(a)->value == as<StrObj>(b)->value;
        case Kind::list:
        case Kind::tuple: return sequence_equal(as<ListObj>(a)->items, as<ListObj>(b)->items);
        case Kind::dict: return dict_equal(as<DictObj>(a), as<DictObj>(b));
        case Kind::range: return range_equal(*as<RangeObj>(a), *as<RangeObj>(b));
        case Kind::dict_view: return view_equal(*as<DictViewObj>(a), *as<DictViewObj>(b));
        case Kind::bound_method: {  // meth_richcompare / method_richcompare: one method of one object
            const auto* x = as<BoundMethodObj>(a);
            const auto* y = as<BoundMethodObj>(b);
            return x->method == y->method && x->self.tag == y->self.tag &&
                   (x->self.tag == Tag::object ? x->self.o == y->self.o : equal(x->self, y->self));
        }
        default: return false;
    }
}

// --- names, truth -------------------------------------------------------------------------------

/// The type CPython's iterator over the same thing has: list_iterator, str_ascii_iterator, ...
static const char* iterator_type(const IterObj& it) {
    if (it.type != nullptr) return it.type;
    switch (it.mode) {
        case IterObj::Mode::sequence: return is_kind(it.source, Kind::tuple) ? "tuple_iterator" : "list_iterator";
        case IterObj::Mode::str: {
            return as<StrObj>(it.source)->ascii() ? "str_ascii_iterator" : "str_iterator";
        }
        case IterObj::Mode::range: return "range_iterator";
        case IterObj::Mode::dict_keys:
            return it.dict_which == 0   ? "dict_keyiterator"
                   : it.dict_which == 1 ? "dict_valueiterator"
                                        : "dict_itemiterator";
        case IterObj::Mode::enumerate: return "enumerate";
        case IterObj::Mode::zip: return "zip";
        case IterObj::Mode::map: return "map";
        case IterObj::Mode::filter: return "filter";
        case IterObj::Mode::generator: return "generator";
    }
    return "iterator";
}

std::string type_name(const Value& v) {
    switch (v.tag) {
        case Tag::none: return "NoneType";
        case Tag::boolean: return "bool";
        case Tag::integer: return "int";
        case Tag::real: return "float";
        case Tag::object: break;
    }
    switch (v.o->kind) {
        case Kind::str: return "str";
        case Kind::list: return "list";
        case Kind::generator: return "generator";
        case Kind::dict_view: {
            static const char* const names[] = {"dict_keys", "dict_values", "dict_items"};
            return names[static_cast<int>(as<DictViewObj>(v)->which)];
        }
        case Kind::tuple: return "tuple";
        case Kind::dict: return "dict";
        case Kind::range: return "range";
        case Kind::iter: return iterator_type(*as<IterObj>(v));
        case Kind::slice: return "slice";
        case Kind::function: return "function";
        case Kind::builtin: return as<BuiltinObj>(v)->python_function ? "function" : "builtin_function_or_method";
        case Kind::bound_method: {
            const Value& self = as<BoundMethodObj>(v)->self;
            if (is_kind(self, Kind::type)) return "method_descriptor";
            return of_python_class(self) ? "method" : "builtin_function_or_method";
        }
        case Kind::coroutine: return "coroutine";
        case Kind::native_op: return "coroutine";
        case Kind::exception: return as<ExceptionObj>(v)->type->name;
        case Kind::type: return "type";
        case Kind::module: return "module";
        case Kind::task: return "_asyncio.Task";
        case Kind::future: return future_type_name(v);
        case Kind::semaphore: return semaphore_type_name(v);
        case Kind::lock: return "Lock";
        case Kind::event: return "Event";
        case Kind::timeout: return "Timeout";
        case Kind::loop: return "_UnixSelectorEventLoop";
        case Kind::run_request: return "coroutine";
        case Kind::handle: return "TimerHandle";
        case Kind::cell: return "cell";
        case Kind::unbound: return "unbound";
        case Kind::long_int: return "int";
        case Kind::object: return "object";
    }
    return "object";
}

bool truthy(const Value& v) {
    switch (v.tag) {
        case Tag::none: return false;
        case Tag::boolean: return v.b;
        case Tag::integer: return v.i != 0;
        case Tag::real: return v.f != 0.0;
        case Tag::object: break;
    }
    switch (v.o->kind) {
        case Kind::str: return !as<StrObj>(v)->value.empty();
        case Kind::list:
        case Kind::tuple: return !as<ListObj>(v)->items.empty();
        case Kind::dict: return as<DictObj>(v)->size() != 0;
        case Kind::dict_view: return as<DictObj>(as<DictViewObj>(v)->dict)->size() != 0;
        case Kind::range: return !range_is_empty(*as<RangeObj>(v));
        default: return true;
    }
}

// --- repr ---------------------------------------------------------------------------------------

namespace {

/// The digits of `text` ("d.ddde±x") one unit up or down in the last place; empty if the number of
/// digits would change.
std::string next_in_last_place(std::string text, int direction) {
    const std::size_t e = text.find('e');
    for (std::size_t i = e; i-- > 0;) {
        if (text[i] == '.') continue;
        if (direction > 0 ? text[i] < '9' : text[i] > '0') {
            text[i] = static_cast<char>(text[i] + direction);
            return text[0] == '0' ? std::string() : text;
        }
        text[i] = direction > 0 ? '0' : '9';
    }
    return {};
}

/// The shortest scientific digits that read back as d > 0, and of those the nearest (CPython's
/// repr, David Gay's mode 0). At each length the correctly rounded digits may miss while their
/// neighbour toward d reads back (2.0**-140 is 7.174648137343064e-43, not ...0634e-43).
std::string shortest_scientific(double d) {
    char buf[64];
    for (int precision = 0; precision < 16; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision, d);
        const double rounded = std::strtod(buf, nullptr);
        if (rounded == d) return buf;
        const std::string neighbour = next_in_last_place(buf, rounded < d ? 1 : -1);
        if (!neighbour.empty() && std::strtod(neighbour.c_str(), nullptr) == d) return neighbour;
    }
    std::snprintf(buf, sizeof buf, "%.16e", d);  // 17 digits always read back
    return buf;
}

}  // namespace

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

void StrObj::append_sole(const std::string& more) {
    value += more;
    if (length_ != unknown) length_ += code_points(more);
    hash_ = 0;
    marks_.reset();
}

std::size_t StrObj::byte_at(std::size_t point) const {
    if (ascii()) return point;
    if (!marks_) {
        marks_ = std::make_unique<std::uint32_t[]>(length() / mark_every + 1);
        std::size_t k = 0;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
            if (k % mark_every == 0) marks_[k / mark_every] = static_cast<std::uint32_t>(i);
            k += 1;
        }
    }
    if (point >= length()) return value.size();
    std::size_t at = marks_[point / mark_every];
    for (std::size_t k = point % mark_every; k > 0; --k) at += utf8_length(static_cast<unsigned char>(value[at]));
    return at;
}

std::size_t StrObj::hash() const {
    if (hash_ == 0) hash_ = std::max<std::size_t>(1, std::hash<std::string>()(value));
    return hash_;
}

std::vector<std::size_t> code_point_starts(const std::string& s) {
    std::vector<std::size_t> starts;
    starts.reserve(s.size() + 1);
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(s.size());
    return starts;
}

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then Python's layout (float_repr_style 'short', repr mode 'r'):
    // positional when -4 <= exponent < 16, otherwise scientific with at least two exponent digits.
    // The shortest correctly rounded digits that read back as d (Emscripten's libc++ has no
    // floating-point std::to_chars, so the same search runs on every target).
    const bool negative = std::signbit(d);
    std::string sci = shortest_scientific(std::fabs(d));
    const std::size_t e = sci.find('e');
    std::string digits = sci.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::atoi(sci.c_str() + e + 1);
    std::string out;
    if (exponent >= -4 && exponent < 16) {
        const int point = exponent + 1;  // digits before the decimal point
        if (point <= 0) {
            out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
        } else if (static_cast<std::size_t>(point) >= digits.size()) {
            out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
                  digits.substr(static_cast<std::size_t>(point));
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char ex[16];
        std::snprintf(ex, sizeof ex, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += ex;
    }
    return negative ? "-" + out : out;
}

namespace {

/// unicode_repr's escape of a character it cannot print, or ascii()'s of one beyond ASCII.
void append_escape(std::string& out, char32_t cp) {
    char code[16];
    std::snprintf(code, sizeof code,
                  cp < 0x100     ? "\\x%02x"
                  : cp < 0x10000 ? "\\u%04x"
                                 : "\\U%08x",
                  static_cast<unsigned>(cp));
    out += code;
}

}  // namespace

std::string ascii_escape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            i += 1;
            continue;
        }
        const StrChar ch = str_char_at(s, i);
        append_escape(out, ch.code_point);
        i += ch.bytes;
    }
    return out;
}

std::string str_repr(const std::string& s) {
    // Python prefers single quotes, and switches to double quotes when the text has a ' but no ".
    const bool use_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = use_double ? '"' : '\'';
    std::string out(1, q);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((i & 0xFFFF) == 0) TextRoom::check(out.size());  // escapes make up to 4 bytes of one
        if (c >= 0x80) {
            // Beyond ASCII: as it is, unless Python cannot print it (Py_UNICODE_ISPRINTABLE, the
            // tokenizer's table of Unicode 14): a lone surrogate '\ud800', a no-break space '\xa0'.
            const StrChar ch = str_char_at(s, i);
            if (unicode::in_ranges(unicode::not_printable, ch.code_point)) {
                append_escape(out, ch.code_point);
            } else {
                out.append(s, i, ch.bytes);
            }
            i += ch.bytes - 1;
        } else if (c == static_cast<unsigned char>(q) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += q;
    return out;
}

namespace {

struct ReprState {
    std::unordered_set<const Object*> active;  // containers being printed (a list inside itself)
    std::size_t built = 0;                     // the text made so far at every level (TextRoom)
};

std::string repr_in(const Value& v, ReprState& state);

/// An item's repr, counted: what every level has built stays within the heap's room, so a
/// structure sharing its parts (2^64 items in 64 levels) stops, as memory runs out in CPython.
std::string counted_repr(const Value& v, ReprState& state) {
    std::string text = repr_in(v, state);
    state.built += text.size();
    TextRoom::check(state.built);
    return text;
}

std::string items_repr(const std::vector<Value>& items, ReprState& state) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += counted_repr(items[i], state);
    }
    return out;
}

std::string container_repr(const Value& v, ReprState& state) {
    const Object* o = v.o;
    if (state.active.count(o)) return o->kind == Kind::list ? "[...]" : (o->kind == Kind::dict ? "{...}" : "(...)");
    state.active.insert(o);
    std::string out;
    if (o->kind == Kind::list) {
        out = "[" + items_repr(as<ListObj>(v)->items, state) + "]";
    } else if (o->kind == Kind::tuple) {
        const auto& items = as<ListObj>(v)->items;
        out = "(" + items_repr(items, state) + (items.size() == 1 ? ",)" : ")");
    } else {
        out = "{";
        bool first = true;
        for (const auto& e : as<DictObj>(v)->entries) {
            if (!e.live) continue;
            if (!first) out += ", ";
            first = false;
            out += counted_repr(e.key, state) + ": " + counted_repr(e.value, state);
        }
        out += "}";
    }
    state.active.erase(o);
    return out;
}

/// dictview_repr: "dict_items([('a', 1)])", the dict as it is now ("..." for a view inside itself).
std::string view_repr(const Value& v, ReprState& state) {
    const auto* view = as<DictViewObj>(v);
    if (state.active.count(v.o)) return "...";
    state.active.insert(v.o);
    std::string out = type_name(v) + "([";
    bool first = true;
    for (const auto& e : as<DictObj>(view->dict)->entries) {
        if (!e.live) continue;
        if (!first) out += ", ";
        first = false;
        switch (view->which) {
            case DictViewObj::Which::keys: out += counted_repr(e.key, state); break;
            case DictViewObj::Which::values: out += counted_repr(e.value, state); break;
            case DictViewObj::Which::items:
                out += "(" + counted_repr(e.key, state) + ", " + counted_repr(e.value, state) + ")";
                break;
        }
    }
    state.active.erase(v.o);
    return out + "])";
}

std::string exception_repr(ExceptionObj* e, ReprState& state) {
    std::string out = e->type->name + "(";
    out += items_repr(e->args, state);
    return out + ")";
}

std::string object_repr(const Value& v, ReprState& state) {
    Object* o = v.o;
    char addr[32];
    std::snprintf(addr, sizeof addr, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(o)));
    switch (o->kind) {
        case Kind::str: return str_repr(as<StrObj>(v)->value);
        case Kind::long_int: return long_repr(as<LongObj>(v)->value);
        case Kind::list:
        case Kind::tuple:
        case Kind::dict: return container_repr(v, state);
        case Kind::dict_view: return view_repr(v, state);
        case Kind::range: return range_repr(*as<RangeObj>(v));
        case Kind::exception: return exception_repr(as<ExceptionObj>(v), state);
        case Kind::loop:  // BaseEventLoop.__repr__ (asyncio.run() never turns debug on here)
            return as<LoopObj>(v)->closed ? "<_UnixSelectorEventLoop running=False closed=True debug=False>"
                                          : "<_UnixSelectorEventLoop running=True closed=False debug=False>";
        case Kind::iter:
            if (type_name(v) == "generator")
                return "<generator object " + std::string(as<IterObj>(v)->qualname) + " at " + addr + ">";
            return "<" + type_name(v) + " object at " + addr + ">";
        case Kind::type: {
            auto* t = as<TypeObj>(v);
            return "<class '" + (t->module.empty() ? "" : t->module + ".") + t->name + "'>";
        }
        case Kind::function: return "<function " + as<FunctionObj>(v)->code->qualname + " at " + addr + ">";
        case Kind::builtin:
            if (as<BuiltinObj>(v)->fn == quitter_fn())  // site.Quitter's __repr__
                return "Use " + as<BuiltinObj>(v)->name + "() or Ctrl-D (i.e. EOF) to exit";
            if (as<BuiltinObj>(v)->python_function) return "<function " + as<BuiltinObj>(v)->name + " at " + addr + ">";
            return "<built-in function " + as<BuiltinObj>(v)->name + ">";
        case Kind::bound_method: {
            const auto* m = as<BoundMethodObj>(v);
            if (is_kind(m->self, Kind::type))
                return "<method '" + m->method->name + "' of '" + as<TypeObj>(m->self)->name + "' objects>";
            if (of_python_class(m->self)) return python_method_repr(m->self, m->method->name);
            char self_addr[32];
            std::snprintf(self_addr, sizeof self_addr, "0x%llx",
                          static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(m->self.o)));
            return "<built-in method " + m->method->name + " of " + type_name(m->self) + " object at " + self_addr +
                   ">";
        }
        case Kind::module: {
            // time is compiled into CPython; the others' reprs name a file of the learner's machine
            const std::string& name = as<ModuleObj>(v)->name;
            return "<module '" + name + (name == "time" ? "' (built-in)>" : "'>");
        }
        case Kind::task: return task_repr(v);
        case Kind::future: return future_repr(v);
        case Kind::semaphore:
        case Kind::lock:
        case Kind::event: return primitive_repr(v, addr);
        case Kind::timeout: return timeout_repr(v);
        case Kind::native_op: return native_op_repr(v, addr);
        case Kind::coroutine:
            return "<coroutine object " + as<CoroutineObj>(v)->function->code->qualname + " at " + addr + ">";
        default: return "<" + type_name(v) + " object at " + addr + ">";
    }
}

std::string repr_in(const Value& v, ReprState& state) {
    NestingGuard guard(" while getting the repr of an object");
    switch (v.tag) {
        case Tag::none: return "None";
        case Tag::boolean: return v.b ? "True" : "False";
        case Tag::integer: return std::to_string(v.i);
        case Tag::real: return float_repr(v.f);
        case Tag::object: return object_repr(v, state);
    }
    return "?";
}

}  // namespace

std::string repr(const Value& v) {
    ReprState state;
    return repr_in(v, state);
}

namespace {

/// The items of a list, tuple or dict as write_repr_start writes them: stops once past `end`.
void write_items_start(std::string& out, const std::vector<Value>& items, std::size_t end) {
    for (std::size_t i = 0; i < items.size() && out.size() <= end; ++i) {
        if (i) out += ", ";
        write_repr_start(out, items[i], end);
    }
}

/// The first code points of a str, as many as can show before `end`, as repr() quotes them (the
/// quotes chosen for this part: the label is cut there anyway).
void write_str_start(std::string& out, const std::string& s, std::size_t end) {
    const std::size_t room = end >= out.size() ? end - out.size() + 1 : 1;
    std::size_t cut = 0;
    for (std::size_t points = 0; cut < s.size() && points < room; ++points) {
        cut += 1;
        while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) cut += 1;
    }
    out += str_repr(cut == s.size() ? s : s.substr(0, cut));
}

}  // namespace

void write_repr_start(std::string& out, const Value& v, std::size_t end) {
    if (out.size() > end) return;
    if (!v.is_obj()) {
        out += repr(v);
        return;
    }
    switch (v.o->kind) {
        case Kind::str: write_str_start(out, as<StrObj>(v)->value, end); return;
        case Kind::long_int:
            // Past 60 digits its start is all that shows; converting it all costs quadratic time.
            if (as<LongObj>(v)->value.bit_length() > 200) {
                out += "…";
                return;
            }
            out += repr(v);
            return;
        case Kind::list: {
            out += '[';
            write_items_start(out, as<ListObj>(v)->items, end);
            out += ']';
            return;
        }
        case Kind::tuple: {
            const auto& items = as<ListObj>(v)->items;
            out += '(';
            write_items_start(out, items, end);
            out += items.size() == 1 ? ",)" : ")";
            return;
        }
        case Kind::dict: {
            out += '{';
            bool first = true;
            for (const auto& e : as<DictObj>(v)->entries) {
                if (out.size() > end) break;
                if (!e.live) continue;
                if (!first) out += ", ";
                first = false;
                write_repr_start(out, e.key, end);
                out += ": ";
                write_repr_start(out, e.value, end);
            }
            out += '}';
            return;
        }
        case Kind::exception: {
            out += as<ExceptionObj>(v)->type->name + "(";
            write_items_start(out, as<ExceptionObj>(v)->args, end);
            out += ')';
            return;
        }
        case Kind::dict_view: out += type_name(v) + "(…)"; return;
        default: out += repr(v); return;  // short whatever the program did: a type, a function, a task...
    }
}

std::string str(const Value& v) {
    if (is_kind(v, Kind::str)) return as<StrObj>(v)->value;
    if (is_kind(v, Kind::exception)) {
        auto* e = as<ExceptionObj>(v);
        if (e->args.empty()) return "";
        // KeyError shows its key as a repr; the others show a lone argument as str().
        if (e->args.size() == 1) return e->type->name == "KeyError" ? repr(e->args[0]) : str(e->args[0]);
        ReprState state;
        return "(" + items_repr(e->args, state) + ")";
    }
    return repr(v);
}

}  // namespace sp::py
