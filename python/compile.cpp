#include "compile.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "builtins.hpp"
#include "errors.hpp"
#include "longobject.hpp"

namespace sp::py {

namespace {

/// What `break`, `continue` and `return` must undo on their way out (compile.c's fblockinfo).
struct FBlock {
    enum class Type {
        loop,
        for_loop,
        try_finally,
        except_handler,
        finally_handler,
        async_with,
        name_cleanup
    } type = Type::loop;
    const std::vector<NodePtr>* finalbody = nullptr;  // try_finally
    const std::string* name = nullptr;                // name_cleanup: the `as` name of an except handler
    const Node* with = nullptr;                       // async_with: the statement, whose line its exit has
    std::vector<std::size_t> breaks;                  // loop: jumps to patch to the loop's end
    std::size_t continue_target = 0;
};

FBlock fblock(FBlock::Type type, const std::vector<NodePtr>* finalbody = nullptr) {
    FBlock b;
    b.type = type;
    b.finalbody = finalbody;
    return b;
}

class Compiler {
public:
    Compiler(GlobalTable& g, Heap& h, std::vector<std::unique_ptr<Code>>& codes, bool internal,
             const SyntaxWarnings& warnings, ReadingDeadline* deadline)
        : globals_(g), heap_(h), codes_(codes), internal_(internal), warnings_(warnings), deadline_(deadline) {}
    std::size_t module(const Node& m);

private:
    std::size_t function(const Node& def);
    /// A SyntaxWarning of the compiler (Python/compile.c), one per occurrence.
    void warn(int line, const std::string& message) {
        if (warnings_) warnings_(line, message);
    }
    void check_is_literal(const Node& compare);
    void check_caller(const Node& call);
    void check_subscript(const Node& subscript);
    // --- emitting
    std::size_t emit(Op op, std::int32_t arg = 0) {
        code_->code.push_back(Instr{op, 0, arg, line_});
        return code_->code.size() - 1;
    }
    std::size_t here() const { return code_->code.size(); }
    void patch(std::size_t at) { code_->code[at].arg = static_cast<std::int32_t>(here()); }
    std::int32_t constant(Value v) {
        code_->consts.push_back(v);
        return static_cast<std::int32_t>(code_->consts.size() - 1);
    }
    // A literal beyond 64 bits (Parser::big_number): its big int, made once, at compile time.
    std::int32_t big_constant(const Node& e) {
        BigInt v;
        BigInt::parse(e.text, static_cast<int>(e.ival), v);
        return constant(Value::object(heap_.make<LongObj>(std::move(v))));
    }
    // Equal string constants are one object, as CPython's interned constants (`'' is ''` is True).
    std::int32_t str_constant(const std::string& s) {
        auto it = interned_.find(s);
        if (it == interned_.end()) it = interned_.emplace(s, Value::object(heap_.make<StrObj>(s))).first;
        return constant(it->second);
    }
    std::int32_t name_index(const std::string& s) {
        code_->names.push_back(s);
        return static_cast<std::int32_t>(code_->names.size() - 1);
    }
    std::int32_t local_slot(const std::string& name);
    void note_varname(const std::string& name);  // Code::varnames, in the order CPython's are made
    void at(const Node& n) { line_ = n.line; }
    /// The implicit `return None` at a body's end: artificial (Instr::line 0), so the frame ends at
    /// the line it ran last, as CPython's duplicated exit blocks do.
    void artificial_return() {
        line_ = 0;
        emit(Op::load_const, constant(Value::none()));
        emit(Op::return_value);
    }
    /// Puts line_ back as it was when made, on every way out of a scope.
    struct LineRestorer {
        explicit LineRestorer(std::int32_t& l) : line(l), saved(l) {}
        LineRestorer(const LineRestorer&) = delete;
        LineRestorer& operator=(const LineRestorer&) = delete;
        ~LineRestorer() { line = saved; }
        std::int32_t& line;
        const std::int32_t saved;
    };
    /// obj.name: at the name's line (update_start_location_to_match_attr), where a traceback points.
    void at_attribute(const Node& n) { line_ = n.ival > 0 ? static_cast<int>(n.ival) : n.line; }

    // --- scopes
    /// What symtable.c knows of a scope when it meets a `global` or `nonlocal` statement: the names
    /// used so far (USE) and the parameters (DEF_PARAM), for its SyntaxErrors in its order.
    struct Declarations {
        std::set<std::string> used;
        const std::vector<std::string>* params = nullptr;
        // symtable's DEF_IMPORT, which a later `global` allows (unlike DEF_LOCAL): bound once the
        // walk is over (bind_imports); and DEF_ANNOT, which neither allows
        std::set<std::string> imported, annotated;
        void bind_imports(std::set<std::string>& assigned) const { assigned.insert(imported.begin(), imported.end()); }
    };
    void collect_locals(const std::vector<NodePtr>& body, std::set<std::string>& assigned,
                        std::set<std::string>& declared, Declarations* seen = nullptr);
    void collect_target(const Node& t, std::set<std::string>& assigned);
    void annotated_name(const Node& s, const std::set<std::string>& declared, Declarations* seen);
    struct Place {
        enum Where { fast, deref, global } where;
        std::int32_t slot;
    };
    Place resolve(const std::string& name, bool store);
    void load_name(const std::string& name);
    void store_name(const std::string& name);
    void augmented_name(const std::string& name, const Node& value, BinOp op);
    // --- closures (CPython's symtable, for what the subset has: nested def, nonlocal)
    struct Scope {
        std::set<std::string> bound;     // parameters and assigned names
        std::set<std::string> declared;  // `global` names
    };
    void used_names(const Node& n, std::set<std::string>& used);
    std::set<std::string> free_names(const Node& def);
    bool bound_in_enclosing(const std::string& name) const;
    void closure_slots(const Node& def, const Scope& scope,
                       const std::map<std::string, std::pair<int, int>>& nonlocals);
    [[gnu::noinline]] void make_function(const Node& def);
    void annotation(const Node& e);

    // --- statements
    void body(const std::vector<NodePtr>& stmts);
    void statement(const Node& s);
    void assign_target(const Node& t);
    void delete_target(const Node& t);
    void if_stmt(const Node& s);
    void while_stmt(const Node& s);
    void loop_body(const Node& s, FBlock::Type type, std::size_t top, std::size_t exit);
    void for_stmt(const Node& s);
    void try_stmt(const Node& s);
    void try_except(const Node& s);
    void async_with(const Node& s);
    void jump_out(const Node& s);
    void unwind(const FBlock& b);
    void return_stmt(const Node& s);
    void raise_stmt(const Node& s);
    void import_stmt(const Node& s);

    // --- expressions
    void expr(const Node& e);
    [[gnu::noinline]] void expr_other(const Node& e);
    [[gnu::noinline]] void call(const Node& e);
    void call_ex(const Node& e);
    [[gnu::noinline]] void fstring(const Node& e);
    void format_spec(const Node& spec);
    [[gnu::noinline]] void compare(const Node& e);
    [[gnu::noinline]] void boolop(const Node& e);
    [[gnu::noinline]] void listcomp(const Node& e);
    void unbind(const std::string& name);
    void comprehension_level(const Node& comp, std::size_t level, std::int32_t depth);
    [[gnu::noinline]] void sequence(const Node& e, Op build);
    void binop(const Node& e);

