// Interp::step: one bytecode instruction (the body of CPython's ceval loop), grouped by concern.
#include <algorithm>
#include <charconv>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "interp.hpp"
#include "random_module.hpp"
#include "time_module.hpp"

namespace sp::py {

// CPython 3.11's words for running out of the recursion limit inside C code (check_c_levels).
constexpr const char* while_calling = " while calling a Python object";
constexpr const char* while_str = " while getting the str of an object";
constexpr const char* while_repr = " while getting the repr of an object";

namespace {

/// A callable as CPython's call errors name it (_PyObject_FunctionStr): its module and qualified
/// name, the module left out for built-ins ("__main__.f()", "print()", "str.format()").
/// The module of an asyncio function (its __module__), by its name: no built-in has one of these names.
const char* asyncio_function_module(const std::string& name) {
    static const std::unordered_map<std::string, const char*> modules = {
        {"gather", "asyncio.tasks"},     {"sleep", "asyncio.tasks"},         {"create_task", "asyncio.tasks"},
        {"wait_for", "asyncio.tasks"},   {"current_task", "asyncio.tasks"},  {"run", "asyncio.runners"},
        {"timeout", "asyncio.timeouts"}, {"timeout_at", "asyncio.timeouts"}, {"get_running_loop", "_asyncio"},
        {"get_event_loop", "_asyncio"}};
    const auto it = modules.find(name);
    return it == modules.end() ? nullptr : it->second;
}

/// IMPORT_NAME: the module ("asyncio", "random", "time") or one of its names ("asyncio.sleep"), the
/// only imports the parser lets through (Parser::import_statement).
Value import_module(Interp& in, const std::string& dotted) {
    const std::string module = dotted.substr(0, dotted.find('.'));
    ModuleObj* m = module == "random" ? random_module(in) : module == "time" ? time_module(in) : asyncio_module(in);
    if (dotted == module) return Value::object(m);
    const std::string name = dotted.substr(module.size() + 1);
    auto it = m->attrs.find(name);
    if (it != m->attrs.end()) return it->second;
    if (python_has(module, name)) in.refuse(dotted);
    // python3 adds where the module came from: a file of the learner's machine, or for time, built in
    in.raise("ImportError", "cannot import name '" + name + "' from '" + module + "'" +
                                (module == "time" ? " (unknown location)" : ""));
}

/// _PyObject_FunctionStr: "module.qualname()", without the module for a built-in.
std::string function_str(const Value& fn) {
    if (is_kind(fn, Kind::function)) {
        const Code& code = *as<FunctionObj>(fn)->code;
        return (code.internal ? "asyncio.tasks." : "__main__.") + code.qualname + "()";  // the prelude's wait_for
    }
    if (is_kind(fn, Kind::builtin)) {
        const std::string& name = as<BuiltinObj>(fn)->name;
        if (as<BuiltinObj>(fn)->method_of != nullptr)
            return std::string(as<BuiltinObj>(fn)->method_of) + "." + name + "()";
        const char* module = asyncio_function_module(name);
        return (module != nullptr ? std::string(module) + "." : std::string()) + name + "()";
    }
    if (is_kind(fn, Kind::type) && !as<TypeObj>(fn)->module.empty())
        return as<TypeObj>(fn)->module + "." + as<TypeObj>(fn)->name + "()";
    if (is_kind(fn, Kind::bound_method))
        return type_name(as<BoundMethodObj>(fn)->self) + "." + as<BoundMethodObj>(fn)->method->name + "()";
    if (is_kind(fn, Kind::type)) return as<TypeObj>(fn)->name + "()";
    return type_name(fn) + " object";
}

Value pop(Frame& f) {
    Value v = f.stack.back();
    f.stack.pop_back();
    return v;
}

bool is_unbound(const Value& v) { return is_kind(v, Kind::unbound); }

/// Which of Interp's step functions runs an instruction.
enum class OpGroup : std::uint8_t { basic, build, control, call, exceptions, async };

constexpr OpGroup group_of(Op op) {
    switch (op) {
        case Op::build_slice:
        case Op::build_list:
        case Op::build_tuple:
        case Op::build_dict:
        case Op::list_append:
        case Op::list_extend:
        case Op::list_to_tuple:
        case Op::map_add:
        case Op::dict_add:
        case Op::dict_merge:
        case Op::unpack:
        case Op::unpack_ex:
        case Op::format_value:
        case Op::build_string: return OpGroup::build;
        case Op::get_iter:
        case Op::for_iter:
        case Op::jump:
        case Op::pop_jump_if_false:
        case Op::pop_jump_if_true:
        case Op::jump_if_false_or_pop:
        case Op::jump_if_true_or_pop:
        case Op::pop_top:
        case Op::dup_top:
        case Op::rot_two:
        case Op::rot_three:
        case Op::dup_top_two:
        case Op::return_value:
        case Op::make_function:
        case Op::import_name: return OpGroup::control;
        case Op::call:
        case Op::call_kw:
        case Op::call_ex: return OpGroup::call;
        case Op::raise:
        case Op::setup_finally:
        case Op::setup_async_with:
        case Op::pop_block:
        case Op::pop_except:
        case Op::reraise:
        case Op::check_exc_match:
        case Op::assert_fail: return OpGroup::exceptions;
        case Op::await_value:
        case Op::before_async_with:
        case Op::before_with:
        case Op::async_exit:
        case Op::async_exit_exc:
        case Op::exit_swallow: return OpGroup::async;
        default: return OpGroup::basic;
    }
}

/// The text of an f-string from its parts: strs, and the ints format_value left as they are.
/// Copied once into a string of the right size: in Wasm each std::string call is a call into libc++.
std::string join_fstring_parts(const Value* first, const Value* last) {
    constexpr std::ptrdiff_t max_digits = 20;  // -9223372036854775808
    auto write_int = [](std::int64_t i, char* at) { return std::to_chars(at, at + max_digits, i).ptr; };
    // The ints' digits are written once, into `digits` (the first few ints; any further one twice).
    constexpr std::size_t kept = 4;
    char digits[kept][max_digits];
    std::size_t digit_count[kept];
    char scratch[max_digits];
    std::size_t size = 0, ints = 0;
    for (const Value* v = first; v != last; ++v) {
        if (is_kind(*v, Kind::str)) {
            size += as<StrObj>(*v)->value.size();
        } else if (ints < kept) {
            digit_count[ints] = static_cast<std::size_t>(write_int(v->i, digits[ints]) - digits[ints]);
            size += digit_count[ints++];
        } else {
            size += static_cast<std::size_t>(write_int(v->i, scratch) - scratch);
        }
    }
    std::string out(size, '\0');
    char* at = out.data();
    std::size_t written_ints = 0;
    for (const Value* v = first; v != last; ++v) {
        if (is_kind(*v, Kind::str)) {
            const std::string& s = as<StrObj>(*v)->value;
            at = std::copy(s.data(), s.data() + s.size(), at);
        } else if (written_ints < kept) {
            at = std::copy(digits[written_ints], digits[written_ints] + digit_count[written_ints], at);
            ++written_ints;
        } else {
            at = write_int(v->i, at);
        }
    }
    return out;
}

}  // namespace

void Interp::step(Thread& t, Frame& f, const Instr& in) {
    auto& st = f.stack;
    switch (in.op) {
        case Op::nop: return;
        case Op::load_const: st.push_back(f.code->consts[static_cast<std::size_t>(in.arg)]); return;
        case Op::load_fast:
        case Op::load_fast_to_extend: {
            const Value& v = f.locals[static_cast<std::size_t>(in.arg)];
            if (is_unbound(v)) unbound_local(f, in.arg);
            if (in.op == Op::load_fast) f.share_local(in.arg);
            st.push_back(v);
            return;
        }
        case Op::store_fast:
            f.share_local(in.arg);
            return rebound(std::exchange(f.locals[static_cast<std::size_t>(in.arg)], pop(f)), in.line);
        case Op::inplace_add_fast: {
            const Value rhs = pop(f);
            const Value lhs = pop(f);
            const std::uint64_t bit = Frame::sole_bit(in.arg);
            const bool sole = add_to_variable(f.locals[static_cast<std::size_t>(in.arg)], (f.sole_strs & bit) != 0, lhs,
                                              rhs, in.line);
            f.sole_strs = sole ? f.sole_strs | bit : f.sole_strs & ~bit;
            return;
        }
        case Op::load_deref: {
            const Value& v = as<CellObj>(f.locals[static_cast<std::size_t>(in.arg)])->value;
            if (is_unbound(v)) unset_deref(f, in.arg);
            st.push_back(v);
            return;
        }
        case Op::store_deref:
            return rebound(std::exchange(as<CellObj>(f.locals[static_cast<std::size_t>(in.arg)])->value, pop(f)),
                           in.line);
        case Op::load_closure: st.push_back(f.locals[static_cast<std::size_t>(in.arg)]); return;
        case Op::yield_value:  // gen_send_ex's YIELD_VALUE: the value out, the frame kept as it is
            t.result = Outcome{false, pop(f)};
            pending_ = RunStatus::suspended;
            stop_ = true;
            return;
        case Op::make_cell: {
            auto* cell = heap.make<CellObj>();
            cell->value = Value::object(unbound_marker());
            f.locals[static_cast<std::size_t>(in.arg)] = Value::object(cell);
            return;
        }
        case Op::load_global:
        case Op::load_global_to_extend: {
            const auto slot = static_cast<std::size_t>(in.arg);
            if (in.op == Op::load_global) share_global(slot);
            if (slot < global_values.size() && !is_unbound(global_values[slot])) {
                st.push_back(global_values[slot]);
                return;
            }
            const Value* builtin = builtin_for_global(slot);
            if (builtin == nullptr) raise_undefined_name(*this, globals.names[slot]);
            st.push_back(*builtin);
            return;
        }
        case Op::store_global: {
            const auto slot = static_cast<std::size_t>(in.arg);
            if (slot >= global_values.size())
                global_values.resize(globals.names.size(), Value::object(unbound_marker()));
            if (is_unbound(global_values[slot])) global_order.push_back(static_cast<std::uint32_t>(slot));
            share_global(slot);
            return rebound(std::exchange(global_values[slot], pop(f)), in.line);
        }
        case Op::inplace_add_global: {
            const auto slot = static_cast<std::size_t>(in.arg);
            const Value rhs = pop(f);
            const Value lhs = pop(f);
            if (slot >= global_values.size())  // `del` from a function between the load and here
                global_values.resize(globals.names.size(), Value::object(unbound_marker()));
            if (is_unbound(global_values[slot])) global_order.push_back(static_cast<std::uint32_t>(slot));
            const bool sole = add_to_variable(global_values[slot], sole_global_str == in.arg, lhs, rhs, in.line);
            sole_global_str = sole ? in.arg : sole_global_str == in.arg ? -1 : sole_global_str;
            return;
        }
        case Op::load_attr: {
            const auto slot = static_cast<std::size_t>(in.arg);
            Value& obj = st.back();
            if (!is_kind(obj, Kind::module)) {
                obj = get_attr(obj, f.code->names[slot]);
                return;
            }
            auto& cache = f.code->module_attrs;  // a module's attribute: no string hashed per load
            if (slot < cache.size() && cache[slot].first == obj.o) {
                obj = cache[slot].second;
                return;
            }
            const Object* module = obj.o;
            obj = get_attr(obj, f.code->names[slot]);
            if (cache.size() <= slot) cache.resize(f.code->names.size(), {nullptr, Value()});
            cache[slot] = {module, obj};
            return;
        }
        // The operands stay on the stack while the operator runs, so that if it raises, the
        // unwinding lets go of them where CPython does (a coroutine among them warns at the line).
        case Op::binary:
        case Op::inplace:
        case Op::compare: {
            const Value a = st.end()[-2], b = st.back();
            Value result;
            if (in.op == Op::binary) {
                result = binary(static_cast<BinOp>(in.arg), a, b);
            } else if (in.op == Op::inplace) {
                result = inplace(static_cast<BinOp>(in.arg), a, b);
            } else {
                if (near_recursion_limit(t)) compare_levels(f, in, a, b);
                result = compare(static_cast<CmpOp>(in.arg), a, b);
            }
            st.pop_back();
            st.back() = result;
            operands_dropped(a, b, result, in.line);
            return;
        }
        case Op::unary: {
            const Value a = st.back();
            st.back() = unary_op(*this, in.arg, a);
            operands_dropped(a, Value::none(), st.back(), in.line);
            return;
        }
        case Op::subscr: {
            Value index = pop(f);
            st.back() = subscript(st.back(), index);
            return;
        }
        case Op::store_subscr: {
            Value index = pop(f);
            Value obj = pop(f);
            Value value = pop(f);
            rebound(store_subscript(*this, obj, index, value), in.line);  // `ts[0] = b()` lets go of ts[0]
            return;
        }
        case Op::delete_fast: {
            Value& local = f.locals[static_cast<std::size_t>(in.arg)];
            if (is_unbound(local)) unbound_local(f, in.arg);
            f.share_local(in.arg);
            return rebound(std::exchange(local, Value::object(unbound_marker())), in.line);
        }
        case Op::delete_global: {
            const auto slot = static_cast<std::size_t>(in.arg);
            if (slot >= global_values.size() || is_unbound(global_values[slot])) {
                // DELETE_NAME looks at the globals only: `del print` is a NameError, no refusal.
                const std::string& name = globals.names[slot];
                raise_name_error(*this, name, "name '" + name + "' is not defined");
            }
            std::erase(global_order, static_cast<std::uint32_t>(slot));  // bound again, it comes last
            share_global(slot);
            return rebound(std::exchange(global_values[slot], Value::object(unbound_marker())), in.line);
        }
        case Op::delete_subscr: {
            Value index = pop(f);
            Value obj = pop(f);
            delete_subscript(*this, obj, index);
            return;
        }
        default: break;
    }
    // One more switch, not a chain of them: the async ops went through five functions.
    switch (group_of(in.op)) {
        case OpGroup::build: return step_build(f, in);
        case OpGroup::control: return step_control(t, f, in);
        case OpGroup::call: return step_call(t, f, in);
        case OpGroup::exceptions: return step_exceptions(t, f, in);
        case OpGroup::async: return step_async(t, f, in);
        case OpGroup::basic: break;
    }
    raise("SystemError", "unknown opcode");
}

Value Interp::inplace(BinOp op, const Value& lhs, const Value& rhs) {
    if (op == BinOp::add && is_kind(lhs, Kind::list)) {
        if (is_kind(rhs, Kind::list) && heap.would_exceed(2 * as<ListObj>(rhs)->items.size() * sizeof(Value)))
            raise("MemoryError", "");
        std::vector<Value> more = to_vector(rhs);  // list += iterable extends in place
        heap.charge(more.size() * sizeof(Value));
        auto& items = as<ListObj>(lhs)->items;
        items.insert(items.end(), more.begin(), more.end());
        return lhs;
    }
    if (op == BinOp::mul && is_kind(lhs, Kind::list) && rhs.is_intlike()) {
        // list_inplace_repeat: row *= 3 repeats row itself, which every other name for it sees.
        Value repeated = binary(BinOp::mul, lhs, rhs);
        as<ListObj>(lhs)->items = std::move(as<ListObj>(repeated)->items);
        return lhs;
    }
    if (op == BinOp::or_ && is_kind(lhs, Kind::dict)) {
        dict_update(*this, as<DictObj>(lhs), rhs);  // dict_ior: d |= pairs updates d in place
        return lhs;
    }
    return binary(op, lhs, rhs, true);
}

bool Interp::add_to_variable(Value& variable, bool sole, const Value& lhs, const Value& rhs, int line) {
    const bool strs = is_kind(lhs, Kind::str) && is_kind(rhs, Kind::str);
    if (strs && sole && variable.is_obj() && variable.o == lhs.o) {
        const std::string& more = as<StrObj>(rhs)->value;
        if (heap.would_exceed(more.size())) raise("MemoryError", "");
        heap.charge(more.size());
        // rhs may be the variable's str itself only through another name, which would have
        // cleared `sole`; its text is read before the append all the same.
        as<StrObj>(variable)->append_sole(rhs.o == variable.o ? std::string(more) : more);
        return true;
    }
    Value result = inplace(BinOp::add, lhs, rhs);
    rebound(std::exchange(variable, result), line);
    // str + str is always a new str (binary), and only the variable holds it.
    return strs;
}

// FORMAT_VALUE near the recursion limit: PyObject_Format of a str spends nothing, of a number one
// level (its str, or its __format__ with a spec), of a list or dict three (its repr, its items').
void Interp::format_levels(const Value& value, std::int32_t arg) {
    const bool spec = (arg & 4) != 0;
    if (is_kind(value, Kind::str) && !spec && (arg & 3) == 0) return;
    if (is_kind(value, Kind::list) || is_kind(value, Kind::tuple) || is_kind(value, Kind::dict))
        return check_c_levels(3, while_repr);
    check_c_levels(1, spec ? while_calling : (arg & 3) == 2 ? while_repr : while_str);
}

// COMPARE_OP near the recursion limit: PyObject_RichCompare spends a level " in comparison", and
// one more for the items of two lists or tuples; `in` a non-empty list or tuple compares its items.
// A number or str comparison that a jump tests is specialised (COMPARE_OP_INT_JUMP...): none.
void Interp::compare_levels(const Frame& f, const Instr& in, const Value& a, const Value& b) {
    const auto op = static_cast<CmpOp>(in.arg);
    if (op == CmpOp::is || op == CmpOp::is_not) return;
    const auto sequence = [](const Value& v) {
        return (is_kind(v, Kind::list) || is_kind(v, Kind::tuple)) && !as<ListObj>(v)->items.empty();
    };
    if (op == CmpOp::in || op == CmpOp::not_in) return check_c_levels(sequence(b) ? 1 : 0, " in comparison");
    const Op next = f.code->code[f.pc].op;
    const bool jump = next == Op::pop_jump_if_false || next == Op::pop_jump_if_true;
    const auto number = [](const Value& v) {
        return v.is_intlike() || is_kind(v, Kind::long_int) || v.tag == Tag::real;
    };
    const bool simple = (number(a) && number(b)) || (is_kind(a, Kind::str) && is_kind(b, Kind::str));
    if (simple && jump) return;
    check_c_levels(sequence(a) && sequence(b) && a.o->kind == b.o->kind ? 2 : 1, " in comparison");
}

void Interp::step_build(Frame& f, const Instr& in) {
    auto& st = f.stack;
    const auto n = static_cast<std::size_t>(in.arg);
    switch (in.op) {
        case Op::build_slice: {
            auto* s = heap.make<SliceObj>();
            s->step = pop(f);
            s->stop = pop(f);
            s->start = pop(f);
            st.push_back(Value::object(s));
            return;
        }
        case Op::build_list:
        case Op::build_tuple: {
            std::vector<Value> items(st.end() - static_cast<std::ptrdiff_t>(n), st.end());
            st.resize(st.size() - n);
            st.push_back(list_value(std::move(items), in.op == Op::build_list ? Kind::list : Kind::tuple));
            return;
        }
        case Op::build_dict: {
            auto* d = heap.make<DictObj>();
            const std::size_t base = st.size() - 2 * n;
            for (std::size_t i = 0; i < n; ++i) dict_set(*this, d, st[base + 2 * i], st[base + 2 * i + 1]);
            st.resize(base);
            heap.charge(n * 48);
            st.push_back(Value::object(d));
            return;
        }
        case Op::list_append: {
            Value v = pop(f);
            as<ListObj>(st[st.size() - n])->items.push_back(v);
            heap.charge(sizeof(Value));
            return;
        }
        case Op::list_extend: {
            Value iterable = pop(f);
            if (!is_iterable(iterable)) {  // n 2: a call's lone *args, which CALL_FUNCTION_EX checks
                raise("TypeError", (n == 2 ? function_str(st[st.size() - 2]) + " argument" : std::string("Value")) +
                                       " after * must be an iterable, not " + type_name(iterable));
            }
            std::vector<Value> items = to_vector(iterable);
            auto& target = as<ListObj>(st.back())->items;
            target.insert(target.end(), items.begin(), items.end());
            heap.charge(items.size() * sizeof(Value));
            return;
        }
        case Op::list_to_tuple: st.back() = list_value(as<ListObj>(st.back())->items, Kind::tuple); return;
        case Op::dict_add: {
            Value value = pop(f);
            Value key = pop(f);
            dict_set(*this, as<DictObj>(st[st.size() - n]), key, value);
            return;
        }
        case Op::map_add: {
            Value value = pop(f);
            Value key = pop(f);
            if (as<DictObj>(st.back())->find(key) != nullptr)
                raise("TypeError",
                      function_str(st[st.size() - 3]) + " got multiple values for keyword argument '" + str(key) + "'");
            as<DictObj>(st.back())->set(key, value);
            return;
        }
        case Op::dict_merge: {
            Value mapping = pop(f);
            const Value& fn = st[st.size() - 3];  // under the arguments' list and dict
            if (!is_kind(mapping, Kind::dict))
                raise("TypeError",
                      function_str(fn) + " argument after ** must be a mapping, not " + type_name(mapping));
            for (const auto& e : as<DictObj>(mapping)->entries) {
                if (!e.live) continue;
                if (!is_kind(e.key, Kind::str)) raise("TypeError", "keywords must be strings");
                if (as<DictObj>(st.back())->find(e.key) != nullptr)
                    raise("TypeError",
                          function_str(fn) + " got multiple values for keyword argument '" + str(e.key) + "'");
                as<DictObj>(st.back())->set(e.key, e.value);
            }
            return;
        }
        case Op::unpack: {
            // unpack_iterable (ceval.c) words a value that is no iterable its own way.
            const Value& v = st.back();
            if (!(is_kind(v, Kind::list) || is_kind(v, Kind::tuple) || is_kind(v, Kind::str) ||
                  is_kind(v, Kind::range) || is_kind(v, Kind::dict) || is_kind(v, Kind::iter) ||
                  is_kind(v, Kind::dict_view)))
                raise("TypeError", "cannot unpack non-iterable " + type_name(v) + " object");
            std::vector<Value> items;
            if (is_kind(v, Kind::list) || is_kind(v, Kind::tuple)) {
                items = to_vector(pop(f));
            } else {  // unpack_iterable takes what is needed and one more, no further (a, b = range(2**63))
                const Value it = iterate(v);
                pop(f);
                for (Value item; items.size() <= n && next(it, item);) items.push_back(item);
            }
            if (items.size() < n)
                raise("ValueError", "not enough values to unpack (expected " + std::to_string(n) + ", got " +
                                        std::to_string(items.size()) + ")");
            if (items.size() > n) raise("ValueError", "too many values to unpack (expected " + std::to_string(n) + ")");
            for (auto it = items.rbegin(); it != items.rend(); ++it) st.push_back(*it);
            return;
        }
        case Op::unpack_ex: {  // unpack_iterable with a starred target: `first, *rest = items`
            const std::size_t before = static_cast<std::size_t>(in.arg) & 0xFF;
            const std::size_t after = static_cast<std::size_t>(in.arg) >> 8;
            const Value& v = st.back();
            if (!is_iterable(v)) raise("TypeError", "cannot unpack non-iterable " + type_name(v) + " object");
            std::vector<Value> items = to_vector(pop(f));
            if (items.size() < before + after)
                raise("ValueError", "not enough values to unpack (expected at least " + std::to_string(before + after) +
                                        ", got " + std::to_string(items.size()) + ")");
            std::vector<Value> rest(items.begin() + static_cast<std::ptrdiff_t>(before),
                                    items.end() - static_cast<std::ptrdiff_t>(after));
            for (std::size_t i = items.size(); i-- > items.size() - after;) st.push_back(items[i]);
            st.push_back(list_value(std::move(rest)));
            for (std::size_t i = before; i-- > 0;) st.push_back(items[i]);
            return;
        }
        case Op::format_value: {
            if (current != nullptr && near_recursion_limit(*current))
                format_levels((in.arg & 4) != 0 ? st.end()[-2] : st.back(), in.arg);
            // `{x}` of a str or an int: build_string writes it as it is (no str object in between).
            if (in.arg == 0 && (st.back().tag == Tag::integer || is_kind(st.back(), Kind::str))) return;
            Value spec = (in.arg & 4) ? pop(f) : Value::none();
            Value v = pop(f);
            if ((in.arg & 3) == 1) v = str_value(str(v));
            if ((in.arg & 3) == 2) v = str_value(repr(v));
            if ((in.arg & 3) == 3) v = str_value(ascii_escape(repr(v)));  // !a: ascii()
            st.push_back(str_value(format(v, spec.is_none() ? "" : as<StrObj>(spec)->value)));
            st.back().o->temporary = true;  // a part only build_string will see
            operands_dropped(v, Value::none(), st.back(), in.line);
            return;
        }
        case Op::build_string: {
            Value* const first = st.data() + st.size() - n;
            std::string text = join_fstring_parts(first, first + n);
            for (Value* part = first + n; part != first;) {  // newest first
                --part;
                if (part->is_obj() && part->o->temporary) heap.free_if_newest(part->o);
            }
            st.resize(st.size() - n);
            st.push_back(str_value(std::move(text)));
            return;
        }
        default: break;
    }
    raise("SystemError", "unknown opcode");
}

void Interp::step_control(Thread& t, Frame& f, const Instr& in) {
    auto& st = f.stack;
    const auto target = static_cast<std::size_t>(in.arg);
    switch (in.op) {
        case Op::get_iter: st.back() = iterate(st.back()); return;
        case Op::for_iter: {
            Value item;
            if (next(st.back(), item)) {
                st.push_back(item);
            } else {
                st.pop_back();
                f.pc = target;
            }
            return;
        }
        case Op::jump: f.pc = target; return;
        case Op::pop_jump_if_false:
        case Op::pop_jump_if_true: {
            const Value v = pop(f);
            if (truthy(v) == (in.op == Op::pop_jump_if_true)) f.pc = target;
            // `if sem.acquire():` tests a coroutine (always true) and lets go of it at once.
            if (is_coroutine(v)) [[unlikely]]
                stack_dropped({v}, Value::none(), in.line);
            return;
        }
        case Op::jump_if_false_or_pop:
            if (!truthy(st.back())) {
                f.pc = target;
            } else {
                st.pop_back();
            }
            return;
        case Op::jump_if_true_or_pop:
            if (truthy(st.back())) {
                f.pc = target;
            } else {
                st.pop_back();
            }
            return;
        case Op::pop_top:
            if (in.arg == 1) warn_if_never_awaited(st.back(), in.line);
            st.pop_back();
            return;
        case Op::dup_top: st.push_back(st.back()); return;
        case Op::rot_two: std::swap(st[st.size() - 1], st[st.size() - 2]); return;
        case Op::rot_three: std::rotate(st.end() - 3, st.end() - 1, st.end()); return;
        case Op::dup_top_two: {
            Value a = st[st.size() - 2];
            Value b = st[st.size() - 1];
            st.push_back(a);
            st.push_back(b);
            return;
        }
        case Op::return_value: do_return(t, pop(f)); return;
        case Op::make_function: {
            auto* fn = heap.make<FunctionObj>();
            fn->code = codes[target].get();
            if (!fn->code->free_slots.empty()) fn->closure = as<ListObj>(pop(f))->items;
            if (!fn->code->kwonly_defaulted.empty()) {
                const Value given = pop(f);
                fn->kwdefaults.assign(fn->code->nkwonly, Value::object(unbound_marker()));
                for (std::size_t i = 0; i < fn->code->kwonly_defaulted.size(); ++i)
                    fn->kwdefaults[fn->code->kwonly_defaulted[i]] = as<ListObj>(given)->items[i];
            }
            fn->defaults = as<ListObj>(pop(f))->items;
            st.push_back(Value::object(fn));
            return;
        }
        case Op::import_name: st.push_back(import_module(*this, f.code->names[target])); return;
        default: break;
    }
    raise("SystemError", "unknown opcode");
}

void Interp::step_call(Thread& t, Frame& f, const Instr& in) {
    auto& st = f.stack;
    const auto n = static_cast<std::size_t>(in.arg);
    switch (in.op) {
        case Op::call: {
            CallArgs args;
            args.pos.swap(spare_args_);  // reuse the last call's capacity: no allocation per call
            args.pos.assign(st.end() - static_cast<std::ptrdiff_t>(n), st.end());
            st.resize(st.size() - n);
            Value fn = pop(f);
            if (in.temporaries != 0) {
                call_freeing_temporaries(t, f, fn, args, in.temporaries);
            } else {
                call_op(t, f, fn, args);
            }
            args.pos.clear();
            spare_args_.swap(args.pos);
            return;
        }
        case Op::call_kw: {
            auto* names = as<ListObj>(pop(f));
            const std::size_t nkw = names->items.size();
            const std::size_t base = st.size() - n;
            CallArgs args;
            args.pos.assign(st.begin() + static_cast<std::ptrdiff_t>(base),
                            st.end() - static_cast<std::ptrdiff_t>(nkw));
            for (std::size_t i = 0; i < nkw; ++i)
                args.kw.emplace_back(as<StrObj>(names->items[i])->value, st[st.size() - nkw + i]);
            st.resize(base);
            Value fn = pop(f);
            call_freeing_temporaries(t, f, fn, args, in.temporaries);
            return;
        }
        case Op::call_ex: {
            Value kwargs = pop(f);
            Value posargs = pop(f);
            Value fn = pop(f);
            CallArgs args;
            args.pos = as<ListObj>(posargs)->items;
            if (!kwargs.is_none()) {
                for (const auto& e : as<DictObj>(kwargs)->entries) {
                    if (e.live) args.kw.emplace_back(as<StrObj>(e.key)->value, e.value);
                }
            }
            call_op(t, f, fn, args);
            return;
        }
        default: break;
    }
    raise("SystemError", "unknown opcode");
}

void Interp::step_exceptions(Thread& t, Frame& f, const Instr& in) {
    auto& st = f.stack;
    switch (in.op) {
        case Op::raise: return raise_op(t, f, in.arg);
        case Op::setup_finally: f.blocks.push_back(Block{Block::Type::finally_, in.arg, st.size(), Value()}); return;
        case Op::setup_async_with:
            f.blocks.push_back(Block{Block::Type::finally_, in.arg, st.size() - 1, Value()});
            return;
        case Op::pop_block: f.blocks.pop_back(); return;
        case Op::pop_except: {
            Block b = f.blocks.back();
            f.blocks.pop_back();
            exception_dropped(std::exchange(t.handled, b.saved), in.line);
            return;
        }
        case Op::reraise: throw PyRaise{pop(f), true};
        case Op::check_exc_match: {
            Value type = pop(f);
            st.push_back(Value::boolean(exception_matches(*this, st.back(), type)));
            return;
        }
        case Op::assert_fail: {
            Value msg = pop(f);
            std::vector<Value> args;
            if (!msg.is_none()) args.push_back(msg);
            throw PyRaise{make_exception(type("AssertionError"), std::move(args))};
        }
        default: break;
    }
    raise("SystemError", "unknown opcode");
}

void Interp::step_async(Thread& t, Frame& f, const Instr& in) {
    auto& st = f.stack;
    switch (in.op) {
        case Op::await_value: return await_op(t, f, pop(f));
        case Op::before_async_with: st.push_back(async_enter(*this, st.back())); return;
        case Op::before_with:
            raise("TypeError", "'" + type_name(st.back()) + "' object does not support the context manager protocol");
        case Op::async_exit: st.back() = async_exit(*this, st.back(), Value::none()); return;
        case Op::async_exit_exc: st.push_back(async_exit(*this, st[st.size() - 2], st.back())); return;
        case Op::exit_swallow: {
            Value result = pop(f);
            Value exc = pop(f);
            if (!truthy(result)) throw PyRaise{exc, true};  // WITH_EXCEPT_START..RERAISE: no new line
            st.pop_back();                                  // the manager
            Block b = f.blocks.back();
            f.blocks.pop_back();
            t.handled = b.saved;
            return;
        }
        default: raise("SystemError", "unknown opcode");
    }
}

const Value* Interp::builtin_for_global(std::size_t slot) {
    if (slot >= builtin_by_slot_.size()) builtin_by_slot_.resize(globals.names.size());
    Value& cached = builtin_by_slot_[slot];
    if (cached.is_none()) {
        auto it = builtins.find(globals.names[slot]);
        if (it == builtins.end()) return nullptr;
        cached = it->second;
    }
    return &cached;
}

// --- calls -----------------------------------------------------------------------------------------

void Interp::bind_cells(Frame& frame, FunctionObj* fn) {
    for (const std::int32_t slot : fn->code->cell_slots) {
        auto* cell = heap.make<CellObj>();
        Value& local = frame.locals[static_cast<std::size_t>(slot)];
        cell->value = local;  // a parameter's argument, or the unbound marker
        local = Value::object(cell);
    }
    const auto& free = fn->code->free_slots;
    for (std::size_t i = 0; i < free.size(); ++i) frame.locals[static_cast<std::size_t>(free[i])] = fn->closure[i];
}

void Interp::unset_deref(const Frame& f, std::int32_t slot) {
    const std::string& name = f.code->locals[static_cast<std::size_t>(slot)];
    const auto& free = f.code->free_slots;
    if (std::find(free.begin(), free.end(), slot) != free.end()) unbound_free(name);
    raise("UnboundLocalError", "cannot access local variable '" + name + "' where it is not associated with a value");
}

void Interp::unbound_free(const std::string& name) {
    raise_name_error(
        *this, name,
        "cannot access free variable '" + name + "' where it is not associated with a value in enclosing scope");
}

void Interp::unbound_local(const Frame& f, std::int32_t slot) {
    const std::string& name = f.code->locals[static_cast<std::size_t>(slot)];
    // In a comprehension (a frame of its own in CPython) the enclosing function's variable is free.
    const bool comprehension_slot = name.rfind("<comp", 0) == 0;
    for (const ComprehensionRange& c : f.code->comprehensions) {
        if (!comprehension_slot && c.begin <= f.pc - 1 && f.pc - 1 < c.end) unbound_free(name);
    }
    raise("UnboundLocalError", "cannot access local variable '" + name + "' where it is not associated with a value");
}

namespace {

/// CPython's too_many_positional: "f() takes 2 positional arguments but 3 were given", and the
/// keyword-only arguments given beside them.
[[noreturn]] void too_many_positional(Interp& in, const FunctionObj& fn, std::size_t given, std::size_t kwonly_given) {
    const std::size_t np = fn.code->nparams;
    const bool plural = !fn.defaults.empty() || np != 1;
    const std::string sig = fn.defaults.empty()
                                ? std::to_string(np)
                                : "from " + std::to_string(np - fn.defaults.size()) + " to " + std::to_string(np);
    std::string kwonly;
    if (kwonly_given != 0)
        kwonly = std::string(" positional argument") + (given != 1 ? "s" : "") + " (and " +
                 std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
    in.raise("TypeError", fn.code->qualname + "() takes " + sig + " positional argument" + (plural ? "s" : "") +
                              " but " + std::to_string(given) + kwonly +
                              (given == 1 && kwonly_given == 0 ? " was" : " were") + " given");
}

/// CPython's missing_arguments: "f() missing 2 required positional arguments: 'a' and 'b'" (`kind`
/// "positional" or "keyword-only").
[[noreturn]] void missing_arguments(Interp& in, const Code& code, const std::vector<std::size_t>& slots,
                                    const char* kind) {
    std::string list;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (i) list += (i + 1 == slots.size()) ? (slots.size() > 2 ? ", and " : " and ") : ", ";
        list += "'" + code.locals[slots[i]] + "'";
    }
    in.raise("TypeError", code.qualname + "() missing " + std::to_string(slots.size()) + " required " + kind +
                              " argument" + (slots.size() == 1 ? "" : "s") + ": " + list);
}

}  // namespace

