#include "parser.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "errors.hpp"
#include "longobject.hpp"
#include "tokens.hpp"

namespace sp::py {

namespace {

// Parser/parser.c's MAXSTACK: rules nested deeper than this are CPython's MemoryError (its parser
// stack overflowed). This parser counts CPython's levels where it recurses, as measured on CPython
// 3.11: a module's first statement is at module_levels, a statement in a block takes
// statement_levels more, a bracket (parentheses, a list, a dict, a call's arguments, a subscript)
// bracket_levels with the expression inside it, a prefix operator (`not`, `-`, `await`), an
// `if`-expression's else and an elif one each, `**` two. Brackets also stop at the tokenizer's
// limit (200) and indentation at 100.
constexpr int max_stack = 6000;
constexpr int module_levels = 26;
constexpr int statement_levels = 6;
constexpr int bracket_levels = 27;  // + 1, the expression's

const char* expr_name(const Node& t);
bool equals_hint_for(const Node& t);

class Parser {
public:
    // depth: the levels of the parser an f-string's expression is nested in.
    explicit Parser(std::vector<Token> tokens, int depth = 0) : toks_(std::move(tokens)), depth_(depth) {}
    /// A module's tokens up to the tokenizer's error, if any: reading its token throws the error.
    explicit Parser(TokenStream stream, ReadingDeadline* deadline = nullptr)
        : toks_(std::move(stream.tokens)),
          error_(std::move(stream.error)),
          error_at_(error_ ? toks_.size() - 1 : npos),
          deadline_(deadline) {}
    NodePtr module();
    /// The line of the furthest token read so far (CPython's p->tokens[p->fill - 1]).
    int furthest_line() const { return toks_[furthest_].line; }
    // f-string bodies are parsed by a nested parser over the expression's own tokens.
    NodePtr expression_only();
    NodePtr embedded_expression(const std::string& text, int line, int col);

private:
    // --- tokens
    const Token& cur() const { return token_at(pos_); }
    const Token& ahead(std::size_t n) const { return token_at(std::min(pos_ + n, toks_.size() - 1)); }
    bool is_op(const char* o) const { return cur().kind == Tok::op && cur().text == o; }
    bool is_name(const char* w) const { return cur().kind == Tok::name && cur().text == w; }
    Token take() { return token_at(pos_ < toks_.size() - 1 ? pos_++ : pos_); }
    /// Token i; the tokenizer's error when it is where the tokenizer stopped (CPython's parser meets
    /// it as it asks for that token).
    const Token& token_at(std::size_t i) const {
        if (i == error_at_) throw *error_;
        tick(deadline_);
        furthest_ = std::max(furthest_, i);
        // A character that is no token ($, ?, `): CPython's parser fails where it meets it.
        if (toks_[i].invalid) syntax_error("invalid syntax", toks_[i].line, toks_[i].col);
        return toks_[i];
    }
    bool accept_op(const char* o) {
        if (!is_op(o)) return false;
        pos_ += 1;
        return true;
    }
    bool accept_name(const char* w) {
        if (!is_name(w)) return false;
        pos_ += 1;
        return true;
    }
    void expect_op(const char* o) {
        if (!accept_op(o)) fail(std::string("expected '") + o + "'");
    }
    [[noreturn]] void fail(const std::string& msg = "invalid syntax") const {
        if (cur().kind == Tok::indent)
            throw SourceError(SourceError::Type::indentation, "unexpected indent", cur().line, cur().col);
        // RAISE_SYNTAX_ERROR at the token the parser stopped at, and a forced token's "expected ':'":
        // CPython's report underlines that whole token (`print("a") print("b")`: ^^^^^ under print).
        if (cur().end_line == cur().line) syntax_error_to(msg, cur().line, cur().col, pos_);
        syntax_error(msg, cur().line, cur().col);
    }
    // CPython finds these once its parser has read the whole text (its symtable pass, then its
    // compiler): the parse goes on, so a syntax error further on (the parser's or the tokenizer's)
    // is the one reported, and the first of these is raised at the end.
    void symtable_error(const std::string& msg, const Token& at) {
        if (!symtable_error_) symtable_error_ = SourceError(SourceError::Type::syntax, msg, at.line, at.col);
    }
    void compiler_error(const std::string& msg, const Token& at) {
        if (!compiler_error_) compiler_error_ = SourceError(SourceError::Type::syntax, msg, at.line, at.col);
    }
    /// The construct that started at `at` ends with token `last` (by default the last one read): if the
    /// deferred error is about it, CPython's report underlines it to there (its node's end).
    void underline_compiler_error(const Token& at) { underline_compiler_error(at, pos_ - 1); }
    void underline_compiler_error(const Token& at, std::size_t last) {
        const Token& end = toks_[with_end(last)];
        for (std::optional<SourceError>* error : {&symtable_error_, &compiler_error_}) {
            SourceError* e = *error ? &**error : nullptr;
            if (e == nullptr || e->line != at.line || e->col != at.col || e->end_line != 0) continue;
            e->end_line = end.end_line;
            e->end_col = end.end_col;
        }
    }
    /// Token `i`, or the last one before it that has an end (not a NEWLINE, INDENT or DEDENT).
    std::size_t with_end(std::size_t i) const {
        while (i > 0 && toks_[i].end_line == 0) --i;
        return i;
    }
    // A construct the playground refuses but can read on past (a set display): refused at the end,
    // once the program is Python, so that CPython's SyntaxError elsewhere is what the learner sees.
    void refuse_later(const std::string& what, const Token& at) { refuse_later(what, at.line, at.col); }
    void refuse_later(const std::string& what, const Node& at) { refuse_later(what, at.line, at.col); }
    void refuse_later(const std::string& what, int line, int col) {
        if (!refusal_)
            refusal_ =
                SourceError(SourceError::Type::unsupported, "the playground does not support " + what, line, col);
    }
    // An f-string field's parser's, taken where the field stands (the first of each still wins).
    void adopt_deferred(Parser& field) {
        if (!symtable_error_) symtable_error_ = std::move(field.symtable_error_);
        if (!compiler_error_) compiler_error_ = std::move(field.compiler_error_);
        if (!refusal_) refusal_ = std::move(field.refusal_);
    }
    void raise_deferred() const {
        if (symtable_error_) throw *symtable_error_;
        if (compiler_error_) throw *compiler_error_;
        if (refusal_) throw *refusal_;
    }
    NodePtr node(NK k, const Token& at) const { return std::make_unique<Node>(k, at.line, at.col); }
    NodePtr node(NK k) const { return node(k, cur()); }
    std::string identifier();
    struct Deeper {
        Parser& p;
        int levels;
        explicit Deeper(Parser& parser, int n = 1) : p(parser), levels(0) {
            for (int i = 0; i < n; ++i) add_level();
        }
        void add_level() {
            p.depth_ += 1;
            levels += 1;
            if (p.depth_ > max_stack) throw SourceError(SourceError::Type::memory, "", p.cur().line, p.cur().col);
        }
        ~Deeper() { p.depth_ -= levels; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;
    };

    // --- statements
    void statement(std::vector<NodePtr>& out);
    void simple_statements(std::vector<NodePtr>& out);
    NodePtr simple_statement();
    NodePtr compound(const Token& at);
    void block(std::vector<NodePtr>& out, const char* what, int line);
    NodePtr if_statement();
    NodePtr if_clause(const char* what);  // `if`/`elif` test: block
    NodePtr while_statement();
    NodePtr for_statement();
    NodePtr try_statement();
    NodePtr def_statement(bool is_async, const Token& at);
    bool parameters(Node& def, bool is_lambda);
    NodePtr with_statement(bool is_async);
    /// Whether the '(' at the cursor closes right before a ':' (with_stmt's parenthesized items) or the
    /// end of the line (invalid_with_stmt's, "expected ':'").
    bool parenthesized_with_items() const;
    NodePtr import_statement();
    NodePtr assignment_or_expression();
    NodePtr annotated_assignment(NodePtr target, const Token& at);
    void check_target(const Node& target, bool augmented);
    void check_delete_target(const Node& target) const;
    void check_assignment_targets(const Node& assign, std::size_t value_at);
    void statement_start_hint(const Node& first, std::size_t value_at);
    bool equals_hint_at(std::size_t value_at);

    // --- expressions
    NodePtr star_expressions();  // a, b, *c  (a tuple without parentheses)
    // Where a yield_expr may stand unparenthesized: a statement, an assignment's value, an f-string's field.
    NodePtr yield_or_star_expressions() { return is_name("yield") ? yield_expression() : star_expressions(); }
    NodePtr star_expression();
    NodePtr for_targets();
    NodePtr if_condition(const Token& body);
    void shortest_expression();
    /// Where a comprehension's first iterable is (from, to: the enclosing scope's), and its first
    /// `async for`, if any.
    struct Clauses {
        std::pair<int, int> first_from{0, 0}, first_to{0, 0};
        std::optional<Token> async_for;
    };
    Clauses for_if_clauses(Node& comp);
    void check_comprehension_element(const Node& first, bool several, const char* close);
    NodePtr default_value();
    NodePtr star_target();
    NodePtr expression();
    NodePtr lambda_expression();
    NodePtr yield_expression();
    NodePtr disjunction();
    NodePtr conjunction();
    NodePtr inversion();
    NodePtr comparison();
    NodePtr binary(int level);
    NodePtr factor();
    NodePtr power();
    NodePtr await_primary();
    NodePtr primary();
    NodePtr atom();
    NodePtr paren_atom();
    NodePtr list_atom();
    NodePtr dict_atom();
    NodePtr strings();
    NodePtr fstring_parts(const Token& t);
    void fstring_body(const Token& t, std::size_t& i, int level, Node& parts);
    void fstring_field(const Token& t, std::size_t& i, int level, Node& parts);
    std::size_t fstring_expression_end(const Token& t, std::size_t j);
    NodePtr number(const Token& t);
    NodePtr big_number(NodePtr n, std::string digits, int base);
    void call_arguments(Node& call);
    void bracket_hints(const Node* element, bool in_call);
    [[noreturn]] void positional_after_keyword(const Token& at, bool mapping_unpacked);
    NodePtr subscript_index();
    NodePtr subscript_item();
    NodePtr comprehension_tail(NodePtr element, const char* what, const Token& at, const char* close,
                               bool call_argument = false);
    NodePtr generator_expression(NodePtr comp) const;
    NodePtr set_display(NodePtr first, const Token& at);
    /// A tuple's, list's or set's elements after the first: `, element` up to `close`.
    NodePtr display_rest(NodePtr display, NodePtr first, const char* close);
    /// A comprehension's `for` (or `async for`: Python, read and then refused, see comprehension_tail) comes next.
    bool at_comprehension() const { return is_name("for") || at_async_for(); }
    bool at_async_for() const { return is_name("async") && ahead(1).kind == Tok::name && ahead(1).text == "for"; }

