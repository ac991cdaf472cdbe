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
#include <string_view>
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
    blocked,    // time.sleep() blocked the loop from this time (detail: the index of its seconds'
                // repr in words): nothing else runs until the next event's time
    timed_out,  // the task's wait_for() or timeout block ran out of time, and now cancels what the task
                // awaits (detail: the index in words of what ran out: "wait_for(timeout=3)")
};
inline constexpr int program_event_kind_count = 13;
const char* to_string(ProgramEventKind kind);

/// One packed event, read in bulk from Wasm memory.
struct ProgramEvent {
    double t;                 // virtual seconds; -1 outside an event loop
    std::int32_t task;        // 1-based creation order (Task-1 is asyncio.run's main); 0: the module
    std::uint32_t kind_line;  // the kind in the low 8 bits; above them the program's line that made the
                              // event (0: none, as for a task running asyncio's own coroutine)
    std::int32_t primitive;   // 1-based creation order of the Semaphore/Lock/Event; 0: none
    std::int32_t detail;      // primitive events: its value after (a Lock: 1 unlocked, 0 locked; an
                              // Event: 1 set); print: the line's index in output; failed and
                              // blocked: the index of its text in words

    ProgramEvent(double t, std::int32_t task, ProgramEventKind kind, std::int32_t line, std::int32_t primitive,
                 std::int32_t detail)
        : t(t), task(task), kind_line(pack(kind, line)), primitive(primitive), detail(detail) {}
    ProgramEventKind kind() const { return static_cast<ProgramEventKind>(kind_line & kind_mask); }
    std::int32_t line() const { return static_cast<std::int32_t>(kind_line >> line_shift); }

    static constexpr std::uint32_t kind_mask = 0xff;
    static constexpr int line_shift = 8;
    // A program has at most Limits::source bytes, so far fewer lines than this; past it, no line.
    static constexpr std::int32_t max_line = (1 << (32 - line_shift)) - 1;
    static std::uint32_t pack(ProgramEventKind kind, std::int32_t line) {
        const std::uint32_t l = line > 0 && line <= max_line ? static_cast<std::uint32_t>(line) : 0;
        return static_cast<std::uint32_t>(kind) | l << line_shift;
    }
};

inline constexpr std::size_t program_event_bytes = 24;
static_assert(sizeof(ProgramEvent) == program_event_bytes, "web/contract.mjs PROGRAM_EVENT_RECORD.bytes");
static_assert(offsetof(ProgramEvent, t) == 0, "web/contract.mjs PROGRAM_EVENT_RECORD.time");
static_assert(offsetof(ProgramEvent, task) == 8, "web/contract.mjs PROGRAM_EVENT_RECORD.task");
static_assert(offsetof(ProgramEvent, kind_line) == 12, "web/contract.mjs PROGRAM_EVENT_RECORD.kind");
static_assert(offsetof(ProgramEvent, primitive) == 16, "web/contract.mjs PROGRAM_EVENT_RECORD.primitive");
static_assert(offsetof(ProgramEvent, detail) == 20, "web/contract.mjs PROGRAM_EVENT_RECORD.detail");
static_assert(program_event_kind_count <= ProgramEvent::kind_mask + 1, "a kind fits below the line");

/// Texts for JavaScript in one UTF-8 buffer, decoded there in one go: entry i ends at ends[i], counted
/// in UTF-16 code units (JavaScript's string indices), and starts where entry i - 1 ended. Names and
/// failures' lines are stored once, here, and sliced out on the JavaScript side only when shown.
/// A host that copies the entries out may forget them (forget()): indices and ends keep counting from
/// the first entry, and bytes() and ends() then hold only the entries added since.
class TextTable {
public:
    std::int32_t add(std::string_view text);
    /// Where the next entry's text may be written in place (then end_entry()), without a string of its own.
    std::string& buffer() { return bytes_; }
    /// Room for `bytes` of text in `entries` entries before any growth.
    void reserve(std::size_t bytes, std::size_t entries) {
        bytes_.reserve(bytes);
        ends_.reserve(entries);
    }
    /// The text written into buffer() since the last entry ended is an entry: its index.
    std::int32_t end_entry();
    /// How big the table is now, and back to that size (a text whose writing threw).
    struct Mark {
        std::size_t bytes, entries;
        std::int32_t units;
    };
    Mark mark() const { return Mark{bytes_.size(), ends_.size(), units_}; }
    void rollback(const Mark& m) {
        bytes_.resize(m.bytes);
        ends_.resize(m.entries);
        units_ = m.units;
        entry_start_ = m.bytes;
    }
    const std::string& bytes() const { return bytes_; }
    const std::vector<std::int32_t>& ends() const { return ends_; }
    /// Entries ever added (forgotten ones too): the next entry's index.
    std::int32_t size() const { return forgotten_ + static_cast<std::int32_t>(ends_.size()); }
    /// Drop every entry held (between entries only).
    void forget();

private:
    std::string bytes_;
    std::vector<std::int32_t> ends_;
    std::int32_t forgotten_ = 0;  // entries dropped by forget()
    std::int32_t units_ = 0;
    std::size_t entry_start_ = 0;  // bytes: where the entry being written starts
};