    GlobalTable& globals_;
    Heap& heap_;
    std::vector<std::unique_ptr<Code>>& codes_;
    bool internal_;
    const SyntaxWarnings& warnings_;
    ReadingDeadline* deadline_;  // the host's time cap, if any
    Code* code_ = nullptr;
    bool function_scope_ = false;
    std::set<std::string> declared_global_;
    std::vector<std::unordered_map<std::string, int>> comp_scopes_;  // innermost last
    std::vector<bool> comp_generators_;  // per comprehension being compiled: a generator expression?
    // per comprehension being compiled: its names a lambda in it uses (each a cell, made fresh when
    // the comprehension starts, as CPython's comprehension scope has one), by name their slot
    std::vector<std::map<std::string, int>> comp_cells_;
    std::vector<std::size_t> comprehension_index_;  // per comprehension being compiled: its Code::comprehensions
    std::vector<Scope> enclosing_;                  // enclosing function scopes, innermost last
    std::set<std::string> deref_;                   // the current function's names held in cells (captured or free)
    std::set<std::string> comp_captured_;           // the current function's locals its comprehensions use
    std::map<std::string, std::pair<int, int>> nonlocals_;   // `nonlocal` names collect_locals found, with line, col
    std::map<std::string, std::pair<int, int>> globals_at_;  // ... and `global` names, at their first directive
    std::vector<FBlock> fblocks_;
    // The blocks CPython's compiler would have open here (its u_nfblocks: loops, try bodies and
    // handlers, with bodies), counted its way, which fblocks_ does not quite follow.
    int static_blocks_ = 0;
    void enter_block(const Node& at);
    void leave_block() { --static_blocks_; }
    std::int32_t line_ = 0;
    int hidden_ = 0;
    std::unordered_map<std::string, Value> interned_;
};

std::int32_t Compiler::local_slot(const std::string& name) {
    for (std::size_t i = 0; i < code_->locals.size(); ++i) {
        if (code_->locals[i] == name) return static_cast<std::int32_t>(i);
    }
    code_->locals.push_back(name);
    return static_cast<std::int32_t>(code_->locals.size() - 1);
}

void Compiler::note_varname(const std::string& name) {
    auto& names = code_->varnames;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

std::size_t Compiler::module(const Node& m) {
    codes_.push_back(std::make_unique<Code>());
    const std::size_t index = codes_.size() - 1;
    code_ = codes_.back().get();
    code_->name = "<module>";
    code_->internal = internal_;
    {
        // The module is a scope too: `global x` after a use or an assignment of x is symtable's error.
        std::set<std::string> assigned, declared;
        Declarations seen;
        auto outer_nonlocals = std::move(nonlocals_);
        collect_locals(m.items, assigned, declared, &seen);
        nonlocals_ = std::move(outer_nonlocals);
    }
    body(m.items);
    artificial_return();
    return index;
}

std::size_t Compiler::function(const Node& def) {
    Code* outer = code_;
    const bool outer_scope = function_scope_;
    auto outer_globals = std::move(declared_global_);
    auto outer_fblocks = std::move(fblocks_);
    const int outer_static_blocks = std::exchange(static_blocks_, 0);
    // A lambda in a comprehension: the comprehension's names are not the lambda's own.
    auto outer_comp_scopes = std::move(comp_scopes_);
    auto outer_comp_cells = std::move(comp_cells_);
    auto outer_comp_generators = std::move(comp_generators_);
    comp_scopes_.clear(), comp_cells_.clear(), comp_generators_.clear();
    if (def.text == "<genexpr>") comp_generators_.push_back(true);  // no await in it (an async generator)
    codes_.push_back(std::make_unique<Code>());
    const std::size_t index = codes_.size() - 1;
    code_ = codes_.back().get();
    code_->name = def.text;
    code_->qualname = outer->name == "<module>" ? def.text : outer->qualname + ".<locals>." + def.text;
    code_->is_async = def.flag;
    code_->is_generator = def.text == "<genexpr>";
    code_->internal = internal_;
    code_->first_line = def.line;
    const ParamShape shape = ParamShape::unpack(def.ival);
    code_->nkwonly = shape.keyword_only;
    code_->varargs = shape.varargs;
    code_->varkw = shape.varkw;
    code_->nparams = def.names.size() - code_->nkwonly - (shape.varargs ? 1 : 0) - (shape.varkw ? 1 : 0);
    for (const auto& name : def.names2) {
        const auto kwonly =
            std::find(def.names.begin() + static_cast<std::ptrdiff_t>(code_->nparams), def.names.end(), name);
        code_->kwonly_defaulted.push_back(static_cast<std::uint32_t>(kwonly - def.names.begin()) - code_->nparams);
    }
    function_scope_ = true;
    std::set<std::string> assigned;
    declared_global_.clear();
    nonlocals_.clear();
    globals_at_.clear();
    Declarations seen;
    seen.params = &def.names;
    collect_locals(def.items, assigned, declared_global_, &seen);
    seen.bind_imports(assigned);
    const auto nonlocals = std::move(nonlocals_);
    for (const auto& [n, at] : nonlocals) {
        assigned.erase(n);  // a nonlocal name is the enclosing function's variable, not a local
        if (std::count(def.names.begin(), def.names.end(), n))
            syntax_error("name '" + n + "' is parameter and nonlocal", at.first, at.second);
        // symtable.c analyze_name: said at the name's first directive (error_at_directive).
        if (const auto global = globals_at_.find(n); global != globals_at_.end()) {
            const auto first = std::min(at, global->second);
            syntax_error("name '" + n + "' is nonlocal and global", first.first, first.second);
        }
        if (!bound_in_enclosing(n)) syntax_error("no binding for nonlocal '" + n + "' found", at.first, at.second);
    }
    for (const auto& p : def.names) {
        if (declared_global_.count(p)) syntax_error("name '" + p + "' is parameter and global", def.line, def.col);
        local_slot(p);
        note_varname(p);
    }
    for (const auto& n : assigned) {
        if (!declared_global_.count(n)) local_slot(n);
    }
    Scope scope{{def.names.begin(), def.names.end()}, declared_global_};
    for (const auto& n : assigned) {
        if (!declared_global_.count(n)) scope.bound.insert(n);
    }
    auto outer_deref = std::move(deref_);
    auto outer_comp_captured = std::exchange(comp_captured_, {});
    closure_slots(def, scope, nonlocals);
    code_->return_slot = local_slot("<return>");
    enclosing_.push_back(std::move(scope));
    body(def.items);
    enclosing_.pop_back();
    artificial_return();
    // A cell is no variable of co_varnames, but for a parameter (a comprehension's use made it one).
    std::erase_if(code_->varnames, [&](const std::string& n) {
        return comp_captured_.count(n) && !std::count(def.names.begin(), def.names.end(), n);
    });
    comp_captured_ = std::move(outer_comp_captured);
    code_ = outer;
    function_scope_ = outer_scope;
    declared_global_ = std::move(outer_globals);
    fblocks_ = std::move(outer_fblocks);
    static_blocks_ = outer_static_blocks;
    deref_ = std::move(outer_deref);
    comp_scopes_ = std::move(outer_comp_scopes);
    comp_cells_ = std::move(outer_comp_cells);
    comp_generators_ = std::move(outer_comp_generators);
    return index;
}

// --- closures ------------------------------------------------------------------------------------

/// Every name `n` reads or binds, and the free names of the functions defined in it (their bodies
/// are their own scopes; their defaults are evaluated here).
void Compiler::used_names(const Node& n, std::set<std::string>& used) {
    if (n.kind == NK::def_stmt) {
        for_each_def_time_expression(n, [&](const Node& d) { used_names(d, used); });
        for (const auto& name : free_names(n)) used.insert(name);
        return;
    }
    if (n.kind == NK::name) used.insert(n.text);
    for (const Node* child : {n.a.get(), n.b.get(), n.c.get()}) {
        if (child != nullptr) used_names(*child, used);
    }
    for (const auto* list : {&n.items, &n.items2, &n.items3, &n.handlers}) {
        for (const auto& child : *list) used_names(*child, used);
    }
}

/// The names a function uses without binding them: its globals and its free variables.
std::set<std::string> Compiler::free_names(const Node& def) {
    std::set<std::string> assigned, declared, used, out;
    auto outer_nonlocals = std::move(nonlocals_);
    nonlocals_.clear();
    collect_locals(def.items, assigned, declared);
    for (const auto& entry : nonlocals_) assigned.erase(entry.first), out.insert(entry.first);
    nonlocals_ = std::move(outer_nonlocals);
    for (const auto& s : def.items) used_names(*s, used);
    for (const auto& name : used) {
        const bool bound = assigned.count(name) || std::count(def.names.begin(), def.names.end(), name);
        if (!bound && !declared.count(name)) out.insert(name);
    }
    return out;
}

/// Whether the nearest enclosing function scope that knows `name` binds it (a `global` there makes
/// it global here too, as in CPython).
bool Compiler::bound_in_enclosing(const std::string& name) const {
    for (auto it = enclosing_.rbegin(); it != enclosing_.rend(); ++it) {
        if (it->declared.count(name)) return false;
        if (it->bound.count(name)) return true;
    }
    return false;
}

/// The function's cells: its free variables (bound in an enclosing function) and its own variables
/// that the functions nested in it use.
void Compiler::closure_slots(const Node& def, const Scope& scope,
                             const std::map<std::string, std::pair<int, int>>& nonlocals) {
    std::set<std::string> used, inner;
    for (const auto& s : def.items) used_names(*s, used);
    for (const auto& entry : nonlocals) used.insert(entry.first);  // free even if only assigned
    for (const auto& name : used) {
        if (scope.bound.count(name) || scope.declared.count(name) || !bound_in_enclosing(name)) continue;
        code_->free_slots.push_back(local_slot(name));
        deref_.insert(name);
    }
    // The functions defined in it (by def, or by lambda anywhere in an expression) and what they use.
    std::function<void(const Node&)> nested = [&](const Node& n) {
        if (n.kind == NK::def_stmt) {
            for_each_def_time_expression(n, nested);  // defaults are evaluated here
            for (const auto& name : free_names(n)) inner.insert(name);
            return;
        }
        n.for_each_child(nested);
    };
    for (const auto& s : def.items) nested(*s);
    for (const auto& name : inner) {
        if (!scope.bound.count(name)) continue;
        code_->cell_slots.push_back(local_slot(name));
        deref_.insert(name);
    }
}

/// An annotation, evaluated for what it raises and dropped (the playground keeps no __annotations__):
/// the names in it, in CPython's order, but not the generic aliases and unions they make (`list[int]`,
/// `int | None`), which the playground has no objects for and which only a type checker reads. So
/// `q: Queue` without Queue is CPython's NameError, and `-> list[int]` runs. CPython's built-ins that
/// the playground leaves out (`set`, `bytes`) and attributes (`asyncio.Queue`) are not read: in an
/// annotation they are no use of them, and CPython has them.
void Compiler::annotation(const Node& e) {
    switch (e.kind) {
        case NK::name:
            if (python_has("builtins", e.text)) return;
            break;
        case NK::attribute: return annotation(*e.a);
        case NK::binop:
            if (e.text != "|") break;
            annotation(*e.a);
            return annotation(*e.b);
        case NK::subscript: annotation(*e.a); return annotation(*e.b);
        case NK::tuple:
        case NK::list:  // Callable[[int], str]'s list
            for (const auto& item : e.items) annotation(*item);
            return;
        case NK::str_const:  // a forward reference: text, not evaluated
        case NK::int_const:
        case NK::float_const:
        case NK::none_const:
        case NK::true_const:
        case NK::false_const: return;
        default: break;
    }
    expr(e);
    emit(Op::pop_top);
}

/// `def`: defaults, then keyword-only defaults (if any), then the annotations (evaluated for what
/// they raise, then dropped: the playground has no __annotations__), then the closure's cells (when
/// the function has free variables), then the function.
void Compiler::make_function(const Node& def) {
    for (const auto& d : def.items2) expr(*d);
    emit(Op::build_tuple, static_cast<std::int32_t>(def.items2.size()));
    if (!def.items3.empty()) {
        for (const auto& d : def.items3) expr(*d);
        emit(Op::build_tuple, static_cast<std::int32_t>(def.items3.size()));
    }
    for (const auto& a : def.handlers) annotation(*a);
    at(def);
    const std::size_t index = function(def);
    const Code& inner = *codes_[index];
    if (!inner.free_slots.empty()) {
        for (const std::int32_t slot : inner.free_slots) {
            const std::string& name = inner.locals[static_cast<std::size_t>(slot)];
            const Place p = resolve(name, false);  // a comprehension's cell, or the function's
            emit(Op::load_closure, p.where == Place::deref ? p.slot : local_slot(name));
        }
        emit(Op::build_tuple, static_cast<std::int32_t>(inner.free_slots.size()));
    }
    emit(Op::make_function, static_cast<std::int32_t>(index));
}

// --- scopes --------------------------------------------------------------------------------------

void Compiler::collect_target(const Node& t, std::set<std::string>& assigned) {
    if (t.kind == NK::name) assigned.insert(t.text);
    if (t.kind == NK::starred) collect_target(*t.a, assigned);
    if (t.kind == NK::tuple || t.kind == NK::list) {
        for (const auto& item : t.items) collect_target(*item, assigned);
    }
}

namespace {

/// The names an expression loads in the scope it is in: not past a comprehension's first iterable
/// (the rest is the comprehension's own scope).
void scope_uses(const Node& e, std::set<std::string>& used) {
    if (e.kind == NK::name) {
        used.insert(e.text);
        return;
    }
    if (e.kind == NK::listcomp) {
        if (!e.items.empty() && e.items[0]->b) scope_uses(*e.items[0]->b, used);
        return;
    }
    if (e.kind == NK::lambda_expr) {  // its body is its own scope; its defaults are evaluated here
        for_each_def_time_expression(*e.a, [&](const Node& d) { scope_uses(d, used); });
        return;
    }
    if (e.kind == NK::genexpr) {  // so is a generator expression's, but for its first iterable
        scope_uses(*e.b, used);
        return;
    }
    e.for_each_child([&](const Node& child) { scope_uses(child, used); });
}

/// An assignment target binds its names; the object and index of `x[i] = ...` or `x.a = ...` are uses.
void target_uses(const Node& t, std::set<std::string>& used) {
    if (t.kind == NK::name) return;
    if (t.kind == NK::tuple || t.kind == NK::list) {
        for (const auto& item : t.items) target_uses(*item, used);
        return;
    }
    if (t.kind == NK::starred && t.a) return target_uses(*t.a, used);
    scope_uses(t, used);
}

/// symtable's USE flags of a statement's own expressions (not of the statements it holds).
void statement_uses(const Node& s, std::set<std::string>& used) {
    switch (s.kind) {
        case NK::assign:
            for (const auto& t : s.items) target_uses(*t, used);
            if (s.a) scope_uses(*s.a, used);
            return;
        case NK::augassign:
            target_uses(*s.a, used);
            scope_uses(*s.b, used);
            return;
        case NK::for_stmt:
            target_uses(*s.a, used);
            scope_uses(*s.b, used);
            return;
        case NK::async_with:
            scope_uses(*s.a, used);
            if (s.b) target_uses(*s.b, used);
            return;
        case NK::def_stmt: for_each_def_time_expression(s, [&](const Node& d) { scope_uses(d, used); }); return;
        case NK::expr_stmt:
        case NK::return_stmt:
        case NK::raise_stmt:
        case NK::assert_stmt:
        case NK::if_stmt:
        case NK::while_stmt:
            for (const Node* child : {s.a.get(), s.b.get()}) {
                if (child != nullptr) scope_uses(*child, used);
            }
            return;
        default: return;
    }
}

}  // namespace

void Compiler::collect_locals(const std::vector<NodePtr>& stmts, std::set<std::string>& assigned,
                              std::set<std::string>& declared, Declarations* seen) {
    for (const auto& sp : stmts) {
        const Node& s = *sp;
        if (seen != nullptr) statement_uses(s, seen->used);
        if (s.kind == NK::def_stmt) {  // binds its name here; its body is a scope of its own
            assigned.insert(s.text);
            continue;
        }
        const bool annotation = s.kind == NK::assign || s.kind == NK::pass_stmt || s.kind == NK::expr_stmt;
        if (annotation && !s.names.empty()) annotated_name(s, declared, seen);
        switch (s.kind) {
            case NK::assign:
                for (const auto& t : s.items) collect_target(*t, assigned);
                break;
            case NK::augassign: collect_target(*s.a, assigned); break;
            case NK::pass_stmt:  // `x: int` binds nothing, but makes x the function's own (symtable: DEF_LOCAL)
                for (const auto& n : s.names) assigned.insert(n);
                break;
            case NK::del_stmt: collect_target(*s.items[0], assigned); break;  // symtable: DEF_LOCAL
            case NK::for_stmt: collect_target(*s.a, assigned); break;
            case NK::async_with:
                if (s.b) collect_target(*s.b, assigned);
                break;
            case NK::import_stmt:
                for (const auto& n : s.names2) (seen != nullptr ? seen->imported : assigned).insert(n);
                break;
            case NK::global_stmt:
                for (const auto& n : s.names) {
                    const char* what = s.flag ? "nonlocal" : "global";
                    // symtable_visit_stmt: a parameter first, then a use, then an assignment before
                    // the declaration, each said at the declaration.
                    if (seen != nullptr && seen->params != nullptr &&
                        std::count(seen->params->begin(), seen->params->end(), n))
                        syntax_error("name '" + n + "' is parameter and " + what, s.line, s.col);
                    if (seen != nullptr && seen->used.count(n))
                        syntax_error("name '" + n + "' is used prior to " + what + " declaration", s.line, s.col);
                    if (seen != nullptr && seen->annotated.count(n))
                        syntax_error("annotated name '" + n + "' can't be " + what, s.line, s.col);
                    if (assigned.count(n))
                        syntax_error("name '" + n + "' is assigned to before " + what + " declaration", s.line, s.col);
                    if (s.flag) {
                        nonlocals_.emplace(n, std::pair{s.line, s.col});
                    } else {
                        declared.insert(n);
                        globals_at_.emplace(n, std::pair{s.line, s.col});
                    }
                }
                break;
            case NK::try_stmt:
                // in symtable's order: the body, the handlers, the else, the finally
                collect_locals(s.items, assigned, declared, seen);
                for (const auto& h : s.handlers) {
                    if (seen != nullptr && h->a) scope_uses(*h->a, seen->used);
                    if (!h->text.empty()) assigned.insert(h->text);
                    collect_locals(h->items, assigned, declared, seen);
                }
                collect_locals(s.items2, assigned, declared, seen);
                collect_locals(s.items3, assigned, declared, seen);
                continue;
            default: break;
        }
        collect_locals(s.items, assigned, declared, seen);
        collect_locals(s.items2, assigned, declared, seen);
    }
}

/// A simple annotated name (`x: int`, `x: int = 1`, in names): symtable's "annotated name 'x' can't
/// be global" when a `global` (or `nonlocal`) came before, in a function.
void Compiler::annotated_name(const Node& s, const std::set<std::string>& declared, Declarations* seen) {
    const std::string& n = s.names[0];
    if (seen != nullptr) seen->annotated.insert(n);
    if (!function_scope_) return;
    if (declared.count(n)) syntax_error("annotated name '" + n + "' can't be global", s.line, s.col);
    if (nonlocals_.count(n)) syntax_error("annotated name '" + n + "' can't be nonlocal", s.line, s.col);
}

/// Where `name` lives in the code being compiled: a comprehension's or the function's own slot, a
/// cell (captured by a nested function, or free), or the module's globals. A store makes the
/// function's slot when there is none yet; a load of an unknown name is a global (or a builtin).
Compiler::Place Compiler::resolve(const std::string& name, bool store) {
    for (std::size_t k = comp_scopes_.size(); k-- > 0;) {
        auto found = comp_scopes_[k].find(name);
        if (found == comp_scopes_[k].end()) continue;
        return {comp_cells_[k].count(name) ? Place::deref : Place::fast, found->second};
    }
    if (function_scope_ && deref_.count(name)) return {Place::deref, local_slot(name)};
    if (function_scope_ && !declared_global_.count(name)) {
        if (store) {
            note_varname(name);
            return {Place::fast, local_slot(name)};
        }
        for (std::size_t i = 0; i < code_->locals.size(); ++i) {
            if (code_->locals[i] != name) continue;
            // Used in a comprehension, CPython's own frame: a cell of the function there.
            if (comp_scopes_.empty())
                note_varname(name);
            else
                comp_captured_.insert(name);
            return {Place::fast, static_cast<std::int32_t>(i)};
        }
    }
    return {Place::global, globals_.slot(name)};
}

void Compiler::load_name(const std::string& name) {
    const Place p = resolve(name, false);
    emit(p.where == Place::fast ? Op::load_fast : p.where == Place::deref ? Op::load_deref : Op::load_global, p.slot);
}

void Compiler::store_name(const std::string& name) {
    const Place p = resolve(name, true);
    emit(p.where == Place::fast    ? Op::store_fast
         : p.where == Place::deref ? Op::store_deref
                                   : Op::store_global,
         p.slot);
}

/// `name op= value`. For `+=` on a local or a global, a str that only the variable holds grows in
/// place, as CPython's unicode_concatenate does: a loop building a str is linear, not quadratic.
void Compiler::augmented_name(const std::string& name, const Node& value, BinOp op) {
    const Place load = resolve(name, false);
    const bool fast = load.where == Place::fast;
    if (op != BinOp::add || load.where == Place::deref) {
        load_name(name);
        expr(value);
        emit(Op::inplace, static_cast<std::int32_t>(op));
        store_name(name);
        return;
    }
    emit(fast ? Op::load_fast_to_extend : Op::load_global_to_extend, load.slot);
    expr(value);
    const Place store = resolve(name, true);
    if (store.where == load.where && store.slot == load.slot) {
        emit(fast ? Op::inplace_add_fast : Op::inplace_add_global, store.slot);
        return;
    }
    emit(Op::inplace, static_cast<std::int32_t>(op));  // the load's variable is not the store's
    store_name(name);
}

// --- statements ---------------------------------------------------------------------------------

void Compiler::body(const std::vector<NodePtr>& stmts) {
    for (const auto& s : stmts) statement(*s);
}

void Compiler::statement(const Node& s) {
    tick(deadline_);
    at(s);
    switch (s.kind) {
        case NK::expr_stmt:
            expr(*s.a);
            // 1: a call's result dropped at once, or a list of calls' (a coroutine there was never
            // awaited: a warning)
            emit(
                Op::pop_top,
                s.a->kind == NK::call || (s.a->kind == NK::listcomp && !s.a->flag && s.a->a->kind == NK::call) ? 1 : 0);
            if (s.b) annotation(*s.b);  // a module's bare `x: T`
            return;
        case NK::assign:
            expr(*s.a);
            for (std::size_t i = 0; i < s.items.size(); ++i) {
                if (i + 1 < s.items.size()) emit(Op::dup_top);
                assign_target(*s.items[i]);
            }
            if (s.b) annotation(*s.b);  // a module's `x: T = v`: T after the store (for __annotations__)
            return;
        case NK::augassign: {
            static const char* const ops[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
            static const BinOp codes[] = {BinOp::add,      BinOp::sub,  BinOp::mul, BinOp::truediv,
                                          BinOp::floordiv, BinOp::mod,  BinOp::pow, BinOp::lshift,
                                          BinOp::rshift,   BinOp::and_, BinOp::or_, BinOp::xor_};
            std::int32_t op = 0;
            for (int i = 0; i < 12; ++i) {
                if (s.text == ops[i]) op = static_cast<std::int32_t>(codes[i]);
            }
            if (s.a->kind == NK::name) {
                augmented_name(s.a->text, *s.b, static_cast<BinOp>(op));
            } else {  // obj[i] += v: obj and i evaluated once, as in Python
                expr(*s.a->a);
                expr(*s.a->b);
                at(*s.a);  // reading obj[i] is the subscript's line, not its index's
                emit(Op::dup_top_two);
                emit(Op::subscr);
                expr(*s.b);
                at(s);  // compiler_augassign: the operation is the statement's line, the store the target's
                emit(Op::inplace, op);
                at(*s.a);
                emit(Op::rot_three);
                emit(Op::store_subscr);
            }
            return;
        }
        case NK::if_stmt: return if_stmt(s);
        case NK::while_stmt: return while_stmt(s);
        case NK::for_stmt: return for_stmt(s);
        case NK::break_stmt:
        case NK::continue_stmt: return jump_out(s);
        // CPython's NOP, kept while it is its line's only instruction: the frame is at the `pass` line
        // (`async def f(): pass` ends there, not at its `def`).
        case NK::pass_stmt: emit(Op::nop); return;
        case NK::return_stmt: return return_stmt(s);
        case NK::raise_stmt: return raise_stmt(s);
        case NK::global_stmt: return;
        case NK::assert_stmt: {
            if (s.a->kind == NK::tuple && !s.a->items.empty())
                warn(s.line, "assertion is always true, perhaps remove parentheses?");
            expr(*s.a);
            const std::size_t ok = emit(Op::pop_jump_if_true);
            if (s.b) {
                expr(*s.b);
            } else {
                emit(Op::load_const, constant(Value::none()));
            }
            emit(Op::assert_fail);
            patch(ok);
            return;
        }
        case NK::try_stmt: return try_stmt(s);
        case NK::async_with: return async_with(s);
        case NK::def_stmt:
            make_function(s);
            store_name(s.text);
            return;
        case NK::import_stmt: return import_stmt(s);
        case NK::del_stmt: return delete_target(*s.items[0]);
        default: unsupported("this statement", s.line, s.col);
    }
}

void Compiler::assign_target(const Node& t) {
    at(t);
    switch (t.kind) {
        case NK::name: return store_name(t.text);
        case NK::subscript:
            expr(*t.a);
            expr(*t.b);
            emit(Op::store_subscr);
            return;
        case NK::tuple:
        case NK::list: {
            // unpack_helper: at most one starred target, which takes a list of what the others leave
            std::size_t star = t.items.size();
            for (std::size_t i = 0; i < t.items.size(); ++i) {
                if (t.items[i]->kind != NK::starred) continue;
                if (star != t.items.size()) syntax_error("multiple starred expressions in assignment", t.line, t.col);
                star = i;
            }
            if (star == t.items.size()) {
                emit(Op::unpack, static_cast<std::int32_t>(t.items.size()));
            } else {
                if (star > 0xFF || t.items.size() - star - 1 > 0xFFFF)
                    syntax_error("too many expressions in star-unpacking assignment", t.line, t.col);
                emit(Op::unpack_ex, static_cast<std::int32_t>(star | ((t.items.size() - star - 1) << 8)));
            }
            for (const auto& item : t.items) assign_target(item->kind == NK::starred ? *item->a : *item);
            return;
        }
        case NK::starred: syntax_error("starred assignment target must be in a list or tuple", t.line, t.col);
        default: unsupported("this assignment target", t.line, t.col);
    }
}

void Compiler::delete_target(const Node& t) {
    at(t);
    switch (t.kind) {
        case NK::name: {
            const Place p = resolve(t.text, true);
            if (p.where == Place::deref) unsupported("`del` of a variable a nested function uses", t.line, t.col);
            emit(p.where == Place::fast ? Op::delete_fast : Op::delete_global, p.slot);
            return;
        }
        case NK::subscript:
            expr(*t.a);
            expr(*t.b);
            emit(Op::delete_subscr);
            return;
        case NK::tuple:
        case NK::list:
            for (const auto& item : t.items) delete_target(*item);
            return;
        default: unsupported("deleting attributes", t.line, t.col);
    }
}

void Compiler::import_stmt(const Node& s) {
    for (std::size_t i = 0; i < s.names.size(); ++i) {
        emit(Op::import_name, name_index(s.names[i]));
        store_name(s.names2[i]);
    }
}

void Compiler::if_stmt(const Node& first) {
    // An elif chain (an if alone in the else of the one before) by this loop, not by recursion: a
    // chain may be thousands long. Every clause that ran jumps to the end of the whole chain.
    std::vector<std::size_t> to_end;
    for (const Node* s = &first;;) {
        at(*s);
        expr(*s->a);
        const std::size_t to_else = emit(Op::pop_jump_if_false);
        body(s->items);
        if (s->items2.empty()) {
            patch(to_else);
            break;
        }
        to_end.push_back(emit(Op::jump));
        patch(to_else);
        if (s->items2.size() == 1 && s->items2[0]->kind == NK::if_stmt) {
            s = s->items2[0].get();
            continue;
        }
        body(s->items2);
        break;
    }
    for (const std::size_t jump : to_end) patch(jump);
}

// compiler_push_fblock: CPython's code objects had room for 20 blocks (CO_MAXBLOCKS), and 3.11's
// compiler still refuses a 21st, where it is pushed.
void Compiler::enter_block(const Node& at) {
    constexpr int co_maxblocks = 20;
    if (static_blocks_ >= co_maxblocks) syntax_error("too many statically nested blocks", at.line, at.col);
    ++static_blocks_;
}

void Compiler::while_stmt(const Node& s) {
    const std::size_t top = here();
    expr(*s.a);
    loop_body(s, FBlock::Type::loop, top, emit(Op::pop_jump_if_false));
}

void Compiler::for_stmt(const Node& s) {
    expr(*s.b);
    emit(Op::get_iter);
    const std::size_t top = here();
    const std::size_t exit = emit(Op::for_iter);
    assign_target(*s.a);
    loop_body(s, FBlock::Type::for_loop, top, exit);
}

/// What a while and a for loop share once their test is emitted: the body, whose `continue` goes back
/// to `top`, the jump back, then from `exit` (the test failing) the `else:` block, which a `break` skips.
void Compiler::loop_body(const Node& s, FBlock::Type type, std::size_t top, std::size_t exit) {
    fblocks_.push_back(fblock(type));
    fblocks_.back().continue_target = top;
    enter_block(s);
    body(s.items);
    leave_block();
    emit(Op::jump, static_cast<std::int32_t>(top));
    FBlock loop = std::move(fblocks_.back());
    fblocks_.pop_back();
    patch(exit);
    body(s.items2);  // `else:` runs when the loop ends without break
    for (std::size_t b : loop.breaks) patch(b);
}

// Undo one enclosing block on the way out of it (compile_unwind_fblock).
void Compiler::unwind(const FBlock& b) {
    switch (b.type) {
        case FBlock::Type::loop: return;
        case FBlock::Type::for_loop:
            // The iterator, on a return too (CPython's SWAP 2; POP_TOP under the returned value, parked
            // here in return_slot): an enclosing async with's exit finds its manager on top again.
            emit(Op::pop_top);
            return;
        case FBlock::Type::try_finally: {
            emit(Op::pop_block);
            // The finally body runs outside its own block (a break in it must not run it again).
            body(*b.finalbody);
            return;
        }
        case FBlock::Type::except_handler: emit(Op::pop_except); return;
        case FBlock::Type::finally_handler:
            emit(Op::pop_top);  // the exception being handled
            emit(Op::pop_except);
            return;
        case FBlock::Type::async_with:
            // compile_unwind_fblock: the exit is at the `async with` line (SET_LOC), and what follows
            // it is artificial (UNSET_LOC): a return after it stays at that line.
            at(*b.with);
            emit(Op::pop_block);
            emit(Op::async_exit);
            emit(Op::await_value);
            emit(Op::pop_top);
            return;
        case FBlock::Type::name_cleanup:
            emit(Op::pop_block);
            unbind(*b.name);
            return;
    }
}

// `del name` of an except handler's `as` name: the unbound marker, so a later use of the name is
// NameError (UnboundLocalError in a function) as in CPython.
void Compiler::unbind(const std::string& name) {
    emit(Op::load_const, constant(Value::object(unbound_marker())));
    store_name(name);
}

void Compiler::jump_out(const Node& s) {
    const bool is_break = s.kind == NK::break_stmt;
    // Unwind every block inside the innermost loop, running finally code on the way.
    std::vector<FBlock> saved;
    while (!fblocks_.empty() && fblocks_.back().type != FBlock::Type::loop &&
           fblocks_.back().type != FBlock::Type::for_loop) {
        FBlock b = std::move(fblocks_.back());
        fblocks_.pop_back();
        unwind(b);
        saved.push_back(std::move(b));
    }
    if (fblocks_.empty())
        syntax_error(is_break ? "'break' outside loop" : "'continue' not properly in loop", s.line, s.col);
    FBlock& loop = fblocks_.back();
    at(s);
    if (is_break) {
        unwind(loop);
        loop.breaks.push_back(emit(Op::jump));
    } else {
        emit(Op::jump, static_cast<std::int32_t>(loop.continue_target));
    }
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) fblocks_.push_back(std::move(*it));
}

void Compiler::return_stmt(const Node& s) {
    if (s.a) {
        expr(*s.a);
    } else {
        emit(Op::load_const, constant(Value::none()));
    }
    if (fblocks_.empty()) {
        emit(Op::return_value);
        return;
    }
    // Park the value while finally code and async-with exits run, then return it.
    emit(Op::store_fast, code_->return_slot);
    std::vector<FBlock> saved;
    while (!fblocks_.empty()) {
        FBlock b = std::move(fblocks_.back());
        fblocks_.pop_back();
        unwind(b);
        saved.push_back(std::move(b));
    }
    // CPython's return after unwinding is artificial: at the line the last exit or finally body left
    // (a task that returns inside `async with sem:` ends at the `async with` line).
    line_ = 0;
    emit(Op::load_fast, code_->return_slot);
    emit(Op::return_value);
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) fblocks_.push_back(std::move(*it));
}

void Compiler::raise_stmt(const Node& s) {
    if (!s.a) {
        emit(Op::raise, 0);
        return;
    }
    expr(*s.a);
    if (s.b) {
        expr(*s.b);
        at(s);  // the raise is the statement's line, not its `from` clause's
        emit(Op::raise, 2);
    } else {
        emit(Op::raise, 1);
    }
}

void Compiler::try_stmt(const Node& s) {
    if (s.items3.empty()) return try_except(s);
    const std::size_t setup = emit(Op::setup_finally);
    fblocks_.push_back(fblock(FBlock::Type::try_finally, &s.items3));
    enter_block(s);  // FINALLY_TRY
    if (s.handlers.empty()) {
        body(s.items);
    } else {
        try_except(s);
    }
    leave_block();
    fblocks_.pop_back();
    emit(Op::pop_block);
    body(s.items3);
    const std::size_t to_end = emit(Op::jump);
    patch(setup);  // the handler: the exception is on the stack
    fblocks_.push_back(fblock(FBlock::Type::finally_handler));
    enter_block(s);  // FINALLY_END
    body(s.items3);
    leave_block();
    fblocks_.pop_back();
    emit(Op::reraise);
    patch(to_end);
}

void Compiler::try_except(const Node& s) {
    const std::size_t setup = emit(Op::setup_finally);
    // While the body runs, a `break` must pop this handler block: model it as a try_finally
    // with an empty finally body.
    static const std::vector<NodePtr> nothing;
    fblocks_.push_back(fblock(FBlock::Type::try_finally, &nothing));
    enter_block(s);  // TRY_EXCEPT
    body(s.items);
    leave_block();
    fblocks_.pop_back();
    emit(Op::pop_block);
    body(s.items2);
    std::vector<std::size_t> to_end{emit(Op::jump)};
    patch(setup);
    enter_block(s);  // EXCEPTION_HANDLER, for all the handlers; each body is in a HANDLER_CLEANUP too
    for (const auto& h : s.handlers) {
        at(*h);
        std::size_t next = 0;
        if (h->a) {
            expr(*h->a);
            emit(Op::check_exc_match);
            next = emit(Op::pop_jump_if_false);
        }
        if (h->text.empty()) {
            emit(Op::pop_top);
            fblocks_.push_back(fblock(FBlock::Type::except_handler));
            enter_block(*h);
            body(h->items);
            leave_block();
            fblocks_.pop_back();
            emit(Op::pop_except);
            to_end.push_back(emit(Op::jump));
        } else {
            // compiler_try_except: `except T as name:` is `try: body finally: name = None; del name`,
            // so the name is gone after the handler, however it is left.
            store_name(h->text);
            const std::size_t cleanup = emit(Op::setup_finally);
            fblocks_.push_back(fblock(FBlock::Type::except_handler));
            FBlock names = fblock(FBlock::Type::name_cleanup);
            names.name = &h->text;
            fblocks_.push_back(std::move(names));
            enter_block(*h);
            body(h->items);
            leave_block();
            fblocks_.pop_back();
            emit(Op::pop_block);
            unbind(h->text);
            fblocks_.pop_back();
            emit(Op::pop_except);
            to_end.push_back(emit(Op::jump));
            patch(cleanup);  // an exception leaving the handler: the name goes, the exception goes on
            fblocks_.push_back(fblock(FBlock::Type::finally_handler));
            unbind(h->text);
            fblocks_.pop_back();
            emit(Op::reraise);
        }
        if (h->a) {
            patch(next);
        } else {
            break;  // a bare except catches everything; later handlers are unreachable
        }
    }
    leave_block();
    if (s.handlers.back()->a) emit(Op::reraise);
    for (std::size_t j : to_end) patch(j);
}

void Compiler::async_with(const Node& s) {
    expr(*s.a);
    at(s);
    if (s.flag) {  // `with`: refused when it runs; the body is compiled for its names, never reached
        emit(Op::before_with);
        enter_block(s);  // WITH
        body(s.items);
        leave_block();
        return;
    }
    emit(Op::before_async_with);
    emit(Op::await_value);
    const std::size_t setup = emit(Op::setup_async_with);
    if (s.b) {
        assign_target(*s.b);
    } else {
        emit(Op::pop_top);
    }
    fblocks_.push_back(fblock(FBlock::Type::async_with));
    fblocks_.back().with = &s;
    enter_block(s);  // ASYNC_WITH
    body(s.items);
    leave_block();
    fblocks_.pop_back();
    at(s);
    emit(Op::pop_block);
    emit(Op::async_exit);
    emit(Op::await_value);
    emit(Op::pop_top);
    const std::size_t to_end = emit(Op::jump);
    patch(setup);
    emit(Op::async_exit_exc);
    emit(Op::await_value);
    emit(Op::exit_swallow);
    patch(to_end);
}

// --- expressions --------------------------------------------------------------------------------

void Compiler::expr(const Node& e) {
    tick(deadline_);
    // compiler_visit_expr: an expression's instructions are at its line, and what its parent emits
    // after it at the parent's again (`gather(\n *tasks)` fails at the call's line, not at *tasks').
    const LineRestorer restore{line_};
    at(e);
    switch (e.kind) {
        case NK::name: return load_name(e.text);
        case NK::int_const: emit(Op::load_const, e.flag ? big_constant(e) : constant(Value::integer(e.ival))); return;
        case NK::float_const: emit(Op::load_const, constant(Value::real(e.fval))); return;
        case NK::str_const: emit(Op::load_const, str_constant(e.text)); return;
        case NK::true_const: emit(Op::load_const, constant(Value::boolean(true))); return;
        case NK::false_const: emit(Op::load_const, constant(Value::boolean(false))); return;
        case NK::none_const: emit(Op::load_const, constant(Value::none())); return;
        case NK::binop: return binop(e);
        case NK::unaryop:
            expr(*e.a);
            at(e);
            emit(Op::unary, e.text == "-" ? 0 : e.text == "+" ? 1 : e.text == "not" ? 2 : 3);
            return;
        case NK::call: return call(e);
        case NK::attribute:
            expr(*e.a);
            at_attribute(e);
            emit(Op::load_attr, name_index(e.text));
            return;
        case NK::subscript:
            check_subscript(e);
            expr(*e.a);
            expr(*e.b);
            at(e);
            emit(Op::subscr);
            return;
        default: return expr_other(e);
    }
}

// The other expressions, in a frame of their own: expr() recurses once per level of nesting (a chain
// of 2,999 `+` is within CPython's limit), so its own frame holds only what its commonest cases need.
// With these inlined, an ASan build (the fuzz target) ran out of its 8 MB stack at 2,555 levels.
void Compiler::expr_other(const Node& e) {
    switch (e.kind) {
        case NK::fstring: return fstring(e);
        case NK::list: return sequence(e, Op::build_list);
        case NK::tuple: return sequence(e, Op::build_tuple);
        case NK::dict:
            for (std::size_t i = 0; i < e.items.size(); ++i) {
                expr(*e.items[i]);
                expr(*e.items2[i]);
            }
            emit(Op::build_dict, static_cast<std::int32_t>(e.items.size()));
            return;
        case NK::boolop: return boolop(e);
        case NK::compare: return compare(e);
        case NK::ifexp: {
            expr(*e.a);
            const std::size_t to_else = emit(Op::pop_jump_if_false);
            expr(*e.b);
            const std::size_t to_end = emit(Op::jump);
            patch(to_else);
            expr(*e.c);
            patch(to_end);
            return;
        }
        case NK::slice:
            for (const NodePtr* part : {&e.a, &e.b, &e.c}) {
                if (*part) {
                    expr(**part);
                } else {
                    emit(Op::load_const, constant(Value::none()));
                }
            }
            emit(Op::build_slice);
            return;
        case NK::await_expr:
            // [await f(x) for x in xs] in an async function is CPython's async comprehension, run to its
            // end where it stands, as this inlined one runs; in a generator expression it would make an
            // async generator, which nothing here can consume.
            if (std::find(comp_generators_.begin(), comp_generators_.end(), true) != comp_generators_.end())
                unsupported("`await` inside generator expressions", e.line, e.col);
            expr(*e.a);
            if (e.a->kind == NK::call) {  // `await f(...)`: the call's result goes to the await alone
                Instr& last = code_->code.back();
                if (last.op == Op::call || last.op == Op::call_kw) last.temporaries |= result_awaited_at_once;
            }
            at(e);
            emit(Op::await_value);
            return;
        case NK::starred: syntax_error("can't use starred expression here", e.line, e.col);
        case NK::listcomp: return listcomp(e);
        case NK::lambda_expr: return make_function(*e.a);
        case NK::genexpr:  // the generator function, called with iter() of the first iterable
            make_function(*e.a);
            expr(*e.b);
            at(e);
            emit(Op::get_iter);
            emit(Op::call, 1);
            return;
        case NK::yield_expr:
            expr(*e.a);
            at(e);
            emit(Op::yield_value);
            return;
        default: unsupported("this expression", e.line, e.col);
    }
}

void Compiler::binop(const Node& e) {
    static const char* const ops[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
    static const BinOp codes[] = {BinOp::add,      BinOp::sub,  BinOp::mul, BinOp::truediv,
                                  BinOp::floordiv, BinOp::mod,  BinOp::pow, BinOp::lshift,
                                  BinOp::rshift,   BinOp::and_, BinOp::or_, BinOp::xor_};
    expr(*e.a);
    expr(*e.b);
    at(e);
    for (int i = 0; i < 12; ++i) {
        if (e.text == ops[i]) emit(Op::binary, static_cast<std::int32_t>(codes[i]));
    }
}

void Compiler::sequence(const Node& e, Op build) {
    bool starred = false;
    for (const auto& item : e.items) starred = starred || item->kind == NK::starred;
    if (!starred) {
        for (const auto& item : e.items) expr(*item);
        emit(build, static_cast<std::int32_t>(e.items.size()));
        return;
    }
    emit(Op::build_list, 0);
    for (const auto& item : e.items) {
        if (item->kind == NK::starred) {
            expr(*item->a);
            emit(Op::list_extend);
        } else {
            expr(*item);
            emit(Op::list_append, 1);
        }
    }
    if (build == Op::build_tuple) emit(Op::list_to_tuple);
}

void Compiler::call(const Node& e) {
    check_caller(e);
    expr(*e.a);
    bool starred = false;
    for (const auto& item : e.items) starred = starred || item->kind == NK::starred;
    for (const auto& name : e.names) starred = starred || name.empty();
    if (starred) return call_ex(e);
    for (const auto& item : e.items) expr(*item);
    // Each f-string argument is a new str that only this call sees (Instr::temporaries).
    std::uint8_t fstrings = 0;
    for (std::size_t i = 0; i < e.items.size() && i < max_temporary_arguments; ++i) {
        if (e.items[i]->kind == NK::fstring) fstrings |= static_cast<std::uint8_t>(1U << i);
    }
    // A method call (obj.name(...)) is at the method name's line, as CPython 3.11's
    // maybe_optimize_method_call moves it (update_start_location_to_match_attr).
    const auto at_call = [&] { return e.a->kind == NK::attribute ? at_attribute(*e.a) : at(e); };
    if (e.names.empty()) {
        at_call();
        code_->code[emit(Op::call, static_cast<std::int32_t>(e.items.size()))].temporaries = fstrings;
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < e.names.size(); ++i) {
        if (!seen.insert(e.names[i]).second)
            syntax_error("keyword argument repeated: " + e.names[i], e.items2[i]->line, e.items2[i]->col);
        expr(*e.items2[i]);
    }
    auto* names = heap_.make<ListObj>(Kind::tuple);
    for (const auto& n : e.names) names->items.push_back(Value::object(heap_.make<StrObj>(n)));
    emit(Op::load_const, constant(Value::object(names)));
    at_call();
    code_->code[emit(Op::call_kw, static_cast<std::int32_t>(e.items.size() + e.names.size()))].temporaries = fstrings;
}

// f(*args, **kwargs): the positional arguments as one list, the keywords as one dict. A lone
// *args is list_extend's 2: CPython passes it to the call as it is, whose error names the function.
void Compiler::call_ex(const Node& e) {
    emit(Op::build_list, 0);
    const bool lone = e.items.size() == 1 && e.items[0]->kind == NK::starred;
    for (const auto& item : e.items) {
        expr(item->kind == NK::starred ? *item->a : *item);
        emit(item->kind == NK::starred ? Op::list_extend : Op::list_append, lone ? 2 : 1);
    }
    if (e.names.empty()) {
        emit(Op::load_const, constant(Value::none()));
    } else {
        emit(Op::build_dict, 0);
        for (std::size_t i = 0; i < e.names.size(); ++i) {
            if (e.names[i].empty()) {
                expr(*e.items2[i]);
                emit(Op::dict_merge);
            } else {
                emit(Op::load_const, str_constant(e.names[i]));
                expr(*e.items2[i]);
                emit(Op::map_add);
            }
        }
    }
    at(e);
    emit(Op::call_ex);
}

void Compiler::format_spec(const Node& spec) {
    if (spec.items.size() > 1 || (spec.items.size() == 1 && spec.items[0]->kind != NK::str_const)) {
        fstring(spec);
        return;
    }
    emit(Op::load_const, str_constant(spec.items.empty() ? "" : spec.items[0]->text));
}

void Compiler::fstring(const Node& e) {
    for (const auto& part : e.items) {
        if (part->kind == NK::str_const) {
            emit(Op::load_const, str_constant(part->text));
            continue;
        }
        expr(*part->a);
        std::int32_t flags = part->text == "s" ? 1 : part->text == "r" ? 2 : part->text == "a" ? 3 : 0;
        if (part->b) {  // the format spec: a constant, or built as an f-string of its own
            format_spec(*part->b);
            flags |= 4;
        }
        emit(Op::format_value, flags);
    }
    emit(Op::build_string, static_cast<std::int32_t>(e.items.size()));
}

namespace {

/// A constant once CPython's AST optimizer has folded it (-1, (1, "a"), 2 + 3), but not None, True
/// or False: what `is` should not be used with.
bool folds_to_constant(const Node& n) {
    switch (n.kind) {
        case NK::int_const:
        case NK::float_const:
        case NK::str_const: return true;
        case NK::tuple:
            return std::all_of(n.items.begin(), n.items.end(), [](const NodePtr& item) {
                return folds_to_constant(*item) || item->kind == NK::none_const || item->kind == NK::true_const ||
                       item->kind == NK::false_const;
            });
        case NK::unaryop: return n.text != "not" && folds_to_constant(*n.a);
        case NK::binop: return folds_to_constant(*n.a) && folds_to_constant(*n.b);
        default: return false;
    }
}

}  // namespace

namespace {

/// The type of a constant once CPython's AST optimizer has folded it (-1, not 0, (1, "a")), or ""
/// when the node is no constant. An operation it folds ((1,) + (2,)) is not typed here: the
/// warnings below are not given for it.
std::string constant_type(const Node& n) {
    switch (n.kind) {
        case NK::int_const: return "int";
        case NK::float_const: return "float";
        case NK::str_const: return "str";
        case NK::true_const:
        case NK::false_const: return "bool";
        case NK::none_const: return "NoneType";
        case NK::tuple:
            return std::all_of(n.items.begin(), n.items.end(),
                               [](const NodePtr& item) { return !constant_type(*item).empty(); })
                       ? "tuple"
                       : "";
        case NK::unaryop: {  // fold_unaryop: what PyNumber_Negative and its kin accept
            const std::string operand = constant_type(*n.a);
            if (operand.empty()) return "";
            if (n.text == "not") return "bool";
            if (operand == "int" || operand == "bool") return "int";
            return operand == "float" && n.text != "~" ? "float" : "";
        }
        default: return "";
    }
}

/// infer_type() of Python/compile.c: a constant's type, or a display's; "" where only running
/// the program tells.
std::string display_type(const Node& n) {
    const std::string constant = constant_type(n);
    if (!constant.empty()) return constant;
    switch (n.kind) {
        case NK::tuple: return "tuple";
        case NK::list: return "list";
        case NK::dict: return "dict";
        case NK::listcomp: return n.flag ? "generator" : n.b ? "dict" : "list";
        case NK::genexpr: return "generator";
        case NK::lambda_expr: return "function";
        case NK::fstring:
        case NK::formatted: return "str";
        default: return "";
    }
}

}  // namespace

// check_caller (Python/compile.c): calling a constant or a display is a missed comma, most likely
// (`[(1, 2) (3, 4)]`); a lambda is not in its list.
void Compiler::check_caller(const Node& call) {
    const std::string type = display_type(*call.a);
    if (!type.empty() && call.a->kind != NK::lambda_expr)
        warn(call.line, "'" + type + "' object is not callable; perhaps you missed a comma?");
}

// check_subscripter and check_index (Python/compile.c), for a subscript that is read:
// `[[1, 2] [0, 1]]` indexes a list with a tuple.
void Compiler::check_subscript(const Node& e) {
    const Node& value = *e.a;
    const std::string type = display_type(value);
    const std::string constant = constant_type(value);
    if (constant == "NoneType" || constant == "int" || constant == "float" || constant == "bool" ||
        value.kind == NK::genexpr || (value.kind == NK::listcomp && value.flag) || value.kind == NK::lambda_expr) {
        warn(e.line, "'" + type + "' object is not subscriptable; perhaps you missed a comma?");
        return;
    }
    const std::string index = display_type(*e.b);
    if (index.empty() || index == "int" || index == "bool") return;
    if (constant == "str" || constant == "tuple" || value.kind == NK::tuple || value.kind == NK::list ||
        (value.kind == NK::listcomp && !value.flag && !value.b) || value.kind == NK::fstring ||
        value.kind == NK::formatted)
        warn(e.line, type + " indices must be integers or slices, not " + index + "; perhaps you missed a comma?");
}

// compiler_check_compare: `x is 5` warns, as CPython's compiler does.
void Compiler::check_is_literal(const Node& e) {
    const Node* left = e.a.get();
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        const Node* right = e.items[i].get();
        const bool is = e.names[i] == "is", is_not = e.names[i] == "is not";
        if ((is || is_not) && (folds_to_constant(*left) || folds_to_constant(*right)))
            warn(e.line, is ? "\"is\" with a literal. Did you mean \"==\"?"
                            : "\"is not\" with a literal. Did you mean \"!=\"?");
        left = right;
    }
}

void Compiler::compare(const Node& e) {
    static const char* const ops[] = {"<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not"};
    auto code_of = [](const std::string& op) {
        for (int i = 0; i < 10; ++i) {
            if (op == ops[i]) return i;
        }
        return 0;
    };
    check_is_literal(e);
    expr(*e.a);
    if (e.items.size() == 1) {
        expr(*e.items[0]);
        at(e);
        emit(Op::compare, code_of(e.names[0]));
        return;
    }
    // a < b < c: each middle operand evaluated once; stop at the first false comparison.
    std::vector<std::size_t> to_cleanup;
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        expr(*e.items[i]);
        at(e);
        if (i + 1 < e.items.size()) {
            emit(Op::dup_top);
            emit(Op::rot_three);
            emit(Op::compare, code_of(e.names[i]));
            to_cleanup.push_back(emit(Op::jump_if_false_or_pop));
        } else {
            emit(Op::compare, code_of(e.names[i]));
        }
    }
    const std::size_t to_end = emit(Op::jump);
    for (std::size_t j : to_cleanup) patch(j);
    emit(Op::rot_two);
    emit(Op::pop_top);
    patch(to_end);
}

void Compiler::boolop(const Node& e) {
    std::vector<std::size_t> ends;
    const Op jump = e.text == "and" ? Op::jump_if_false_or_pop : Op::jump_if_true_or_pop;
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        expr(*e.items[i]);
        if (i + 1 < e.items.size()) ends.push_back(emit(jump));
    }
    for (std::size_t j : ends) patch(j);
}

