// libFuzzer: the Python subset's parser and interpreter (python/). Any bytes are a program; it must
// end (the step budget and memory limit are small here, so every input is quick) with one of the
// documented outcomes, never a crash, a sanitizer report or a hang:
//   exit status 0 (finished), 1 (exception, SyntaxError or a limit), 2 (not supported), 3 (deadlock);
//   a deadlock names at least one stuck task; an exception or syntax error has a final line.
// Seeds: fuzz/corpus/program (the curated conformance programs and random ones).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "program.hpp"

namespace {
[[noreturn]] void broken(const char* what, const sp::py::Program& p) {
    std::fprintf(stderr, "broken invariant: %s\nerror: %s\n", what, p.error().c_str());
    std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string source(reinterpret_cast<const char*>(data), size);
    sp::py::Limits limits;
    limits.steps = 20000;
    limits.memory = 8u << 20;
    limits.frames = 200;
    sp::py::Program program(source, limits);
    program.run();
    using Status = sp::py::Program::Status;
    const int exit = program.exit_status();
    if (exit < 0 || exit > 3) broken("exit status out of range", program);
    if (program.status() == Status::running) broken("run() returned while the program still runs", program);
    if (program.status() == Status::deadlock && program.stuck().empty()) broken("a deadlock names no task", program);
    if ((program.status() == Status::exception || program.status() == Status::syntax_error) &&
        program.error_line().empty()) {
        broken("an error without a final line", program);
    }
    // The flag, not the text: a program may print "internal error" itself (a mutated string literal did).
    if (program.met_internal_error()) broken("internal error", program);
    (void)sp::py::result_json(program);
    return 0;
}