/// What print() wrote, stdout byte for byte (the program's output is this text, not a copy of it),
/// and where each line ends: line i runs from the end of line i - 1 plus its newline to
/// line_ends[i] (UTF-16 code units). A last line without a newline ends at flush(). A host that
/// copies the complete lines out may forget them (forget()): text() then holds only the line being
/// written and what follows, while line indices, line ends and written() count from the program's start.
class PrintedText {
public:
    /// Where print() writes its text (so it is copied once); wrote() must follow.
    std::string& buffer() { return text_; }
    /// Room for `bytes` of text in `lines` lines before any growth.
    void reserve(std::size_t bytes, std::size_t lines) {
        text_.reserve(bytes);
        line_ends_.reserve(lines);
    }
    /// The text from byte `from` on was just written: calls on_line(index) for each line its
    /// newlines complete.
    template <class OnLine>
    void wrote(std::size_t from, OnLine on_line) {
        const std::string_view written = std::string_view(text_).substr(from);
        for (std::size_t at = 0, nl; (nl = written.find('\n', at)) != std::string_view::npos; at = nl + 1) {
            count(written.substr(at, nl - at));
            on_line(end_line());
            units_ += 1;  // the newline
            line_start_ = from + nl + 1;
        }
        count(std::string_view(text_).substr(std::max(line_start_, from)));
    }
    /// Ends a last line without a newline (false when there is none).
    bool flush(std::int32_t& line);
    const std::string& text() const { return text_; }
    const std::vector<std::int32_t>& line_ends() const { return line_ends_; }
    /// The bytes of text() in complete lines (a line being written stays out of a take).
    std::size_t complete_bytes() const { return line_start_; }
    /// Bytes printed since the program started, forgotten ones too.
    std::size_t written() const { return forgotten_bytes_ + text_.size(); }
    /// Drop the complete lines (between prints only).
    void forget();

private:
    void count(std::string_view bytes);
    std::int32_t end_line();

    std::string text_;
    std::vector<std::int32_t> line_ends_;
    std::size_t forgotten_bytes_ = 0;
    std::int32_t forgotten_lines_ = 0;
    std::int32_t units_ = 0;
    std::size_t line_start_ = 0;  // where the line being written starts, in bytes
};

/// A task's words: indices in ProgramTrace::words.
struct TaskWords {
    std::int32_t name;      // "Task-2", or the name given to create_task
    std::int32_t function;  // "limited_task(1)": the coroutine's function and its arguments
};

struct PrimitiveInfo {
    std::int32_t type;     // index in words: "Semaphore", "BoundedSemaphore", "Lock", "Event"
    std::int32_t initial;  // the value it was created with (a Lock 1, an Event 0)
    std::int32_t line;     // where the program created it
};

/// Totals over the events so far, kept as they are added so JavaScript never looks at each event.
struct ProgramCounts {
    std::int32_t created = 0, finished = 0, failed = 0, cancelled = 0;
    std::int32_t peak_holders = 0;  // the most tasks that held one semaphore or lock at once
};