void Interp::bind_arguments(Frame& frame, FunctionObj* fn, CallArgs& args) {
    Code* code = fn->code;
    const std::size_t np = code->nparams;
    // The plain positional function, called rightly or wrong in one way, stays on this path; the
    // rest takes CPython's whole order of checks.
    if (code->nkwonly != 0 || code->varargs || code->varkw || (args.pos.size() > np && !args.kw.empty()))
        return bind_arguments_ex(frame, fn, args);
    if (args.pos.size() > np) too_many_positional(*this, *fn, args.pos.size(), 0);
    for (std::size_t i = 0; i < args.pos.size(); ++i) frame.locals[i] = args.pos[i];
    for (auto& [key, value] : args.kw) {
        std::size_t i = 0;
        while (i < np && code->locals[i] != key) ++i;
        if (i == np) raise("TypeError", code->qualname + "() got an unexpected keyword argument '" + key + "'");
        if (!is_kind(frame.locals[i], Kind::unbound))
            raise("TypeError", code->qualname + "() got multiple values for argument '" + key + "'");
        frame.locals[i] = value;
    }
    const std::size_t first_default = np - fn->defaults.size();
    bool complete = true;
    for (std::size_t i = 0; i < np; ++i) {
        if (!is_kind(frame.locals[i], Kind::unbound)) continue;
        if (i >= first_default) {
            frame.locals[i] = fn->defaults[i - first_default];
        } else {
            complete = false;
        }
    }
    if (!complete) missing_positional(frame, fn);
    bind_cells(frame, fn);
}

