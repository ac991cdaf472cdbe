// The python tests' one way to run a program to its end: a Program with the given Limits, run.
#pragma once

#include <memory>
#include <string>

#include "program.hpp"

namespace sp::py::testing {

inline std::unique_ptr<Program> run(const std::string& source, Limits limits = Limits{}) {
    auto p = std::make_unique<Program>(source, limits);
    p->run();
    return p;
}

}  // namespace sp::py::testing
