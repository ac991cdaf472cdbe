// Embind bindings for programs of the playground's Python (python/program.hpp).
//
// One call runs a whole program on the virtual clock and returns its result as the JSON of
// result_json (python/program.hpp): the same contract the native run_program and the conformance
// suite use, so JavaScript parses one format. Nothing throws across the boundary.
//
// runProgramParts is the same result for simulateProgram, with the printed text taken out of the
// JSON: the text as one string and the time of each of its lines in a Float64Array. A program with
// 100,000 tasks prints 200,000 lines; escaping them into JSON and parsing that again cost more than
// running the program.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "program.hpp"

namespace {

std::string run_program_json(const std::string& source) {
    sp::py::Program program(source);
    program.run();
    return sp::py::result_json(program);
}

/// The virtual time of each line of the output: the time of the print that wrote its newline, NaN
/// outside an event loop (JSON's null).
std::vector<double> line_times(const std::vector<sp::py::Printed>& printed) {
    std::vector<double> times;
    times.reserve(printed.size());  // a line per print, usually
    for (const sp::py::Printed& p : printed) {
        const double t = p.t < 0 ? std::nan("") : p.t;
        for (const char* c = p.text.data();
             (c = static_cast<const char*>(std::memchr(c, '\n', p.text.data() + p.text.size() - c))) != nullptr; ++c)
            times.push_back(t);
    }
    return times;
}

/// Everything printed, in one string allocated once (200,000 appends grew it a dozen times).
std::string output_text(const std::vector<sp::py::Printed>& printed) {
    std::size_t size = 0;
    for (const sp::py::Printed& p : printed) size += p.text.size();
    std::string text(size, '\0');
    char* at = text.data();
    for (const sp::py::Printed& p : printed) at = std::copy(p.text.data(), p.text.data() + p.text.size(), at);
    return text;
}

/// { json: result_json without "lines" and "output", text: the output, times: Float64Array }
emscripten::val run_program_parts(const std::string& source) {
    using emscripten::val;
    sp::py::Program program(source);
    program.run();
    const std::vector<double> times = line_times(program.printed());
    val parts = val::object();
    parts.set("json", sp::py::result_json(program, false));
    parts.set("text", output_text(program.printed()));
    // A view of Wasm memory, copied by slice() before `times` goes away.
    parts.set("times", val(emscripten::typed_memory_view(times.size(), times.data())).call<val>("slice"));
    return parts;
}

}  // namespace

EMSCRIPTEN_BINDINGS(python_programs) {
    emscripten::function("runProgramJson", &run_program_json);
    emscripten::function("runProgramParts", &run_program_parts);
}