    // CPython's hints for a few classic mistakes (Grammar/python.gram, invalid_* rules).
    bool starts_expression(const Token& t) const;
    // The closing bracket o, or what CPython says is in its way ("Perhaps you forgot a comma?", an '=').
    // element: the last one, whose '=' may be the '==' hint (none for a dict's value).
    void close_bracket(const char* o, const Node* element, bool in_call = false);
    // A comprehension's `for` target not followed by 'in': "invalid syntax", or the comma hint.
    [[noreturn]] void missing_in(const Node& target);
    template <class Read>
    bool read_ahead_at(std::size_t at, Read read, bool keep_hints = false);
    std::size_t read_end_ = 0;  // where the last read_ahead_at that parsed stopped
    struct ReadAhead {
        bool parsed;
        std::size_t end;  // read_end_ after it
    };
    std::unordered_map<std::size_t, ReadAhead> second_expressions_;  // by token: second_expression()'s reads
    /// The last token of `n`, whose text ends at token `last` with the parentheses around it, if any
    /// (`(a)`: the `a`): as many as open right before its first token.
    std::size_t unparenthesized_end(const Node& n, std::size_t last) const {
        std::size_t first = last;
        while (first > 0 && !(toks_[first].line == n.line && toks_[first].col == n.col)) --first;
        std::size_t end = last;
        for (std::size_t k = first; k > 0 && toks_[k - 1].kind == Tok::op && toks_[k - 1].text == "(" && end > first;
             --k)
            --end;
        return end;
    }
    /// A hint CPython raises with a range (RAISE_SYNTAX_ERROR_KNOWN_RANGE): from (line, col) to the
    /// end of token `last`, which its report underlines.
    [[noreturn]] void syntax_error_to(const std::string& msg, int line, int col, std::size_t last) const {
        SourceError e(SourceError::Type::syntax, msg, line, col);
        e.end_line = toks_[with_end(last)].end_line;
        e.end_col = toks_[with_end(last)].end_col;
        throw e;
    }
    bool second_expression();
    static bool is_hint(const SourceError& e) { return e.message != "invalid syntax"; }
    bool is_tokenizers(const SourceError& e) const {  // the tokenizer's error, met where it stopped
        return error_ && e.line == error_->line && e.col == error_->col && e.message == error_->message;
    }
    void legacy_print(const Node& e);                   // print "x": "Missing parentheses in call to 'print'"
    void assignment_in_condition(const Node& c) const;  // if a = 1: "Maybe you meant '=='"
    // if/elif/while/for/with/except: "expected ':'" only before the end of the line, else "invalid syntax" here.
    void colon_or_invalid() const {
        if (!is_op(":") && cur().kind != Tok::newline && cur().kind != Tok::end) fail();
    }
    // ... where the header ends in an expression, which CPython reads on from first (`if x {`).
    void colon_after_expression() {
        if (!is_op(":") && starts_expression(cur())) second_expression();
        colon_or_invalid();
    }
    void after_condition(const Node& c);  // if/elif/while's: `if a = 1:` too

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::vector<Token> toks_;
    std::optional<SourceError> error_;  // the tokenizer's, where it stopped (at toks_[error_at_])
    std::size_t error_at_ = npos;
    mutable std::size_t furthest_ = 0;                                      // the furthest token read
    std::optional<SourceError> symtable_error_, compiler_error_, refusal_;  // the first of each, raised at the end
    int depth_ = 0;
    std::size_t pos_ = 0;
    ReadingDeadline* deadline_ = nullptr;  // the host's time cap, if any
    Token last_disjunction_{};             // where the last complete disjunction started
    NK last_kind_ = NK::name;              // ... and what it was
    int function_depth_ = 0;
    bool in_async_ = false;
    // The function being read: whether it yields, and its first `return` with a value (an async
    // generator's is CPython's compiler error, which the playground's refusal of `yield` must not hide).
    bool in_annotation_ = false;  // reading an annotation: `...` stands for nothing evaluated
    NodePtr annotation_expression() {
        const bool outer = std::exchange(in_annotation_, true);
        NodePtr e = expression();
        in_annotation_ = outer;
        return e;
    }
    bool function_yields_ = false;
    std::optional<Token> value_return_;
    // Every yield read, by its place (a read ahead and back meets one twice), with its function depth.
    std::map<std::pair<int, int>, std::pair<Token, int>> yields_;
    int loop_depth_ = 0;
    std::pair<int, int> scan_end_{0, 0};  // where the string literals being read end (strings())
    [[noreturn]] void scan_error(const std::string& message) const {
        syntax_error(message, scan_end_.first, scan_end_.second);
    }
};

bool Parser::starts_expression(const Token& t) const {
    if (t.kind == Tok::number || t.kind == Tok::string) return true;
    if (t.kind == Tok::name) {
        return !is_keyword(t.text) || t.text == "not" || t.text == "None" || t.text == "True" || t.text == "False" ||
               t.text == "await" || t.text == "lambda";
    }
    return t.kind == Tok::op && (t.text == "{" || t.text == "~");
}

void Parser::missing_in(const Node& target) {
    // invalid_for_target reads `for a b` as expressions, and inside the brackets two side by side are
    // invalid_expression's hint; no hint after a soft keyword (`_`), nor for a NAME and a STRING.
    const bool soft_keyword =
        target.kind == NK::name && (target.text == "_" || target.text == "match" || target.text == "case");
    if (!starts_expression(cur()) || soft_keyword || (target.kind == NK::name && cur().kind == Tok::string)) fail();
    if (!second_expression()) fail();
    syntax_error_to("invalid syntax. Perhaps you forgot a comma?", target.line, target.col, read_end_ - 1);
}

void Parser::close_bracket(const char* o, const Node* element, bool in_call) {
    if (accept_op(o)) return;
    bracket_hints(element, in_call);
    fail();  // never "expected ')'": CPython has no such message
}

// What CPython names where a bracket's element is followed by neither ',' nor its closing bracket,
// raised when there is something to name (returns otherwise).
void Parser::bracket_hints(const Node* element, bool in_call) {
    const Token last = last_disjunction_;
    const NK last_kind = last_kind_;
    if (is_op("=")) {
        // In a call, `f(x.y = 1)`: invalid_kwarg, at the '='. Elsewhere, `(x = 1)`:
        // invalid_named_expression, which reads the value after the '=' first (not for a dict's value).
        if (in_call)
            syntax_error("expression cannot contain assignment, perhaps you meant \"==\"?", last.line, last.col);
        if (element && equals_hint_at(pos_ + 1)) assignment_in_condition(*element);
        return;  // `{"a" => 1}`: no value after the '='
    }
    // Two expressions side by side: `print(a b)`, `[1, 2 3]` (invalid_expression, which reads the
    // second one first, and hints only if it parses).
    if (starts_expression(cur())) {
        Node name(last_kind, last.line, last.col);
        name.text = last.text;
        legacy_print(name);  // f(print 1): invalid_legacy_expression, whose hint comes first
        // f(a "x"): no hint (a NAME and a STRING); nor after a starred element.
        if ((last_kind == NK::name && cur().kind == Tok::string) || last_kind == NK::starred) return;
        if (second_expression())
            syntax_error_to("invalid syntax. Perhaps you forgot a comma?", last.line, last.col, read_end_ - 1);
    }
}

/// Reads with `read` from token `at`, and the token after, as CPython's parser does before it names a
/// mistake, then comes back. What it reads may reach the tokenizer's error (a bracket never closed,
/// at the end of the text): that error is raised instead; the furthest token read counts too
/// (tokenizer_error_wins). With keep_hints, a mistake it names (not the plain "invalid syntax") is
/// raised too. What the playground refuses is Python that parses. Returns whether the read parsed.
template <class Read>
bool Parser::read_ahead_at(std::size_t at, Read read, bool keep_hints) {
    const std::size_t saved = pos_;
    pos_ = at;
    bool parsed = true;
    try {
        read();
        (void)cur();
        read_end_ = pos_;
    } catch (const SourceError& e) {
        if (e.type == SourceError::Type::syntax && (is_tokenizers(e) || (keep_hints && is_hint(e)))) throw;
        parsed = e.type != SourceError::Type::syntax;
        // A refusal mid-read parsed as far as here: never an end left from another read, which may
        // lie past the tokens read so far (fuzz_program: a heap read past toks_).
        if (parsed) read_end_ = std::max(pos_, at + 1);
    }
    pos_ = saved;
    return parsed;
}

/// An expression right after a complete one (`print(a b)`, `x = y {`, `if x {`): CPython's
/// invalid_expression reads this second one before it names the mistake or gives up. Its own
/// hints are off (expression_without_invalid), except in braces, whose set elements CPython reads
/// with them on: a C-style block `if x {\n    y = 1\n}` is the '==' hint at `y = 1`.
bool Parser::second_expression() {
    const std::size_t at = pos_;
    // Read once per place, as CPython's packrat parser memoizes its rules: each bracket of
    // `i{{k{i{{k{...` reads the rest ahead, and the parse then reads it again, so without the memo
    // the reads doubled with each bracket (8 of them took 34 s; fuzz_program's timeout).
    if (const auto seen = second_expressions_.find(at); seen != second_expressions_.end()) {
        if (seen->second.parsed) read_end_ = seen->second.end;
        return seen->second.parsed;
    }
    const bool braces = is_op("{");
    // CPython's PEG parser takes the longest part that parses (`n in g` of `n in g(1 6)`): the
    // expression counts as read when its shortest one does.
    const bool parsed = read_ahead_at(
                            at, [this] { expression(); }, braces) ||
                        read_ahead_at(at, [this] { shortest_expression(); });
    second_expressions_[at] = ReadAhead{parsed, read_end_};
    return parsed;
}

/// The shortest expression CPython's PEG parser can take from here, where a longer one fails: an
/// atom after any prefix operators (`not f` of `not f(,)`), or a lambda.
void Parser::shortest_expression() {
    while (is_name("not") || is_name("await") || is_op("-") || is_op("+") || is_op("~")) take();
    if (is_name("lambda")) {
        lambda_expression();
    } else {
        atom();
    }
}

void Parser::after_condition(const Node& c) {
    if (is_op("=") && equals_hint_at(pos_ + 1)) assignment_in_condition(c);
    colon_after_expression();
}

void Parser::legacy_print(const Node& e) {
    // invalid_legacy_expression reads what follows first (`print {1`: the '{' never closed).
    if (e.kind == NK::name && (e.text == "print" || e.text == "exec") && starts_expression(cur()) &&
        second_expression()) {
        // Underlined to the end of star_expressions (`print "a", "b"`), or of the one expression read.
        std::size_t end = read_end_;
        if (read_ahead_at(pos_, [this] { star_expressions(); })) end = read_end_;
        syntax_error_to("Missing parentheses in call to '" + e.text + "'. Did you mean " + e.text + "(...)?", e.line,
                        e.col, end - 1);
    }
}

void Parser::assignment_in_condition(const Node& c) const {
    if (!is_op("=")) return;
    // invalid_named_expression: NAME '=' ..., or a bitwise_or that is no list, tuple, generator
    // expression, True, None or False (`(x) = 1`: a name, but no NAME token before the '=').
    // The first underlines the name to the value's end (read by equals_hint_at), the second the target.
    if (c.kind == NK::name && c.parens == 0)
        syntax_error_to("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", c.line, c.col, read_end_ - 1);
    if (!equals_hint_for(c)) fail();
    syntax_error_to(std::string("cannot assign to ") + expr_name(c) + " here. Maybe you meant '==' instead of '='?",
                    c.line, c.col, unparenthesized_end(c, pos_ - 1));
}

std::string Parser::identifier() {
    if (cur().kind != Tok::name || is_keyword(cur().text)) fail();
    return take().text;
}

// --- statements -------------------------------------------------------------------------------

NodePtr Parser::module() {
    Deeper guard(*this, module_levels);
    auto mod = node(NK::module);
    while (cur().kind != Tok::end) {
        if (cur().kind == Tok::newline) {
            pos_ += 1;
            continue;
        }
        statement(mod->items);
    }
    raise_deferred();
    return mod;
}

void Parser::statement(std::vector<NodePtr>& out) {
    Deeper guard(*this, statement_levels);
    if (cur().kind == Tok::indent) fail();
    const Token at = cur();
    if (NodePtr c = compound(at)) {
        out.push_back(std::move(c));
        return;
    }
    simple_statements(out);
}

void Parser::simple_statements(std::vector<NodePtr>& out) {
    for (;;) {
        out.push_back(simple_statement());
        if (!accept_op(";")) break;
        if (cur().kind == Tok::newline) break;
    }
    if (cur().kind != Tok::newline) {
        // `x = y {`: CPython's invalid_expression reads the second expression before it gives up,
        // so a bracket it opens and never closes is the error ("'{' was never closed").
        const Node& last = *out.back();
        const bool ends_in_expression = last.kind == NK::expr_stmt || last.kind == NK::assign ||
                                        last.kind == NK::augassign || last.kind == NK::assert_stmt ||
                                        ((last.kind == NK::return_stmt || last.kind == NK::raise_stmt) && last.a);
        if (ends_in_expression && starts_expression(cur())) second_expression();
        fail();
    }
    pos_ += 1;
}

NodePtr Parser::compound(const Token& at) {
    if (at.kind == Tok::op && at.text == "@") unsupported("decorators", at.line, at.col);
    if (at.kind != Tok::name) return nullptr;
    const std::string& w = at.text;
    if (w == "if") return if_statement();
    if (w == "while") return while_statement();
    if (w == "for") return for_statement();
    if (w == "try") return try_statement();
    if (w == "def") return def_statement(false, at);
    // `class = 1` is Python's plain invalid syntax, not a class statement this subset leaves out.
    if (w == "class") {
        if (ahead(1).kind == Tok::name) unsupported("`class` statements", at.line, at.col);
        pos_ += 1;
        fail();
    }
    if (w == "with") return with_statement(false);
    if (w == "async") {
        if (ahead(1).kind == Tok::name && ahead(1).text == "def") {
            pos_ += 1;
            return def_statement(true, at);
        }
        if (ahead(1).kind == Tok::name && ahead(1).text == "with") {
            NodePtr n = with_statement(true);
            underline_compiler_error(at);  // the whole statement: to its first line's end
            return n;
        }
        if (ahead(1).kind == Tok::name && ahead(1).text == "for") {
            // Read as a `for` loop, then refused (no async iterators here), or CPython's compiler
            // error outside an async function: either once the whole text is read.
            if (!in_async_)
                compiler_error("'async for' outside async function", at);
            else
                refuse_later("`async for` loops", at);
            pos_ += 1;
            NodePtr n = for_statement();
            underline_compiler_error(at);
            return n;
        }
        fail();
    }
    return nullptr;
}

void Parser::block(std::vector<NodePtr>& out, const char* what, int line) {
    expect_op(":");
    if (cur().kind != Tok::newline) {
        simple_statements(out);
        return;
    }
    pos_ += 1;
    if (cur().kind != Tok::indent) {
        throw SourceError(SourceError::Type::indentation,
                          std::string("expected an indented block after ") + what + " on line " + std::to_string(line),
                          cur().line, cur().col);
    }
    pos_ += 1;
    while (cur().kind != Tok::dedent && cur().kind != Tok::end) statement(out);
    if (cur().kind == Tok::dedent) pos_ += 1;
}

NodePtr Parser::if_statement() {
    NodePtr top = if_clause("'if' statement");
    // Each elif is an if alone in the else of the one before (CPython's tree), each a level of
    // CPython's parser; parsed by this loop, not by recursion, so a chain of thousands takes no stack.
    Deeper chain(*this, 0);
    Node* last = top.get();
    while (is_name("elif")) {
        chain.add_level();
        last->items2.push_back(if_clause("'elif' statement"));
        last = last->items2.back().get();
    }
    if (is_name("else")) {
        const Token e = take();
        block(last->items2, "'else' statement", e.line);
    }
    return top;
}

NodePtr Parser::if_clause(const char* what) {
    const Token at = take();  // if, elif
    auto n = node(NK::if_stmt, at);
    n->a = expression();
    after_condition(*n->a);
    block(n->items, what, at.line);
    return n;
}

NodePtr Parser::while_statement() {
    const Token at = take();
    auto n = node(NK::while_stmt, at);
    n->a = expression();
    after_condition(*n->a);
    loop_depth_ += 1;
    block(n->items, "'while' statement", at.line);
    loop_depth_ -= 1;
    if (is_name("else")) {
        const Token e = take();
        block(n->items2, "'else' statement", e.line);
    }
    return n;
}

NodePtr Parser::for_statement() {
    const Token at = take();
    auto n = node(NK::for_stmt, at);
    n->a = for_targets();
    check_target(*n->a, false);
    if (!accept_name("in")) fail();  // CPython 3.11 has no "expected 'in'"
    n->b = star_expressions();
    loop_depth_ += 1;
    colon_after_expression();
    block(n->items, "'for' statement", at.line);
    loop_depth_ -= 1;
    if (is_name("else")) {
        const Token e = take();
        block(n->items2, "'else' statement", e.line);
    }
    return n;
}

NodePtr Parser::try_statement() {
    const Token at = take();
    auto n = node(NK::try_stmt, at);
    block(n->items, "'try' statement", at.line);
    Token bare_except{};
    while (is_name("except")) {
        // A bare `except:` before another handler: the compiler's error, at the bare one.
        if (!n->handlers.empty() && n->handlers.back()->a == nullptr)
            compiler_error("default 'except:' must be last", bare_except);
        const Token e = take();
        if (is_op("*")) unsupported("`except*`", e.line, e.col);
        auto h = node(NK::handler, e);
        if (!is_op(":") && cur().kind != Tok::newline) {  // a bare `except` line: block's "expected ':'"
            h->a = expression();
            if (is_op(",")) syntax_error("multiple exception types must be parenthesized", cur().line, cur().col);
            if (accept_name("as")) {
                h->text = identifier();
                colon_or_invalid();  // invalid_except_stmt: "expected ':'" only at the end of the line
            } else {
                colon_after_expression();
            }
        }
        block(h->items, "'except' statement", e.line);
        if (h->a == nullptr) bare_except = e;
        n->handlers.push_back(std::move(h));
    }
    if (is_name("else")) {
        if (n->handlers.empty()) fail("expected 'except' or 'finally' block");
        const Token e = take();
        block(n->items2, "'else' statement", e.line);
    }
    if (is_name("finally")) {
        const Token f = take();
        block(n->items3, "'finally' statement", f.line);
    }
    if (n->handlers.empty() && n->items3.empty()) fail("expected 'except' or 'finally' block");
    return n;
}

// A def's parameters (up to its ')') or a lambda's (up to its ':', no annotations): CPython's
// `parameters` rule and its invalid_parameters/invalid_star_etc messages; `/` is refused. Their names
// go to def.names in co_varnames order (ParamShape); a duplicate is the symtable's error, found in
// that order. True if the last one ended in an expression (a default or an annotation).
bool Parser::parameters(Node& def, bool is_lambda) {
    const char* closer = is_lambda ? ":" : ")";
    std::vector<Token> positional, keyword_only, star_names;  // star_names: *args, then **kwargs
    ParamShape shape;
    bool seen_star = false;
    bool ended_in_expression = false;
    auto parameter = [&](bool positional) {
        // invalid_parameters' hint is for the positional ones only: after a star, plain invalid syntax.
        if (positional && is_op("(") && ahead(1).kind == Tok::name)
            syntax_error(is_lambda ? "Lambda expression parameters cannot be parenthesized"
                                   : "Function parameters cannot be parenthesized",
                         cur().line, cur().col);
        const Token name = cur();
        identifier();
        ended_in_expression = false;
        if (!is_lambda && accept_op(":")) {
            def.handlers.push_back(annotation_expression());  // evaluated at the def (a NameError shows), not kept
            ended_in_expression = true;
        }
        return name;
    };
    while (!is_op(closer)) {
        if (shape.varkw) syntax_error("arguments cannot follow var-keyword argument", cur().line, cur().col);
        if (is_op("/")) unsupported("`/` in parameter lists (positional-only parameters)", cur().line, cur().col);
        if (accept_op("**")) {
            star_names.push_back(parameter(false));
            shape.varkw = true;
            if (is_op("=")) syntax_error("var-keyword argument cannot have default value", cur().line, cur().col);
        } else if (is_op("*")) {
            const Token star = take();
            if (seen_star) syntax_error("* argument may appear only once", star.line, star.col);
            seen_star = true;
            const Token& next = ahead(1);
            const bool bare =
                is_op(closer) || (is_op(",") && next.kind == Tok::op && (next.text == closer || next.text == "**"));
            if (bare) {  // a lambda's rule has no known location: its last token
                const Token& last = is_op(closer) ? cur() : next;
                syntax_error("named arguments must follow bare *", is_lambda ? last.line : star.line,
                             is_lambda ? last.col : star.col);
            }
            if (!is_op(",")) {
                star_names.insert(star_names.begin(), parameter(false));
                shape.varargs = true;
                if (is_op("="))
                    syntax_error("var-positional argument cannot have default value", cur().line, cur().col);
            }
        } else if (seen_star) {
            keyword_only.push_back(parameter(false));
            if (accept_op("=")) {
                def.names2.push_back(keyword_only.back().text);
                def.items3.push_back(default_value());
                ended_in_expression = true;
            }
        } else {
            const Token name = parameter(true);
            positional.push_back(name);
            if (accept_op("=")) {
                def.items2.push_back(default_value());
                ended_in_expression = true;
            } else if (!def.items2.empty()) {
                syntax_error("non-default argument follows default argument", name.line, name.col);
            }
        }
        if (!accept_op(",")) break;
    }
    shape.keyword_only = static_cast<std::uint32_t>(keyword_only.size());
    def.ival = shape.pack();
    for (const auto* group : {&positional, &keyword_only, &star_names}) {
        for (const Token& t : *group) {
            if (std::count(def.names.begin(), def.names.end(), t.text))
                symtable_error("duplicate argument '" + t.text + "' in function definition", t);
            def.names.push_back(t.text);
        }
    }
    return ended_in_expression;
}

// A parameter's default, after its '=': none before ')' or ',' is invalid_default's error, at the '='.
NodePtr Parser::default_value() {
    const Token& equals = toks_[pos_ - 1];
    if (is_op(")") || is_op(",")) syntax_error("expected default value expression", equals.line, equals.col);
    return expression();
}

NodePtr Parser::def_statement(bool is_async, const Token& at) {
    take();  // def
    auto n = node(NK::def_stmt, at);
    n->flag = is_async;
    n->text = identifier();
    expect_op("(");
    // After a default or an annotation, CPython's comma hint (`def f(a=1 b)`); after a name, its plain
    // "invalid syntax" (`def f(a b)`).
    if (parameters(*n, false)) {
        close_bracket(")", nullptr);
    } else if (!accept_op(")")) {
        fail();
    }
    if (accept_op("->")) n->handlers.push_back(annotation_expression());
    function_depth_ += 1;
    const bool outer_async = std::exchange(in_async_, is_async);
    const int outer_loops = std::exchange(loop_depth_, 0);
    const bool outer_yields = std::exchange(function_yields_, false);
    std::optional<Token> outer_return = std::exchange(value_return_, std::nullopt);
    block(n->items, "function definition", at.line);
    if (is_async && function_yields_ && value_return_)
        compiler_error("'return' with value in async generator", *value_return_);
    function_yields_ = outer_yields;
    value_return_ = std::move(outer_return);
    loop_depth_ = outer_loops;
    in_async_ = outer_async;
    function_depth_ -= 1;
    return n;
}

// `async with`, or `with` (flag set): no object of the playground is a synchronous context manager,
// so a `with` statement fails when it runs, with CPython's TypeError.
NodePtr Parser::with_statement(bool is_async) {
    const Token at = take();  // async, or with
    if (is_async) take();     // with
    if (is_async && !in_async_) compiler_error("'async with' outside async function", at);
    const std::string what = is_async ? "`async with`" : "`with`";
    // 3.11's with_stmt: `with (a as x, b):` when the parenthesis closes right before the ':',
    // else `with a as x, b:` (where `(a, b) as t` is one item, a tuple).
    const bool parenthesized =
        is_op("(") && !(ahead(1).kind == Tok::op && ahead(1).text == ")") && parenthesized_with_items();
    if (parenthesized) take();
    std::vector<NodePtr> items;
    do {
        if (parenthesized && is_op(")")) break;  // a trailing comma
        auto item = node(NK::async_with, at);
        item->flag = !is_async;
        item->a = expression();
        if (accept_name("as")) {
            item->b = binary(0);
            if (item->b->kind != NK::name) {
                check_target(*item->b, false);  // invalid_with_item: "cannot assign to literal"
                refuse_later(what + " ... as targets other than a name", *item->b);
            }
        }
        items.push_back(std::move(item));
    } while (accept_op(","));
    if (parenthesized) expect_op(")");
    colon_after_expression();  // invalid_with_stmt: "expected ':'" only at the end of the line
    // As CPython's compiler: `with a, b: body` is `with a: with b: body`, every exit at the statement.
    block(items.back()->items, "'with' statement", at.line);  // invalid_with_stmt_indent: `async` or not
    for (std::size_t i = items.size() - 1; i > 0; --i) items[i - 1]->items.push_back(std::move(items[i]));
    return std::move(items.front());
}

bool Parser::parenthesized_with_items() const {
    int depth = 0;
    for (std::size_t i = pos_; i < toks_.size() && i < error_at_; ++i) {
        const Token& t = toks_[i];
        if (t.kind == Tok::newline || t.kind == Tok::end) return false;
        if (t.kind != Tok::op) continue;
        if (t.text == "(" || t.text == "[" || t.text == "{") depth += 1;
        if ((t.text == ")" || t.text == "]" || t.text == "}") && --depth == 0) {
            // before the end of the line too: invalid_with_stmt's `with (a as x, b)` is "expected ':'"
            const Token* next = i + 1 < toks_.size() ? &toks_[i + 1] : nullptr;
            return next != nullptr && ((next->kind == Tok::op && next->text == ":") || next->kind == Tok::newline);
        }
    }
    return false;
}

namespace {
// The modules a program may import: asyncio; random for tasks' random durations; time to measure a
// run or to block the loop (time_module.hpp).
bool importable(const std::string& module) { return module == "asyncio" || module == "random" || module == "time"; }
}  // namespace

NodePtr Parser::import_statement() {
    // What the playground cannot import is refused once the whole program has parsed: a SyntaxError
    // anywhere in it comes first, as python3 reads the file before it imports anything.
    const Token at = cur();
    auto n = node(NK::import_stmt, at);
    if (accept_name("import")) {
        do {
            const Token module_at = cur();
            std::string mod = identifier();
            if (is_op(".")) refuse_later("importing submodules", at);
            while (accept_op(".")) mod += "." + identifier();
            if (!importable(mod)) refuse_later("importing '" + mod + "' (only asyncio, random and time)", module_at);
            n->names.push_back(mod);
            n->names2.push_back(accept_name("as") ? identifier() : mod);
        } while (accept_op(","));
        return n;
    }
    take();  // from
    const bool relative = is_op(".") || is_op("...");
    if (relative) refuse_later("relative imports", at);
    while (accept_op(".") || accept_op("...")) {
    }
    std::string mod = relative && is_name("import") ? "." : identifier();
    while (mod != "." && accept_op(".")) mod += "." + identifier();
    if (!relative && !importable(mod)) refuse_later("importing from '" + mod + "' (only asyncio, random and time)", at);
    if (!accept_name("import")) fail();
    const bool paren = accept_op("(");
    if (is_op("*")) {
        if (function_depth_ > 0) symtable_error("import * only allowed at module level", at);
        refuse_later("`from " + mod + " import *`", at);
        take();
        n->flag = true;
        return n;
    }
    do {
        if (paren && is_op(")") && !n->names.empty()) break;  // (sleep,) but not ()
        if (!paren && !n->names.empty() && cur().kind == Tok::newline)
            fail("trailing comma not allowed without surrounding parentheses");
        std::string name = identifier();
        n->names.push_back(mod + "." + name);
        n->names2.push_back(accept_name("as") ? identifier() : name);
    } while (accept_op(","));
    if (paren) expect_op(")");
    n->flag = true;
    return n;
}

NodePtr Parser::simple_statement() {
    const Token at = cur();
    if (at.kind == Tok::name) {
        const std::string& w = at.text;
        if (w == "pass") return take(), node(NK::pass_stmt, at);
        if (w == "match" && ahead(1).kind != Tok::newline &&
            !(ahead(1).kind == Tok::op && ahead(1).text != "(" && ahead(1).text != "[" && ahead(1).text != "{" &&
              ahead(1).text != "-")) {
            // `match subject:` (a soft keyword: `match = 1`, `match.x`, `match(x)` alone stay names)
            std::size_t k = pos_;
            while (token_at(k).kind != Tok::newline && token_at(k).kind != Tok::end) ++k;
            if (k > pos_ && toks_[k - 1].kind == Tok::op && toks_[k - 1].text == ":")
                unsupported("`match` statements", at.line, at.col);
        }
        if (w == "break" || w == "continue") {
            take();
            if (loop_depth_ == 0)
                compiler_error(w == "break" ? "'break' outside loop" : "'continue' not properly in loop", at);
            underline_compiler_error(at);
            return node(w == "break" ? NK::break_stmt : NK::continue_stmt, at);
        }
        if (w == "return") {
            take();
            if (function_depth_ == 0) compiler_error("'return' outside function", at);
            auto n = node(NK::return_stmt, at);
            if (cur().kind != Tok::newline && !is_op(";")) {
                n->a = star_expressions();
                if (!value_return_) value_return_ = at;
            }
            underline_compiler_error(at);
            return n;
        }
        if (w == "raise") {
            take();
            auto n = node(NK::raise_stmt, at);
            if (cur().kind != Tok::newline && !is_op(";")) {
                n->a = expression();
                if (accept_name("from")) n->b = expression();
            }
            return n;
        }
        if (w == "global" || w == "nonlocal") {
            take();
            auto n = node(NK::global_stmt, at);
            n->flag = w == "nonlocal";
            if (n->flag && function_depth_ == 0) symtable_error("nonlocal declaration not allowed at module level", at);
            do n->names.push_back(identifier());
            while (accept_op(","));
            underline_compiler_error(at);
            return n;
        }
        if (w == "assert") {
            take();
            auto n = node(NK::assert_stmt, at);
            n->a = expression();
            if (accept_op(",")) n->b = expression();
            return n;
        }
        if (w == "import" || w == "from") return import_statement();
        if (w == "del") {
            take();
            auto n = node(NK::del_stmt, at);
            n->items.push_back(star_expressions());
            check_delete_target(*n->items[0]);
            return n;
        }
        if (w == "class" || w == "def" || w == "if" || w == "while" || w == "for" || w == "try" || w == "with") fail();
    }
    return assignment_or_expression();
}

/// What CPython calls an expression in "cannot assign to ..." (Parser/pegen.c, _PyPegen_get_expr_name).
const char* expr_name(const Node& t) {
    switch (t.kind) {
        case NK::name: return "name";
        case NK::attribute: return "attribute";
        case NK::subscript: return "subscript";
        case NK::starred: return "starred";
        case NK::call: return "function call";
        case NK::int_const:
        case NK::float_const:
        case NK::str_const: return "literal";
        case NK::fstring: return "f-string expression";
        case NK::true_const: return "True";
        case NK::false_const: return "False";
        case NK::none_const: return "None";
        case NK::compare: return "comparison";
        case NK::ifexp: return "conditional expression";
        case NK::dict: return "dict literal";
        case NK::await_expr: return "await expression";
        case NK::yield_expr: return "yield expression";
        case NK::lambda_expr: return "lambda";
        case NK::listcomp:
            return t.flag           ? "generator expression"
                   : t.set_stand_in ? "set comprehension"
                   : t.b            ? "dict comprehension"
                                    : "list comprehension";
        case NK::genexpr: return "generator expression";
        case NK::tuple: return "tuple";
        case NK::list: return t.set_stand_in ? "set display" : "list";
        default: return "expression";
    }
}

/// Whether t is written as a group: parentheses around it beyond a display's own (`(a)`, `((1, 2))`).
bool grouped(const Node& t) {
    const bool own_parens = t.kind == NK::tuple ? t.parens > 0 : t.kind == NK::genexpr;
    return t.parens > (own_parens ? 1 : 0);
}

/// Whether t's text starts with what invalid_named_expression's lookahead refuses: a list or tuple
/// display, a generator expression, True, None or False (`(1, 2) + 1 = 3` gets no '==' hint).
bool starts_with_display(const Node& t) {
    if (grouped(t)) return false;  // its first token is a group's '('
    switch (t.kind) {
        case NK::true_const:
        case NK::false_const:
        case NK::none_const:
        case NK::genexpr: return true;
        case NK::list: return !t.set_stand_in;
        case NK::listcomp: return t.flag;  // a generator expression
        case NK::tuple: return t.parens > 0 || (!t.items.empty() && starts_with_display(*t.items[0]));
        case NK::binop:
        case NK::attribute:
        case NK::call:
        case NK::subscript: return starts_with_display(*t.a);  // its first operand's text is its start
        default: return false;
    }
}

/// Whether an '=' after t may be the '==' hint ("cannot assign to ... here. Maybe you meant '=='"):
/// t is a bitwise_or (no comparison, and/or, if-else, not, lambda or tuple, unless grouped) whose text
/// does not start with a display (invalid_named_expression).
bool equals_hint_for(const Node& t) {
    if (grouped(t)) return true;  // `(a < b) = 1`: bitwise_or reads a group whole
    if (starts_with_display(t)) return false;
    switch (t.kind) {
        case NK::compare:
        case NK::boolop:
        case NK::ifexp:
        case NK::tuple:
        case NK::starred:
        case NK::slice:
        case NK::yield_expr:
        case NK::lambda_expr: return false;
        case NK::unaryop: return t.text != "not";
        default: return true;
    }
}

void Parser::check_target(const Node& t, bool augmented) {
    // The '==' hint for the target before a statement's first '=' is statement_start_hint's.
    switch (t.kind) {
        case NK::name: return;
        case NK::subscript: return;
        case NK::attribute:  // Python; refused once the rest is read, so a SyntaxError after it wins
            refuse_later("assigning to attributes", t);
            return;
        case NK::tuple:
        case NK::list:
            if (t.set_stand_in) break;
            if (augmented)
                syntax_error(std::string("'") + expr_name(t) + "' is an illegal expression for augmented assignment",
                             t.line, t.col);
            for (const auto& item : t.items) check_target(*item, false);
            return;
        case NK::starred:  // star_target: '*' (!'*' star_target); where it may stand, the compiler says
            if (augmented) syntax_error("'starred' is an illegal expression for augmented assignment", t.line, t.col);
            return check_target(*t.a, false);
        default: break;
    }
    const std::string what = expr_name(t);
    if (augmented) syntax_error("'" + what + "' is an illegal expression for augmented assignment", t.line, t.col);
    if (t.kind == NK::yield_expr && t.parens == 0)  // invalid_assignment's `(star_targets '=')* yield_expr '='`
        syntax_error("assignment to yield expression not possible", t.line, t.col);
    syntax_error("cannot assign to " + what, t.line, t.col);
}

/// del_targets (Grammar/python.gram): names, subscripts, attributes, and tuples and lists of them;
/// anything else is invalid_del_stmt's "cannot delete ...", at the first such target.
void Parser::check_delete_target(const Node& t) const {
    switch (t.kind) {
        case NK::name:
        case NK::subscript:
        case NK::attribute: return;
        case NK::tuple:
        case NK::list:
            for (const auto& item : t.items) check_delete_target(*item);
            return;
        case NK::starred: syntax_error("cannot delete starred", t.line, t.col);
        default: syntax_error(std::string("cannot delete ") + expr_name(t), t.line, t.col);
    }
}

/// `x: int = 5`, `x: int`: as CPython's compiler_annassign, a module evaluates the annotation after
/// the assignment (for __annotations__, which the playground has not: only what it raises shows); a
/// function never does, but its bare `x: int` makes x local (symtable).
NodePtr Parser::annotated_assignment(NodePtr target, const Token& at) {
    switch (target->kind) {  // invalid_ann_assign_target, then invalid_assignment's "illegal target"
        case NK::name:
        case NK::attribute:
        case NK::subscript: break;
        case NK::tuple:
        case NK::list:
            syntax_error(std::string("only single target (not ") + expr_name(*target) + ") can be annotated",
                         target->line, target->col);
        default: syntax_error("illegal target for annotation", target->line, target->col);
    }
    take();  // :
    NodePtr annotation = annotation_expression();
    if (function_depth_ > 0) annotation.reset();
    if (target->kind == NK::attribute) refuse_later("assigning to attributes", *target);
    const bool simple = target->kind == NK::name && target->parens == 0;
    std::vector<std::string> annotated;  // the name the symtable marks (DEF_ANNOT): the compiler's checks
    if (simple) annotated.push_back(target->text);
    NodePtr n;
    if (accept_op("=")) {
        n = node(NK::assign, at);
        n->items.push_back(std::move(target));
        n->a = yield_or_star_expressions();
        n->b = std::move(annotation);
    } else if (target->kind == NK::subscript || annotation) {  // `d[k]: int`: d and k are evaluated (check_ann_expr)
        n = node(NK::expr_stmt, at);
        n->a = node(NK::tuple, at);
        if (target->kind == NK::subscript) {
            n->a->items.push_back(std::move(target->a));
            n->a->items.push_back(std::move(target->b));
        }
        n->b = std::move(annotation);  // then the annotation, as an annotation (Compiler::annotation)
    } else {
        n = node(NK::pass_stmt, at);  // which makes the name local, in a function
    }
    n->names = std::move(annotated);
    return n;
}

NodePtr Parser::assignment_or_expression() {
    const Token at = cur();
    NodePtr first = yield_or_star_expressions();
    legacy_print(*first);
    if (is_op(":")) return annotated_assignment(std::move(first), at);
    static const char* const aug[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>="};
    for (const char* op : aug) {
        if (!is_op(op)) continue;
        take();
        check_target(*first, true);
        auto n = node(NK::augassign, at);
        n->text = std::string(op).substr(0, std::string(op).size() - 1);
        n->a = std::move(first);
        n->b = yield_or_star_expressions();
        return n;
    }
    if (!is_op("=")) {
        auto n = node(NK::expr_stmt, at);
        n->a = std::move(first);
        return n;
    }
    auto n = node(NK::assign, at);
    n->items.push_back(std::move(first));
    const std::size_t value_at = pos_ + 1;  // what follows the first '='
    while (accept_op("=")) {
        try {
            n->items.push_back(yield_or_star_expressions());
        } catch (const SourceError& e) {
            // CPython's invalid_assignment: with no value after an '=', a target before it that cannot
            // be assigned is the error ("x = 1 =" names the literal). The tokenizer's error, met on the
            // way, comes first.
            if (e.type == SourceError::Type::syntax && !is_tokenizers(e)) check_assignment_targets(*n, value_at);
            throw;
        }
        legacy_print(*n->items.back());
    }
    n->a = std::move(n->items.back());
    n->items.pop_back();
    check_assignment_targets(*n, value_at);
    return n;
}

/// Whether t is a tuple written without parentheses (`x, 1 = ...`).
bool unparenthesized_tuple(const Node& t) { return t.kind == NK::tuple && t.parens == 0; }

/// Whether t is a target CPython's star_targets take: a name, subscript or attribute, or a tuple or list
/// of them (one starred), however the playground treats it.
bool assignable(const Node& t) {
    switch (t.kind) {
        case NK::name:
        case NK::subscript:
        case NK::attribute: return true;
        case NK::starred: return assignable(*t.a);
        case NK::tuple:
        case NK::list:
            return !t.set_stand_in &&
                   std::all_of(t.items.begin(), t.items.end(), [](const NodePtr& item) { return assignable(*item); });
        default: return false;
    }
}

void Parser::check_assignment_targets(const Node& assign, std::size_t value_at) {
    const bool all_assignable = std::all_of(assign.items.begin(), assign.items.end(),
                                            [](const NodePtr& target) { return assignable(*target); });
    if (!all_assignable) statement_start_hint(*assign.items[0], value_at);
    for (const NodePtr& target : assign.items) check_target(*target, false);
}

/// An assignment with a target it cannot assign is invalid_assignment to CPython, whose first
/// alternatives read the statement's start as star_named_expressions: the item before the first
/// '=' (the last of an unparenthesized tuple) is invalid_named_expression's with the value after it
/// (`x = 2, y = 3`, `a, ((1, 2)) = 3`), if it is a bitwise_or not starting with a display.
void Parser::statement_start_hint(const Node& first, std::size_t value_at) {
    const Node& item = unparenthesized_tuple(first) ? *first.items.back() : first;
    const bool trailing_comma = toks_[value_at - 2].kind == Tok::op && toks_[value_at - 2].text == ",";  // `x, = ...`
    if (trailing_comma || !equals_hint_for(item) || !equals_hint_at(value_at)) return;
    if (item.kind == NK::name && item.parens == 0)  // a NAME token, not `(a) =`
        syntax_error_to("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", item.line, item.col,
                        read_end_ - 1);
    syntax_error_to(std::string("cannot assign to ") + expr_name(item) + " here. Maybe you meant '==' instead of '='?",
                    item.line, item.col, unparenthesized_end(item, value_at - 2));
}

/// Whether CPython hints at '==' for what stands before an '=' (invalid_named_expression: `a '=' b`
/// with b a bitwise_or and no '=' or ':=' after it). Reads ahead from `value_at` and comes back: the
/// tokenizer's error met on the way is raised (read_ahead_at). Where our parser fails inside b,
/// CPython's PEG parser takes b's longest prefix that parses: an operand followed by an operator,
/// which is no '='.
bool Parser::equals_hint_at(std::size_t value_at) {
    bool hint = false;
    const auto value = [&] {  // b's own hints, in its brackets, are CPython's (`if x = [1 2]:`)
        try {
            binary(0);
        } catch (const SourceError& e) {
            if (e.type != SourceError::Type::syntax || is_tokenizers(e) || is_hint(e)) throw;
            pos_ = value_at;
            factor();
        }
        hint = !is_op("=") && !is_op(":=");
    };
    read_ahead_at(value_at, value, true);
    return hint;
}

// --- expressions --------------------------------------------------------------------------------

NodePtr Parser::star_expressions() {
    const Token at = cur();
    NodePtr first = star_expression();
    if (!is_op(",")) return first;
    auto t = node(NK::tuple, at);
    t->items.push_back(std::move(first));
    while (accept_op(",")) {
        if (cur().kind == Tok::newline || is_op("=") || is_op(")") || is_op(";") || is_op(":")) break;
        t->items.push_back(star_expression());
    }
    return t;
}

// A `for` statement's or comprehension's targets (star_targets): `a`, or a tuple `a, b` -- also
// `a,`, a one-item tuple that unpacks each item as `a, = item` does.
NodePtr Parser::for_targets() {
    std::vector<NodePtr> targets;
    bool tuple = false;
    while (!is_name("in")) {
        targets.push_back(star_target());
        if (!accept_op(",")) break;
        tuple = true;
    }
    if (targets.empty()) fail();
    if (!tuple) return std::move(targets[0]);
    auto t = std::make_unique<Node>(NK::tuple, targets[0]->line, targets[0]->col);  // where its first target is
    t->items = std::move(targets);
    return t;
}

NodePtr Parser::star_target() {
    // A `for` target's item, parsed as a primary so that `in` ends it; `*rest` takes what is left.
    if (!is_op("*")) return binary(0);
    auto n = node(NK::starred);
    take();
    n->a = binary(0);
    return n;
}

NodePtr Parser::star_expression() {
    if (is_op("*")) {
        auto n = node(NK::starred);
        take();
        n->a = binary(0);
        last_kind_ = NK::starred;  // no disjunction: no comma hint after it
        return n;
    }
    return expression();
}

// lambda params: expression, as a def named "<lambda>" whose body returns the expression (its
// parameters as def's, without annotations).
NodePtr Parser::lambda_expression() {
    Deeper guard(*this);      // lambdef, a level of CPython's parser below the expression's
    const Token at = take();  // lambda
    auto def = node(NK::def_stmt, at);
    def->text = "<lambda>";
    parameters(*def, true);
    if (!is_op(":")) fail();
    take();
    function_depth_ += 1;
    const bool outer_async = std::exchange(in_async_, false);
    const bool outer_yields = std::exchange(function_yields_, false);  // the lambda's own
    auto ret = node(NK::return_stmt, cur());
    ret->a = expression();
    function_yields_ = outer_yields;
    in_async_ = outer_async;
    function_depth_ -= 1;
    def->items.push_back(std::move(ret));
    auto n = node(NK::lambda_expr, at);
    n->a = std::move(def);
    return n;
}

/// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]. Read so that a SyntaxError
/// further on is still the one reported; outside a function it is then CPython's compiler error,
/// inside one the playground's refusal of generators.
NodePtr Parser::yield_expression() {
    const Token at = take();
    auto n = node(NK::yield_expr, at);
    if (accept_name("from")) {
        n->flag = true;  // yield from
        n->a = expression();
    } else if (cur().kind != Tok::newline && cur().kind != Tok::end && !is_op(")") && !is_op(";") && !is_op("=") &&
               !is_op("]") && !is_op("}")) {
        n->a = star_expressions();
    }
    function_yields_ = true;
    yields_.try_emplace({at.line, at.col}, at, function_depth_);
    if (in_async_ && n->a && n->flag) compiler_error("'yield from' inside async function", at);
    if (function_depth_ == 0)
        compiler_error("'yield' outside function", at);
    else
        refuse_later("generators (`yield`)", at);
    underline_compiler_error(at);
    return n;
}

NodePtr Parser::expression() {
    Deeper guard(*this);
    if (is_name("lambda")) return lambda_expression();
    const Token at = cur();
    NodePtr body = disjunction();
    if (is_op(":=")) unsupported("assignment expressions (`:=`)", cur().line, cur().col);
    if (!accept_name("if")) return body;
    auto n = node(NK::ifexp, at);
    n->b = std::move(body);
    n->a = if_condition(at);
    // invalid_expression, at the body: not before a ':' (`y = 5 if x > 1:`, plain "invalid syntax")
    if (!accept_name("else")) {
        if (is_op(":")) fail();
        syntax_error("expected 'else' after 'if' expression", at.line, at.col);
    }
    n->c = expression();
    return n;
}

/// The b of `a if b else c`. Where it fails (`1 if f(,) else 2`), CPython's invalid_expression takes
/// the longest part of it that parses (`f`) as b, and says that no 'else' follows: when at least
/// its shortest expression parses.
NodePtr Parser::if_condition(const Token& body) {
    const std::size_t start = pos_;
    try {
        return disjunction();
    } catch (const SourceError& e) {
        if (e.type != SourceError::Type::syntax || is_tokenizers(e) || is_hint(e)) throw;
        bool no_else = false;
        const auto shortest = [&] { shortest_expression(), no_else = !is_name("else") && !is_op(":"); };
        if (read_ahead_at(start, shortest) && no_else)
            syntax_error("expected 'else' after 'if' expression", body.line, body.col);
        throw;
    }
}

NodePtr Parser::disjunction() {
    const Token at = cur();
    NodePtr left = conjunction();
    if (!is_name("or")) {
        last_disjunction_ = at;
        last_kind_ = left->kind;
        return left;
    }
    auto n = node(NK::boolop, at);
    n->text = "or";
    n->items.push_back(std::move(left));
    while (accept_name("or")) n->items.push_back(conjunction());
    last_disjunction_ = at;
    last_kind_ = NK::boolop;
    return n;
}

NodePtr Parser::conjunction() {
    const Token at = cur();
    NodePtr left = inversion();
    if (!is_name("and")) return left;
    auto n = node(NK::boolop, at);
    n->text = "and";
    n->items.push_back(std::move(left));
    while (accept_name("and")) n->items.push_back(inversion());
    return n;
}

NodePtr Parser::inversion() {
    if (!is_name("not")) return comparison();
    Deeper guard(*this);
    auto n = node(NK::unaryop);
    take();
    n->text = "not";
    n->a = inversion();
    return n;
}

NodePtr Parser::comparison() {
    const Token at = cur();
    NodePtr left = binary(0);
    auto n = node(NK::compare, at);
    for (;;) {
        std::string op;
        if (cur().kind == Tok::op && (cur().text == "<" || cur().text == ">" || cur().text == "==" ||
                                      cur().text == "!=" || cur().text == "<=" || cur().text == ">=")) {
            op = take().text;
        } else if (accept_name("in")) {
            op = "in";
        } else if (is_name("not") && ahead(1).kind == Tok::name && ahead(1).text == "in") {
            pos_ += 2;
            op = "not in";
        } else if (accept_name("is")) {
            op = accept_name("not") ? "is not" : "is";
        } else {
            break;
        }
        n->names.push_back(op);
        n->items.push_back(binary(0));
    }
    if (n->names.empty()) return left;
    n->a = std::move(left);
    return n;
}

// Binary operators by precedence level: | ^ & (<< >>) (+ -) (* / // % @).
NodePtr Parser::binary(int level) {
    static const std::vector<std::vector<const char*>> levels = {{"|"},        {"^"},      {"&"},
                                                                 {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};
    if (level == static_cast<int>(levels.size())) return factor();
    NodePtr left = binary(level + 1);
    for (;;) {
        const char* matched = nullptr;
        for (const char* op : levels[static_cast<std::size_t>(level)]) {
            if (is_op(op)) matched = op;
        }
        if (matched == nullptr) return left;
        const Token at = take();
        // Refused once the program is read: it parses (`print(1 i@n x)` is CPython's comma hint,
        // underlined to the end of `i@n`), and a SyntaxError after it wins.
        if (at.text == "@") refuse_later("the `@` operator", at);
        auto n = node(NK::binop, at);
        n->text = at.text;
        n->a = std::move(left);
        n->b = binary(level + 1);
        n->line = n->a->line;
        n->col = n->a->col;
        left = std::move(n);
    }
}

NodePtr Parser::factor() {
    if (is_op("-") || is_op("+") || is_op("~")) {
        Deeper guard(*this);
        auto n = node(NK::unaryop);
        n->text = take().text;
        n->a = factor();
        return n;
    }
    return power();
}

NodePtr Parser::power() {
    NodePtr base = await_primary();
    if (!is_op("**")) return base;
    Deeper guard(*this, 2);
    const Token at = take();
    auto n = node(NK::binop, at);
    n->text = "**";
    n->line = base->line;
    n->col = base->col;
    n->a = std::move(base);
    n->b = factor();
    return n;
}

NodePtr Parser::await_primary() {
    if (!is_name("await")) return primary();
    const Token at = take();
    if (!in_async_) compiler_error("'await' outside " + std::string(function_depth_ ? "async " : "") + "function", at);
    Deeper guard(*this);
    auto n = node(NK::await_expr, at);
    n->a = primary();
    underline_compiler_error(at);
    return n;
}

NodePtr Parser::primary() {
    NodePtr e = atom();
    for (;;) {
        const Token at = cur();
        if (accept_op(".")) {
            auto n = node(NK::attribute, at);
            n->ival = cur().line;  // the name's line: CPython's end_lineno, where a traceback points
            n->text = identifier();
            n->line = e->line;
            n->col = e->col;
            n->a = std::move(e);
            e = std::move(n);
        } else if (accept_op("(")) {
            Deeper guard(*this, bracket_levels);
            auto n = node(NK::call, at);
            n->line = e->line;
            n->col = e->col;
            n->a = std::move(e);
            call_arguments(*n);
            e = std::move(n);
        } else if (accept_op("[")) {
            Deeper guard(*this, bracket_levels);
            auto n = node(NK::subscript, at);
            n->line = e->line;
            n->col = e->col;
            n->a = std::move(e);
            n->b = subscript_index();
            const bool items = n->b->kind == NK::tuple && !n->b->items.empty();  // `a[()]` has none
            close_bracket("]", items ? n->b->items.back().get() : n->b.get());
            e = std::move(n);
        } else {
            return e;
        }
    }
}

void Parser::call_arguments(Node& call) {
    const Token open = toks_[pos_ - 1];  // the call's '('
    bool mapping_unpacked = false;       // a `**` argument came: what follows is named after it
    while (!is_op(")")) {
        const Token at = cur();
        if (accept_op("**")) {
            call.names.push_back("");  // `**mapping`: merged into the keywords, in order
            call.items2.push_back(expression());
            mapping_unpacked = true;
        } else if (is_op("*")) {
            if (mapping_unpacked)
                syntax_error("iterable argument unpacking follows keyword argument unpacking", at.line, at.col);
            take();
            auto s = node(NK::starred, at);
            s->a = expression();
            if (call.items.empty() && call.names.empty()) check_comprehension_element(*s, false, ")");
            call.items.push_back(std::move(s));
        } else if (cur().kind == Tok::name && ahead(1).kind == Tok::op && ahead(1).text == "=") {
            const std::string& word = cur().text;
            if (word == "True" || word == "False" || word == "None")  // invalid_kwarg
                syntax_error("cannot assign to " + word, at.line, at.col);
            std::string name = identifier();
            take();
            call.names.push_back(name);
            call.items2.push_back(expression());
            if (at_comprehension())  // invalid_kwarg: NAME '=' expression for_if_clauses
                syntax_error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", at.line, at.col);
        } else {
            if (!call.names.empty()) positional_after_keyword(at, mapping_unpacked);
            NodePtr arg = expression();
            if (at_comprehension()) {
                if (!call.items.empty() || !call.names.empty())
                    syntax_error("Generator expression must be parenthesized", at.line, at.col);
                arg = comprehension_tail(std::move(arg), "generator expression", at, ")", true);
                // f(x for x in xs): the generator expression's parentheses are the call's, so it
                // starts (and a traceback points) at the '(' line
                NodePtr g = generator_expression(std::move(arg));
                g->line = g->a->line = open.line;
                g->col = g->a->col = open.col;
                call.items.push_back(std::move(g));
                expect_op(")");
                return;
            }
            call.items.push_back(std::move(arg));
        }
        // `f(*a = 1)`: an unpacking is no expression, so no invalid_kwarg ("expression cannot contain ...")
        if (is_op("=") && (at.kind == Tok::op && (at.text == "*" || at.text == "**"))) fail();
        if (!accept_op(",")) break;
    }
    close_bracket(")", nullptr, true);
}

// CPython's args reads `f(a=1, 2 = 3)` as keywords, whose invalid_kwarg takes an expression before
// an '=' (with its own hints on the way) first; only then is it invalid_arguments' "positional
// argument follows keyword argument".
void Parser::positional_after_keyword(const Token& at, bool mapping_unpacked) {
    if (read_ahead_at(
            pos_, [this] { expression(); }, true)) {
        const NodePtr arg = expression();
        if (at_comprehension()) syntax_error("Generator expression must be parenthesized", arg->line, arg->col);
        legacy_print(*arg);
        // An '=' after it (invalid_kwarg), or a second expression (the comma hint).
        if (!is_op(",") && !is_op(")")) bracket_hints(nullptr, true);
    }
    syntax_error(mapping_unpacked ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument",
                 at.line, at.col);
}

// slices: one slice or expression, or several (or one with a trailing comma, or a starred one)
// separated by commas, which are a tuple: d[1, 2] is d[(1, 2)], as in CPython's grammar.
NodePtr Parser::subscript_index() {
    const Token at = cur();
    NodePtr first = subscript_item();
    if (!is_op(",") && first->kind != NK::starred) return first;
    auto t = node(NK::tuple, at);
    t->items.push_back(std::move(first));
    while (accept_op(",") && !is_op("]")) t->items.push_back(subscript_item());
    for (const NodePtr& item : t->items) {
        // A tuple holding a slice object: the playground has no slice objects.
        if (item->kind == NK::slice) unsupported("slices in a tuple subscript (`x[a:b, c]`)", item->line, item->col);
    }
    return t;
}

// One of the slices: an expression, a starred expression or lower:upper:step.
NodePtr Parser::subscript_item() {
    const Token at = cur();
    if (is_op("*")) return star_expression();
    NodePtr lower;
    if (!is_op(":")) {
        lower = expression();
        if (!is_op(":")) return lower;
    }
    auto s = node(NK::slice, at);
    s->a = std::move(lower);
    take();  // :
    if (!is_op("]") && !is_op(":")) s->b = expression();
    if (accept_op(":") && !is_op("]")) s->c = expression();
    return s;
}

NodePtr Parser::atom() {
    const Token at = cur();
    switch (at.kind) {
        case Tok::number: return take(), number(at);
        case Tok::string: return strings();
        case Tok::name: {
            if (at.text == "True") return take(), node(NK::true_const, at);
            if (at.text == "False") return take(), node(NK::false_const, at);
            if (at.text == "None") return take(), node(NK::none_const, at);
            auto n = node(NK::name, at);
            n->text = identifier();
            return n;
        }
        case Tok::op:
            if (at.text == "(") return paren_atom();
            if (at.text == "[") return list_atom();
            if (at.text == "{") return dict_atom();
            if (at.text == "...") {
                // `tuple[int, ...]` is everyday typing; an annotation's `...` is never evaluated
                if (in_annotation_) return node(NK::none_const, take());
                unsupported("`...` (Ellipsis)", at.line, at.col);
            }
            break;
        case Tok::indent: throw SourceError(SourceError::Type::indentation, "unexpected indent", at.line, at.col);
        default: break;
    }
    fail();
}

NodePtr Parser::number(const Token& t) {
    std::string digits;
    for (char c : t.text) {
        if (c != '_') digits += c;
    }
    if (t.is_float) {
        auto n = node(NK::float_const, t);
        n->fval = std::strtod(digits.c_str(), nullptr);
        return n;
    }
    int base = 10;
    std::size_t skip = 0;
    if (digits.size() > 1 && digits[0] == '0' && std::isalpha(static_cast<unsigned char>(digits[1]))) {
        const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[1])));
        base = b == 'x' ? 16 : (b == 'o' ? 8 : 2);
        skip = 2;
    } else if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos) {
        syntax_error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                     t.line, t.col);
    }
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(digits.c_str() + skip, &end, base);
    if (end == digits.c_str() + skip || *end != '\0') syntax_error("invalid decimal literal", t.line, t.col);
    auto n = node(NK::int_const, t);
    if (errno == ERANGE || v > 9223372036854775807ULL) return big_number(std::move(n), digits.substr(skip), base);
    n->ival = static_cast<std::int64_t>(v);
    return n;
}

