// Bytecode (CPython's Include/opcode.h, reduced): what the compiler emits and the interpreter runs.
//
// A stack machine, as CPython's: each instruction pops its operands from the frame's value stack
// and pushes its result. Exceptions unwind through a block stack (SETUP_FINALLY pushes a handler,
// POP_BLOCK pops it), the way CPython 3.9 did; `break`, `continue` and `return` out of `try`
// bodies run the `finally` code that the compiler copied in front of the jump.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "value.hpp"

namespace sp::py {

enum class Op : std::uint8_t {
    nop,
    load_const,  // arg: consts index
    load_fast,   // arg: local slot (UnboundLocalError when unset)
    store_fast,
    load_global,  // arg: global slot; falls back to builtins (NameError)
    store_global,
    load_attr,         // arg: names index
    load_method_attr,  // unused placeholder
    binary,            // arg: BinOp
    inplace,           // arg: BinOp (same as binary for the supported immutable types; lists extend)
    unary,             // arg: 0 '-', 1 '+', 2 'not', 3 '~'
    compare,           // arg: CmpOp
    subscr,            // obj, index -> obj[index]
    store_subscr,      // value, obj, index -> (obj[index] = value)
    build_slice,       // lower, upper, step -> slice
    build_list,        // arg: count
    build_tuple,
    build_dict,   // arg: pairs (key, value, key, value ...)
    list_append,  // arg: stack depth of the list below the value (comprehensions)
    list_extend,  // list, iterable -> list (the list stays)
    list_to_tuple,
    map_add,     // dict, key, value -> dict (a keyword of a call with **)
    dict_add,    // arg: depth of the dict below the loop's iterators; key, value -> (dict[key] = value)
    dict_merge,  // dict, mapping -> dict (`**mapping` in a call; a repeated keyword is a TypeError)
    unpack,      // arg: count
    get_iter,
    // (eagerly) -> a generator over it
    for_iter,  // arg: jump target when exhausted (pops the iterator)
    jump,      // arg: target
    pop_jump_if_false,
    pop_jump_if_true,
    jump_if_false_or_pop,
    jump_if_true_or_pop,
    pop_top,
    dup_top,
    rot_two,
    rot_three,     // a b c -> c a b
    dup_top_two,   // a b -> a b a b
    call,          // arg: positional count
    call_kw,       // arg: positional + keyword count; top is a tuple of keyword names
    call_ex,       // function, args list, kwargs dict (or None)
    format_value,  // arg: conversion (0 none, 1 str, 2 repr) | 4 if a spec is on top
    build_string,  // arg: count
    return_value,
    make_function,     // arg: consts index of the Code; defaults, then keyword-only defaults (when the code
                       // has some) are tuples on the stack
    raise,             // arg: 0 re-raise, 1 exception, 2 exception from cause
    setup_finally,     // arg: handler target
    setup_async_with,  // arg: handler target; the block's stack level leaves out __aenter__'s result
    pop_block,
    pop_except,         // leave an except handler: restore the exception being handled before
    reraise,            // raise the exception on top of the stack again
    check_exc_match,    // exc, type -> exc, bool
    await_value,        // awaitable -> result (suspends the task when it must wait)
    before_async_with,  // manager -> manager, the awaitable of __aenter__
    before_with,        // manager -> TypeError: nothing here is a context manager for `with`
    async_exit,         // manager -> awaitable of __aexit__(None, None, None)
    async_exit_exc,     // manager, exc -> manager, exc, awaitable of __aexit__(type, exc, tb)
    exit_swallow,       // manager, exc, result -> (handler left and exception dropped) or reraise exc
    import_name,        // arg: names index ("asyncio" or "asyncio.X") -> the module or its attribute
    assert_fail,        // message or None -> raise AssertionError
    load_deref,         // arg: local slot holding a cell -> the cell's value (NameError / UnboundLocalError when unset)
    store_deref,        // arg: local slot holding a cell; value -> (cell.value = value)
    load_closure,       // arg: local slot holding a cell -> the cell itself (for a nested function's closure)
    make_cell,          // arg: local slot -> (a fresh, empty cell there: a comprehension's name a lambda closes over)
    yield_value,        // value -> (the generator's frame stops here with it; resumed, None is pushed)
    delete_fast,        // arg: local slot -> (unbound again; UnboundLocalError when unset)
    delete_global,      // arg: global slot -> (unbound again; NameError when unset)
    delete_subscr,      // obj, index -> (del obj[index])
    unpack_ex,          // arg: targets before the starred one | targets after it << 8; iterable -> the
                        // items before, a list of the rest but the items after, the items after
    // `name += value` for a local or a global: as load_fast / load_global, inplace, store_fast /
    // store_global, but a str that only the variable holds grows in place (Interp::add_to_variable).
    load_fast_to_extend,    // arg: local slot; as load_fast, but leaves Frame::sole_strs as it is
    inplace_add_fast,       // arg: local slot; lhs, rhs -> (slot = lhs += rhs)
    load_global_to_extend,  // arg: global slot; as load_global, but leaves Interp's sole global str
    inplace_add_global,     // arg: global slot; lhs, rhs -> (slot = lhs += rhs)
};

enum class BinOp : std::uint8_t { add, sub, mul, truediv, floordiv, mod, pow, lshift, rshift, and_, or_, xor_ };
enum class CmpOp : std::uint8_t { lt, le, eq, ne, gt, ge, in, not_in, is, is_not };

struct Instr {
    Op op;
    /// call and call_kw only: values the compiler knows nothing but this call will hold, which a
    /// built-in that promises as much frees at once (Interp::call_freeing_temporaries), as CPython's
    /// reference counting does; the rest wait for a collection (python/collector.cpp).
    std::uint8_t temporaries = 0;
    std::int32_t arg;
    // 0: artificial, as CPython's compiler marks a return after an `async with` exit or a finally
    // body, and a function's implicit `return None`: the frame stays at the line it ran last (a task
    // ends at the line it left, which its ending event points at).
    std::int32_t line;
};
static_assert(sizeof(Instr) == 12, "temporaries lives in op's padding");
/// Instr::temporaries, bit i < 7: positional argument i is an f-string, a new str made for this call.
inline constexpr int max_temporary_arguments = 7;
/// Instr::temporaries: the call's result is awaited at once (`await f(...)`): no name holds it.
inline constexpr std::uint8_t result_awaited_at_once = 0x80;

/// The instructions of a comprehension, which CPython 3.11 runs in a frame of its own (compile.c's
/// compiler_comprehension): a traceback through them has that frame's line, "in <listcomp>", and
/// the enclosing frame's line is where the comprehension starts (its CALL). Its first iterable is
/// evaluated in the enclosing frame, before `begin`.
struct ComprehensionRange {
    std::size_t begin, end;             // [begin, end) of the instructions
    std::int32_t line;                  // where the comprehension starts
    const char* name;                   // "<listcomp>", "<dictcomp>" or "<genexpr>"
    std::vector<std::string> varnames;  // its frame's co_varnames: ".0", then its targets' names
};

/// A compiled function body (or the module's): CPython's code object.
struct Code {
    std::string name;      // "<module>" or the function's name
    std::string qualname;  // "main.<locals>.worker" for a function defined in main (__qualname__)
    std::vector<Instr> code;
    std::vector<Value> consts;
    std::vector<std::string> names;   // attribute and import names
    std::vector<std::string> locals;  // local slot names (parameters first)
    // CPython's co_varnames: the parameters, then the other local variables in the order the
    // compiler first meets them (compile.c's compiler_nameop), not those only held in cells.
    // Only a NameError's suggestion reads it (Python/suggestions.c).
    std::vector<std::string> varnames;
    std::size_t nparams = 0;  // the positional parameters (co_argcount); then, in co_varnames order:
    std::size_t nkwonly = 0;  // the keyword-only ones (co_kwonlyargcount),
    bool varargs = false;     // *args (CO_VARARGS),
    bool varkw = false;       // **kwargs (CO_VARKEYWORDS)
    /// The keyword-only parameters with a default, by index among them, in the order of the tuple of
    /// defaults make_function takes for them.
    std::vector<std::uint32_t> kwonly_defaulted;
    bool is_async = false;
    bool is_generator = false;  // a generator expression's function: a call makes a generator
    int first_line = 0;
    bool internal = false;                           // the asyncio prelude: hidden from tracebacks
    std::vector<ComprehensionRange> comprehensions;  // nested ones after the ones they are in
    int return_slot = -1;                            // where `return` parks its value while `finally` code runs
    // Closures: slots whose variable a nested function uses (a fresh cell each call, holding the
    // argument for a parameter), and slots given the cells of the function's closure, in order.
    std::vector<std::int32_t> cell_slots;
    std::vector<std::int32_t> free_slots;
    // load_attr on a module (`asyncio.sleep`), by names index: the module last seen and its attribute.
    // Programs cannot assign a module's attributes, so the value stays right for that module; the one
    // module (asyncio) lives in the builtins, a root of the collector, with everything it holds.
    std::vector<std::pair<const Object*, Value>> module_attrs;
};

}  // namespace sp::py
