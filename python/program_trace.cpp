#include "program_trace.hpp"

#include <algorithm>
#include <cstring>

namespace sp::py {

const char* to_string(ProgramEventKind kind) {
    switch (kind) {
        case ProgramEventKind::created: return "created";
        case ProgramEventKind::waiting: return "waiting";
        case ProgramEventKind::acquired: return "acquired";
        case ProgramEventKind::gave_up: return "gave_up";
        case ProgramEventKind::released: return "released";
        case ProgramEventKind::set: return "set";
        case ProgramEventKind::woken: return "woken";
        case ProgramEventKind::finished: return "finished";
        case ProgramEventKind::failed: return "failed";
        case ProgramEventKind::cancelled: return "cancelled";
        case ProgramEventKind::print: return "print";
        case ProgramEventKind::blocked: return "blocked";
        case ProgramEventKind::timed_out: return "timed_out";
    }
    return "unknown";
}

namespace {

/// The UTF-16 code units of UTF-8 `bytes`: one per character, two for those beyond U+FFFF. Eight
/// bytes at a time while they are ASCII (names and most printed text are).
std::int32_t utf16_units(std::string_view bytes) {
    std::size_t i = 0;
    for (std::uint64_t word; i + 8 <= bytes.size(); i += 8) {
        std::memcpy(&word, bytes.data() + i, 8);
        if ((word & 0x8080808080808080u) != 0) break;
    }
    auto units = static_cast<std::int32_t>(i);
    for (; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        units += (b & 0xC0) != 0x80;  // a character's first byte
        units += b >= 0xF0;           // four bytes: a surrogate pair
    }
    return units;
}

}  // namespace

std::int32_t TextTable::add(std::string_view text) {
    bytes_.append(text);
    return end_entry();
}

std::int32_t TextTable::end_entry() {
    units_ += utf16_units(std::string_view(bytes_).substr(entry_start_));
    entry_start_ = bytes_.size();
    ends_.push_back(units_);
    return size() - 1;
}

void TextTable::forget() {
    forgotten_ += static_cast<std::int32_t>(ends_.size());
    bytes_.clear();
    ends_.clear();
    entry_start_ = 0;
}

void PrintedText::count(std::string_view bytes) { units_ += utf16_units(bytes); }

std::int32_t PrintedText::end_line() {
    line_ends_.push_back(units_);
    return forgotten_lines_ + static_cast<std::int32_t>(line_ends_.size() - 1);
}

void PrintedText::forget() {
    forgotten_bytes_ += line_start_;
    forgotten_lines_ += static_cast<std::int32_t>(line_ends_.size());
    text_.erase(0, line_start_);  // the line being written, if any, stays
    line_ends_.clear();
    line_start_ = 0;
}

bool PrintedText::flush(std::int32_t& line) {
    if (line_start_ == text_.size()) return false;
    line = end_line();
    line_start_ = text_.size();
    return true;
}

std::int32_t ProgramTrace::add_task(std::string_view name, std::string_view function, double t, std::int32_t line) {
    const std::int32_t name_word = words.add(name);
    return add_task_words(name_word, words.add(function), t, line);
}

std::int32_t ProgramTrace::add_task_words(std::int32_t name_word, std::int32_t function_word, double t,
                                          std::int32_t line) {
    tasks.push_back(TaskWords{name_word, function_word});
    const auto id = forgotten_tasks + static_cast<std::int32_t>(tasks.size());
    add(t, id, ProgramEventKind::created, line);
    return id;
}

std::int32_t ProgramTrace::add_primitive(std::string_view type, std::int32_t initial, std::int32_t line) {
    primitives.push_back(PrimitiveInfo{words.add(type), initial, line});
    holders_.push_back(0);
    return static_cast<std::int32_t>(primitives.size());
}

void ProgramTrace::add(double t, std::int32_t task, ProgramEventKind kind, std::int32_t line, std::int32_t primitive,
                       std::int32_t detail) {
    events.push_back(ProgramEvent{t, task, kind, line, primitive, detail});
    count(kind, primitive);
    if (++added_ > limit_ && tripwire_ != nullptr) *tripwire_ = 0;
}

void ProgramTrace::count(ProgramEventKind kind, std::int32_t primitive) {
    switch (kind) {
        case ProgramEventKind::created: counts.created += 1; break;
        case ProgramEventKind::finished: counts.finished += 1; break;
        case ProgramEventKind::failed: counts.failed += 1; break;
        case ProgramEventKind::cancelled: counts.cancelled += 1; break;
        case ProgramEventKind::acquired:
            counts.peak_holders = std::max(counts.peak_holders, ++holders_[primitive - 1]);
            break;
        case ProgramEventKind::released:
            // A release without a holder (a semaphore released once too often) holds nothing less.
            if (holders_[primitive - 1] > 0) holders_[primitive - 1] -= 1;
            break;
        default: break;
    }
}

void ProgramTrace::add_text(double t, std::int32_t task, ProgramEventKind kind, std::int32_t line,
                            std::string_view text) {
    add(t, task, kind, line, 0, words.add(text));
}

void ProgramTrace::printed(double t, std::int32_t task, std::int32_t line, std::size_t from) {
    output.wrote(from, [&](std::int32_t index) { add(t, task, ProgramEventKind::print, line, 0, index); });
}

// Room for a small program's whole trace from the start. When a host takes the trace depends on its
// clock (a driver's time budget), and a buffer that grows after a take grows at another moment than
// one that did not: with the objects' memory in between, a repr's "object at 0x..." would differ
// from run to run of the same program (tests/js/worker-runtime.test.mjs compares two runs).
ProgramTrace::ProgramTrace() {
    events.reserve(1024);
    output.reserve(16 * 1024, 1024);
    words.reserve(4 * 1024, 512);
    tasks.reserve(256);
}

void ProgramTrace::forget_copied() {
    output.forget();
    words.forget();
    forgotten_tasks += static_cast<std::int32_t>(tasks.size());
    tasks.clear();
}

void ProgramTrace::flush(double t, std::int32_t task) {
    std::int32_t index = 0;
    if (output.flush(index)) add(t, task, ProgramEventKind::print, 0, 0, index);  // at the exit: no line
}

}  // namespace sp::py