// A literal beyond 64 bits: the compiler makes the big int from its digits (text, base in ival).
NodePtr Parser::big_number(NodePtr n, std::string digits, int base) {
    if (base == 10 && digits.size() > max_str_digits)
        syntax_error("Exceeds the limit (4300 digits) for integer string conversion: value has " +
                         std::to_string(digits.size()) +
                         " digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal "
                         "for huge integer literals to avoid decimal conversion limits.",
                     n->line, n->col);
    const std::uint64_t bits_per_digit = base == 16 ? 4 : (base == 8 ? 3 : (base == 2 ? 1 : 4));
    if (digits.size() * bits_per_digit > max_long_bits + 4)
        unsupported("integer literals of more than 2**19 bits", n->line, n->col);
    n->text = std::move(digits);
    n->ival = base;
    n->flag = true;
    return n;
}

NodePtr Parser::paren_atom() {
    const Token at = take();  // (
    Deeper guard(*this, bracket_levels);
    NodePtr parenthesized;
    if (accept_op(")")) {
        parenthesized = node(NK::tuple, at);
    } else if (is_name("yield")) {  // group: '(' (yield_expr | named_expression) ')'
        parenthesized = yield_expression();
        expect_op(")");
    } else {
        NodePtr first = star_expression();
        check_comprehension_element(*first, false, ")");
        if (at_comprehension()) {
            parenthesized = generator_expression(comprehension_tail(std::move(first), "generator expression", at, ")"));
            expect_op(")");
        } else if (accept_op(")")) {
            if (first->kind == NK::starred) syntax_error("cannot use starred expression here", first->line, first->col);
            parenthesized = std::move(first);
        } else {
            parenthesized = display_rest(node(NK::tuple, at), std::move(first), ")");
        }
    }
    if (parenthesized->parens < UINT8_MAX) parenthesized->parens += 1;
    return parenthesized;
}

