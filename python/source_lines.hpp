#pragma once
// The program's source, line by line, as a traceback shows it: python3 prints each of the program's
// frames with the line it stands at, read again from the file (traceback.c's
// display_source_line_with_margin for an uncaught exception; linecache in the traceback module,
// which asyncio's logs use).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sp::py {

class SourceLines {
public:
    SourceLines() : SourceLines(std::string{}) {}
    /// `source` as the tokenizer read it: every line ending a '\n' (program.cpp's as_python_reads).
    explicit SourceLines(std::string source) : text_(std::move(source)) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text_.size(); ++i) {
            if (text_[i] == '\n') starts_.push_back(i + 1);
        }
    }

    /// Line `number` (from 1) without its '\n'; "" past the end.
    std::string_view line(int number) const {
        if (number < 1 || static_cast<std::size_t>(number) > count()) return {};
        const auto n = static_cast<std::size_t>(number);
        const std::size_t end = n < starts_.size() ? starts_[n] - 1 : text_.size();
        return std::string_view(text_).substr(starts_[n - 1], end - starts_[n - 1]);
    }

    /// How traceback.c shows it: without its indentation (spaces, tabs, form feeds), the rest as it is.
    std::string_view for_excepthook(int number) const {
        std::string_view s = line(number);
        const std::size_t first = s.find_first_not_of(" \t\f");
        return first == std::string_view::npos ? std::string_view{} : s.substr(first);
    }

    /// How the traceback module shows it: str.strip() of the line (the ASCII whitespace a line can
    /// end with; Unicode spaces at a line's ends are left).
    std::string_view for_traceback_module(int number) const {
        constexpr std::string_view space = " \t\n\r\f\v\x1c\x1d\x1e\x1f";
        std::string_view s = line(number);
        const std::size_t first = s.find_first_not_of(space);
        if (first == std::string_view::npos) return {};
        return s.substr(first, s.find_last_not_of(space) - first + 1);
    }

private:
    // The lines: one a '\n' ends, and a last one without.
    std::size_t count() const { return starts_.size() - (text_.empty() || text_.back() == '\n' ? 1 : 0); }

    std::string text_;
    std::vector<std::size_t> starts_;  // where each line begins
};

}  // namespace sp::py