void Interp::missing_positional(const Frame& frame, const FunctionObj* fn) {
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < fn->code->nparams - fn->defaults.size(); ++i) {
        if (is_kind(frame.locals[i], Kind::unbound)) missing.push_back(i);
    }
    if (!missing.empty()) missing_arguments(*this, *fn->code, missing, "positional");
}

// CPython's initialize_locals, step for step: positional arguments, the rest into *args; keyword
// arguments to their parameters or into **kwargs; then too many positional ones, then missing
// positional ones (defaults filled), then missing keyword-only ones (keyword-only defaults filled).
void Interp::bind_arguments_ex(Frame& frame, FunctionObj* fn, CallArgs& args) {
    const Code& code = *fn->code;
    const std::size_t np = code.nparams;
    const std::size_t total = np + code.nkwonly;  // the parameters a keyword may name
    DictObj* kwargs = nullptr;
    if (code.varkw) {
        kwargs = heap.make<DictObj>();
        frame.locals[total + (code.varargs ? 1 : 0)] = Value::object(kwargs);
    }
    const std::size_t n = std::min(args.pos.size(), np);
    for (std::size_t i = 0; i < n; ++i) frame.locals[i] = args.pos[i];
    if (code.varargs)
        frame.locals[total] = list_value(
            std::vector<Value>(args.pos.begin() + static_cast<std::ptrdiff_t>(n), args.pos.end()), Kind::tuple);
    for (auto& [key, value] : args.kw) {
        std::size_t i = 0;
        while (i < total && code.locals[i] != key) ++i;
        if (i == total) {
            if (kwargs == nullptr)
                raise("TypeError", code.qualname + "() got an unexpected keyword argument '" + key + "'");
            dict_set(*this, kwargs, str_value(key), value);
            continue;
        }
        if (!is_kind(frame.locals[i], Kind::unbound))
            raise("TypeError", code.qualname + "() got multiple values for argument '" + key + "'");
        frame.locals[i] = value;
    }
    if (args.pos.size() > np && !code.varargs) {
        std::size_t kwonly_given = 0;
        for (std::size_t i = np; i < total; ++i) kwonly_given += is_kind(frame.locals[i], Kind::unbound) ? 0 : 1;
        too_many_positional(*this, *fn, args.pos.size(), kwonly_given);
    }
    missing_positional(frame, fn);
    const std::size_t first_default = np - fn->defaults.size();
    for (std::size_t i = first_default; i < np; ++i) {
        if (is_kind(frame.locals[i], Kind::unbound)) frame.locals[i] = fn->defaults[i - first_default];
    }
    std::vector<std::size_t> missing;
    for (std::size_t i = np; i < total; ++i) {
        if (!is_kind(frame.locals[i], Kind::unbound)) continue;
        const Value fallback = fn->kwdefaults.empty() ? frame.locals[i] : fn->kwdefaults[i - np];
        if (is_kind(fallback, Kind::unbound)) missing.push_back(i);
        frame.locals[i] = fallback;
    }
    if (!missing.empty()) missing_arguments(*this, code, missing, "keyword-only");
    bind_cells(frame, fn);
}