NodePtr Parser::display_rest(NodePtr display, NodePtr first, const char* close) {
    display->items.push_back(std::move(first));
    while (accept_op(",")) {
        if (is_op(close) || is_name("for")) break;  // a trailing comma (before a `for`: below)
        display->items.push_back(star_expression());
    }
    check_comprehension_element(*display->items[0], true, close);
    close_bracket(close, display->items.back().get());
    return display;
}

NodePtr Parser::list_atom() {
    const Token at = take();  // [
    Deeper guard(*this, bracket_levels);
    auto l = node(NK::list, at);
    if (accept_op("]")) return l;
    NodePtr first = star_expression();
    check_comprehension_element(*first, false, "]");
    if (at_comprehension()) {
        NodePtr comp = comprehension_tail(std::move(first), "list comprehension", at, "]");
        expect_op("]");
        return comp;
    }
    return display_rest(std::move(l), std::move(first), "]");
}

NodePtr Parser::dict_atom() {
    const Token at = take();  // {
    Deeper guard(*this, bracket_levels);
    auto d = node(NK::dict, at);
    while (!is_op("}")) {
        if (is_op("**")) {  // Python: read (its SyntaxErrors first), then refused
            const Token unpack = take();
            refuse_later("`**` in dict displays", unpack);
            NodePtr mapping = binary(0);                 // bitwise_or
            if (d->items.empty() && at_comprehension())  // invalid_dict_comprehension
                syntax_error("dict unpacking cannot be used in dict comprehension", unpack.line, unpack.col);
            d->items.push_back(node(NK::none_const, unpack));  // a stand-in key
            d->items2.push_back(std::move(mapping));
            if (!accept_op(",")) break;
            continue;
        }
        if (is_op("*") && d->items.empty()) return set_display(star_expression(), at);  // {*a, b}
        const Token key_at = cur();
        NodePtr key = expression();
        if (!is_op(":") && !d->items.empty())
            syntax_error("':' expected after dictionary key", key_at.line, key_at.col);
        if (!is_op(":")) return set_display(std::move(key), at);
        const Token colon = take();
        // invalid_kvpair: a ':' followed by '}' or ',' (the value forgotten)
        if (is_op("}") || is_op(","))
            syntax_error("expression expected after dictionary key and ':'", colon.line, colon.col);
        d->items.push_back(std::move(key));
        d->items2.push_back(expression());
        if (at_comprehension() && d->items.size() == 1) {  // {k: v for ...}: a listcomp with the value in b
            NodePtr comp = comprehension_tail(std::move(d->items[0]), "dict comprehension", at, "}");
            comp->b = std::move(d->items2[0]);
            expect_op("}");
            return comp;
        }
        if (!accept_op(",")) break;
    }
    close_bracket("}", nullptr);
    return d;
}

