// One line of the lesson's log, as the runtime records it and JavaScript reads it.
//
// The record layout is a contract with web/contract.mjs (EVENT_RECORD: 16 bytes, f64 time at 0, i32
// task at 8, i32 kind at 12), which reads a batch of records straight out of Wasm memory. The
// static_asserts below pin it here; tests/js/contract.test.mjs checks the module's layout (from these
// same offsetof values, via wasm/bindings.cpp) against the JavaScript side.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sp {

/// The order is the contract: web/format.mjs's EVENT_KINDS lists the same names by these numbers.
enum class EventKind : std::int32_t {
    waiting,
    started,
    finished,
    timeout,
    failed,
    deadlock,
    extra_release,  // the task's extra sem.release() went through
    release_error,  // a BoundedSemaphore's release() raised ValueError in the task
};
inline constexpr int event_kind_count = 8;
const char* to_string(EventKind kind);

/// Plain data, read in bulk from Wasm memory.
struct Event {
    double t;           // virtual seconds
    std::int32_t task;  // 1-based task id; 0 for the deadlock event
    EventKind kind;
};

inline constexpr std::size_t event_record_bytes = 16;
inline constexpr std::size_t event_time_offset = 0;
inline constexpr std::size_t event_task_offset = 8;
inline constexpr std::size_t event_kind_offset = 12;
static_assert(sizeof(Event) == event_record_bytes, "web/contract.mjs EVENT_RECORD.bytes");
static_assert(offsetof(Event, t) == event_time_offset, "web/contract.mjs EVENT_RECORD.time");
static_assert(offsetof(Event, task) == event_task_offset, "web/contract.mjs EVENT_RECORD.task");
static_assert(offsetof(Event, kind) == event_kind_offset, "web/contract.mjs EVENT_RECORD.kind");

}  // namespace sp