// CPython's recursion limit counts every frame under the one being pushed. A task's coroutines run
// under 9 of asyncio's (the module's, asyncio.run, Runner.run, run_until_complete, run_forever,
// _run_once, Handle._run, and the C calls Context.run and the task's step), so a recursion in a task
// fails 9 frames sooner than one in the module (python3's "[Previous line repeated 987 more times]").
std::size_t comprehension_frames(const Thread& t) {
    if (t.frames.empty()) return 0;
    const Frame& top = *t.frames.back();
    std::size_t n = top.comprehensions_below;
    const std::size_t at = top.pc - 1;  // the call under way: `[depth(0) for _ in "x"]` is one deeper
    for (const ComprehensionRange& c : top.code->comprehensions) n += c.begin <= at && at < c.end ? 1 : 0;
    return n;
}

std::size_t Interp::thread_depth(const Thread& t) const {
    constexpr std::size_t under_a_task = 9;
    return t.base_depth + t.frames.size() + comprehension_frames(t) + (t.task != nullptr ? under_a_task : 0);
}

void Interp::check_depth(const Thread& t) {
    if (thread_depth(t) >= limits.frames) raise("RecursionError", "maximum recursion depth exceeded");
}

void Interp::check_c_levels(int levels, const char* why) {
    if (levels > 0 && current != nullptr && thread_depth(*current) + static_cast<std::size_t>(levels) > limits.frames)
        raise("RecursionError", std::string("maximum recursion depth exceeded") + why);
}

