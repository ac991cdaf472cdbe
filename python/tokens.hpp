// The tokenizer (CPython's Parser/tokenizer.c): source text to tokens, with INDENT and DEDENT from
// the indentation stack, NEWLINE only outside brackets, and every token's line and column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sp::py {

enum class Tok : std::uint8_t { name, number, string, op, newline, indent, dedent, end };

struct Token {
    Tok kind;
    std::string text;                 // the name, the operator, the number's text, or a string's decoded value
    int line, col;                    // 1-based position of the first character
    bool fstring = false;             // f"..." (text is the raw body, parsed by the parser)
    bool raw = false;                 // r"..." / rf"...": backslashes are kept
    bool is_float = false;            // a number with '.', 'e' or 'j'
    int body_line = 0, body_col = 0;  // where an f-string's body starts
};

/// Tokenize a whole module. Throws SourceError (SyntaxError / IndentationError).
std::vector<Token> tokenize(const std::string& source);
/// Append code point cp to out as UTF-8.
void utf8_append(std::string& out, unsigned long cp);

}  // namespace sp::py
