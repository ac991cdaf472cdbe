// What a program did, in the playground's vocabulary, for the views (board, timeline, log) and the
// JSON Lines of the CLI: tasks created and ended, each wait on a primitive and how it ended, each
// release, each printed line, with the virtual time of the loop.
//
// The events come from the places where the interpreter meets asyncio (asyncio_module.cpp,
// ceval.cpp's await, print): what the runtime did, not a reconstruction. The record layout is a
// contract with web/contract.mjs (PROGRAM_EVENT_RECORD, PROGRAM_EVENT_KINDS); the static_asserts
// below pin it, and tests/js/contract.test.mjs checks both sides agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sp::py {

/// The order is the contract: web/contract.mjs's PROGRAM_EVENT_KINDS names them by these numbers.
enum class ProgramEventKind : std::int32_t {
    created,    // a task was created (asyncio.run's main task, create_task, gather, wait_for)
    waiting,    // the task suspended in acquire() / Event.wait() and joined the primitive's queue
    acquired,   // acquire() returned: the task holds the semaphore or lock (at once or after waiting)
    gave_up,    // the wait ended with an exception (cancelled, timed out) instead of acquiring
    released,   // release() of a semaphore or lock, by this task (not necessarily a holder)
    set,        // Event.set()
    woken,      // Event.wait() returned
    finished,   // the task returned
    failed,     // the task ended with an exception (detail: the text of its final line)
    cancelled,  // the task ended cancelled
    print,      // a line of output (detail: the line's index in lines)
};
inline constexpr int program_event_kind_count = 11;
const char* to_string(ProgramEventKind kind);

/// One packed event, read in bulk from Wasm memory.
struct ProgramEvent {
    double t;                // virtual seconds; -1 outside an event loop
    std::int32_t task;       // 1-based creation order (Task-1 is asyncio.run's main); 0: the module
    ProgramEventKind kind;   //
    std::int32_t primitive;  // 1-based creation order of the Semaphore/Lock/Event; 0: none
    std::int32_t detail;     // primitive events: its value after (a Lock: 1 unlocked, 0 locked; an
                             // Event: 1 set); print/failed: the index of the text in texts
};

inline constexpr std::size_t program_event_bytes = 24;
static_assert(sizeof(ProgramEvent) == program_event_bytes, "web/contract.mjs PROGRAM_EVENT_RECORD.bytes");
static_assert(offsetof(ProgramEvent, t) == 0, "web/contract.mjs PROGRAM_EVENT_RECORD.time");
static_assert(offsetof(ProgramEvent, task) == 8, "web/contract.mjs PROGRAM_EVENT_RECORD.task");
static_assert(offsetof(ProgramEvent, kind) == 12, "web/contract.mjs PROGRAM_EVENT_RECORD.kind");
static_assert(offsetof(ProgramEvent, primitive) == 16, "web/contract.mjs PROGRAM_EVENT_RECORD.primitive");
static_assert(offsetof(ProgramEvent, detail) == 20, "web/contract.mjs PROGRAM_EVENT_RECORD.detail");

struct TaskInfo {
    std::string name;      // "Task-2", or the name given to create_task
    std::string function;  // "limited_task(1)": the coroutine's function and its arguments
};

struct PrimitiveInfo {
    std::string type;  // "Semaphore", "BoundedSemaphore", "Lock", "Event"
    int initial;       // the value it was created with (a Lock 1, an Event 0)
    int line;          // where the program created it
};

class ProgramTrace {
public:
    std::vector<ProgramEvent> events;
    std::vector<std::string> texts;  // printed lines and failures' final lines, by index
    std::vector<TaskInfo> tasks;     // by task id - 1
    std::vector<PrimitiveInfo> primitives;

    std::int32_t add_task(TaskInfo info, double t);
    std::int32_t add_primitive(PrimitiveInfo info);
    void add(double t, std::int32_t task, ProgramEventKind kind, std::int32_t primitive = 0, std::int32_t detail = 0);
    void add_text(double t, std::int32_t task, ProgramEventKind kind, std::string text);
    /// What print() wrote: each line completed by a newline becomes a print event.
    void print(double t, std::int32_t task, const std::string& written);
    /// At the end of the program: a last line without a newline is printed too (Python flushes it).
    void flush(double t, std::int32_t task);

private:
    std::string partial_;
};

}  // namespace sp::py
