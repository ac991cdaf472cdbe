#include "tokens.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <utility>

#include "errors.hpp"
#include "unicode_names.hpp"
#include "unicode_normalize.hpp"

namespace sp::py {

namespace {

// Parser/tokenizer.c's limits: MAXLEVEL brackets open at once, MAXINDENT indentation levels.
constexpr std::size_t max_level = 200;
constexpr std::size_t max_indent = 100;

bool name_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool name_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
/// What may not follow a number: verify_end_of_number() (Parser/tokenizer.c) tests `c < 128 &&
/// is_potential_identifier_char(c)`, so `1é` ends the number and the parser says "invalid syntax".
bool ascii_name_char(unsigned char c) { return std::isalnum(c) || c == '_'; }

void append_utf8(std::string& out, unsigned long cp);

/// The code point that starts at s[i] and its length in bytes; a byte that starts no valid UTF-8
/// sequence is taken as itself, alone (it can be no part of a name either). A program's bytes may
/// be anything, so this checks them; a str's text, made valid, is read by str_char_at (value.hpp).
std::pair<char32_t, std::size_t> code_point_at(const std::string& s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80                ? 1
                          : b >= 0xC2 && b < 0xE0 ? 2
                          : b >= 0xE0 && b < 0xF0 ? 3
                          : b >= 0xF0 && b < 0xF5 ? 4
                                                  : 0;
    if (n <= 1 || i + n > s.size()) return {b, 1};
    char32_t cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return {b, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    return {cp, n};
}

bool may_start_name(char32_t cp) {
    return cp < 0x80 ? std::isalpha(static_cast<int>(cp)) || cp == '_' : unicode::in_ranges(unicode::name_start, cp);
}
bool may_continue_name(char32_t cp) {
    return cp < 0x80 ? std::isalnum(static_cast<int>(cp)) || cp == '_' : unicode::in_ranges(unicode::name_continue, cp);
}

/// CPython's words for a character that cannot be where it is (Parser/tokenizer.c).
std::string invalid_character(char32_t cp) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    const bool printable = cp >= 0x20 && cp != 0x7F && (cp < 0x80 || !unicode::in_ranges(unicode::not_printable, cp));
    if (!printable) return std::string("invalid non-printable character ") + hex;
    std::string glyph;
    append_utf8(glyph, cp);
    return "invalid character '" + glyph + "' (" + hex + ")";
}

// Longest first, so "**=" wins over "**" and "*".
const char* const operators[] = {"**=", "//=", ">>=", "<<=", "...", "!=", "==", "<=", ">=", "//", "<<", ">>",
                                 "**",  "->",  "+=",  "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", ":=", "(",
                                 ")",   "[",   "]",   "{",   "}",   ",",  ":",  ".",  ";",  "+",  "-",  "*",
                                 "/",   "%",   "<",   ">",   "=",   "&",  "|",  "^",  "~",  "@"};

void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Tokenizer {
public:
    explicit Tokenizer(const std::string& s, ReadingDeadline* deadline = nullptr) : src_(s), deadline_(deadline) {}
    std::vector<Token> run();
    /// The tokens made before run() threw.
    std::vector<Token> made() { return std::move(out_); }

private:
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }
    int col() const { return static_cast<int>(pos_ - line_start_) + 1; }
    void newline_at(std::size_t next) {
        line_ += 1;
        line_start_ = next;
    }
    bool at_line_start();  // handles indentation; false if the line is blank
    void token(Tok kind, std::string text, int line, int col) {
        tick(deadline_);
        out_.push_back(Token{kind, std::move(text), line, col});
    }
    /// The token just read ends here (a string's end is set where it closes).
    void end_token() {
        if (out_.empty() || out_.back().end_line != 0) return;
        out_.back().end_line = line_;
        out_.back().end_col = col();
    }
    void name_or_string();
    void check_name(std::size_t start);
    void number();
    void string(std::size_t prefix_len, bool raw, bool fstring, int line, int col);
    void escape(std::string& value, std::size_t body, int line, int col);
    void op();
    void line_continuation();
    int last_line() const;  // the line of CPython's ENDMARKER

