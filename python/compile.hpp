// The compiler (CPython's Python/compile.c, reduced): a syntax tree to bytecode, one Code per
// function and one for the module. It also decides every name's scope, as symtable.c does:
// a function's locals are its parameters and the names it assigns, unless declared `global`.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "code.hpp"
#include "reading_deadline.hpp"
#include "tree.hpp"
#include "value.hpp"

namespace sp::py {

/// Module-level names, by slot, shared by every Code of the program (the module's __dict__).
struct GlobalTable {
    std::vector<std::string> names;
    std::unordered_map<std::string, int> index;
    int slot(const std::string& name) {
        auto it = index.find(name);
        if (it != index.end()) return it->second;
        names.push_back(name);
        return index[name] = static_cast<int>(names.size()) - 1;
    }
};

/// Compile a module: its Code and its functions' are appended to `codes`; returns the module's
/// index there. `internal` marks code that tracebacks leave out (the asyncio prelude). The
/// compiler's SyntaxWarnings ('"is" with a literal') go to `warn` (line, message), if given. Past
/// `deadline`, if given, throws ReadingDeadline::Passed.
using SyntaxWarnings = std::function<void(int line, const std::string& message)>;
std::size_t compile_module(const Node& module, GlobalTable& globals, Heap& heap,
                           std::vector<std::unique_ptr<Code>>& codes, bool internal = false,
                           const SyntaxWarnings& warn = {}, ReadingDeadline* deadline = nullptr);

}  // namespace sp::py