/// `{a, b}` or `{x for x in y}` after its first element: read as CPython would (its SyntaxErrors
/// first), then refused at the end. The node stands in for it until then.
NodePtr Parser::set_display(NodePtr first, const Token& at) {
    check_comprehension_element(*first, false, "}");
    refuse_later("sets", at);
    NodePtr set;
    if (at_comprehension()) {
        set = comprehension_tail(std::move(first), "set comprehension", at, "}");
        expect_op("}");
    } else {
        set = display_rest(node(NK::list, at), std::move(first), "}");
    }
    set->set_stand_in = true;
    return set;
}

// `what`: CPython's name of its scope ("list comprehension"), in its errors.
NodePtr Parser::comprehension_tail(NodePtr element, const char* what, const Token& at, const char* close,
                                   bool call_argument) {
    auto comp = node(NK::listcomp, at);
    comp->a = std::move(element);
    const Clauses clauses = for_if_clauses(*comp);
    const auto& [first_from, first_to, async_for] = clauses;
    // f(x for x in y, 1): a generator expression that is not a call's only argument
    if (call_argument && is_op(",")) syntax_error("Generator expression must be parenthesized", at.line, at.col);
    if (!is_op(close)) fail();
    // A yield of its own (not in its first iterable, nor a lambda's in it): symtable's error
    const std::pair<int, int> end{cur().line, cur().col};
    for (auto it = yields_.lower_bound({at.line, at.col}); it != yields_.end() && it->first < end; ++it) {
        const auto& [y, found] = *it;
        const auto& [yield, depth] = found;
        if (depth == function_depth_ && !(y >= first_from && y < first_to)) {
            symtable_error(std::string("'yield' inside ") + what, yield);
            break;
        }
    }
    // An `await` in it outside an async function (not in its first iterable, which is the enclosing
    // scope's): CPython's compiler refuses a list or dict comprehension as a whole, at its start
    // (the outermost one of nested ones), and takes a generator expression as an async generator
    // expression (which the playground's compiler then says it does not support).
    if (!in_async_ && compiler_error_) {
        const std::pair<int, int> err{compiler_error_->line, compiler_error_->col};
        const std::string& m = compiler_error_->message;
        const bool await_error =
            m.rfind("'await' outside", 0) == 0 || m == "asynchronous comprehension outside of an asynchronous function";
        const bool inside =
            err >= std::pair<int, int>{at.line, at.col} && err < std::pair<int, int>{cur().line, cur().col};
        const bool in_first_iterable = err >= first_from && err < first_to;
        if (await_error && inside && !in_first_iterable) {
            if (std::string_view(close) == ")") {
                compiler_error_.reset();
            } else {
                compiler_error_ =
                    SourceError(SourceError::Type::syntax,
                                "asynchronous comprehension outside of an asynchronous function", at.line, at.col);
            }
        }
    }
    // `async for` needs an async iterator, which the playground has none of: refused once the text is
    // read. Outside an async function CPython's compiler refuses a list, set or dict comprehension
    // first (a generator expression there is an async generator expression, Python).
    if (async_for) {
        if (!in_async_ && std::string_view(close) != ")") {
            const bool nested_error =
                compiler_error_ &&
                compiler_error_->message == "asynchronous comprehension outside of an asynchronous function";
            if (nested_error) compiler_error_.reset();  // the outermost comprehension's start, as for an await
            compiler_error("asynchronous comprehension outside of an asynchronous function", at);
        }
        refuse_later("`async for` in comprehensions", *async_for);
    }
    underline_compiler_error(at, pos_);  // to its closing bracket, the token next
    return comp;
}