    const std::string& src_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    std::vector<int> indents_{0};
    std::vector<int> alt_indents_{0};  // the same, a tab counted as 1 column
    std::vector<std::pair<char, std::pair<int, int>>> brackets_;
    std::vector<Token> out_;
    ReadingDeadline* deadline_;
};

bool Tokenizer::at_line_start() {
    // CPython's tokenizer measures the indentation twice, a tab as 8 columns and as 1 (a form feed
    // starts both over); the two must order the lines alike, else TabError.
    int width = 0;
    int alt = 0;
    while (peek() == ' ' || peek() == '\t' || peek() == '\f') {
        if (peek() == '\f') {
            width = alt = 0;
        } else {
            width = peek() == '\t' ? (width / 8 + 1) * 8 : width + 1;
            alt += 1;
        }
        pos_ += 1;
    }
    // A backslash here continues the line before anything is indented: the first physical line's
    // indentation counts, and a line that is blank once continued is blank (python3 3.11 accepts
    // "x = 1\n  \\\n\n"); a continuation that ends the text is its EOF error.
    while (peek() == '\\') {
        line_continuation();
        while (peek() == ' ' || peek() == '\t' || peek() == '\f') pos_ += 1;
    }
    if (peek() == '#') {
        while (peek() != '\n' && peek() != '\0') pos_ += 1;
    }
    if (peek() == '\n' || peek() == '\r' || peek() == '\0') return false;  // blank line: no indentation
    auto tab_error = [&] {
        throw SourceError(SourceError::Type::tab, "inconsistent use of tabs and spaces in indentation", line_, 1);
    };
    if (width > indents_.back()) {
        if (alt <= alt_indents_.back()) tab_error();
        if (indents_.size() >= max_indent)
            throw SourceError(SourceError::Type::indentation, "too many levels of indentation", line_, 1);
        indents_.push_back(width);
        alt_indents_.push_back(alt);
        token(Tok::indent, "", line_, 1);
    } else {
        // The level this line returns to is checked before any DEDENT is made, as CPython's tokenizer
        // does: its parser meets the error where it would have met the first DEDENT.
        std::size_t level = indents_.size() - 1;
        while (width < indents_[level]) level -= 1;
        if (width != indents_[level]) {
            // CPython points past the end of the line.
            std::size_t end = pos_;
            while (end < src_.size() && src_[end] != '\n' && src_[end] != '\r') end += 1;
            throw SourceError(SourceError::Type::indentation, "unindent does not match any outer indentation level",
                              line_, static_cast<int>(end - line_start_) + 1);
        }
        if (alt != alt_indents_[level]) tab_error();
        while (indents_.size() > level + 1) {
            indents_.pop_back();
            alt_indents_.pop_back();
            token(Tok::dedent, "", line_, col());
        }
    }
    return true;
}

void Tokenizer::number() {
    // Parser/tokenizer.c: an underscore only between two digits; a literal may run into a few
    // keywords (`1if x else 2`) but into no other name.
    const int c0 = col();
    const std::size_t start = pos_;
    bool is_float = false;
    auto digit_in = [&](int base, char ch) {
        const auto u = static_cast<unsigned char>(ch);
        return base == 16 ? std::isxdigit(u) != 0 : std::isdigit(u) != 0 && ch - '0' < base;
    };
    // digits (_? digit)*; false if an underscore is not followed by a digit.
    auto digits = [&](int base) {
        while (digit_in(base, peek()) || (peek() == '_' && digit_in(base, peek(1)))) pos_ += peek() == '_' ? 2 : 1;
        return peek() != '_';
    };
    auto invalid = [&](const char* what) { syntax_error(std::string("invalid ") + what + " literal", line_, col()); };
    if (peek() == '0' && peek(1) != '\0' && std::strchr("xXoObB", peek(1)) != nullptr) {
        const char kind = static_cast<char>(std::tolower(static_cast<unsigned char>(peek(1))));
        const int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
        const char* what = kind == 'x' ? "hexadecimal" : kind == 'o' ? "octal" : "binary";
        pos_ += 2;
        if (peek() == '_') pos_ += 1;
        if (!digit_in(base, peek())) {
            if (base != 16 && std::isdigit(static_cast<unsigned char>(peek())))
                syntax_error(std::string("invalid digit '") + peek() + "' in " + what + " literal", line_, col() + 1);
            invalid(what);
        }
        if (!digits(base)) invalid(what);
        if (base != 16 && std::isdigit(static_cast<unsigned char>(peek())))
            syntax_error(std::string("invalid digit '") + peek() + "' in " + what + " literal", line_, col() + 1);
        if (ascii_name_char(static_cast<unsigned char>(peek()))) invalid(what);
    } else {
        if (!digits(10)) invalid("decimal");
        if (peek() == '.') {
            is_float = true;
            pos_ += 1;
            if (std::isdigit(static_cast<unsigned char>(peek())) && !digits(10)) invalid("decimal");
            if (peek() == '_') invalid("decimal");
        }
        if (peek() == 'e' || peek() == 'E') {
            const char sign = peek(1);
            const std::size_t digit = (sign == '+' || sign == '-') ? 2 : 1;
            if (std::isdigit(static_cast<unsigned char>(peek(digit)))) {
                is_float = true;
                pos_ += digit;
                if (!digits(10)) invalid("decimal");
            }
        }
        if (peek() == 'j' || peek() == 'J') unsupported("complex numbers", line_, c0);
    }
    if (ascii_name_char(static_cast<unsigned char>(peek()))) {
        static const char* const allowed[] = {"and", "else", "for", "not", "or"};
        std::size_t end = pos_;
        while (end < src_.size() && name_char(static_cast<unsigned char>(src_[end]))) ++end;
        const std::string word = src_.substr(pos_, end - pos_);
        // CPython looks only at the 'f', 'n' or 's' after an 'i', not at what follows it: `1ifx`
        // gets past the tokenizer and is the parser's "invalid syntax".
        bool keyword = word.size() >= 2 && word[0] == 'i' && std::strchr("fns", word[1]) != nullptr;
        for (const char* k : allowed) keyword = keyword || word == k;
        if (!keyword) syntax_error("invalid decimal literal", line_, c0);
    }
    Token t{Tok::number, src_.substr(start, pos_ - start), line_, c0};
    t.is_float = is_float;
    tick(deadline_);
    out_.push_back(std::move(t));
}

void Tokenizer::string(std::size_t prefix_len, bool raw, bool fstring, int line, int c0) {
    pos_ += prefix_len;
    const char q = peek();
    const bool triple = peek(1) == q && peek(2) == q;
    pos_ += triple ? 3 : 1;
    const std::size_t body = pos_;
    Token t{Tok::string, "", line, c0};
    t.fstring = fstring;
    t.raw = raw;
    t.body_line = line_;
    t.body_col = col();
    std::string& value = t.text;
    for (;;) {
        const char c = peek();
        if (c == '\0' || (c == '\n' && !triple)) {
            // At the end of the file, CPython counts the last line ended by a newline as the last line
            // (no line after it was read): so too after a backslash that continues a one-line string.
            const int detected = c == '\0' && pos_ > 0 && src_[pos_ - 1] == '\n' && line_ > line ? line_ - 1 : line_;
            syntax_error(
                triple ? "unterminated triple-quoted string literal (detected at line " + std::to_string(detected) + ")"
                       : "unterminated string literal (detected at line " + std::to_string(detected) + ")",
                line, c0);
        }
        if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
            pos_ += triple ? 3 : 1;
            break;
        }
        if (c == '\n') newline_at(pos_ + 1);
        if (c == '\\' && (raw || fstring)) {
            // Kept as written: raw strings keep backslashes, f-strings decode them per literal part.
            value += c;
            if (peek(1) != '\0') {
                if (peek(1) == '\n') newline_at(pos_ + 2);
                value += peek(1);
                pos_ += 2;
            } else {
                pos_ += 1;
            }
            continue;
        }
        if (c == '\\') {
            escape(value, body, line, c0);
            continue;
        }
        value += c;
        pos_ += 1;
    }
    t.end_line = line_;
    t.end_col = col();
    tick(deadline_);
    out_.push_back(std::move(t));
}

