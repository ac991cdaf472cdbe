#include "program_trace.hpp"

#include <utility>

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
    }
    return "unknown";
}

std::int32_t ProgramTrace::add_task(TaskInfo info, double t) {
    tasks.push_back(std::move(info));
    const auto id = static_cast<std::int32_t>(tasks.size());
    add(t, id, ProgramEventKind::created);
    return id;
}

std::int32_t ProgramTrace::add_primitive(PrimitiveInfo info) {
    primitives.push_back(std::move(info));
    return static_cast<std::int32_t>(primitives.size());
}

void ProgramTrace::add(double t, std::int32_t task, ProgramEventKind kind, std::int32_t primitive,
                       std::int32_t detail) {
    events.push_back(ProgramEvent{t, task, kind, primitive, detail});
}

void ProgramTrace::add_text(double t, std::int32_t task, ProgramEventKind kind, std::string text) {
    texts.push_back(std::move(text));
    add(t, task, kind, 0, static_cast<std::int32_t>(texts.size() - 1));
}

void ProgramTrace::print(double t, std::int32_t task, const std::string& written) {
    std::size_t from = 0;
    for (std::size_t nl = written.find('\n'); nl != std::string::npos; nl = written.find('\n', from)) {
        add_text(t, task, ProgramEventKind::print, partial_ + written.substr(from, nl - from));
        partial_.clear();
        from = nl + 1;
    }
    partial_ += written.substr(from);
}

void ProgramTrace::flush(double t, std::int32_t task) {
    if (partial_.empty()) return;
    add_text(t, task, ProgramEventKind::print, std::exchange(partial_, {}));
}

}  // namespace sp::py