/// The comprehension's `[async] for ... in ... if ...` clauses, each a comprehension node in comp.items.
Parser::Clauses Parser::for_if_clauses(Node& comp) {
    Clauses out;
    auto& [first_from, first_to, async_for] = out;
    while (at_comprehension()) {
        if (is_name("async") && !async_for) async_for = cur();
        if (is_name("async")) pos_ += 1;
        const Token f = take();
        auto gen = node(NK::comprehension, f);
        gen->a = for_targets();
        check_target(*gen->a, false);
        if (!accept_name("in")) missing_in(*gen->a);
        const bool first = comp.items.empty();
        if (first) first_from = {cur().line, cur().col};
        gen->b = disjunction();
        if (first) first_to = {cur().line, cur().col};
        while (accept_name("if")) gen->items.push_back(disjunction());
        comp.items.push_back(std::move(gen));
    }
    return out;
}

/// invalid_comprehension: an element CPython's comprehensions cannot take, before clauses that
/// parse: `[*a for a in b]`, and (in brackets or braces) `[a, b for a in c]`, at the first element.
void Parser::check_comprehension_element(const Node& first, bool several, const char* close) {
    if (!is_name("for")) return;
    const char* message = nullptr;
    if (several && std::string_view(close) != ")")
        message = "did you forget parentheses around the comprehension target?";
    else if (!several && first.kind == NK::starred)
        message = "iterable unpacking cannot be used in comprehension";
    Node clauses(NK::listcomp, first.line, first.col);
    if (message && read_ahead_at(pos_, [&] { for_if_clauses(clauses); })) syntax_error(message, first.line, first.col);
}