// [elt for x in it if cond ...]: the loop variables live in hidden local slots of this scope, so
// they do not leak out (a comprehension has its own scope in Python 3).
void Compiler::listcomp(const Node& e) {
    emit(e.b ? Op::build_dict : Op::build_list, 0);
    comp_scopes_.emplace_back();
    comp_generators_.push_back(e.flag);
    // A lambda in it that uses one of its names closes over that name: a cell.
    std::set<std::string> names, used;
    for (const auto& gen : e.items) collect_target(*gen->a, names);
    std::function<void(const Node&)> lambdas = [&](const Node& n) {
        if (n.kind == NK::lambda_expr || n.kind == NK::genexpr) {  // functions: what they use of it is a cell
            for (const auto& name : free_names(*n.a)) used.insert(name);
            for_each_def_time_expression(*n.a, lambdas);
            if (n.kind == NK::genexpr) lambdas(*n.b);
            return;
        }
        n.for_each_child(lambdas);
    };
    for (std::size_t i = 0; i < e.items.size(); ++i) {
        const Node& gen = *e.items[i];
        if (i > 0) lambdas(*gen.b);  // the first iterable is the enclosing scope's
        for (const auto& cond : gen.items) lambdas(*cond);
    }
    lambdas(*e.a);
    if (e.b) lambdas(*e.b);
    comp_cells_.emplace_back();
    Scope scope;
    for (const auto& name : names) {
        if (!used.count(name)) continue;
        comp_cells_.back()[name] = local_slot("<comp cell " + name + " " + std::to_string(++hidden_) + ">");
        scope.bound.insert(name);
    }
    enclosing_.push_back(std::move(scope));
    comprehension_level(e, 0, 1);
    enclosing_.pop_back();
    comp_cells_.pop_back();
    comp_generators_.pop_back();
    comp_scopes_.pop_back();
}