// One backslash escape of a plain string literal, decoded into `value` (decode_escape); a
// backslash-newline continues the line, which the tokenizer counts.
void Tokenizer::escape(std::string& value, std::size_t body, int line, int c0) {
    pos_ += 1;
    if (!decode_escape(src_, body, pos_, value, line, c0)) newline_at(pos_);
}

void Tokenizer::name_or_string() {
    const int c0 = col();
    const std::size_t start = pos_;
    while (name_char(static_cast<unsigned char>(peek()))) pos_ += 1;
    check_name(start);
    std::string word = src_.substr(start, pos_ - start);
    if ((peek() == '\'' || peek() == '"') && word.size() <= 2) {
        std::string lower;
        for (char ch : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const bool known = lower == "r" || lower == "f" || lower == "u" || lower == "rf" || lower == "fr" ||
                           lower == "b" || lower == "rb" || lower == "br";
        if (known) {
            pos_ = start;
            string(word.size(), lower.find('r') != std::string::npos, lower.find('f') != std::string::npos, line_, c0);
            // Read to its end first: a SyntaxError further on (it never ends, a later string) comes first.
            out_.back().bytes = lower.find('b') != std::string::npos;
            const bool ascii = std::all_of(src_.begin() + static_cast<std::ptrdiff_t>(start),
                                           src_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                           [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
            if (out_.back().bytes && !ascii)
                syntax_error("bytes can only contain ASCII literal characters", out_.back().line, c0);
            return;
        }
    }
    // The parser's _PyPegen_new_identifier: a name beyond ASCII is its NFKC ("ﬁx" is fix). One that
    // becomes a keyword ("ｉｆ") stays as written: a NAME token to CPython, but our parser reads
    // keywords off the text.
    if (!std::all_of(word.begin(), word.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
        std::string normal = nfkc_name(word);
        if (!is_keyword(normal)) word = std::move(normal);
    }
    token(Tok::name, std::move(word), line_, c0);
}

/// The bytes from `start` to pos_, taken as a name because none is an ASCII operator or space: as
/// CPython, refuse the first character that cannot be in a name (a zero-width space, a curly quote).
void Tokenizer::check_name(std::size_t start) {
    for (std::size_t i = start; i < pos_;) {
        const auto [cp, n] = code_point_at(src_, i);
        if (!(i == start ? may_start_name(cp) : may_continue_name(cp))) {
            pos_ = i;
            syntax_error(invalid_character(cp), line_, col());
        }
        i += n;
    }
}

// A backslash joins its line to the next one (CPython's tokenizer.c, tok_continuation_line): it must be
// the line's last character, and a line must follow it unless a bracket is still open (then the
// bracket's "was never closed" is the error).
void Tokenizer::line_continuation() {
    const int line = line_;
    const int after = col() + 1;
    pos_ += 1;  // the backslash
    if (peek() == '\r' && peek(1) == '\n') pos_ += 1;
    if (peek() == '\n') {
        pos_ += 1;
        newline_at(pos_);
    } else if (peek() != '\0') {
        syntax_error(character_after_continuation, line, after);
    }
    if (peek() == '\0' && brackets_.empty()) syntax_error(continuation_at_end, line, after);
}

void Tokenizer::op() {
    const int c0 = col();
    for (const char* o : operators) {
        const std::size_t n = std::strlen(o);
        if (src_.compare(pos_, n, o) != 0) continue;
        pos_ += n;
        const char c = o[0];
        if (n == 1 && (c == '(' || c == '[' || c == '{')) {
            if (brackets_.size() >= max_level) syntax_error("too many nested parentheses", line_, c0);
            brackets_.push_back({c, {line_, c0}});
        }
        if (n == 1 && (c == ')' || c == ']' || c == '}')) {
            if (brackets_.empty()) syntax_error(std::string("unmatched '") + c + "'", line_, c0);
            const char open = brackets_.back().first;
            const char want = open == '(' ? ')' : (open == '[' ? ']' : '}');
            if (c != want) {
                // tokenizer.c names the opening's line when it is another.
                const int opened = brackets_.back().second.first;
                syntax_error(std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" +
                                 open + "'" + (opened != line_ ? " on line " + std::to_string(opened) : ""),
                             line_, c0);
            }
            brackets_.pop_back();
        }
        token(Tok::op, o, line_, c0);
        return;
    }
    const unsigned char c = static_cast<unsigned char>(peek());
    // A printable ASCII character that is no operator ($, ?, `, !) is CPython's plain "invalid syntax",
    // from its parser where it meets it: the tokenizer goes on (an error of its own further on may win).
    if (c >= 0x20 && c < 0x7F) {
        token(Tok::op, std::string(1, static_cast<char>(c)), line_, c0);
        out_.back().invalid = true;
        pos_ += 1;
        return;
    }
    syntax_error(invalid_character(c), line_, c0);
}

}  // namespace

void utf8_append(std::string& out, unsigned long cp) { append_utf8(out, cp); }

bool is_keyword(const std::string& s) {
    static const char* const words[] = {"False",  "None",   "True",    "and",      "as",       "assert", "async",
                                        "await",  "break",  "class",   "continue", "def",      "del",    "elif",
                                        "else",   "except", "finally", "for",      "from",     "global", "if",
                                        "import", "in",     "is",      "lambda",   "nonlocal", "not",    "or",
                                        "pass",   "raise",  "return",  "try",      "while",    "with",   "yield"};
    for (const char* w : words) {
        if (s == w) return true;
    }
    return false;
}

namespace {

/// Where text[from, to) puts the unicodeescape codec: CPython's decode_unicode_with_escapes writes
/// each character beyond ASCII as a \U%08x escape (10 bytes) before it decodes the literal.
std::size_t codec_position(std::string_view text, std::size_t from, std::size_t to) {
    std::size_t position = 0;
    for (std::size_t i = from; i < to; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80)
            position += 1;
        else if (byte >= 0xC0)
            position += 10;  // a character's first byte; the others count nothing
    }
    return position;
}

/// The codec's error for the escape that starts at text[backslash] and ends at text[last].
[[noreturn]] void escape_error(std::string_view text, std::size_t body, std::size_t backslash, std::size_t last,
                               const std::string& reason, int line, int col) {
    const std::size_t start = codec_position(text, body, backslash);
    syntax_error("(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(start) + "-" +
                     std::to_string(start + (last - backslash)) + ": " + reason,
                 line, col);
}

}  // namespace

bool decode_escape(std::string_view text, std::size_t body, std::size_t& at, std::string& out, int line, int col) {
    auto peek = [&] { return at < text.size() ? text[at] : '\0'; };
    const std::size_t backslash = at - 1;
    const char e = peek();
    at += 1;
    switch (e) {
        case 'n': out += '\n'; return true;
        case 't': out += '\t'; return true;
        case 'r': out += '\r'; return true;
        case 'a': out += '\a'; return true;
        case 'b': out += '\b'; return true;
        case 'f': out += '\f'; return true;
        case 'v': out += '\v'; return true;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {  // octal: up to three digits
            unsigned long cp = static_cast<unsigned long>(e - '0');
            for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k)
                cp = cp * 8 + static_cast<unsigned long>(text[at++] - '0');
            append_utf8(out, cp);
            return true;
        }
        case 'N': unsupported("\\N{...} escapes (write the character itself)", line, col);
        case '\\': out += '\\'; return true;
        case '\'': out += '\''; return true;
        case '"': out += '"'; return true;
        case '\n': return false;  // a line continuation inside a string
        case 'x':
        case 'u':
        case 'U': {
            const std::size_t n = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
            unsigned long cp = 0;
            for (std::size_t k = 0; k < n; ++k) {
                const char h = peek();
                if (!std::isxdigit(static_cast<unsigned char>(h))) {
                    const std::string digits(n, 'X');
                    escape_error(text, body, backslash, at - 1, std::string("truncated \\") + e + digits + " escape",
                                 line, col);
                }
                cp = cp * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(h))
                                                              ? h - '0'
                                                              : (std::tolower(h) - 'a' + 10));
                at += 1;
            }
            if (cp > 0x10FFFF) escape_error(text, body, backslash, at - 1, "illegal Unicode character", line, col);
            append_utf8(out, cp);
            return true;
        }
        default:
            out += '\\';
            if (e != '\0') out += e;
            return true;
    }
}

