// run_program FILE.py (or -): runs a program of the playground's Python natively and prints what
// `python3 FILE.py` prints; the same exit statuses as the CLI (0, 1, 2, 3, and SIGINT after an
// uncaught KeyboardInterrupt). --trace prints each output chunk with its virtual time instead;
// --json the result as JSON (result_json).
//
// Bad input as the CLI's --program meets it (web/cli.mjs), in its words where they fit: one line on
// stderr and exit status 2 for an unknown option, a file that cannot be read (missing, a folder) or
// is past the interpreter's size limit (reading stops there: /dev/zero ends); exit status 1 when the
// output cannot be written (a full disk).
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "program.hpp"

namespace {

constexpr const char* usage = "usage: run_program [--json | --trace] FILE.py|-";

/// Thrown for bad input: the line to print (without "run_program: ").
struct Refusal {
    std::string line;
};

/// The file's bytes, read until the interpreter's size limit is passed as it counts the text
/// (without a UTF-8 byte order mark, each \r\n one byte: Program::Program, web/cli.mjs readLimited).
std::string read_program(const char* path) {
    const bool is_stdin = std::strcmp(path, "-") == 0;
    const std::string shown = sp::py::json_string(path);
    FILE* in = is_stdin ? stdin : std::fopen(path, "rb");
    if (in == nullptr) {
        throw Refusal{"cannot read " + shown + ": " + (errno == ENOENT ? "no such file" : std::strerror(errno))};
    }
    const std::size_t limit = sp::py::Limits{}.source;
    std::string bytes;
    std::size_t counted = 0;
    char buffer[1 << 16];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
        const std::size_t before = bytes.size();
        bytes.append(buffer, n);
        counted += n;
        for (std::size_t i = std::max<std::size_t>(before, 1); i < bytes.size(); ++i) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r') --counted;
        }
        if (before < 3 && bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) counted -= 3;
        if (counted > limit) {
            if (!is_stdin) std::fclose(in);
            throw Refusal{shown + " is larger than " + sp::py::bytes_in_words(limit) + " (the limit)"};
        }
    }
    const int error = std::ferror(in) ? errno : 0;
    if (!is_stdin) std::fclose(in);
    if (error != 0) {
        throw Refusal{"cannot read " + shown + ": " + (error == EISDIR ? "it is a folder" : std::strerror(error))};
    }
    return bytes;
}

/// Why writing to stdout first failed (errno), or 0: noted at once, before a later call changes errno.
int output_error = 0;

void check_output() {
    if (output_error == 0 && std::ferror(stdout)) output_error = errno != 0 ? errno : EIO;
}

/// Exit status 1 and one line when what was written to stdout did not all arrive (a full disk).
int finish(int status) {
    if (std::fflush(stdout) != 0) check_output();
    check_output();
    if (output_error == 0) return status;
    std::fprintf(stderr, "run_program: cannot write the output: %s\n", std::strerror(output_error));
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    bool trace = false;
    bool json = false;
    const char* file = nullptr;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--trace") {
                trace = true;
            } else if (arg == "--json") {
                json = true;
            } else if (arg.size() > 1 && arg[0] == '-') {
                throw Refusal{"unknown option " + sp::py::json_string(arg) + " (" + usage + ")"};
            } else if (file != nullptr) {
                throw Refusal{"give one program (got " + sp::py::json_string(file) + ", then " +
                              sp::py::json_string(arg) + ")"};
            } else {
                file = argv[i];
            }
        }
        if (file == nullptr) {
            std::fprintf(stderr, "%s\n", usage);
            return 2;
        }
        const std::string source = read_program(file);
        sp::py::Program program(sp::py::latin1_to_utf8(source));
        program.run();
        if (json) {
            std::printf("%s\n", sp::py::result_json(program).c_str());
            return finish(program.exit_status());
        }
        if (trace) {
            for (const sp::py::OutputLine& line : program.lines()) {
                std::printf("%.9g\t%.*s\n", line.t, static_cast<int>(line.text.size()), line.text.data());
                check_output();
            }
            const int status = finish(program.exit_status());
            std::fputs(program.error().c_str(), stderr);
            return status;
        }
        // stdout and stderr interleaved as python3 writes them (Program::error_at)
        const std::string& out = program.output();
        const std::string& err = program.error();
        const auto marks = program.error_at();
        std::size_t written = 0;
        auto write = [](FILE* f, const std::string& s, std::size_t from, std::size_t to) {
            if (to > from) std::fwrite(s.data() + from, 1, to - from, f);
            std::fflush(f);
            if (f == stdout) check_output();
        };
        write(stderr, err, 0, marks.empty() ? err.size() : marks.front().second);
        for (std::size_t i = 0; i < marks.size(); ++i) {
            write(stdout, out, written, std::max(written, marks[i].first));
            written = std::max(written, marks[i].first);
            write(stderr, err, marks[i].second, i + 1 < marks.size() ? marks[i + 1].second : err.size());
        }
        write(stdout, out, written, out.size());
        const int status = finish(program.exit_status());
        if (program.interrupted() && status == 130) {
            // As python3 (and web/cli.mjs) ends after an uncaught KeyboardInterrupt's traceback: by
            // SIGINT, so that a caller sees an interrupted program, not one that chose status 130.
            std::signal(SIGINT, SIG_DFL);
            std::raise(SIGINT);
        }
        return status;
    } catch (const Refusal& refusal) {
        std::fprintf(stderr, "run_program: %s\n", refusal.line.c_str());
        return 2;
    }
}