namespace {

/// The levels of the recursion limit CPython 3.11 spends calling `fn` with `args`, and its words
/// for running out there; measured with python3 3.11.7, a call in a recursion that has no base case
/// (the specialised calls, len(), isinstance(), list.append(), dict.get() and the like, spend none).
std::pair<int, const char*> c_call_levels(const Value& fn, const CallArgs& args) {
    static const std::unordered_set<std::string_view> free_functions = {"len", "isinstance", "sum",    "divmod",
                                                                        "pow", "map",        "filter", "enumerate"};
    static const std::unordered_set<std::string_view> free_methods = {
        "append", "pop",    "insert", "index",  "sort",    "get",   "setdefault", "strip",
        "lstrip", "rstrip", "split",  "rsplit", "replace", "ljust", "rjust",      "center"};
    if (is_kind(fn, Kind::builtin)) {
        const auto* b = as<BuiltinObj>(fn);
        if (b->python_function || free_functions.count(b->name) != 0) return {0, ""};
        if (b->name == "print") return {2, while_calling};  // the call, then sys.stdout.write's
        if (b->name == "repr") return {2, while_repr};
        if (b->name == "min" || b->name == "max") {  // the call, then comparing two of the values
            const bool two =
                args.pos.size() > 1 ||
                (args.pos.size() == 1 && (is_kind(args.pos[0], Kind::list) || is_kind(args.pos[0], Kind::tuple)) &&
                 as<ListObj>(args.pos[0])->items.size() > 1);
            return two ? std::pair<int, const char*>{2, " in comparison"}
                       : std::pair<int, const char*>{1, while_calling};
        }
        return {1, while_calling};
    }
    if (is_kind(fn, Kind::type)) {
        const std::string& name = as<TypeObj>(fn)->name;
        if (name == "str") return {!args.pos.empty() && !is_kind(args.pos[0], Kind::str) ? 1 : 0, while_str};
        if (name == "int" || name == "zip" || name == "reversed") return {1, while_calling};
        if (name == "range") return {1, " in comparison"};
        return {0, ""};
    }
    if (is_kind(fn, Kind::bound_method)) {
        const auto* m = as<BoundMethodObj>(fn);
        const bool builtin_type =
            is_kind(m->self, Kind::list) || is_kind(m->self, Kind::dict) || is_kind(m->self, Kind::str);
        if (builtin_type && free_methods.count(m->method->name) == 0) return {1, while_calling};
    }
    return {0, ""};
}

}  // namespace

