// The interpreter (CPython's Python/ceval.c): runs bytecode on an explicit stack of frames.
//
// A Thread is a chain of frames: the module's, or one asyncio task's. Calling a function or
// awaiting a coroutine pushes a frame, returning pops it, so Python recursion never becomes C++
// recursion (RecursionError is a frame count). When a frame awaits something that must wait (a
// sleep, a lock, another task), run() returns with the Thread's `waiting` set; the task's single
// C++ coroutine (asyncio_module.cpp) suspends on it and calls run() again with the outcome.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "code.hpp"
#include "compat/coroutine.hpp"
#include "compile.hpp"
#include "program_trace.hpp"
#include "source_lines.hpp"
#include "time_module.hpp"
#include "value.hpp"

namespace sp {
class EventLoop;
}

namespace sp::py {

class MersenneTwister;  // random_module.hpp

/// A Python exception travelling through C++ code (built-ins, the runtime's futures).
struct PyRaise {
    Value exc;
    bool reraise = false;  // a bare `raise` or the end of a handler: no traceback line, no __context__
};

/// The result of an await or a call: a value, or an exception object.
struct Outcome {
    Outcome() = default;
    Outcome(bool failed_, Value value_) : failed(failed_), value(value_) {}
    bool failed = false;
    // How a failure reaches the awaiting frame. Thrown: Task.__step's coro.throw() after the task
    // waited (throw_in); otherwise raised there, as a future already done raises from result().
    bool thrown = false;
    // Thrown, and first raised by Task.__wakeup's future.result() (PyErr_SetObject in the loop's
    // callback: a cancelled future or task, a gather's exception), not handed straight to __step.
    // (The flags sit in failed's padding: every task's Thread keeps an Outcome.)
    bool raised_in_loop = false;
    Value value;
};

struct Block {
    enum class Type : std::uint8_t { finally_, handler } type;
    std::int32_t target;  // finally_: the handler's address
    std::size_t level;    // stack depth to restore
    Value saved;          // handler: the exception that was being handled before
};

struct Frame {
    Code* code = nullptr;
    PoolVector<Value> stack;
    PoolVector<Value> locals;
    PoolVector<Block> blocks;
    std::size_t pc = 0;
    int line = 0;
    // The comprehensions the frames under it in its thread were in when it was pushed (they wait at
    // their calls meanwhile, so the count holds): comprehension_frames() in one step.
    std::uint32_t comprehensions_below = 0;
    // Bit k: locals[k] (k < 64) is a str nothing else holds, made by `s += ...` (inplace_add_fast),
    // which may grow it in place. Any other load or store of the slot clears the bit.
    std::uint64_t sole_strs = 0;
    static constexpr std::uint64_t sole_bit(std::int32_t slot) { return slot >= 0 && slot < 64 ? 1ULL << slot : 0; }
    void share_local(std::int32_t slot) {
        if (sole_strs != 0) [[unlikely]]
            sole_strs &= ~sole_bit(slot);
    }