/// What a take hands JavaScript (ProgramRun.take in wasm/program_bindings.cpp): where the events and
/// the texts added since the last take lie in Wasm memory, and the totals so far. Pointers are Wasm's
/// 32-bit addresses; they stay valid until the next call into the program. The field order is a
/// contract with web/contract.mjs (PROGRAM_TAKE_FIELDS, from program_take_fields below).
struct ProgramTake {
    std::uint32_t events, event_count;                                // ProgramEvent records
    std::uint32_t output, output_bytes;                               // new UTF-8 bytes of PrintedText (whole lines)
    std::uint32_t line_ends, lines;                                   // the new lines' ends
    std::uint32_t words, word_bytes;                                  // new UTF-8 bytes of the words
    std::uint32_t word_ends, word_count;                              // the new words' ends
    std::uint32_t tasks, task_count;                                  // new TaskWords
    std::uint32_t primitives, primitive_count;                        // new PrimitiveInfo
    std::int32_t created, finished, failed, cancelled, peak_holders;  // ProgramCounts
};
inline constexpr const char* program_take_fields[] = {
    "events",    "eventCount", "output",    "outputBytes", "lineEnds",   "lines",      "words",
    "wordBytes", "wordEnds",   "wordCount", "tasks",       "taskCount",  "primitives", "primitiveCount",
    "created",   "finished",   "failed",    "cancelled",   "peakHolders"};
static_assert(sizeof(ProgramTake) == sizeof(program_take_fields) / sizeof(program_take_fields[0]) * 4,
              "one 32-bit field per name in program_take_fields");
static_assert(sizeof(TaskWords) == 8 && sizeof(PrimitiveInfo) == 12, "web/program-simulation.mjs reads them as i32s");

class ProgramTrace {
public:
    ProgramTrace();  // with room for a small program's trace (see there)
    std::vector<ProgramEvent> events;
    PrintedText output;            // print events' detail: the line's index
    TextTable words;               // task names and functions, primitive types, failures' lines
    std::vector<TaskWords> tasks;  // by task id - 1 - forgotten_tasks
    std::int32_t forgotten_tasks = 0;
    std::vector<PrimitiveInfo> primitives;  // by primitive id - 1 (never forgotten: a few a program)
    ProgramCounts counts;

    /// A task created at `line` (of its creator: the create_task() or gather() call).
    std::int32_t add_task(std::string_view name, std::string_view function, double t, std::int32_t line);
    /// The same, with the task's function written by `write_function(words.buffer())` in place.
    template <class WriteFunction>
    std::int32_t add_task_writing(std::string_view name, WriteFunction write_function, double t, std::int32_t line) {
        const TextTable::Mark before = words.mark();
        const std::int32_t name_word = words.add(name);
        try {
            write_function(words.buffer());
        } catch (...) {
            words.rollback(before);  // as if the task had never been named
            throw;
        }
        return add_task_words(name_word, words.end_entry(), t, line);
    }
    std::int32_t add_primitive(std::string_view type, std::int32_t initial, std::int32_t line);
    /// Past `limit` events added in all (taken ones too), *tripwire is set to 0: the interpreter's
    /// next step then looks at its limits (Interp::check_limits), as the heap's tripwire makes it.
    void set_limit(std::size_t limit, std::uint64_t* tripwire) {
        limit_ = limit;
        tripwire_ = tripwire;
    }
    bool over_limit() const { return added_ > limit_; }
    /// `line`: the program's line that made the event (0: none), for the views to point at.
    void add(double t, std::int32_t task, ProgramEventKind kind, std::int32_t line, std::int32_t primitive = 0,
             std::int32_t detail = 0);
    void add_text(double t, std::int32_t task, ProgramEventKind kind, std::int32_t line, std::string_view text);
    /// print() at `line` wrote output's text from byte `from` on: each line completed by a newline
    /// becomes a print event.
    void printed(double t, std::int32_t task, std::int32_t line, std::size_t from);
    /// At the end of the program: a last line without a newline is printed too (Python flushes it).
    void flush(double t, std::int32_t task);
    /// A host that copies out the output's complete lines, the words and the tasks the trace holds
    /// (wasm/program_bindings.cpp, whose JavaScript keeps the whole run) drops them once copied, so a
    /// long run's texts are not kept twice (the lesson at 100,000 tasks: about 15 MB). Events are the
    /// host's to clear. Between calls into the program only.
    void forget_copied();

private:
    std::int32_t add_task_words(std::int32_t name_word, std::int32_t function_word, double t, std::int32_t line);
    void count(ProgramEventKind kind, std::int32_t primitive);
    std::vector<std::int32_t> holders_;  // by primitive id: how many tasks hold it now
    std::size_t added_ = 0;              // events added since the program started
    std::size_t limit_ = SIZE_MAX;
    std::uint64_t* tripwire_ = nullptr;
};

}  // namespace sp::py