void Interp::call_op(Thread& t, Frame& f, const Value& fn, CallArgs& args) {
    if (is_kind(fn, Kind::function)) {
        auto* func = as<FunctionObj>(fn);
        std::unique_ptr<Frame> frame = new_frame(func->code);
        try {
            bind_arguments(*frame, func, args);
        } catch (const PyRaise& r) {  // two(work()) missing an argument: the call lets go of work() here
            call_raised(r.exc, fn, args, f.line);
            throw;
        }
        if (func->code->is_async) {
            f.stack.push_back(make_coroutine(func, std::move(frame)));
            return;
        }
        if (func->code->is_generator) {  // a generator expression: its frame waits for next()
            auto* gen = heap.make<GeneratorObj>();
            gen->thread.frames.push_back(std::move(frame));
            auto* it = heap.make<IterObj>(IterObj::Mode::generator);
            it->source = Value::object(gen);
            it->type = "generator";
            it->qualname = func->code->qualname.c_str();
            f.stack.push_back(Value::object(it));
            return;
        }
        check_depth(t);
        frame->comprehensions_below = static_cast<std::uint32_t>(comprehension_frames(t));
        t.frames.push_back(std::move(frame));
        return;
    }
    Value result;
    if (near_recursion_limit(t)) {
        const auto [levels, why] = c_call_levels(fn, args);
        check_c_levels(levels, why);
    }
    try {
        result = call_builtin(*this, fn, args);
    } catch (const PyRaise& r) {
        call_raised(r.exc, fn, args, f.line);
        throw;
    }
    // A function's or a type's arguments only (a list's append keeps its argument: no look needed
    // there); what the result holds (Exception(coro)) is still held.
    if (is_kind(fn, Kind::builtin) || is_kind(fn, Kind::type)) call_returned(args, result, f.line);
    if (!is_kind(result, Kind::run_request)) {
        f.stack.push_back(result);
        return;
    }
    // asyncio.run(): the module's thread hands its coroutine to the program, which runs the loop.
    if (t.task != nullptr || loop != nullptr) {
        raise("RuntimeError", "asyncio.run() cannot be called from a running event loop");
    }
    run_request = run_request_coroutine(result);
    pending_ = RunStatus::run_loop;
    stop_ = true;
}

