// A whole program run: parse, compile, run the module, and for each asyncio.run() drive the event
// loop on the virtual clock the way asyncio.run does (Lib/asyncio/runners.py): run the main task
// until it is done, cancel the tasks left over and wait for them, run the two shutdown steps,
// close the loop. When nothing is ready, no timer is pending and the stage is unfinished, the run
// ends in a deadlock (where CPython would wait forever) that names each stuck task.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "futures.hpp"
#include "interp.hpp"

namespace sp::py {

struct StuckTask {
    std::string name;      // "Task-2"
    std::string function;  // the coroutine's function
    std::string awaiting;  // "Semaphore.acquire()", "Task-3", ...
    int line;              // where it awaits
};

/// A line of a program's output (without its newline) and when it was printed.
struct OutputLine {
    double t;
    std::string_view text;
};

/// Whether a coding declaration's name is one of Latin-1's (web/cli.mjs reads such a file as Latin-1).
bool names_latin1(const std::string& name);
/// A program file's bytes as python3 reads them: decoded from Latin-1 when a coding declaration
/// (PEP 263) names it, as web/cli.mjs's programSource does; else as they are (UTF-8, checked later).
std::string latin1_to_utf8(const std::string& bytes);

class Program {
public:
    /// `budget`: the run went over the host's Budget: no outcome of the program (see Budget).
    enum class Status { running, finished, exception, syntax_error, unsupported, deadlock, limit, budget };

    explicit Program(const std::string& source, Limits limits = Limits{}, Budget budget = Budget{});
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    /// Run to the end (instantly: the clock jumps from deadline to deadline).
    void run();
    /// One unit of work (the module up to its next asyncio.run, or one loop iteration); false
    /// once the program has ended.
    bool advance();

    // For a run paced by host timers (the JavaScript driver): advance() runs ready work; when there is
    // none, wait until next_deadline() and advance_to() it. No deadline and nothing ready: advance()
    // reports the deadlock.
    bool has_ready() const;
    std::optional<double> next_deadline();
    void advance_to(double t);

    /// What the program did so far (the views' events); the driver may take events out of it.
    ProgramTrace& trace() { return in_->trace; }
    const ProgramTrace& trace() const { return in_->trace; }

    Status status() const { return status_; }
    /// What `python3 prog.py` exits with: 0, 1 (exception, SyntaxError), 2 (not supported by the
    /// playground), 3 (deadlock: CPython would hang); 1 too for a run stopped at the host's Budget,
    /// which result_json marks ("budget": true) since no python3 run ends so.
    int exit_status() const;
    /// Whether the uncaught exception was a KeyboardInterrupt: python3 then ends itself by SIGINT.
    bool interrupted() const { return interrupted_; }
    /// Each line of output() and the virtual time its newline was printed (-1 outside an event loop,
    /// and for a last line without one), from the trace's print events: for hosts that take none.
    std::vector<OutputLine> lines() const;
    const std::string& output() const { return in_->trace.output.text(); }
    /// The text for stderr: a traceback, a SyntaxError report, or the deadlock explanation.
    const std::string& error() const { return error_; }
    /// Where the parts of error() go between stdout's bytes, for a terminal showing both as python3
    /// would: [bytes of output() written before it, its first byte in error()], in order. The part
    /// before the first mark (the compiler's warnings) goes first.
    std::vector<std::pair<std::size_t, std::size_t>> error_at() const;
    /// The last line of error() (Python's "ValueError: ..." line, or the playground's words).
    const std::string& error_line() const { return error_line_; }
    const std::vector<StuckTask>& stuck() const { return stuck_; }
    /// Virtual time of the loop running now, or of the last one when none runs.
    double time() const;
    std::uint64_t steps() const { return in_->steps; }
    /// What the "Task exception was never retrieved" checks cost (how many, objects marked).
    const NeverRetrievedPace& never_retrieved_pace() const { return in_->never_retrieved_pace; }
    /// The program was read and compiled, so its lines run: false when a SyntaxError, a construct
    /// the playground does not support, its size or the host's time budget stopped it before any
    /// line ran (CPython too reads the whole file before running the first line).
    bool ran() const { return read_; }
    /// Whether the run met a bug of the playground's (an internal error), whatever the program printed.
    bool met_internal_error() const;

private:
    enum class Stage { none, main, cancel_all, shutdown_asyncgens, shutdown_executor };
    bool advance_guarded();
    bool advance_unguarded();
    void internal_error(const std::string& what);
    void stopped();
    void start_loop(Value coro);
    bool loop_iteration();
    Value main_exception();
    void next_stage();
    void end_loop(bool interrupted_clean_up = false);
    void finish_module();
    void exit_with(const Value& system_exit);
    void report_deadlock();
    void report_source_error(const struct SourceError& e);
    static void stage_done(void* self, void* future);
    void await_stage(FutureBase& future);

    std::unique_ptr<Interp> in_;
    Thread module_;
    Outcome resume_;
    Status status_ = Status::running;
    bool read_ = false;  // ran()
    bool internal_error_ = false;
    Stage stage_ = Stage::none;
    bool stopping_ = false;
    Value main_;  // the main task of the running asyncio.run()
    Value stage_future_;
    const FutureBase* stage_awaits_ = nullptr;  // whose done callback ends the stage (stage_done)
    const TaskObj* interrupt_seen_ = nullptr;   // the Interp::loop_interrupted_by this run has acted on
    std::vector<Value> left_;                   // the tasks asyncio.run() cancelled when main ended (_cancel_all_tasks)
    std::string error_, error_line_;
    bool interrupted_ = false;      // the uncaught exception is a KeyboardInterrupt
    std::optional<int> exit_code_;  // the uncaught exception is a SystemExit: python3's exit status
    std::vector<StuckTask> stuck_;
    double last_time_ = 0;
};

/// The run as one JSON object, the contract shared with the reference runner and JavaScript:
/// {"lines": [[t, text], ...], "output": stdout, "final": str|null, "deadlock": [names]|null, "exit": n,
///  "stuck": [{"name", "function", "awaiting", "line"}], "error": stderr text, "time": t, "steps": n,
///  "ran": ran(), "budget": whether the run stopped at the host's Budget (then nothing else describes the program)}
/// t is the virtual time at which the line's newline was printed (null outside an event loop);
/// a last line without a newline has t null. Without text, "lines" is [] and "output" "" (the trace's
/// output has them: JavaScript reads it from Wasm memory, not through JSON).
std::string result_json(const Program& program, bool with_text = true);
/// `s` as a JSON string literal, returned or appended to `out`.
std::string json_string(std::string_view s);
void append_json(std::string& out, std::string_view s);

}  // namespace sp::py
