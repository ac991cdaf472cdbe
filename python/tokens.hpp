// The tokenizer (CPython's Parser/tokenizer.c): source text to tokens, with INDENT and DEDENT from
// the indentation stack, NEWLINE only outside brackets, and every token's line and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors.hpp"
#include "reading_deadline.hpp"

namespace sp::py {

enum class Tok : std::uint8_t { name, number, string, op, newline, indent, dedent, end };

struct Token {
    Tok kind;
    std::string text;                 // the name, the operator, the number's text, or a string's decoded value
    int line, col;                    // 1-based position of the first character
    bool fstring = false;             // f"..." (text is the raw body, parsed by the parser)
    bool raw = false;                 // r"..." / rf"...": backslashes are kept
    bool bytes = false;               // b"...": read as CPython reads it, refused by the parser
    bool is_float = false;            // a number with '.', 'e' or 'j'
    bool invalid = false;             // an ASCII character that is no token ($, ?, `, !): the parser's "invalid syntax"
    int body_line = 0, body_col = 0;  // where an f-string's body starts
    int end_line = 0, end_col = 0;    // where the character after it is (0: a NEWLINE, INDENT, DEDENT or end)
};

/// Tokenize a whole module. Throws SourceError (SyntaxError / IndentationError).
std::vector<Token> tokenize(const std::string& source);

/// A module's tokens up to the tokenizer's first error, and that error (at the last token, an end
/// token in its place). CPython's tokenizer runs as its parser asks for tokens, so a program with two
/// errors reports the one the parser meets first (parse_module decides which; only null bytes, found
/// before any token, are thrown here).
struct TokenStream {
    std::vector<Token> tokens;
    std::optional<SourceError> error;
};
TokenStream tokenize_until_error(const std::string& source, ReadingDeadline* deadline = nullptr);
/// A line continuation's errors (tokenizer.c's E_EOF and E_LINECONT), which the parser tells apart:
/// they never replace an error of its own (tokenizer_error_wins).
inline constexpr const char* continuation_at_end = "unexpected EOF while parsing";
inline constexpr const char* character_after_continuation = "unexpected character after line continuation character";
/// Whether `s` is one of Python's keywords (`if`, `await`, ...; not the soft ones, `match`, `case`).
bool is_keyword(const std::string& s);
/// Append code point cp to out as UTF-8.
void utf8_append(std::string& out, unsigned long cp);
/// The backslash escape whose letter is text[at] (the character after the backslash), decoded into
/// `out` as CPython decodes a string literal's; `at` moves past it. False for a backslash-newline
/// (a line continuation: nothing is written). SyntaxError or "not supported" at (line, col); text[body]
/// is where the literal (or an f-string's literal part) starts, from which its positions count.
bool decode_escape(std::string_view text, std::size_t body, std::size_t& at, std::string& out, int line, int col);

}  // namespace sp::py