// call_op, then the temporaries (Instr::temporaries) the built-in's promises let go of: the
// f-strings passed to print() are freed when it returns, and asyncio.sleep()'s operation is marked
// for the await that follows. A Python function's call frees nothing (its frame may keep them).
// Without this the lesson's printed lines and sleeps, three objects a task, waited for a
// collection, which marks every live task (issue #13; bench/README.md).
void Interp::call_freeing_temporaries(Thread& t, Frame& f, const Value& fn, CallArgs& args, std::uint8_t temporaries) {
    const BuiltinObj* builtin = is_kind(fn, Kind::builtin) ? as<BuiltinObj>(fn) : nullptr;
    if (builtin == nullptr) return call_op(t, f, fn, args);
    Object* fstrings[max_temporary_arguments];
    int count = 0;
    if (builtin->keeps_no_arguments) {
        for (std::size_t i = 0; i < args.pos.size() && i < max_temporary_arguments; ++i) {
            if ((temporaries >> i) & 1U) fstrings[count++] = args.pos[i].o;  // build_string's new str
        }
    }
    call_op(t, f, fn, args);
    while (count > 0) heap.free_if_newest(fstrings[--count]);  // newest first
    if ((temporaries & result_awaited_at_once) != 0 && builtin->returns_new_object && f.stack.back().is_obj())
        f.stack.back().o->temporary = true;
}

