// The syntax tree (CPython's Python.asdl, cut down to the playground's subset).
//
// One node type with a kind and a few general fields keeps the parser and the compiler short;
// each kind below says which fields it uses.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sp::py {

/// How a def's parameters (Node::names) divide, as CPython's code object counts them: the
/// positional ones (co_argcount), then the keyword-only ones (co_kwonlyargcount), then *args
/// (CO_VARARGS) and **kwargs (CO_VARKEYWORDS). A def with none of the last three packs to 0.
struct ParamShape {
    std::uint32_t keyword_only = 0;
    bool varargs = false, varkw = false;
    std::int64_t pack() const {
        return static_cast<std::int64_t>(keyword_only) | (varargs ? std::int64_t{1} << 32 : 0) |
               (varkw ? std::int64_t{1} << 33 : 0);
    }
    static ParamShape unpack(std::int64_t packed) {
        return {static_cast<std::uint32_t>(packed & 0xFFFFFFFF), ((packed >> 32) & 1) != 0, ((packed >> 33) & 1) != 0};
    }
};

enum class NK : std::uint8_t {
    // expressions
    name,         // text = identifier
    int_const,    // ival
    float_const,  // fval
    str_const,    // text
    true_const,
    false_const,
    none_const,
    fstring,    // items = parts: str_const or formatted
    formatted,  // a = value, text = conversion ("r", "s", "a" or ""), b = spec (an fstring) or null
    list,
    tuple,    // items
    dict,     // items = keys, items2 = values
    binop,    // text = operator ("+", "//", ...), a, b
    unaryop,  // text = "-", "+", "not", "~"; a
    boolop,   // text = "and" / "or"; items
    compare,  // a = left, items = comparators, names = operators ("<", "in", "not in", "is", ...)
    ifexp,    // a = test, b = body, c = orelse
    call,  // a = function, items = positional (starred allowed), items2 = keyword values, names = keyword names ("" for **mapping)
    attribute,      // a = object, text = attribute
    subscript,      // a = object, b = index (or slice)
    slice,          // a, b, c = lower, upper, step (each may be null)
    await_expr,     // a
    starred,        // a
    listcomp,       // a = element (a dict comprehension's key), b = a dict comprehension's value,
                    // items = generators (comprehension); flag = a generator expression
    comprehension,  // a = target, b = iter, items = conditions
    lambda_expr,    // a = a def_stmt named "<lambda>" whose body returns the lambda's expression
    genexpr,        // a = a def_stmt named "<genexpr>" of one parameter ".0" whose body yields the
                    // values, b = the first iterable (evaluated where the expression stands)
    yield_expr,     // a = the value (only in a generator expression's function); flag = `yield from`
    // statements
    expr_stmt,   // a, b = a module's bare annotation (`x: int`, `d[k]: int`), names = its name (`x`)
    assign,      // items = targets (a = b = value), a = value, b = a module's annotation (`x: T = v`),
                 // names = the annotated name (`x: T = v`)
    augassign,   // text = operator, a = target, b = value
    if_stmt,     // a = test, items = body, items2 = orelse
    while_stmt,  // a = test, items = body, items2 = orelse
    for_stmt,    // a = target, b = iter, items = body, items2 = orelse
    break_stmt,
    continue_stmt,
    pass_stmt,    // names = a bare annotation's name (`x: int`), which it makes local
    return_stmt,  // a (may be null)
    raise_stmt,   // a = exception (may be null), b = cause (may be null)
    global_stmt,  // names; flag = nonlocal
    del_stmt,     // items = targets (names, subscripts, attributes, tuples and lists of them)
    assert_stmt,  // a = test, b = message (may be null)
    try_stmt,     // items = body, handlers, items2 = orelse, items3 = finalbody
    handler,      // a = type (may be null), text = name (may be empty), items = body
    async_with,   // a = context expression, b = target (may be null), items = body, flag = plain `with`
    def_stmt,     // text = name, names = parameters (ParamShape), items2 = defaults (last positional ones),
                  // items3 = keyword-only defaults, names2 = the keyword-only parameters they are of,
                  // items = body, flag = async, ival = ParamShape::pack(), handlers = annotations
                  // (the parameters' in order, then the return's: evaluated at the def, not kept)
    import_stmt,  // names = imported names ("asyncio"), names2 = bound names
    module,       // items = body
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
    Node(NK k, int ln, int cl) : kind(k), line(ln), col(cl) {}
    // Without recursion: a left-deep chain (`1+1+...+1` of 200,000 terms) is as deep as it is long,
    // and destroying it child by child would overflow the stack (Wasm's first).
    ~Node() {
        std::vector<NodePtr> orphans;
        take_children(orphans);
        while (!orphans.empty()) {
            NodePtr n = std::move(orphans.back());
            orphans.pop_back();
            n->take_children(orphans);
        }
    }
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;
    /// Calls f(child) for each child, in no particular order.
    template <class F>
    void for_each_child(F&& f) const {
        for (const NodePtr* p : {&a, &b, &c}) {
            if (*p) f(**p);
        }
        for (const auto* list : {&items, &items2, &items3, &handlers}) {
            for (const auto& child : *list) {
                if (child) f(*child);
            }
        }
    }
    /// Moves the children into `out`, leaving this node without any.
    void take_children(std::vector<NodePtr>& out) {
        for (NodePtr* p : {&a, &b, &c}) {
            if (*p) out.push_back(std::move(*p));
        }
        for (auto* list : {&items, &items2, &items3, &handlers}) {
            for (auto& child : *list) {
                if (child) out.push_back(std::move(child));
            }
            list->clear();
        }
    }
    NK kind;
    int line, col;
    std::string text;
    std::int64_t ival = 0;
    double fval = 0;
    bool flag = false;
    /// The parentheses written around it, a tuple display's or generator expression's own included:
    /// `(a)` 1, `(1, 2)` 1, `((1, 2))` 2, `1, 2` 0. CPython's invalid_named_expression tells a group
    /// from a display by them (`((1, 2)) = 3` "cannot assign to tuple here", `(1, 2) = 3` a literal).
    std::uint8_t parens = 0;
    /// A set display or comprehension, read by the playground only to refuse it (a list or listcomp node).
    bool set_stand_in = false;
    NodePtr a, b, c;
    std::vector<NodePtr> items, items2, items3, handlers;
    std::vector<std::string> names, names2;
};

/// What a def evaluates where it stands, in CPython's order: its defaults (the positional ones, then the
/// keyword-only ones), then its annotations.
template <class F>
void for_each_def_time_expression(const Node& def, F&& f) {
    for (const auto& d : def.items2) f(*d);
    for (const auto& d : def.items3) f(*d);
    for (const auto& a : def.handlers) f(*a);
}

}  // namespace sp::py