// (elt for t0 in i0 if c0 for t1 in i1 ...): CPython compiles it as a generator function of its own
// (compiler_genexp), called with iter(i0) where the expression stands:
//     def <genexpr>(.0):
//         for t0 in .0:
//             if c0:
//                 for t1 in i1:
//                     yield elt
NodePtr Parser::generator_expression(NodePtr comp) const {
    auto at = [](const Node& n, NK kind) { return std::make_unique<Node>(kind, n.line, n.col); };
    NodePtr yield = at(*comp->a, NK::yield_expr);
    NodePtr body = at(*comp->a, NK::expr_stmt);
    yield->a = std::move(comp->a);
    body->a = std::move(yield);
    NodePtr first_iterable;
    for (std::size_t k = comp->items.size(); k-- > 0;) {
        Node& gen = *comp->items[k];
        for (std::size_t c = gen.items.size(); c-- > 0;) {
            NodePtr test = at(*gen.items[c], NK::if_stmt);
            test->a = std::move(gen.items[c]);
            test->items.push_back(std::move(body));
            body = std::move(test);
        }
        NodePtr loop = at(gen, NK::for_stmt);
        loop->a = std::move(gen.a);
        if (k == 0) {
            first_iterable = std::move(gen.b);
            loop->b = at(gen, NK::name);
            loop->b->text = ".0";
        } else {
            loop->b = std::move(gen.b);
        }
        loop->items.push_back(std::move(body));
        body = std::move(loop);
    }
    NodePtr def = at(*comp, NK::def_stmt);
    def->text = "<genexpr>";
    def->names.push_back(".0");
    def->items.push_back(std::move(body));
    NodePtr g = at(*comp, NK::genexpr);
    g->a = std::move(def);
    g->b = std::move(first_iterable);
    return g;
}