void Interp::await_op(Thread& t, Frame& f, Value awaitable) {
    if (is_kind(awaitable, Kind::coroutine)) {
        auto* coro = as<CoroutineObj>(awaitable);
        if (coro->awaited || coro->frame == nullptr) raise("RuntimeError", "cannot reuse already awaited coroutine");
        coro->awaited = true;  // started: a RecursionError here ends it, as CPython's send() does
        check_depth(t);
        coro->frame->comprehensions_below = static_cast<std::uint32_t>(comprehension_frames(t));
        t.frames.emplace_back(coro->frame);
        coro->frame = nullptr;
        return;
    }
    if (is_kind(awaitable, Kind::native_op) && as<NativeOpObj>(awaitable)->what == NativeOpObj::What::done) {
        const Outcome& out = as<NativeOpObj>(awaitable)->outcome;  // finished already (__aexit__): no wait
        if (out.failed) throw PyRaise{out.value};
        f.stack.push_back(out.value);
        return;
    }
    std::unique_ptr<Waitable> w;
    try {
        w = make_waitable(*this, awaitable);
    } catch (const PyRaise& r) {  // `await [work()]`: GET_AWAITABLE lets go of the list as it raises
        stack_dropped({awaitable}, r.exc, f.line);
        throw;
    }
    // The waitable took what it needs; only this await held the operation (Instr::temporaries).
    if (awaitable.o->temporary) heap.free_if_newest(awaitable.o);
    if (w->ready()) {  // no suspension: the await completes at once, as a coroutine that never yields
        Outcome out = w->resume(*this);
        trace_wait_ended(*this, t, *w, out);
        if (out.failed) throw PyRaise{out.value};
        f.stack.push_back(out.value);
        return;
    }
    if (t.task == nullptr) raise("RuntimeError", "await outside of a running task");
    trace_wait_started(*this, t, *w);
    if (w->primitive != nullptr) {
        if (Value error = bind_to_running_loop(*this, w->primitive); !error.is_none()) {
            trace_wait_ended(*this, t, *w, Outcome{true, error});  // the wait gives up at once
            throw PyRaise{error};
        }
    }
    t.waiting = std::move(w);
    pending_ = RunStatus::suspended;
    stop_ = true;
    steps_at_last_wait_ = steps;
}

void Interp::raise_op(Thread& t, Frame& f, std::int32_t kind) {
    if (kind == 0) {
        const Value handled = handled_in(t);
        if (handled.is_none()) raise("RuntimeError", "No active exception to reraise");
        throw PyRaise{handled, true};
    }
    Value cause;
    if (kind == 2) {
        cause = f.stack.back();
        f.stack.pop_back();
    }
    Value exc = f.stack.back();
    f.stack.pop_back();
    if (is_kind(exc, Kind::type) && as<TypeObj>(exc)->is_exception) exc = make_exception(as<TypeObj>(exc), {});
    if (!is_kind(exc, Kind::exception)) raise("TypeError", "exceptions must derive from BaseException");
    if (kind == 2) {  // do_raise: `from` takes an exception, a class of them (made at once) or None
        if (is_kind(cause, Kind::type) && as<TypeObj>(cause)->is_exception)
            cause = make_exception(as<TypeObj>(cause), {});
        if (!cause.is_none() && !is_kind(cause, Kind::exception))
            raise("TypeError", "exception causes must derive from BaseException");
        as<ExceptionObj>(exc)->cause = cause;
        as<ExceptionObj>(exc)->suppress_context = true;
    }
    throw PyRaise{exc};
}

}  // namespace sp::py
