// Python values: the object model of the playground's Python subset (CPython's Objects/).
//
// A Value is 16 bytes and trivially copyable: None, bool, int (64-bit) and float are held inline,
// everything else points into the program's Heap. The heap owns every object; between two event
// loop iterations the program (Program::loop_iteration) lets it free those nothing reaches any more
// (mark and sweep, python/collector.cpp), so a run of 100,000 tasks does not keep every string it
// printed and every operation it awaited. No reference counts: Values stay trivially copyable and
// cycles (a list that contains itself, a task awaiting its gatherer) cost nothing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bigint.hpp"
#include "frame_pool.hpp"

namespace sp::py {

struct Object;
struct TypeObj;
struct Value;

/// An allocator for the small vectors every call and task makes (a frame's stack, locals and
/// blocks, a thread's frames): core's size-class pool instead of malloc, which was a third of the
/// interpreter's time.
template <class T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() = default;
    template <class U>
    PoolAllocator(const PoolAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(detail::FramePool::allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { detail::FramePool::deallocate(p, n * sizeof(T)); }
    friend bool operator==(const PoolAllocator&, const PoolAllocator&) { return true; }
};
template <class T>
using PoolVector = std::vector<T, PoolAllocator<T>>;

enum class Tag : std::uint8_t { none, boolean, integer, real, object };

struct Value {
    Tag tag = Tag::none;
    union {
        bool b;
        std::int64_t i;
        double f;
        Object* o;
    };
    Value() : i(0) {}
    static Value none() { return Value(); }
    static Value boolean(bool v) {
        Value r;
        r.tag = Tag::boolean;
        r.i = 0;
        r.b = v;
        return r;
    }
    static Value integer(std::int64_t v) {
        Value r;
        r.tag = Tag::integer;
        r.i = v;
        return r;
    }
    static Value real(double v) {
        Value r;
        r.tag = Tag::real;
        r.f = v != v ? fresh_nan() : v;
        return r;
    }
    /// A float is unboxed, so its identity is its bits (Interp's `is`, containers' `x in [x]`). A NaN
    /// made is a new object in CPython, which `float('nan') in [float('nan')]` and `{nan: 1, nan: 2}`
    /// tell apart: each NaN made gets bits of its own (a quiet NaN's payload, counted), and a copy
    /// of it keeps them.
    static double fresh_nan() {
        static std::uint64_t made = 0;
        made = (made + 1) & ((std::uint64_t{1} << 51) - 1);
        const std::uint64_t bits = 0x7FF8000000000000u | made;
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    static Value object(Object* v) {
        Value r;
        r.tag = Tag::object;
        r.o = v;
        return r;
    }
    bool is_none() const { return tag == Tag::none; }
    bool is_obj() const { return tag == Tag::object; }
    /// True for int and bool (bool is an int subclass in Python).
    bool is_intlike() const { return tag == Tag::integer || tag == Tag::boolean; }
    std::int64_t as_int() const { return tag == Tag::boolean ? (b ? 1 : 0) : i; }
};

enum class Kind : std::uint8_t {
    str,
    list,
    tuple,
    dict,
    range,
    iter,
    slice,
    function,
    builtin,
    bound_method,
    coroutine,
    exception,
    type,
    module,
    native_op,
    task,
    future,
    semaphore,
    lock,
    event,
    timeout,
    loop,
    run_request,
    handle,
    cell,
    unbound,
    long_int,   // an int beyond 64 bits (longobject.hpp)
    dict_view,  // dict.keys(), values(), items()
    generator,  // a generator expression's running frame (interp.hpp's GeneratorObj), behind an IterObj
    object      // object(): a bare object, a program's sentinel
};

class Marker;

struct Object {
    explicit Object(Kind k) : kind(k) {}
    virtual ~Object() = default;
    /// Hand every object this one holds to the collector's marker.
    virtual void trace(Marker&) const {}
    Kind kind;
    bool marked = false;  // the collector's mark (Heap::sweep); fits in the padding after `kind`
    bool pinned = false;  // never freed: C++ code holds it where the collector cannot see
    // Made for the one instruction that consumes it, which nothing else can reach meanwhile (it
    // lives on the value stack only), so that instruction frees it as CPython's reference counting
    // would: an f-string's formatted part (build_string), asyncio.sleep()'s operation in
    // `await asyncio.sleep(...)` (await_op; Instr::temporaries).
    bool temporary = false;
    // What Heap::make counted for it (sizeof(T) + 16), counted out again when it is freed: a fixed
    // guess there let every exception made and dropped leak 150 bytes of the limit (a loop making
    // 2,000,000 ValueErrors, which CPython runs, ended in MemoryError). In the padding after the flags.
    std::uint32_t made_bytes = 0;

    // A program makes objects by the hundred thousand, of a few sizes: recycle their memory from
    // size-class free lists instead of a trip through malloc for each.
    static void* operator new(std::size_t size) { return detail::FramePool::allocate(size); }
    static void operator delete(void* object, std::size_t size) noexcept {
        detail::FramePool::deallocate(object, size);
    }
};
static_assert(sizeof(Object) == sizeof(void*) + 8, "made_bytes lives in the padding after the flags");

/// The mark phase: objects reached and not yet traced wait in a stack (no recursion, however deep
/// the data).
class Marker {
public:
    /// With a log, every object marked is noted there (to clear the marks again: still_reachable).
    explicit Marker(std::vector<Object*>* log = nullptr) : log_(log) {}
    void operator()(const Value& v) {
        if (v.tag == Tag::object) (*this)(v.o);
    }
    void operator()(Object* o) {
        if (o == nullptr || o->marked) return;
        o->marked = true;
        pending_.push_back(o);
        if (log_ != nullptr) log_->push_back(o);
    }
    /// Trace until everything reachable from what was marked so far is marked.
    void drain() {
        while (!pending_.empty()) {
            Object* o = pending_.back();
            pending_.pop_back();
            o->trace(*this);
        }
    }

private:
    std::vector<Object*> pending_;
    std::vector<Object*>* log_;
};

std::size_t code_points(const std::string& s);

struct StrObj final : Object {
    explicit StrObj(std::string s) : Object(Kind::str), value(std::move(s)) {}
    // UTF-8. A Python str is immutable: never changed but by append_sole.
    std::string value;
    /// `s += more` where nothing but the variable s holds this str (Interp::add_to_variable), as
    /// CPython's unicode_concatenate resizes a str whose only reference is the variable's.
    void append_sole(const std::string& more);
    /// len(): its code points, counted once, as CPython keeps a str's length. len(s) and s[i] in a
    /// loop over a 1 MB str counted them all again on every call (20,000 len() calls took 8 s).
    std::size_t length() const {
        if (length_ == unknown) length_ = code_points(value);
        return length_;
    }
    /// All ASCII: a code point a byte, indexed directly.
    bool ascii() const { return length() == value.size(); }
    /// Where code point `point` (<= length()) begins in `value`: s[i] and s[i:j] in a loop cost what
    /// they cost in CPython, not a walk from the start (a byte offset kept every 64 code points).
    std::size_t byte_at(std::size_t point) const;
    /// hash(s), computed once as CPython caches it: a 1 MB key looked up in a loop is not hashed again.
    std::size_t hash() const;

private:
    // 24 bytes beside the text: a program holding a million strs pays for them in its memory limit.
    static constexpr std::size_t unknown = static_cast<std::size_t>(-1);
    static constexpr std::size_t mark_every = 64;
    mutable std::size_t length_ = unknown;
    mutable std::size_t hash_ = 0;  // 0: not computed yet (a hash of 0 is kept as 1: dicts only compare them)
    // The byte offset of code point k * mark_every, made when a str beyond ASCII is first indexed.
    mutable std::unique_ptr<std::uint32_t[]> marks_;
};

/// object(): nothing but its identity (a sentinel: `DONE = object()`).
struct PlainObj final : Object {
    PlainObj() : Object(Kind::object) {}
};

struct ListObj final : Object {
    explicit ListObj(Kind k = Kind::list) : Object(k) {}
    void trace(Marker& m) const override;
    std::vector<Value> items;
};

/// dict.keys(), dict.values(), dict.items(): a view of the dict as it is whenever it is looked at
/// (dictview_new): its iteration fails as the dict's when the dict changes size.
struct DictViewObj final : Object {
    enum class Which : std::uint8_t { keys, values, items };
    DictViewObj(Value d, Which w) : Object(Kind::dict_view), dict(d), which(w) {}
    void trace(Marker& m) const override;
    Value dict;
    Which which;
};
using TupleObj = ListObj;  // kind == Kind::tuple: the same storage, never mutated

/// Hashable keys for dicts (int, bool, float, str, None, tuples of those).
struct KeyHash {
    std::size_t operator()(const Value& v) const;
};
struct KeyEq {
    bool operator()(const Value& a, const Value& b) const;
};

/// dict: insertion-ordered. Deleted entries leave a hole (tag none + deleted flag) until compaction.
struct DictObj final : Object {
    DictObj() : Object(Kind::dict) {}
    void trace(Marker& m) const override;
    struct Entry {
        Value key, value;
        bool live = true;
    };
    std::vector<Entry> entries;
    std::unordered_map<Value, std::size_t, KeyHash, KeyEq> index;
    // dictobject.c's table: entries are appended (a deleted one stays a hole) until this many, when
    // inserting a new key first compacts them (insertion_resize: USABLE_FRACTION of GROWTH_RATE). A
    // loop over the dict sees the holes as CPython's does ("dictionary keys changed during iteration").
    std::size_t usable = 5;  // USABLE_FRACTION(PyDict_MINSIZE)
    std::size_t size() const { return index.size(); }
    Value* find(const Value& key);
    Value set(const Value& key, const Value& value);  // returns the value it replaced (None: a new key)
    bool erase(const Value& key, Value* removed);
};

/// A range whose bounds or length do not fit in 64 bits: range(10**20), range(-2**63, 2**63 - 1).
struct BigRange {
    BigInt start, stop, step, length;
};

struct RangeObj final : Object {
    RangeObj(std::int64_t a, std::int64_t b, std::int64_t s) : Object(Kind::range), start(a), stop(b), step(s) {}
    explicit RangeObj(std::unique_ptr<BigRange> b)
        : Object(Kind::range), start(0), stop(0), step(1), big(std::move(b)) {}
    std::int64_t start, stop, step;  // when big is null (else an empty range's, never used)
    std::int64_t length() const;
    std::unique_ptr<BigRange> big;  // range_* in longobject.hpp serve both forms
};

struct SliceObj final : Object {
    SliceObj() : Object(Kind::slice) {}
    void trace(Marker& m) const override;
    Value start, stop, step;
};

/// An iterator over a built-in sequence (list, tuple, str, range, dict keys) or a combinator
/// (enumerate, zip). Iteration never runs user code, so next() is plain C++.
struct IterObj final : Object {
    enum class Mode : std::uint8_t { sequence, str, range, dict_keys, enumerate, zip, map, filter, generator };
    explicit IterObj(Mode m) : Object(Kind::iter), mode(m) {}
    void trace(Marker& m) const override;
    Mode mode;
    Value source;                 // what it iterates; map and filter: their function; generator: its GeneratorObj
    std::int64_t pos = 0;         // index, or the range's next value
    std::int64_t count = 0;       // enumerate's counter; dict_keys: the keys still to come
    std::int64_t dict_size = 0;   // dict_keys: the dict's size when iteration began (-1: broken)
    std::vector<IterObj*> parts;  // enumerate: one, zip: each
    std::unique_ptr<BigInt> big;  // a big range's next value, or enumerate's counter past 64 bits
    const char* type = nullptr;   // the type's name when the mode does not tell it ("generator", "reversed")
    const char* qualname = "";    // a generator's __qualname__ (held by its Code, which outlives it)
    std::uint8_t dict_which = 0;  // dict_keys mode: a DictViewObj::Which (keys, values or items)
    bool strict = false;          // zip(strict=True): parts of unequal length are a ValueError
};

class Heap;
struct Code;

struct FunctionObj final : Object {
    FunctionObj() : Object(Kind::function) {}
    void trace(Marker& m) const override;
    Code* code = nullptr;
    std::vector<Value> defaults;    // for the last len(defaults) positional parameters
    std::vector<Value> kwdefaults;  // one per keyword-only parameter, the unbound marker where none
    std::vector<Value> closure;     // the cells of its free variables, in Code::free_slots order
};

/// A variable shared by a function and the functions nested in it (CPython's cell): the enclosing
/// frame and every closure hold the same cell, so a nested function sees the variable's value now.
struct CellObj final : Object {
    CellObj() : Object(Kind::cell) {}
    void trace(Marker& m) const override;
    Value value;  // the unbound marker until assigned
};

class Interp;
struct CallArgs {
    std::vector<Value> pos;
    std::vector<std::pair<std::string, Value>> kw;
};
/// A built-in function or method: `self` is the bound object for methods (none for functions).
using BuiltinFn = Value (*)(Interp&, Value self, CallArgs& args);

struct BuiltinObj final : Object {
    BuiltinObj(std::string n, BuiltinFn f) : Object(Kind::builtin), name(std::move(n)), fn(f) {}
    std::string name;
    BuiltinFn fn;
    // Promises that let a call free its temporaries (Instr::temporaries), made where it is installed:
    bool keeps_no_arguments = false;  // holds none of its positional arguments once it returns (print)
    bool returns_new_object = false;  // its result is an object nothing else holds (asyncio.sleep's)
    bool python_function = false;     // written in Python in CPython (asyncio.sleep): its type is `function`
    const char* method_of = nullptr;  // "random.Random": random's functions are its hidden instance's methods
};

struct BoundMethodObj final : Object {
    BoundMethodObj(Value s, BuiltinObj* m) : Object(Kind::bound_method), self(s), method(m) {}
    void trace(Marker& m) const override { m(self); }  // `method` lives in a static table
    Value self;
    BuiltinObj* method;
};

struct Frame;
/// A coroutine object (what calling an `async def` returns): its frame, not started yet.
struct CoroutineObj final : Object {
    CoroutineObj() : Object(Kind::coroutine) {}
    ~CoroutineObj() override;
    void trace(Marker& m) const override;
    Frame* frame = nullptr;  // owned until awaited, then owned by the thread that runs it
    FunctionObj* function = nullptr;
    bool awaited = false;
    // Past the "never awaited" warning: warned of, or handed to a task (which sends or throws into
    // it, so CPython never warns).
    bool finalized = false;
};

/// One line of a traceback: the function and the line it was at. An `asyncio` entry is a frame of
/// asyncio's own Python code (the prelude's wait_for): not printed, as the program's tracebacks
/// show only the program's frames, but it parts repeated lines as CPython's asyncio frames do.
struct TraceEntry {
    std::string function;
    int line;
    bool asyncio = false;
};

struct ExceptionObj final : Object {
    explicit ExceptionObj(TypeObj* t) : Object(Kind::exception), type(t) {}
    void trace(Marker& m) const override;
    TypeObj* type;
    std::vector<Value> args;
    std::vector<TraceEntry> traceback;  // innermost last
    // The chain a traceback prints above this exception: __cause__ (`raise ... from cause`) and
    // __context__ (the exception being handled when this one was raised).
    Value cause, context;
    bool suppress_context = false;  // __suppress_context__: set by `raise ... from`
    // What python3's traceback printer looks at for ". Did you mean: 'x'?" (Python/suggestions.c):
    // the name a NameError or AttributeError did not find (their .name), the object an
    // AttributeError looked in (.obj), and for a NameError the code and instruction it was raised
    // at (the innermost frame of its traceback, whose co_varnames come first).
    std::string missing_name;
    Value missing_in;
    const Code* raised_in = nullptr;
    std::size_t raised_at = 0;
    // The never-awaited coroutines the frames of its traceback hold (tb_frame: a frame that raised,
    // or asyncio.gather()'s own, which CPython runs in Python): they live as long as it does, and
    // warn when it is let go (Interp::exception_dropped).
    std::vector<Value> held;
};

/// A class: the built-in types and the exception hierarchy. `construct` makes an instance.
struct TypeObj final : Object {
    TypeObj(std::string n, TypeObj* b) : Object(Kind::type), name(std::move(n)), base(b) {}
    void trace(Marker& m) const override;
    std::string name;
    TypeObj* base;
    std::string module;  // "asyncio.exceptions" for CancelledError (shown in tracebacks)
    BuiltinFn construct = nullptr;
    bool is_exception = false;
    bool is_subclass_of(const TypeObj* other) const;
};

struct ModuleObj final : Object {
    explicit ModuleObj(std::string n) : Object(Kind::module), name(std::move(n)) {}
    void trace(Marker& m) const override;
    std::string name;
    std::unordered_map<std::string, Value> attrs;
};

/// Objects the runtime's C++ side points at (a semaphore's waiters, a task in the ready queue, a
/// future a timer will set): the collector cannot see those pointers, so these kinds live as long
/// as the program. There are few of them, but for tasks, which the program keeps anyway.
constexpr bool pinned_kind(Kind k) {
    return k == Kind::task || k == Kind::future || k == Kind::semaphore || k == Kind::lock || k == Kind::event ||
           k == Kind::timeout || k == Kind::handle;
}

/// Placeholder object for values that must not be seen by the program (an unbound local).
struct UnboundObj final : Object {
    UnboundObj() : Object(Kind::unbound) {}
};

/// The one marker of unset variables (never visible to programs).
Object* unbound_marker();

/// True if an object appears twice among the values (gather's arguments are deduplicated). Uses the
/// objects' marks, which are free outside a collection, and clears them again.
bool has_repeated_objects(const Value* first, const Value* last);

/// The program's memory: owns every object, counts the bytes, refuses past the limit.
class Heap {
public:
    explicit Heap(std::size_t limit_bytes) : limit_(limit_bytes) {}
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;
    ~Heap();

    template <class T, class... A>
    T* make(A&&... args) {
        count(sizeof(T) + 16);
        if (steps_ != nullptr) ++*steps_;  // making an object takes a step's time: s.split() makes a million
        T* object = new T(std::forward<A>(args)...);
        object->made_bytes = sizeof(T) + 16;
        list_for(object->kind).push_back(object);
        if (collection_due() && tripwire_ != nullptr)
            *tripwire_ = 0;  // the interpreter collects at its next safe point
        return object;
    }
    /// Free `object` now if it is the newest object (O(1): the end of its list), as CPython's
    /// reference counting frees a temporary the moment its last reference goes. The caller
    /// promises that nothing else holds it (Instr::temporaries says where the compiler knows so).
    /// False, and nothing done, when a newer object exists: it waits for a collection as before.
    bool free_if_newest(Object* object);
    /// Count `bytes` more (a string's characters, a list's growth). Sets exhausted() past the limit.
    /// Also work: writing them took time, which counts against the interpreter's step limit at one
    /// step per bytes_per_step (`while True: x = str(big_list)` runs a few bytecode steps an iteration).
    void charge(std::size_t bytes) {
        count(bytes);
        if (steps_ != nullptr) *steps_ += bytes / bytes_per_step;
    }
    static constexpr std::size_t bytes_per_step = 16;
    /// Work that is not memory (TextRoom::count_work): `steps` more against the step limit.
    void count_steps(std::uint64_t steps) {
        if (steps_ != nullptr) *steps_ += steps;
    }
    /// Set to 0 when the heap is exhausted or a collection is due (the interpreter's step limit: one
    /// test per step for all of them; the interpreter collects at its next safe point).
    void set_tripwire(std::uint64_t* tripwire) { tripwire_ = tripwire; }
    /// The interpreter's step count, to which make() adds one a new object and charge() the work of
    /// writing big contents.
    void set_step_counter(std::uint64_t* steps) { steps_ = steps; }
    bool exhausted() const { return exhausted_; }
    /// True if `bytes` more would pass the limit (checked before a big allocation, not after).
    bool would_exceed(std::size_t bytes) const { return bytes > limit_ || used_ > limit_ - bytes; }
    /// True if one object of `bytes` could never fit, whatever a collection frees.
    bool beyond_limit(std::size_t bytes) const { return bytes > limit_; }
    /// True when enough objects were made since the last collection to make one worth its time
    /// (it costs time in proportion to what lives: wait until the heap has doubled), or enough
    /// bytes (a few big lists are few objects, and would reach the memory limit uncollected).
#ifdef SP_COLLECT_EVERY_ITERATION  // a test build: a root the collector misses shows at once
    bool collection_due() const { return true; }
#else
    bool collection_due() const {
        return objects_.size() + exceptions_.size() >= next_collection_ || used_ >= next_collection_bytes_;
    }
#endif
    /// Every object that must not be freed although nothing marked it goes to `m`: the pinned kinds,
    /// and exceptions a C++ exception carries (Object::pinned); but those for which `skip`, if given, says so.
    void mark_pinned(Marker& m, bool (*skip)(const Object*) = nullptr) const;
    /// Free every unmarked object that is not pinned, clear the marks of the others, and count
    /// the freed bytes out of used(). Returns how many objects were freed.
    std::size_t sweep();
    void clear_exhausted() {
        exhausted_ = false;
        used_ = 0;
    }
    std::size_t used() const { return used_; }
    /// After a collection freed enough: no longer exhausted. Enough is an eighth of the limit free
    /// again: a program whose live objects fill the heap would otherwise collect all of them again
    /// at each allocation (a million tasks took minutes to reach the step budget), not stop.
    void recover() {
        if (exhausted_ && used_ <= limit_ - limit_ / 8) exhausted_ = false;
    }
    /// Destroy the objects of kind `kind` first (tasks, which point at locks and the loop).
    void destroy_kind_first(Kind kind);
    /// Each object that is not of a pinned kind nor an exception, in the order they were made.
    template <class F>
    void for_each_object(F&& f) const {
        for (Object* o : objects_) f(o);
    }

private:
    void count(std::size_t bytes) {
        used_ += bytes;
        if (used_ > limit_) exhausted_ = true;
        if ((exhausted_ || used_ >= next_collection_bytes_) && tripwire_ != nullptr) *tripwire_ = 0;
    }
    // Owned, in three lists so that a collection touches no more than it must: the pinned kinds are
    // never swept, and only exceptions can be pinned later, so only they are searched for pins.
    std::vector<Object*>& list_for(Kind k) {
        return pinned_kind(k) ? pinned_ : (k == Kind::exception ? exceptions_ : objects_);
    }
    std::size_t sweep_list(std::vector<Object*>& list);
    std::vector<Object*> objects_;
    std::vector<Object*> exceptions_;
    std::vector<Object*> pinned_;
    std::size_t next_collection_ = min_collection_;
    static constexpr std::size_t min_collection_ = 64 * 1024;  // objects
    std::size_t used_ = 0;
    std::size_t limit_;
    std::size_t next_collection_bytes_ = limit_ / 8;  // declared after limit_: initialised from it
    bool exhausted_ = false;
    std::uint64_t* tripwire_ = nullptr;
    std::uint64_t* steps_ = nullptr;
};

/// Thrown by repr(), ==, < and hashing on values nested deeper than this (a list inside a list
/// ... built by a loop): the interpreter turns it into RecursionError, as CPython does.
struct NestingTooDeep {
    const char* where = "";  // CPython's words after "maximum recursion depth exceeded"
};
constexpr int max_nesting = 500;

/// Counts one level of nesting for as long as it lives.
class NestingGuard {
public:
    explicit NestingGuard(const char* where = "") {
        if (++depth_ > max_nesting) {
            --depth_;
            throw NestingTooDeep{where};
        }
    }
    ~NestingGuard() { --depth_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

private:
    static inline thread_local int depth_ = 0;
};

/// Thrown by repr() when the text it has built is more than the heap's limit (a list holding
/// itself twice, 64 levels deep, shows 2^64 items): the interpreter turns it into MemoryError,
/// where CPython's allocation fails, instead of the text growing without bound.
struct TextTooLarge {};

/// While it lives, repr() counts the text it builds against `heap`'s limit, and the time writing it
/// takes against the interpreter's step limit (Interp::run makes one).
class TextRoom {
public:
    explicit TextRoom(Heap& heap) : outer_(std::exchange(heap_, &heap)) {}
    ~TextRoom() { heap_ = outer_; }
    TextRoom(const TextRoom&) = delete;
    TextRoom& operator=(const TextRoom&) = delete;
    static void check(std::size_t bytes) {
        if (heap_ != nullptr && heap_->beyond_limit(bytes)) throw TextTooLarge{};
    }
    /// Text whose writing takes more time than its length says (a big int's decimal digits, a
    /// quadratic conversion): `steps` more against the step limit, checked at the next step.
    static void count_work(std::uint64_t steps) {
        if (heap_ != nullptr) heap_->count_steps(steps);
    }

private:
    Heap* outer_;
    static inline thread_local Heap* heap_ = nullptr;
};

// --- what every part asks of a value ------------------------------------------------------------

inline bool is_kind(const Value& v, Kind k) { return v.tag == Tag::object && v.o->kind == k; }
/// A coroutine object: a Python coroutine, or one of asyncio's own operations (sem.acquire(), sleep()).
inline bool is_coroutine(const Value& v) { return is_kind(v, Kind::coroutine) || is_kind(v, Kind::native_op); }
template <class T>
T* as(const Value& v) {
    return static_cast<T*>(v.o);
}

/// The name Python gives the value's type in messages ('int', 'NoneType', 'list', ...).
std::string type_name(const Value& v);
bool truthy(const Value& v);
/// repr() and str() exactly as CPython writes them.
std::string repr(const Value& v);
/// Appends repr(v) to `out`, or its start when it would run past `end` (out.size() > end then):
/// work bounded by end - out.size() for strs, containers and exceptions however big, and nothing
/// that can fail (an int past 4300 digits, a list nested deeper than the recursion limit). For the
/// playground's own labels ("w('xxx…)"), which CPython never computes: a learner's program cannot
/// be slowed or broken by them.
void write_repr_start(std::string& out, const Value& v, std::size_t end);
/// A Task's repr, as asyncio's base_tasks._task_repr_info (asyncio_module.cpp).
std::string task_repr(const Value& task);
/// What asyncio.sleep(1), lock.acquire(), ... return, as a coroutine's repr: "<coroutine object
/// Lock.acquire at 0x...>" (asyncio_module.cpp).
std::string native_op_repr(const Value& op, const std::string& address);
/// A gather() future's repr, as asyncio's base_futures._future_repr_info (asyncio_module.cpp).
std::string future_repr(const Value& future);
/// Its type's name: "_GatheringFuture" for gather()'s, "Future" for a plain one (gather() of nothing, asyncio.Future()).
std::string future_type_name(const Value& future);
std::string semaphore_type_name(const Value& semaphore);  // "Semaphore" or "BoundedSemaphore"
/// A Semaphore's, Lock's or Event's repr, as asyncio.locks' __repr__ (asyncio_module.cpp).
std::string primitive_repr(const Value& primitive, const std::string& address);
/// A Timeout's repr, as asyncio.timeouts.Timeout.__repr__ ("<Timeout [active] when=1.5>").
std::string timeout_repr(const Value& timeout);
/// A bound method of Semaphore, Lock, Event or Timeout, classes written in Python in CPython:
/// "<bound method Semaphore.acquire of <asyncio.locks.Semaphore object at ...>>".
/// Whether `self` stands for an object of one of asyncio's Python classes (Semaphore, Lock, Event,
/// Timeout, the loop, a TimerHandle): its methods are bound methods ("method"), not built-in ones.
bool of_python_class(const Value& self);
std::string python_method_repr(const Value& self, const std::string& method);
/// repr() of a str: quotes and escapes as CPython chooses them.
std::string str_repr(const std::string& s);
/// ascii()'s text of a repr: each character beyond ASCII as \xhh, \uhhhh or \Uhhhhhhhh.
std::string ascii_escape(const std::string& s);
std::string str(const Value& v);
/// A str is UTF-8; Python counts, indexes and pads it by code point. These count the code points and
/// find where each begins (starts has one more entry: the end), for strings that are not all ASCII.
std::size_t code_points(const std::string& s);
std::vector<std::size_t> code_point_starts(const std::string& s);
/// The byte length of the UTF-8 sequence whose lead byte is c.
inline std::size_t utf8_length(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
/// The code point of a str's character at s[i], and its length in bytes (cut short at the end of s).
/// A str's text is UTF-8 the tokenizer or a built-in made, a lone surrogate stored as its three-byte
/// form, so it decodes to U+D800..U+DFFF. (A program's bytes may be anything: the tokenizer checks
/// them with a decoder of its own.)
struct StrChar {
    char32_t code_point;
    std::size_t bytes;
};
inline StrChar str_char_at(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = std::min(utf8_length(b), s.size() - i);
    char32_t cp = n == 1 ? b : b & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    return {cp, n};
}
/// float.__repr__: the shortest string that reads back as the same double.
std::string float_repr(double d);
/// What Interp::iterate takes: a value `for`, `*x` and str.join can go through.
bool is_iterable(const Value& v);
/// ==, for every supported type (numbers compare across int/float/bool), as containers ask it
/// (PyObject_RichCompareBool): the same object first, so a NaN in a list is in it (`x in [x]`).
bool equal(const Value& a, const Value& b);
/// == as the operator computes it (PyObject_RichCompare): a NaN is not equal to itself.
bool compares_equal(const Value& a, const Value& b);

}  // namespace sp::py