void Compiler::comprehension_level(const Node& comp, std::size_t level, std::int32_t depth) {
    if (level == comp.items.size()) {
        expr(*comp.a);
        if (comp.b) {  // {key: value for ...}: the key first, as CPython 3.8+
            expr(*comp.b);
            emit(Op::dict_add, depth);
        } else {
            emit(Op::list_append, depth);
        }
        return;
    }
    const Node& gen = *comp.items[level];
    expr(*gen.b);  // evaluated before this level's names exist
    emit(Op::get_iter);
    // The comprehension's own frame in CPython starts here, after its first iterable.
    const std::size_t frame_index = code_->comprehensions.size();
    if (level == 0) {
        code_->comprehensions.push_back(ComprehensionRange{here(),
                                                           0,
                                                           comp.line,
                                                           comp.flag ? "<genexpr>"
                                                           : comp.b  ? "<dictcomp>"
                                                                     : "<listcomp>",
                                                           {}});
        comprehension_index_.push_back(frame_index);
    }
    if (level == 0) {  // its cells, fresh each time it runs
        for (const auto& [name, slot] : comp_cells_.back()) emit(Op::make_cell, slot);
    }
    std::set<std::string> names;
    collect_target(*gen.a, names);
    auto& varnames = code_->comprehensions[comprehension_index_.back()].varnames;
    if (level == 0) varnames.push_back(".0");  // the first iterable, its frame's only argument
    varnames.insert(varnames.end(), names.begin(), names.end());
    for (const auto& n : names) {
        const auto cell = comp_cells_.back().find(n);
        comp_scopes_.back()[n] = cell != comp_cells_.back().end()
                                     ? cell->second
                                     : local_slot("<comp " + n + " " + std::to_string(++hidden_) + ">");
    }
    const std::size_t top = here();
    const std::size_t exit = emit(Op::for_iter);
    assign_target(*gen.a);
    std::vector<std::size_t> skips;
    for (const auto& cond : gen.items) {
        expr(*cond);
        skips.push_back(emit(Op::pop_jump_if_false));
    }
    comprehension_level(comp, level + 1, depth + 1);
    for (std::size_t s : skips) patch(s);
    emit(Op::jump, static_cast<std::int32_t>(top));
    patch(exit);
    if (level == 0) {
        code_->comprehensions[frame_index].end = here();
        comprehension_index_.pop_back();
    }
}

