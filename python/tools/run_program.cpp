// run_program FILE.py (or -): runs a program of the playground's Python natively and prints what
// `python3 FILE.py` prints; the same exit statuses as the CLI (0, 1, 2, 3). --trace prints each
// output chunk with its virtual time instead.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "program.hpp"

int main(int argc, char** argv) {
    bool trace = false;
    bool json = false;
    const char* file = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--trace") == 0) {
            trace = true;
        } else if (std::strcmp(argv[i], "--json") == 0) {
            json = true;
        } else {
            file = argv[i];
        }
    }
    if (file == nullptr) {
        std::fprintf(stderr, "usage: run_program [--trace] FILE.py|-\n");
        return 2;
    }
    std::stringstream source;
    if (std::strcmp(file, "-") == 0) {
        source << std::cin.rdbuf();
    } else {
        std::ifstream in(file);
        if (!in) {
            std::fprintf(stderr, "run_program: cannot read %s\n", file);
            return 2;
        }
        source << in.rdbuf();
    }
    sp::py::Program program(sp::py::latin1_to_utf8(source.str()));
    program.run();
    if (json) {
        std::printf("%s\n", sp::py::result_json(program).c_str());
        return program.exit_status();
    }
    if (trace) {
        for (const sp::py::OutputLine& line : program.lines()) {
            std::printf("%.9g\t%.*s\n", line.t, static_cast<int>(line.text.size()), line.text.data());
        }
        std::fflush(stdout);
        std::fputs(program.error().c_str(), stderr);
        return program.exit_status();
    }
    // stdout and stderr interleaved as python3 writes them (Program::error_at)
    const std::string& out = program.output();
    const std::string& err = program.error();
    const auto marks = program.error_at();
    std::size_t written = 0;
    auto write = [](FILE* f, const std::string& s, std::size_t from, std::size_t to) {
        if (to > from) std::fwrite(s.data() + from, 1, to - from, f);
        std::fflush(f);
    };
    write(stderr, err, 0, marks.empty() ? err.size() : marks.front().second);
    for (std::size_t i = 0; i < marks.size(); ++i) {
        write(stdout, out, written, std::max(written, marks[i].first));
        written = std::max(written, marks[i].first);
        write(stderr, err, marks[i].second, i + 1 < marks.size() ? marks[i + 1].second : err.size());
    }
    write(stdout, out, written, out.size());
    return program.exit_status();
}