    // One frame per call and per coroutine, all of one size: recycled like core's frames.
    static void* operator new(std::size_t size) { return detail::FramePool::allocate(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { detail::FramePool::deallocate(frame, size); }
};

/// Something a task waits for, behind one interface so the task's coroutine has one co_await.
struct Waitable {
    virtual ~Waitable() = default;
    // One or two per task: recycled like frames.
    static void* operator new(std::size_t size) { return detail::FramePool::allocate(size); }
    static void operator delete(void* waitable, std::size_t size) noexcept {
        detail::FramePool::deallocate(waitable, size);
    }
    virtual bool ready() = 0;
    virtual void suspend(co::coroutine_handle<> leaf) = 0;
    /// After the wait (or at once when ready): the value, or the exception, in Python's terms.
    virtual Outcome resume(Interp& in) = 0;
    /// The values the wait holds (for the collector).
    virtual void trace(Marker&) const {}
    // For deadlock reports: "Semaphore.acquire()", "Task-3", ... (a literal, or the name of a task,
    // which lives as long as the program).
    const char* what = "";
    // For the program's trace: the Semaphore, Lock or Event this waits on (null for anything else).
    Object* primitive = nullptr;
    // A future of a Future subclass (gather's _GatheringFuture): Task.__wakeup calls its result()
    // method, which raises its exception with PyErr_SetObject.
    bool result_raises = false;
};

struct TaskObj;

struct Thread {
    PoolVector<std::unique_ptr<Frame>> frames;
    Value handled;                      // the exception being handled (sys.exc_info())
    std::unique_ptr<Waitable> waiting;  // set when run() returns `suspended`
    TaskObj* task = nullptr;            // null for the module's thread
    Outcome result;                     // when finished
    bool resuming = false;              // run() returned mid-instruction: the next run() pushes its value
    int ended_line = 0;                 // when finished: the line its first frame left at (0: asyncio's code)
    std::size_t base_depth = 0;         // frames under this thread's (a call from a built-in: its caller's)
    // While run() goes on from an exception thrown in (Task.__step's coro.throw()), until it suspends:
    // how many of the frames are still those it was thrown through, from the outermost. An exception
    // leaving one of them into its caller takes the caller's handled exception as __context__.
    std::size_t thrown_frames = 0;
    int line() const { return frames.empty() ? 0 : frames.back()->line; }
    /// The line of the program the thread is at: its innermost frame that is not asyncio's own code
    /// (the prelude's wait_for); 0 when there is none. Where the views point for its events.
    int program_line() const {
        for (auto f = frames.rbegin(); f != frames.rend(); ++f)
            if (!(*f)->code->internal) return (*f)->line;
        return 0;
    }
};

/// The comprehensions a thread's frames are in: CPython 3.11 runs each in a frame of its own, where
/// ours are inlined (ComprehensionRange), and counts them against the recursion limit.
std::size_t comprehension_frames(const Thread& t);

enum class RunStatus { suspended, finished, run_loop };

/// A generator expression's frame between its values (genobject.c's generator): a thread of its
/// own, run by Interp::generator_next to its next yield. Seen by the program through an IterObj.
struct GeneratorObj final : Object {
    GeneratorObj() : Object(Kind::generator) {}
    void trace(Marker& m) const override;
    Thread thread;
    bool running = false;   // gi_running: a generator that asks itself for its next value is a ValueError
    bool finished = false;  // returned or raised: no more values
};

/// Limits that keep any program finite and small.
struct Limits {
    // Bytecode instructions per program. A loop that never awaits stops here: about 1 s of the Wasm
    // build, 0.4-0.8 s natively. 20,000,000 stopped finite programs CPython runs in half a second
    // (a 4,000,000-iteration loop, the "CPU-bound work blocks the loop" lesson).
    std::uint64_t steps = 100'000'000;
    std::size_t frames = 1000;        // per thread: RecursionError beyond
    std::size_t memory = 256u << 20;  // bytes of Python objects (MemoryError beyond)
    // Bytes a program may print: the page keeps every line (and a copy in JavaScript), so an endless
    // printing loop stops here, far past any lesson (100,000 tasks of the lesson print 3.9 MB).
    std::size_t output = 32u << 20;
    // Events of the program's trace (a task waiting, a permit acquired, a line printed, a
    // time.sleep()): the page and the CLI keep every one to draw and replay the run, about 100 bytes
    // each in JavaScript, so an endless loop of them stops here. Twice the lesson's 8 events a task
    // at the most tasks the memory limit lets run (about 500,000).
    std::size_t events = 8'000'000;
    // Bytes of source. Reading takes about 100 bytes of memory a byte of source (tokens, the tree,
    // the code), outside `memory`: a program of 18 MB filled the Wasm build's 2 GB and took 31 s,
    // which CPython's 5 GB do for it too. Far past any lesson (the lesson is 400 bytes).
    std::size_t source = 2u << 20;
};
/// "64 KB", "32 MB": a size (a limit) in the words the learner reads.
std::string bytes_in_words(std::size_t n);
/// `text` as python3 writes it to stderr (errors='backslashreplace'): a lone surrogate, kept in a str as
/// its three bytes (ED A0 80 for '\ud800'), becomes the six characters \ud800; the rest is unchanged.
std::string stderr_text(std::string text);

/// n with thousands separators, as the playground's messages write counts: "20,000,000".
std::string number_in_words(std::uint64_t n);

/// A host's cap on one attempt at a program, apart from the program's own Limits: the page tries a
/// program on its own thread first (web/ui/program-host.mjs) and must know soon whether it ends.
/// Spending it stops the run with Program::Status::budget, which is no outcome of the program: the
/// host runs it again elsewhere without a budget. Zero: no cap.
struct Budget {
    /// Bytecode steps plus the work of built-ins over many items (one unit an item): deterministic,
    /// so a program under it ends the same with or without it.
    std::uint64_t work = 0;
    /// Wall-clock milliseconds since the run began, looked at every few thousand units of work:
    /// single steps can be long (a big sort, big-int arithmetic), and hosts differ in speed.
    double ms = 0;
    bool capped() const { return work > 0 || ms > 0; }
};

/// When Interp::log_freed_failures runs: the check that finds the failed tasks the program let go
/// of, a mark of the live heap, which costs about as much as the objects it marks. CPython's
/// Task.__del__ logs "Task exception was never retrieved" the moment the last reference goes: a
/// check after every task step and before every print() puts the log where python3's is among the
/// lines, but makes a big program quadratic (20,000 held failed tasks: 20,000 marks of up to
/// 100,000 objects, 43 s where python3 takes 2.6 s). So the checks spend from an account: an
/// allowance, then one object per instructions_per_object instructions the program has run. While
/// it holds enough for another check like the last, every check is made; when not, the next waits
/// for the instructions that pay for it, and a log may come some lines later than python3's, never
/// before: by asyncio.run's end (Program::end_loop checks then), else as the interpreter exits.
/// Counts, not time: a run logs at the same places on every machine.
struct NeverRetrievedPace {
    /// Objects the checks may mark ahead of the program's instructions: a learner's program stays
    /// exact (the curated and generated conformance programs mark at most 8,800 objects in all; the
    /// lesson with a failed task kept in a variable, 7.8 million at 1,400 tasks), and it costs at
    /// most about 0.2 s (20-25 ns an object).
    static constexpr std::uint64_t allowance = 8'000'000;
    /// Then one object marked per this many instructions run: marking an object costs about as
    /// much as an instruction (22 ns and 19 ns in a 300-task program over a heap of 100,000
    /// objects), so the checks add at most about a quarter to a long run.
    static constexpr std::uint64_t instructions_per_object = 4;
    std::uint64_t checks = 0;       // made so far
    std::uint64_t marked = 0;       // objects the checks marked in all
    std::uint64_t last_marked = 0;  // by the last one: what the next will cost, about
    std::uint64_t scanned = 0;      // values the frame-end scans looked at (Interp::frame_ended)
    /// After a task's step or before a print(): the account holds enough for another check like the last.
    bool check_due(std::uint64_t steps) const { return marked + last_marked <= earned(steps); }
    /// At asyncio.run's end, the last place to log before the code after asyncio.run() runs, a check
    /// may overdraw the account by one (so the checks never mark more than earned + 2 heaps).
    bool run_end_check_due(std::uint64_t steps) const { return marked <= earned(steps) + last_marked; }
    void checked(std::uint64_t objects) {
        ++checks;
        marked += objects;
        last_marked = objects;
    }
    /// Values a frame-end scan may look at now, on the same terms.
    std::uint64_t scan_allowance(std::uint64_t steps) const {
        return earned(steps) > scanned ? earned(steps) - scanned : 0;
    }
    static std::uint64_t earned(std::uint64_t steps) { return allowance + steps / instructions_per_object; }
};

class Interp {
public:
    explicit Interp(Limits limits, Budget budget = Budget{});
    ~Interp();
    Interp(const Interp&) = delete;
    Interp& operator=(const Interp&) = delete;

    // Declared before the heap, so they outlive the tasks in it (a task's frames hold timers).
    std::vector<std::unique_ptr<EventLoop>> loops;
    Heap heap;
    GlobalTable globals;
    std::vector<Value> global_values;
    // The slots of the globals in the order the program first bound them: the module dict's order,
    // which a NameError's suggestion goes through (ties go to the first).
    std::vector<std::uint32_t> global_order;
    // The global slot holding a str nothing else holds, made by `s += ...` at module level
    // (inplace_add_global), which may grow it in place; -1 for none. One is enough for the loop
    // that builds a str; any other load or store of the slot clears it.
    std::int64_t sole_global_str = -1;
    void share_global(std::size_t slot) {
        if (sole_global_str == static_cast<std::int64_t>(slot)) [[unlikely]]
            sole_global_str = -1;
    }
    std::unordered_map<std::string, Value> builtins;
    std::shared_ptr<MersenneTwister> random_generator;  // random's state, made by `import random`
    ProgramClock clocks;                                // time's clocks (time_module.hpp)
    std::vector<std::unique_ptr<Code>> codes;
    ProgramTrace trace;  // what the program did, for the views
    Limits limits;
    Budget budget;
    std::uint64_t steps = 0;
    bool aborted = false;       // the step budget or memory ran out: nothing runs any more
    bool budget_spent = false;  // aborted because the host's Budget ran out, not the program's Limits
    bool refused = false;       // aborted by refuse(): a construct the playground does not have
    /// The host's Budget ran out (its work, else its time): aborted, with the reason in its words.
    void spend_budget(bool over_work);
    std::string abort_reason;
    EventLoop* loop = nullptr;  // the loop of the running asyncio.run(), if any
    Value loop_object;          // its object, once the program asked for it (get_running_loop())
    Thread* current = nullptr;  // the thread being run
    // Bugs of ours met (a C++ exception raised as SystemError "internal error in the playground"):
    // counted apart from the text, which a program can print too (fuzz/fuzz_program.cpp checks it).
    std::size_t internal_errors = 0;
    // asyncio's bookkeeping: the tasks of the running loop in creation order, the name counter.
    std::vector<TaskObj*> tasks;
    std::vector<Object*> gathers;  // the running loop's gather() futures (FutureObj), for "never retrieved"
    int task_counter = 0;
    // Cancel messages (Task.cancel(msg)): the msg of the cancel() being made, which every task it
    // reaches takes (a task's fut_waiter.cancel(msg=msg)); set when captured_exception() made a
    // fresh CancelledError for a core one that stood for no Python object.
    Value cancel_in_flight;
    // The task whose step let a KeyboardInterrupt out of the loop (Task.__step: set_exception, then
    // `raise`): the loop's iteration ended there; asyncio.run() cancels the rest, then raises it.
    TaskObj* loop_interrupted_by = nullptr;
    // What goes to stderr before an uncaught exception's traceback: warnings, "Task exception was
    // never retrieved" reports, in the order they happen.
    std::string stderr_notes;
    SourceLines source;  // the program's, for the lines a traceback shows
    /// Where each part of stderr_notes was written: [bytes of stdout before it, its first byte].
    std::vector<std::pair<std::size_t, std::size_t>> stderr_marks;
    /// Append to stderr_notes, noting how much of stdout was written before it.
    void write_stderr(const std::string& text) {
        stderr_marks.emplace_back(trace.output.written(), stderr_notes.size());
        stderr_notes += stderr_text(text);
    }
    std::unordered_set<std::string> warned;  // the warnings module's once-per-location registry
    // "coroutine ... was never awaited": CPython warns when a coroutine that never ran is destroyed,
    // where its last reference goes (asyncio_module.cpp).
    /// A value dropped at once at `line` (a statement's call, or a list comprehension of calls).
    void warn_if_never_awaited(const Value& v, int line);
    /// A variable that held `old` was bound to something else at `line` (`c = None` after `c = work()`).
    void rebound(const Value& old, int line) {
        if (!old.is_obj()) return;
        const Kind k = old.o->kind;
        if (k == Kind::coroutine || k == Kind::native_op || k == Kind::list || k == Kind::tuple || k == Kind::dict)
            [[unlikely]] {
            warn_if_last_reference(old, line);
            // A list or tuple of tasks freed frees them last to first; a coroutine or asyncio's
            // operation object (the prelude's wait_for rebinding one) holds no such sequence.
            if ((k == Kind::list || k == Kind::tuple) && !unretrieved.empty()) order_unretrieved_as_freed(old);
        }
        if (k == Kind::exception) [[unlikely]]
            exception_dropped(old, line);
    }
    /// The coroutines `old` holds (itself, or a small list's) that were never awaited and that
    /// nothing reaches any more warn now, at `line`.
    void warn_if_last_reference(const Value& old, int line);
    /// `f` has just left `t` returning or raising `result`: the coroutines only it held die now.
    void frame_ended(Thread& t, const Frame& f, const Value& result, bool raised = false);
    /// The call of `fn` at `line` raised `exc`: the coroutines among its arguments die with the call,
    /// or (a function CPython writes in Python) with the traceback that holds its frame.
    void call_raised(const Value& exc, const Value& fn, const CallArgs& args, int line);
    /// A built-in function returned `result`: CALL lets go of its arguments, and a coroutine among
    /// them that never ran and that nothing else holds warns at `line` (`print(work())`).
    void call_returned(const CallArgs& args, const Value& result, int line);
    /// Values an instruction or an exception took off a frame's stack (`if sem.acquire():`, the
    /// manager `async with` refused): a coroutine among them that never ran and that nothing (but
    /// `extra`) holds warns at `line`, as CPython's reference counting frees it there.
    void stack_dropped(const std::vector<Value>& values, const Value& extra, int line);
    /// An operator used up its operands, now off the stack (`if status() == "ok":`, `f"{status()}"`):
    /// one that is a coroutine nothing else holds dies there (stack_dropped).
    void operands_dropped(const Value& a, const Value& b, const Value& result, int line) {
        if (is_coroutine(a) || is_coroutine(b)) [[unlikely]]
            stack_dropped({a, b}, result, line);
    }
    /// An except block let go of `exc` at `line` (POP_EXCEPT): what only its traceback held dies now.
    void exception_dropped(const Value& exc, int line);
    /// At the end of the program: those still alive die as the interpreter exits ("sys:1").
    void warn_never_awaited_at_exit();
    /// Before a sweep: the never-awaited coroutines the collector did not reach warn as they would
    /// have at exit, so where collections fall changes nothing the program prints.
    void warn_never_awaited_unreached();
    std::string exit_notes;  // what goes to stderr after everything else ("sys:1" warnings)
    // Failed tasks whose exception nobody has retrieved, in the order CPython's refcounts would free
    // them if they all went at once: Task.__del__ logs "Task exception was never retrieved" when the
    // last reference goes, which log_freed_failures finds after a task's step (the loop lets go of
    // a task that ended then) and before a print() or a warning (what the step let go of so far, as
    // python3 logged it before writing: `t = asyncio.create_task(...)` dropping the task `t` held,
    // then print("created")).
    std::vector<TaskObj*> unretrieved;
    /// A small list or tuple let go of: the failed tasks in it go last to first (list_dealloc), so
    /// that is the order unretrieved logs them in, if it is their last reference.
    void order_unretrieved_as_freed(const Value& sequence);
    // Failed tasks the program still held as an asyncio.run() ended: logged as the interpreter exits,
    // unless the program retrieves their exception after the run (t = asyncio.run(main()), then
    // t.exception()). Roots of the collector, so the objects stay.
    std::vector<Value> unretrieved_at_exit;
    /// Into exit_notes: those of unretrieved_at_exit still never retrieved.
    void log_never_retrieved_at_exit();
    NeverRetrievedPace never_retrieved_pace;
    /// After a task's step, and at asyncio.run's end: log_freed_failures, when never_retrieved_pace
    /// says a check is due.
    void check_never_retrieved() {
        if (!unretrieved.empty() && never_retrieved_pace.check_due(steps)) log_freed_failures();
    }
    void check_never_retrieved_at_run_end() {
        if (!unretrieved.empty() && never_retrieved_pace.run_end_check_due(steps)) log_freed_failures();
    }
    /// Before print() writes `args`, which it holds, or a warning is written. Not under a built-in
    /// that called Python code (sorted()'s key): that built-in's own values are where the check
    /// cannot see them.
    void check_never_retrieved_before_output(const std::vector<Value>& args = {}) {
        if (!unretrieved.empty() && run_depth_ == 1 && never_retrieved_pace.check_due(steps)) log_freed_failures(args);
    }
    /// Log the failed tasks the program (or `also_held`) no longer holds: a mark of the live heap.
    void log_freed_failures(const std::vector<Value>& also_held = {});
    /// The log itself: now, or (at_exit) as the interpreter exits and frees what it still holds.
    void log_never_retrieved(TaskObj& t, bool at_exit = false);
    // The module's code (a root for still_reachable). While asyncio.run() runs the loop it waits at
    // that call: the line of what the run makes between tasks (the main task, the shutdown's tasks).
    Thread* module_thread = nullptr;
    /// Values the host (Program) holds across runs: roots of every collection, also one in a run.
    std::vector<const Value*> host_roots;
    Value run_request;  // the coroutine the module's code handed to asyncio.run()
    // The exception asyncio.run()'s caller handles while the loop runs (sys.exc_info() under the
    // tasks' coroutines): what the module's code handles at the call, then main's exception while
    // Runner.__exit__ cancels what main left. The __context__ of what a task raises handling nothing,
    // and of a cancelled future's CancelledError (PyErr_SetObject in the loop's callback).
    Value loop_caller_handled;
    bool made_fresh_cancel = false;
    Code* trampoline = nullptr;  // a task's base frame: `return await <its coroutine>`

    /// Work a built-in is about to do over `units` items (or big-int digits), counted before the work:
    /// against the step limit at work_per_step units a step (`while True: x = sum(range(10**6))` runs
    /// three bytecode steps an iteration, and would otherwise run for days), and against the host's
    /// Budget at one unit each. Either spent, the run stops before the work is done.
    void charge_work(std::uint64_t units) {
        unstepped_work_ += units;
        steps += unstepped_work_ / work_per_step;
        unstepped_work_ %= work_per_step;
        if (steps > limits.steps) check_limits();
        if (!budget.capped()) return;
        charged_work_ += units;
        if (steps + charged_work_ >= next_look_) look_at_budget();
    }
    /// Work done while an exception unwinds (its context chain walked, its traceback grown), where
    /// nothing may throw: counted against the step limit, which the next step checks.
    void count_unwinding_work(std::uint64_t units) {
        unstepped_work_ += units;
        steps += unstepped_work_ / work_per_step;
        unstepped_work_ %= work_per_step;
    }
    /// About as many items of a built-in's loop (sum(), list.count(), a copy) as one bytecode step takes.
    static constexpr std::uint64_t work_per_step = 8;

    /// The running loop's virtual time, or -1 outside asyncio.run().
    double clock() const;
    /// The trace's id of the task being run (0: the module's code).
    std::int32_t running_task() const;
    /// The program's line the running code is at (Thread::program_line), for the trace's events.
    std::int32_t running_line() const {
        const Thread* t = current != nullptr ? current : module_thread;
        return t != nullptr ? t->program_line() : 0;
    }

    /// Run `t` until it finishes, waits, or (module thread) asks for asyncio.run.
    RunStatus run(Thread& t, Outcome in);
    /// A new frame for `code` (locals unset); the caller fills parameters.
    std::unique_ptr<Frame> new_frame(Code* code);
    /// A function of the program called by a built-in (sorted()'s key): run to its end at once.
    /// `levels`: CPython's C calls in between, which count against the recursion limit.
    Value call_from_builtin(const Value& fn, CallArgs& args, std::size_t levels = 1);
    /// What calling an `async def` gives: a coroutine object owning the call's bound frame.
    Value make_coroutine(FunctionObj* func, std::unique_ptr<Frame> frame);

    // --- raising, in Python's words
    Value make_exception(const std::string& type, const std::string& message);
    Value make_exception(TypeObj* type, std::vector<Value> args);
    [[noreturn]] void raise(const std::string& type, const std::string& message);
    /// AttributeError: `obj` has no attribute `name` (remembered for the traceback's suggestion).
    [[noreturn]] void raise_attribute_error(const Value& obj, const std::string& name, const std::string& message);
    /// What Python has and the playground does not ("the built-in 'divmod'"), met as the program runs:
    /// the run stops as at the step budget, with exit status 2 like a refusal before the run. Not a
    /// Python exception: `except Exception` would catch it and print, as the program's own output,
    /// words CPython never prints.
    [[noreturn]] void refuse(const std::string& what);
    /// MemoryError (CPython's when an allocation fails) before building `bytes` of text or items
    /// that the heap would refuse: checked first, so nothing that large is ever allocated.
    void check_room(std::size_t bytes) {
        if (heap.would_exceed(bytes)) raise("MemoryError", "");
    }
    /// MemoryError for one object of `bytes` larger than the whole memory limit, before it is built.
    /// Not the room left: garbage not yet collected is not held against it (the next step frees it).
    void check_size(std::size_t bytes) {
        if (heap.beyond_limit(bytes)) raise("MemoryError", "");
    }
    /// MemoryError once the heap is past its limit, for a built-in's loop that makes an object per
    /// item (sum() of lists): the collection that could free room waits for the interpreter's next
    /// step, which the loop would not reach before it had taken memory without bound.
    void check_heap() {
        if (heap.exhausted()) raise("MemoryError", "");
    }
    TypeObj* type(const std::string& name);  // a built-in type or exception class
    Value str_value(std::string s);
    Value list_value(std::vector<Value> items, Kind kind = Kind::list);

    // --- operations the built-ins share with the bytecode
    Value call_value(const Value& fn, CallArgs& args, bool* pushed_frame);
    Value iterate(const Value& iterable);                 // iter(x)
    bool next(const Value& iterator, Value& out);         // next(it), false when exhausted
    bool next_dict_key(IterObj& it, Value& out);          // next() of an iterator over a dict's keys
    bool generator_next(IterObj& it, Value& out);         // a generator expression runs to its next value
    std::vector<Value> to_vector(const Value& iterable);  // list(x)
    // inplace: the `a op= b` of an augmented assignment, whose TypeError names the operator "op=".
    Value binary(BinOp op, const Value& a, const Value& b, bool inplace = false);
    /// `lhs op= rhs`'s value: a list extends itself, a dict updates itself, anything else is binary().
    Value inplace(BinOp op, const Value& lhs, const Value& rhs);
    /// `variable += rhs`, where `variable` held `lhs` when it was loaded: appends rhs to the str in
    /// place when `sole` (nothing but the variable holds it), else binds a new value. Returns
    /// whether the variable now holds a str nothing else holds.
    bool add_to_variable(Value& variable, bool sole, const Value& lhs, const Value& rhs, int line);
    Value compare(CmpOp op, const Value& a, const Value& b);
    bool less(const Value& a, const Value& b);  // a < b, TypeError when unordered
    // a < b, a > b, a <= b or a >= b, lists and tuples by their first differing items under the same op.
    bool ordered(CmpOp op, const Value& a, const Value& b);
    /// TypeError "'>' not supported between instances of ..." with the operator as written.
    void check_ordered(const Value& a, const Value& b, const char* op);
    Value get_attr(const Value& obj, const std::string& name);
    Value subscript(const Value& obj, const Value& index);
    std::string format(const Value& v, const std::string& spec);
    bool isinstance(const Value& v, const TypeObj* t);
    /// print() has written `printed` bytes in all: past limits.output the program stops.
    void check_output(std::size_t printed);

private:
    // One instruction, split by concern (ceval.cpp).
    void step(Thread& t, Frame& f, const Instr& in);
    void step_build(Frame& f, const Instr& in);
    void step_control(Thread& t, Frame& f, const Instr& in);
    void step_call(Thread& t, Frame& f, const Instr& in);
    void step_exceptions(Thread& t, Frame& f, const Instr& in);
    void step_async(Thread& t, Frame& f, const Instr& in);
    /// Leave frames until a handler takes `exc`; false when it left the thread. A re-raise adds no
    /// traceback line and no __context__; `chain` false: no __context__ (a thrown-in cancellation).
    bool unwind(Thread& t, Value exc, bool reraise = false, bool chain = true);
    bool throw_in(Thread& t, const Value& exc, bool raised_in_loop);
    /// sys.exc_info() in thread `t`: what it handles, or under a task's coroutines what asyncio.run()'s
    /// caller handles (_PyErr_GetTopmostException walks down to it).
    Value handled_in(const Thread& t) const {
        return t.handled.is_none() && t.task != nullptr ? loop_caller_handled : t.handled;
    }
    /// The RuntimeError a StopIteration becomes as it leaves a generator or a coroutine (PEP 479).
    Value stop_iteration_error(const Value& stop, const char* message);
    /// RecursionError when one more frame would pass Limits::frames, counted as CPython does.
    void check_depth(const Thread& t);
    /// The frames `t` counts against the recursion limit (CPython's, with asyncio's under a task).
    std::size_t thread_depth(const Thread& t) const;
    /// CPython 3.11 spends `levels` of the same recursion limit in the C code a call or a
    /// conversion runs (print(n): the call, then writing; str(n); a list's repr): a RecursionError
    /// "maximum recursion depth exceeded" + `why` there, a frame before a Python call's own.
    void check_c_levels(int levels, const char* why);
    /// Whether C code's levels (3 at most) could pass the limit: only then are they worked out.
    bool near_recursion_limit(const Thread& t) const { return thread_depth(t) + 3 > limits.frames; }
    void format_levels(const Value& v, std::int32_t arg);
    void compare_levels(const Frame& f, const Instr& in, const Value& a, const Value& b);
    void check_limits();  // throws once the step budget or the memory is spent
    std::string line_stopped_at() const;
    /// Between two instructions of `t`: a collection when one is due (or the heap is exhausted) and
    /// nothing but frames holds values: `t` is the module's or a task's, run by nothing but the
    /// event loop or the Program (no built-in's C++ locals below it).
    void collect_if_safe(Thread& t);
    void look_at_budget();  // throws once the host's Budget is spent; else sets the next look
    void do_return(Thread& t, Value v);
    void call_op(Thread& t, Frame& f, const Value& fn, CallArgs& args);
    void call_freeing_temporaries(Thread& t, Frame& f, const Value& fn, CallArgs& args, std::uint8_t temporaries);
    void await_op(Thread& t, Frame& f, Value awaitable);
    void bind_arguments(Frame& frame, FunctionObj* fn, CallArgs& args);
    void bind_arguments_ex(Frame& frame, FunctionObj* fn, CallArgs& args);
    /// TypeError "f() missing 1 required positional argument: 'a'" if one is unset.
    void missing_positional(const Frame& frame, const FunctionObj* fn);
    /// Closures: a fresh cell per captured variable, and the closure's cells in the free slots.
    void bind_cells(Frame& frame, FunctionObj* fn);
    [[noreturn]] void unset_deref(const Frame& f, std::int32_t slot);
    [[noreturn]] void unbound_local(const Frame& f, std::int32_t slot);  // UnboundLocalError, or a free one's NameError
    [[noreturn]] void unbound_free(const std::string& name);
    void raise_op(Thread& t, Frame& f, std::int32_t kind);
    /// The built-in a global name falls back to, cached by global slot (builtins never change once
    /// installed, and the name lookup hashed a string on every `print`).
    const Value* builtin_for_global(std::size_t slot);
    // Steps allowed before check_limits() must look: limits.steps, or 0 once the heap is exhausted
    // (Heap's tripwire) or the program aborted, so that the loop tests one number per step.
    std::uint64_t step_limit_ = 0;
    std::uint64_t charged_work_ = 0;    // the built-ins' work charged against the Budget
    std::uint64_t unstepped_work_ = 0;  // work units not yet counted as a step (fewer than work_per_step)
    std::uint64_t next_look_ = 0;       // the work (steps + charged) at which the Budget is next looked at
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    RunStatus pending_ = RunStatus::suspended;
    std::size_t run_depth_ = 0;  // run() calls in progress (a built-in's call of a function: two)
    bool stop_ = false;
    std::uint64_t steps_at_last_wait_ = 0;  // a task suspended in an await: the step budget's words
    std::vector<Value> builtin_by_slot_;    // none: not looked up yet
    std::vector<Value> spare_args_;         // a call's positional arguments, capacity kept between calls
};

/// Who prints a traceback: python3 for an uncaught exception (sys.excepthook, in C: suggestions
/// added, a source line's trailing spaces kept), or the traceback module (asyncio's logs).
enum class TracebackPrinter { excepthook, traceback_module };
/// Python's traceback, each of the program's frames with its source line, ending with the line
/// CPython ends it with ("ValueError: ..."). Not the carets 3.11 puts under a line's expression.
std::string format_exception(const Value& exc, const Interp& in, TracebackPrinter printer);
std::string exception_final_line(const Value& exc);
/// warnings.formatwarning's report of a warning at the program's `line`, with the line itself.
std::string format_warning(const Interp& in, int line, std::string_view category, std::string_view message);
/// What python3 adds to an uncaught NameError's or AttributeError's last line (". Did you mean:
/// 'acquire'?"), or "" (suggestions.cpp).
std::string offer_suggestions(const Interp& in, const Value& exc);

}  // namespace sp::py