/// symtable.c's limit: CPython's compiler recurses once per nested statement and expression and
/// refuses a tree nested deeper than its recursion limit (1000) times COMPILER_STACK_FRAME_SCALE (3).
constexpr int max_compile_depth = 3000;

/// The levels CPython's symtable counts: statements and expressions (not the module, an except
/// clause or a comprehension's `for` clause).
bool is_level(NK kind) { return kind != NK::module && kind != NK::handler && kind != NK::comprehension; }

/// CPython's RecursionError for a tree nested beyond max_compile_depth, found without recursing
/// (a left-deep chain may be 200,000 deep); the compiler's passes after it recurse at most that deep.
/// A lambda is one level to CPython, whose tree has no def and return in it (the parser's are
/// `synthetic` here: lambda_expression builds it as a def whose body returns the expression). Our
/// passes recurse through all three and compile a function each: in Wasm (Node's and browsers'
/// stacks, about 1 MB) a lambda costs about three levels of an expression, and 999 nested ones
/// overflowed the stack of a runtime that had run other programs (faster code, other frame sizes).
/// Counted as lambda_cost levels, past max_compile_depth the playground refuses what CPython
/// compiles (600 nested lambdas), rather than overflow the stack.
constexpr int lambda_cost = 5;
void check_nesting(const Node& module) {
    struct Item {
        const Node* node;
        int depth;  // CPython's levels
        int cost;   // ours: every node's
        bool synthetic;
    };
    std::vector<Item> todo{{&module, 0, 0, false}};
    const Node* too_costly = nullptr;
    while (!todo.empty()) {
        const Item item = todo.back();  // not a structured binding: clang 14 cannot capture one
        const Node* n = item.node;
        const bool synthetic = item.synthetic;
        const int depth = item.depth + (is_level(n->kind) && !synthetic ? 1 : 0);
        const int cost = item.cost + (n->kind == NK::lambda_expr        ? lambda_cost
                                      : is_level(n->kind) && !synthetic ? 1
                                                                        : 0);
        todo.pop_back();
        if (depth > max_compile_depth)
            throw SourceError(SourceError::Type::recursion, "maximum recursion depth exceeded during compilation",
                              n->line, n->col);
        if (cost > max_compile_depth && too_costly == nullptr) too_costly = n;
        n->for_each_child([&](const Node& child) {
            const bool lambda_part = n->kind == NK::lambda_expr || (synthetic && child.kind == NK::return_stmt);
            todo.push_back({&child, depth, cost, lambda_part});
        });
    }
    if (too_costly != nullptr) unsupported("lambdas nested this deep", too_costly->line, too_costly->col);
}

}  // namespace

std::size_t compile_module(const Node& module, GlobalTable& globals, Heap& heap,
                           std::vector<std::unique_ptr<Code>>& codes, bool internal, const SyntaxWarnings& warnings,
                           ReadingDeadline* deadline) {
    check_nesting(module);
    Compiler c(globals, heap, codes, internal, warnings, deadline);
    return c.module(module);
}

}  // namespace sp::py
