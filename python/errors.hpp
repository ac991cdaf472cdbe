// The errors a program can end with before it runs: Python's own (SyntaxError, IndentationError,
// and for a source nested too deeply the parser's MemoryError and the compiler's RecursionError)
// and the playground's limits ("the playground does not support `class` statements").
#pragma once

#include <stdexcept>
#include <string>

namespace sp::py {

/// A problem in the source, found by the tokenizer, the parser or the compiler.
struct SourceError : std::runtime_error {
    // memory: CPython's parser ran out of its stack (MAXSTACK levels); recursion: its compiler's
    // symtable nested beyond its limit. CPython reports both with the one line, no location.
    // decoding: the source is not UTF-8 (Parser/tokenizer.c, ensure_utf8): the one line too.
    enum class Type { syntax, indentation, tab, unsupported, memory, recursion, decoding };
    SourceError(Type t, std::string msg, int ln, int cl)
        : std::runtime_error(msg), type(t), message(std::move(msg)), line(ln), col(cl) {}
    Type type;
    std::string message;  // Python's words, without the type name
    int line;             // 1-based
    int col;              // 1-based, as CPython reports offsets
    // Where what the error names ends (the character after it; 0: nothing underlined but the caret
    // at col): CPython's end_lineno and end_offset, which its report underlines ("^^^^^").
    int end_line = 0;
    int end_col = 0;
    /// Whether CPython's report is the final line alone (no file, line and caret).
    bool without_location() const { return type == Type::memory || type == Type::recursion || type == Type::decoding; }
    /// The one line that ends the report: "SyntaxError: invalid syntax", or the playground's words.
    std::string final_line() const {
        switch (type) {
            case Type::syntax:
            case Type::decoding: return "SyntaxError: " + message;
            case Type::indentation: return "IndentationError: " + message;
            case Type::tab: return "TabError: " + message;
            case Type::memory: return "MemoryError";
            case Type::recursion: return "RecursionError: " + message;
            case Type::unsupported: break;
        }
        return message + " (line " + std::to_string(line) + ")";
    }
};

[[noreturn]] inline void syntax_error(const std::string& msg, int line, int col) {
    throw SourceError(SourceError::Type::syntax, msg, line, col);
}
[[noreturn]] inline void unsupported(const std::string& what, int line, int col) {
    throw SourceError(SourceError::Type::unsupported, "the playground does not support " + what, line, col);
}

}  // namespace sp::py