namespace {

std::vector<Token> Tokenizer::run() {
    bool line_begins = true;
    while (pos_ < src_.size()) {
        if (line_begins && brackets_.empty()) {
            line_begins = false;
            if (!at_line_start()) {
                // A blank or comment-only line: skip to the next one.
                while (peek() != '\n' && peek() != '\0') pos_ += 1;
                if (peek() == '\n') {
                    pos_ += 1;
                    newline_at(pos_);
                }
                line_begins = true;
                continue;
            }
        }
        const char c = peek();
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            pos_ += 1;
        } else if (c == '#') {
            while (peek() != '\n' && peek() != '\0') pos_ += 1;
        } else if (c == '\\') {
            line_continuation();
        } else if (c == '\n') {
            // Inside brackets a line break is only whitespace: no NEWLINE, no indentation.
            line_begins = brackets_.empty();
            if (line_begins) token(Tok::newline, "", line_, col());
            pos_ += 1;
            newline_at(pos_);
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
            number();
            end_token();
        } else if (name_start(static_cast<unsigned char>(c))) {
            name_or_string();
            end_token();
        } else if (c == '\'' || c == '"') {
            string(0, false, false, line_, col());
        } else {
            op();
            end_token();
        }
    }
    if (!brackets_.empty()) {
        const auto& b = brackets_.back();
        syntax_error(std::string("'") + b.first + "' was never closed", b.second.first, b.second.second);
    }
    if (!out_.empty() && out_.back().kind != Tok::newline && out_.back().kind != Tok::dedent)
        token(Tok::newline, "", line_, col());
    // CPython's tokenizer ends on the last line: an error at the end of the text ("expected an indented
    // block after ...") names a line the program has. Column 0: python3 prints no caret under it.
    const int end_line = last_line();
    const int end_col = 0;
    while (indents_.size() > 1) {
        indents_.pop_back();
        alt_indents_.pop_back();
        token(Tok::dedent, "", end_line, end_col);
    }
    token(Tok::end, "", end_line, end_col);
    return std::move(out_);
}

int Tokenizer::last_line() const { return !src_.empty() && src_.back() == '\n' ? line_ - 1 : line_; }

}  // namespace

namespace {

// CPython refuses a source with a null byte before tokenizing it.
void refuse_null_bytes(const std::string& source) {
    const std::size_t nul = source.find('\0');
    if (nul == std::string::npos) return;
    int line = 1;
    for (std::size_t i = 0; i < nul; ++i) line += source[i] == '\n' ? 1 : 0;
    syntax_error("source code cannot contain null bytes", line, 1);
}

}  // namespace

std::vector<Token> tokenize(const std::string& source) {
    refuse_null_bytes(source);
    return Tokenizer(source).run();
}

TokenStream tokenize_until_error(const std::string& source, ReadingDeadline* deadline) {
    refuse_null_bytes(source);
    Tokenizer tokenizer(source, deadline);
    try {
        return TokenStream{tokenizer.run(), std::nullopt};
    } catch (const SourceError& e) {
        TokenStream stream{tokenizer.made(), e};
        stream.tokens.push_back(Token{Tok::end, "", e.line, e.col});
        return stream;
    }
}

}  // namespace sp::py