// Adjacent string literals concatenate; any f-string among them makes the whole an f-string.
NodePtr Parser::strings() {
    const Token at = cur();
    auto f = node(NK::fstring, at);
    bool any_f = false;
    // `strings: STRING+` reads the token after the last one before its action parses an f-string:
    // a tokenizer error there (f"{"\n".join(x)}": a backslash out of place) is met first.
    std::vector<Token> literals;
    while (cur().kind == Tok::string) literals.push_back(take());
    // 3.11 scans an f-string's fields in the action of the whole STRING+ (string_parser.c): what it
    // finds malformed there is reported where the last literal ends, on its last line.
    scan_end_ = {literals.back().end_line, literals.back().end_col};
    for (const Token& t : literals) {
        if (t.bytes != literals[0].bytes) syntax_error("cannot mix bytes and nonbytes literals", at.line, at.col);
        if (t.bytes) refuse_later("bytes literals", t);
        if (t.fstring) {
            any_f = true;
            NodePtr parts = fstring_parts(t);
            for (auto& p : parts->items) f->items.push_back(std::move(p));
        } else {
            auto s = node(NK::str_const, t);
            s->text = t.text;
            f->items.push_back(std::move(s));
        }
    }
    if (any_f) return f;
    auto s = node(NK::str_const, at);
    for (const auto& p : f->items) s->text += p->text;
    return s;
}

// The backslash escapes of an f-string's literal part, decoded as a plain string's (decode_escape).
std::string decode_escapes(const std::string& raw, int line, int col) {
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        if (raw[i] != '\\' || i + 1 >= raw.size()) {
            out += raw[i++];
            continue;
        }
        i += 1;
        decode_escape(raw, 0, i, out, line, col);
    }
    return out;
}

// An f-string, as 3.11's Parser/string_parser.c reads it: literal parts ({{ and }} at the top level
// only) and replacement fields, whose format spec is itself literal parts and fields, one level deep.
NodePtr Parser::fstring_parts(const Token& t) {
    auto parts = node(NK::fstring, t);
    std::size_t i = 0;
    fstring_body(t, i, 0, *parts);
    return parts;
}

// fstring_find_literal_and_expr's loop: stops at the end, or (in a spec) at the '}' that ends it.
void Parser::fstring_body(const Token& t, std::size_t& i, int level, Node& parts) {
    const std::string& body = t.text;
    std::string literal;
    auto flush = [&] {
        if (literal.empty()) return;
        auto s = node(NK::str_const, t);
        s->text = t.raw ? literal : decode_escapes(literal, t.line, t.col);
        literal.clear();
        parts.items.push_back(std::move(s));
    };
    for (; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '{' && c != '}') {
            literal += c;
            continue;
        }
        if (level == 0 && i + 1 < body.size() && body[i + 1] == c) {  // {{ or }}
            literal += c;
            ++i;
            continue;
        }
        if (c == '}' && level == 0) scan_error("f-string: single '}' is not allowed");
        flush();
        if (c == '}') return;  // the end of a format spec
        fstring_field(t, i, level, parts);
    }
    flush();
    if (level > 0) scan_error("f-string: expecting '}'");
}

// fstring_find_expr: `{` at i, to its `}`: the expression, `=`, a conversion, a format spec.
void Parser::fstring_field(const Token& t, std::size_t& i, int level, Node& parts) {
    const std::string& body = t.text;
    if (level >= 2) scan_error("f-string: expressions nested too deeply");
    const std::size_t start = i + 1;
    std::size_t j = fstring_expression_end(t, start);
    const std::string expr_text = body.substr(start, j - start);
    if (expr_text.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
        // fstring_compile_expr: nothing before a conversion, a format spec or an `=` is said so.
        if (body[j] == '!' || body[j] == ':' || body[j] == '=')
            scan_error(std::string("f-string: expression required before '") + body[j] + "'");
        scan_error("f-string: empty expression not allowed");
    }
    auto field = node(NK::formatted, t);
    // fstring_find_expr_location: the expression starts as many lines below the string's first as
    // there are newlines in the string before its '{' (a triple-quoted f-string's fields).
    const auto lines_before = std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(i), '\n');
    field->a = embedded_expression(expr_text, t.line + static_cast<int>(lines_before), t.col);
    const bool self_documenting = body[j] == '=';  // f"{x=}": the text, then the value's repr
    if (self_documenting) {
        j = body.find_first_not_of(" \t\n\r\f\v", j + 1);
        if (j == std::string::npos) scan_error("f-string: expecting '}'");
        auto text = node(NK::str_const, t);
        text->text = body.substr(start, j - start);
        parts.items.push_back(std::move(text));
    }
    if (body[j] == '!') {
        if (j + 1 >= body.size()) scan_error("f-string: expecting '}'");
        if (std::string("rsa").find(body[j + 1]) == std::string::npos)
            scan_error("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        field->text = std::string(1, body[j + 1]);
        j += 2;
    }
    if (j < body.size() && body[j] == ':') {
        j += 1;
        field->b = node(NK::fstring, t);
        fstring_body(t, j, level + 1, *field->b);
    }
    if (j >= body.size() || body[j] != '}') scan_error("f-string: expecting '}'");
    if (self_documenting && field->text.empty() && !field->b) field->text = "r";
    parts.items.push_back(std::move(field));
    i = j;
}

// Where a replacement field's expression ends: at ! : = or } outside brackets and strings (not
// the first of != == <= >=). CPython refuses a backslash anywhere in it and a '#' outside strings.
std::size_t Parser::fstring_expression_end(const Token& t, std::size_t j) {
    const std::string& body = t.text;
    std::string opened;  // the brackets open, innermost last
    char quote = 0;
    bool triple = false;
    for (; j < body.size(); ++j) {
        const char d = body[j];
        if (d == '\\') scan_error("f-string expression part cannot include a backslash");
        if (quote) {
            if (d == quote && (!triple || body.compare(j, 3, std::string(3, quote)) == 0)) {
                j += triple ? 2 : 0;
                quote = 0;
            }
            continue;
        }
        if (d == '\'' || d == '"') {
            quote = d;
            triple = body.compare(j, 3, std::string(3, d)) == 0;
            j += triple ? 2 : 0;
        } else if (d == '(' || d == '[' || d == '{') {
            if (opened.size() >= 200) scan_error("f-string: too many nested parenthesis");
            opened += d;
        } else if (d == '#') {
            scan_error("f-string expression part cannot include '#'");
        } else if (opened.empty() && (d == '!' || d == ':' || d == '}' || d == '=' || d == '<' || d == '>')) {
            if (j + 1 < body.size() && body[j + 1] == '=' && d != ':' && d != '}') {
                ++j;  // != == <= >=
                continue;
            }
            if (d != '<' && d != '>') return j;
        } else if (d == ')' || d == ']' || d == '}') {
            if (opened.empty()) scan_error(std::string("f-string: unmatched '") + d + "'");
            const char open = opened.back();
            opened.pop_back();
            if ((open == '(') != (d == ')') || (open == '[') != (d == ']'))
                scan_error(std::string("f-string: closing parenthesis '") + d +
                           "' does not match opening parenthesis '" + open + "'");
        }
    }
    if (quote) scan_error("f-string: unterminated string");
    if (!opened.empty()) scan_error(std::string("f-string: unmatched '") + opened.back() + "'");
    scan_error("f-string: expecting '}'");
}

NodePtr Parser::expression_only() {
    while (cur().kind == Tok::newline) pos_ += 1;
    NodePtr e = yield_or_star_expressions();
    while (cur().kind == Tok::newline || cur().kind == Tok::dedent) pos_ += 1;
    if (cur().kind != Tok::end) fail("f-string: invalid syntax");
    return e;
}

// An f-string's expression, tokenized on its own and placed at its field's line (the f-string's column).
// Its syntax errors are the f-string's ("f-string: ..."), raised at once; what the compiler finds
// (an await outside an async function) is judged where the field stands, in the enclosing function,
// and raised at the end like the rest of the source's.
NodePtr Parser::embedded_expression(const std::string& text, int line, int col) {
    std::vector<Token> toks;
    try {
        toks = tokenize("(" + text + ")");
    } catch (const SourceError& e) {
        // A refusal ("complex numbers") stays one, as outside an f-string, at the f-string's line.
        if (e.type == SourceError::Type::unsupported) throw SourceError(e.type, e.message, line, col);
        // The tokenizer's own words ("invalid decimal literal"), without the "f-string: " that
        // the parser's errors get (string_parser.c compiles the expression with the tokenizer).
        syntax_error(e.message, line, col);
    }
    for (Token& t : toks) {
        t.line = line + t.line - 1;  // the text's own lines, from the line its field starts on
        t.col = col;
    }
    Parser p(std::move(toks), depth_);
    p.function_depth_ = function_depth_;
    p.in_async_ = in_async_;
    NodePtr expr;
    try {
        expr = p.expression_only();
    } catch (const SourceError& e) {
        // "leading zeros ..." is the tokenizer's in CPython (here the parser's): no "f-string: " either.
        if (e.type != SourceError::Type::syntax || e.message.rfind("f-string", 0) == 0 ||
            e.message.rfind("leading zeros", 0) == 0)
            throw;
        syntax_error("f-string: " + e.message, e.line, e.col);
    }
    adopt_deferred(p);
    return expr;
}

}  // namespace

namespace {

/// Whether the tokenizer's error further on in the text is the one CPython reports when its parser
/// failed first with `parsed`, having read up to line `furthest` (Parser/pegen_errors.c,
/// _Pypegen_set_syntax_error: after a syntax error the rest of the source is tokenized, and an
/// error the tokenizer raises there wins).
bool tokenizer_error_wins(const SourceError& parsed, int furthest, const SourceError& tokenized) {
    if (parsed.type == SourceError::Type::memory || parsed.type == SourceError::Type::recursion) return false;
    // Our own limit, not a Python error: CPython's parser would have read on to the tokenizer's.
    if (parsed.type == SourceError::Type::unsupported) return true;
    // The parser stopped at an INDENT or DEDENT: reported at once, nothing tokenized after it.
    if (parsed.message == "unexpected indent" || parsed.message == "unexpected unindent") return false;
    // Errors the tokenizer only signals (tokenizer.c returns ERRORTOKEN without raising) do not
    // replace the parser's: indentation, tabs, and a character that is merely no operator.
    if (tokenized.type != SourceError::Type::syntax || tokenized.message == "invalid syntax") return false;
    // Nor do a line continuation's errors (E_EOF, E_LINECONT): python3 keeps the parser's error.
    if (tokenized.message == continuation_at_end || tokenized.message == character_after_continuation) return false;
    // A bracket open at the end of the text: only when it was opened on a line before the furthest
    // token the parser read.
    if (tokenized.message.ends_with("was never closed")) return tokenized.line < furthest;
    return true;
}

}  // namespace

NodePtr parse_module(const std::string& source, ReadingDeadline* deadline) {
    TokenStream stream = tokenize_until_error(source, deadline);
    const std::optional<SourceError> tokenized = stream.error;
    Parser p(std::move(stream), deadline);
    try {
        return p.module();
    } catch (const SourceError& parsed) {
        if (tokenized && tokenizer_error_wins(parsed, p.furthest_line(), *tokenized)) throw *tokenized;
        throw;
    }
}

}  // namespace sp::py
