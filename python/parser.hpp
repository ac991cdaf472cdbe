// The parser (CPython's Grammar/python.gram, by recursive descent over the subset): tokens to a
// syntax tree. Everything outside the subset is refused here, at its line and column, with
// Python's message for real syntax errors and the playground's for what it does not support.
#pragma once

#include <string>

#include "reading_deadline.hpp"
#include "tree.hpp"

namespace sp::py {

/// Parse a module. Throws SourceError, or ReadingDeadline::Passed past the deadline if one is given.
NodePtr parse_module(const std::string& source, ReadingDeadline* deadline = nullptr);

}  // namespace sp::py
