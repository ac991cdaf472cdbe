// Embind bindings for programs of the playground's Python (python/program.hpp).
//
// One call runs a whole program on the virtual clock and returns its result as the JSON of
// result_json (python/program.hpp): the same contract the native run_program and the conformance
// suite use, so JavaScript parses one format. Nothing throws across the boundary.
#include <emscripten/bind.h>

#include <string>

#include "program.hpp"

namespace {

std::string run_program_json(const std::string& source) {
    sp::py::Program program(source);
    program.run();
    return sp::py::result_json(program);
}

}  // namespace

EMSCRIPTEN_BINDINGS(python_programs) { emscripten::function("runProgramJson", &run_program_json); }
