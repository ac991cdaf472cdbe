#include "interp.hpp"
#include "longobject.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "collector.hpp"

namespace sp::py {

namespace {
// With a Budget, how much work runs between two looks at it (and at the clock, a call out of Wasm).
constexpr std::uint64_t budget_look_every = 4096;
}  // namespace

// The host's Budget is the program's: the interpreter's own setup (the prelude runs wait_for's
// definition) is not looked at against it, else a slow host (5 ms of setup under ASan) stopped
// the prelude and left asyncio half built.
Interp::Interp(Limits lim, Budget b) : heap(lim.memory), limits(lim) {
    install_builtins(*this);
    install_asyncio(*this);
    heap.clear_exhausted();  // the program's budget starts now
    step_limit_ = limits.steps;
    heap.set_tripwire(&step_limit_);
    trace.set_limit(limits.events, &step_limit_);
    heap.set_step_counter(&steps);
    budget = b;
    started_ = std::chrono::steady_clock::now();  // the host's Budget too
    if (budget.capped()) {
        next_look_ = steps + budget_look_every;
        step_limit_ = std::min(limits.steps, next_look_);
    }
}

Interp::~Interp() {
    // Unfinished tasks may only be destroyed once their loop is closed (see TaskBase).
    for (auto& l : loops) {
        if (!l->is_closed()) l->close();
    }
}

double Interp::clock() const { return loop != nullptr ? loop->time() : -1.0; }

std::int32_t Interp::running_task() const {
    return current != nullptr && current->task != nullptr ? current->task->id : 0;
}

std::unique_ptr<Frame> Interp::new_frame(Code* code) {
    auto f = std::make_unique<Frame>();
    f->code = code;
    f->locals.assign(code->locals.size(), Value::object(unbound_marker()));
    // Two values at once: what a coroutine holds while it waits in `async with` or on an await (the
    // size its stack would reach anyway), without growing through one first.
    f->stack.reserve(2);
    f->line = code->first_line;
    return f;
}

Value Interp::make_coroutine(FunctionObj* func, std::unique_ptr<Frame> frame) {
    auto* coro = heap.make<CoroutineObj>();
    coro->frame = frame.release();
    coro->function = func;
    return Value::object(coro);
}

// CPython's C code calls a Python function (sorted() its key, once per item) and takes its return
// value; here its frame runs on a thread of its own, to its end, inside the built-in's step. A plain
// function cannot await, so it never waits; an async one returns its coroutine as a call does.
Value Interp::call_from_builtin(const Value& fn, CallArgs& args, std::size_t levels) {
    if (!is_kind(fn, Kind::function)) return call_builtin(*this, fn, args);
    auto* func = as<FunctionObj>(fn);
    std::unique_ptr<Frame> frame = new_frame(func->code);
    bind_arguments(*frame, func, args);
    if (func->code->is_async) return make_coroutine(func, std::move(frame));
    Thread t;
    if (current != nullptr) {
        t.task = current->task;  // the same task: current_task() in it is the caller's
        t.handled = current->handled;
        t.base_depth = current->base_depth + current->frames.size() + comprehension_frames(*current) + levels;
    }
    check_depth(t);
    t.frames.push_back(std::move(frame));
    const RunStatus status = run(t, Outcome{});
    stop_ = false;
    if (status != RunStatus::finished)  // asyncio.run() inside it: the loop cannot start from here
        refuse("asyncio.run() in a function a built-in calls");
    if (t.result.failed) throw PyRaise{t.result.value};
    return t.result.value;
}

// --- exceptions -----------------------------------------------------------------------------------

TypeObj* Interp::type(const std::string& name) {
    auto it = builtins.find(name);
    if (it != builtins.end() && is_kind(it->second, Kind::type)) return as<TypeObj>(it->second);
    return asyncio_type(*this, name);
}

Value Interp::make_exception(TypeObj* t, std::vector<Value> args) {
    auto* e = heap.make<ExceptionObj>(t);
    e->args = std::move(args);
    return Value::object(e);
}

Value Interp::make_exception(const std::string& type_name_, const std::string& message) {
    std::vector<Value> args;
    if (!message.empty()) args.push_back(str_value(message));
    return make_exception(type(type_name_), std::move(args));
}

void Interp::raise(const std::string& t, const std::string& message) { throw PyRaise{make_exception(t, message)}; }

void Interp::refuse(const std::string& what) {
    if (!aborted) {
        aborted = refused = true;
        step_limit_ = 0;  // every step from now on comes to check_limits, which raises again
        const int line = current != nullptr ? current->line() : 0;
        abort_reason =
            "the playground does not support " + what + (line > 0 ? " (line " + std::to_string(line) + ")" : "");
    }
    throw PyRaise{make_exception("RuntimeError", abort_reason)};
}

Value Interp::str_value(std::string s) {
    heap.charge(s.size());
    return Value::object(heap.make<StrObj>(std::move(s)));
}

Value Interp::list_value(std::vector<Value> items, Kind kind) {
    auto* l = heap.make<ListObj>(kind);
    heap.charge(items.size() * sizeof(Value));
    l->items = std::move(items);
    return Value::object(l);
}

std::string exception_final_line(const Value& exc) {
    auto* e = as<ExceptionObj>(exc);
    std::string name = e->type->module.empty() ? e->type->name : e->type->module + "." + e->type->name;
    std::string text = str(exc);
    return text.empty() ? name : name + ": " + text;
}

std::string format_warning(const Interp& in, int line, std::string_view category, std::string_view message) {
    std::string out = "<program>:" + std::to_string(line) + ": ";
    out.append(category).append(": ").append(message).append("\n");
    const std::string_view text = in.source.for_traceback_module(line);  // linecache's line, strip()ped
    if (!text.empty()) out.append("  ").append(text).append("\n");
    return out;
}

namespace {

// traceback.c's TB_RECURSIVE_CUTOFF: the same line this many times running is printed, and the rest
// of the run is counted ("[Previous line repeated 5 more times]").
constexpr long recursive_cutoff = 3;

std::string repeated_line(long count) {
    count -= recursive_cutoff;
    return "  [Previous line repeated " + std::to_string(count) + (count > 1 ? " more times]\n" : " more time]\n");
}

/// traceback.c's tb_print_internal: each frame's line, a run of the same function at the same line
/// (recursion) cut after three with the count of the rest.
std::string format_entries(const std::vector<TraceEntry>& entries, const SourceLines& source,
                           TracebackPrinter printer) {
    std::string out;
    const TraceEntry* last = nullptr;
    long count = 0;
    for (const TraceEntry& entry : entries) {
        if (last == nullptr || last->asyncio || entry.asyncio || entry.line != last->line ||
            entry.function != last->function) {
            if (count > recursive_cutoff) out += repeated_line(count);
            last = &entry;
            count = 0;
        }
        count += 1;
        if (count <= recursive_cutoff && !entry.asyncio) {
            out += "  File \"<program>\", line " + std::to_string(entry.line) + ", in " + entry.function + "\n";
            const std::string_view text = printer == TracebackPrinter::excepthook
                                              ? source.for_excepthook(entry.line)
                                              : source.for_traceback_module(entry.line);
            if (!text.empty()) out.append("    ").append(text).append("\n");
        }
    }
    if (count > recursive_cutoff) out += repeated_line(count);
    return out;
}

/// One exception of a chain: its traceback (none for one never raised) and its last line.
std::string format_one(const Value& exc, const Interp& in, TracebackPrinter printer) {
    auto* e = as<ExceptionObj>(exc);
    std::string out;
    if (!e->traceback.empty())
        out = "Traceback (most recent call last):\n" + format_entries(e->traceback, in.source, printer);
    const std::string suggestion = printer == TracebackPrinter::excepthook ? offer_suggestions(in, exc) : "";
    return out + exception_final_line(exc) + suggestion + "\n";
}

}  // namespace

std::string format_exception(const Value& exc, const Interp& in, TracebackPrinter printer) {
    // traceback.print_exception: the chain oldest first, each exception once (the chain can loop).
    std::vector<std::pair<Value, const char*>> chain;  // newest first, with the words above it
    std::unordered_set<const Object*> seen;
    const char* words = "";
    for (Value v = exc; is_kind(v, Kind::exception) && seen.insert(v.o).second;) {
        chain.emplace_back(v, words);
        auto* e = as<ExceptionObj>(v);
        if (is_kind(e->cause, Kind::exception)) {
            words = "\nThe above exception was the direct cause of the following exception:\n\n";
            v = e->cause;
        } else if (is_kind(e->context, Kind::exception) && !e->suppress_context) {
            words = "\nDuring handling of the above exception, another exception occurred:\n\n";
            v = e->context;
        } else {
            break;
        }
    }
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += format_one(it->first, in, printer) + it->second;
    return out;
}

// --- the loop ---------------------------------------------------------------------------------------

RunStatus Interp::run(Thread& t, Outcome in) {
    Thread* outer = std::exchange(current, &t);
    ++run_depth_;
    struct Restore {
        Interp& self;
        Thread* outer;
        ~Restore() {
            self.current = outer;
            --self.run_depth_;
        }
    } restore{*this, outer};
    const TextRoom room(heap);
    t.waiting.reset();
    const bool resumed = std::exchange(t.resuming, false);
    t.thrown_frames = 0;
    if (in.failed) {
        if (in.thrown ? !throw_in(t, in.value, in.raised_in_loop) : !unwind(t, in.value)) return RunStatus::finished;
    } else if (resumed && !t.frames.empty()) {
        t.frames.back()->stack.push_back(in.value);  // the result of the await that suspended
    }
    if (aborted && !t.frames.empty()) {
        if (!unwind(t, make_exception("RuntimeError", abort_reason))) return RunStatus::finished;
    }
    while (!t.frames.empty()) {
        Frame& f = *t.frames.back();
        const Instr& instr = f.code->code[f.pc++];
        if (instr.line != 0) f.line = instr.line;  // 0: artificial (Instr::line), at the line before
        stop_ = false;
        try {
            if (++steps > step_limit_) {  // one test per step: the budget, the memory, a collection, an abort
                collect_if_safe(t);
                check_limits();
            }
            // The commonest simple instructions here, without a call (and step()'s prologue) each.
            switch (instr.op) {
                case Op::load_fast: {
                    const Value& v = f.locals[static_cast<std::size_t>(instr.arg)];
                    if (is_kind(v, Kind::unbound)) {
                        step(t, f, instr);  // UnboundLocalError
                        break;
                    }
                    f.share_local(instr.arg);
                    f.stack.push_back(v);
                    break;
                }
                case Op::load_const: f.stack.push_back(f.code->consts[static_cast<std::size_t>(instr.arg)]); break;
                case Op::store_fast: {
                    f.share_local(instr.arg);
                    const Value old = std::exchange(f.locals[static_cast<std::size_t>(instr.arg)], f.stack.back());
                    f.stack.pop_back();
                    rebound(old, instr.line);
                    break;
                }
                case Op::pop_top:
                    if (instr.arg == 1) warn_if_never_awaited(f.stack.back(), instr.line);
                    f.stack.pop_back();
                    break;
                case Op::jump: f.pc = static_cast<std::size_t>(instr.arg); break;
                default: step(t, f, instr);
            }
        } catch (const PyRaise& r) {
            if (!unwind(t, r.exc, r.reraise)) return RunStatus::finished;
            continue;
        } catch (const NestingTooDeep& deep) {
            if (!unwind(t,
                        make_exception("RecursionError", std::string("maximum recursion depth exceeded") + deep.where)))
                return RunStatus::finished;
            continue;
        } catch (const TextTooLarge&) {  // repr() of more than the heap has room for
            if (!unwind(t, make_exception("MemoryError", ""))) return RunStatus::finished;
            continue;
        } catch (const IntStringTooLong&) {  // str() of an int past 4300 digits
            if (!unwind(t, make_exception("ValueError", int_str_limit_message))) return RunStatus::finished;
            continue;
        } catch (const std::exception& e) {  // a bug of ours, reported as a Python error instead of a crash
            internal_errors += 1;
            if (!unwind(t, make_exception("SystemError", std::string("internal error in the playground: ") + e.what())))
                return RunStatus::finished;
            continue;
        }
        if (stop_) {
            t.resuming = true;
            return pending_;
        }
    }
    return RunStatus::finished;
}

void Interp::collect_if_safe(Thread& t) {
    if (aborted || !(heap.collection_due() || heap.exhausted())) return;
    const bool own = &t == module_thread || (t.task != nullptr && &t.task->thread == &t);
    if (run_depth_ != 1 || !own) return;
    collect_garbage(*this, {module_thread, &t}, {});
    heap.recover();
}

// Past the step budget or the memory limit: nothing runs any more (the first reason stays).
void Interp::check_limits() {
    if (steps <= limits.steps && !heap.exhausted() && !trace.over_limit() && !aborted) {
        // Also back from a collection's tripwire: the next look is at the step budget (or the host's).
        if (budget.capped())
            look_at_budget();
        else
            step_limit_ = limits.steps;
        return;
    }
    step_limit_ = 0;  // from now on every step comes here
    if (steps > limits.steps && !aborted) {
        aborted = true;
        // Most of the budget spent without a task suspending: a loop that holds the event loop. A
        // loop that awaits, its tasks taking turns, may be endless or only long: the message guesses
        // no further (a program of millions of awaits would end in CPython).
        const bool never_awaits = steps - steps_at_last_wait_ > limits.steps / 2;
        abort_reason = "the playground stopped the program after " + number_in_words(limits.steps) +
                       " steps without finishing " +
                       (never_awaits ? "(an endless loop that never awaits?)"
                                     : "(a loop that never ends, or more work than the playground runs?)") +
                       line_stopped_at();
    }
    if (trace.over_limit() && !aborted) {
        aborted = true;
        abort_reason = "the playground stopped the program after " + number_in_words(limits.events) +
                       " events on its timeline (an endless loop that waits, sleeps or prints?)" + line_stopped_at();
    }
    if (heap.exhausted() && !aborted) {
        aborted = true;
        // What was passed, in the words of the other two limits' messages (steps, output).
        abort_reason = "the playground stopped the program when its objects passed the memory limit of ";
        abort_reason += bytes_in_words(limits.memory);
        abort_reason += line_stopped_at();
    }
    if (aborted) throw PyRaise{make_exception("RuntimeError", abort_reason)};
}

std::string stderr_text(std::string text) {
    auto surrogate_at = [&](std::size_t i) {
        return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xED &&
               (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0;
    };
    std::size_t i = text.find('\xED');
    if (i == std::string::npos) return text;  // the common case: nothing to do
    std::string out = text.substr(0, i);
    for (; i < text.size(); ++i) {
        if (!surrogate_at(i)) {
            out += text[i];
            continue;
        }
        char code[8];
        std::snprintf(code, sizeof code, "\\u%04x",
                      0xD000u | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(text[i + 2]) & 0x3Fu));
        out += code;
        i += 2;
    }
    return out;
}

std::string number_in_words(std::uint64_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");  // 2,400,000
    return digits;
}

std::string bytes_in_words(std::size_t n) {
    if (n != 0 && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MB";
    if (n != 0 && n % (1u << 10) == 0) return std::to_string(n >> 10) + " KB";
    return number_in_words(n) + " bytes";
}

// " (line 6)": where the program was when a limit stopped it, as a refusal names its line, so the
// page marks the loop in the editor (web/ui/program-trace.mjs, errorLine); "" between tasks.
std::string Interp::line_stopped_at() const {
    const int line = current != nullptr ? current->line() : 0;
    return line > 0 ? " (line " + std::to_string(line) + ")" : "";
}

// Past limits.output: the program stops as at the step budget (CPython would go on printing).
void Interp::check_output(std::size_t printed) {
    if (printed <= limits.output || aborted) return;
    aborted = true;
    step_limit_ = 0;
    abort_reason = "the playground stopped the program after it printed " + bytes_in_words(limits.output) +
                   " (an endless loop that prints?)" + line_stopped_at();
    throw PyRaise{make_exception("RuntimeError", abort_reason)};
}

void Interp::spend_budget(bool over_work) {
    aborted = budget_spent = true;
    step_limit_ = 0;
    abort_reason = over_work ? "the run went over its budget of " + std::to_string(budget.work) + " steps"
                             : "the run went over its budget of " + float_repr(budget.ms) + " ms";
}

// The host's Budget (not the program's Limits): spent, the run stops as an abort does, as status budget.
void Interp::look_at_budget() {
    const std::uint64_t work = steps + charged_work_;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    const bool over_work = budget.work > 0 && work > budget.work;
    if (!aborted && (over_work || (budget.ms > 0 && ms > budget.ms))) {
        spend_budget(over_work);
        throw PyRaise{make_exception("RuntimeError", abort_reason)};
    }
    next_look_ = work + budget_look_every;
    if (!aborted && !heap.exhausted()) step_limit_ = std::min(limits.steps, steps + budget_look_every);
}

// _PyErr_SetObject: a new exception raised while `handled` is handled gets it as __context__; a
// cycle that would make (the new one already in the handled one's chain) is cut there. The walk is
// charged as work: a loop that keeps raising into a growing chain does quadratic work that counts.
static void set_context(Interp& in, ExceptionObj* e, const Value& handled) {
    if (!is_kind(handled, Kind::exception) || handled.o == e) return;
    std::uint64_t walked = 0;
    for (Value o = handled; is_kind(o, Kind::exception); ++walked) {
        auto* link = as<ExceptionObj>(o);
        if (is_kind(link->context, Kind::exception) && link->context.o == e) {
            link->context = Value::none();
            break;
        }
        o = link->context;
    }
    in.count_unwinding_work(walked);
    e->context = handled;
}

// The traceback lines of a frame: one, and one more for each comprehension the instruction that
// raised (or called) is in, as CPython 3.11 runs each in a frame of its own (ComprehensionRange).
static std::vector<TraceEntry> frame_entries(const Frame& f) {
    std::vector<TraceEntry> entries{TraceEntry{f.code->name, f.line, f.code->internal}};
    const std::size_t at = f.pc - 1;  // the pc is past the instruction under way
    for (const ComprehensionRange& c : f.code->comprehensions) {
        if (at < c.begin || at >= c.end) continue;
        entries.back().line = c.line;  // the enclosing frame is at the comprehension's call
        entries.push_back(TraceEntry{c.name, f.line, f.code->internal});
    }
    return entries;
}

// PEP 479: a StopIteration leaving a generator or a coroutine becomes a RuntimeError, caused by it
// (genobject.c, gen_send_ex2: _PyErr_FormatFromCause sets __cause__, __context__ and
// __suppress_context__).
Value Interp::stop_iteration_error(const Value& stop, const char* message) {
    Value error = make_exception("RuntimeError", message);
    auto* e = as<ExceptionObj>(error);
    e->cause = stop;
    e->context = stop;
    e->suppress_context = true;
    return error;
}

static bool handles_an_exception(const Frame& f) {
    return std::any_of(f.blocks.begin(), f.blocks.end(), [](const Block& b) { return b.type == Block::Type::handler; });
}

// Task.__step throws an awaited future's exception into the task's coroutine (coro.throw(exc)), which
// delegates it down the awaits to the innermost one. In CPython (genobject.c's gen_send_ex2) each
// coroutine it enters on the way sets its __context__ to the exception that coroutine is handling,
// if any (_PyErr_ChainStackItem): the innermost frame here, each caller as it leaves one (unwind).
// `raised_in_loop`: result() raised it in the loop's callback before that (PyErr_SetObject: a
// cancelled future's CancelledError, a gather's exception), with what asyncio.run()'s caller handles
// as its context.
// False if it left the thread.
bool Interp::throw_in(Thread& t, const Value& exc, bool raised_in_loop) {
    if (auto* e = is_kind(exc, Kind::exception) ? as<ExceptionObj>(exc) : nullptr) {
        if (raised_in_loop) set_context(*this, e, loop_caller_handled);
        if (!t.frames.empty() && handles_an_exception(*t.frames.back())) set_context(*this, e, t.handled);
    }
    t.thrown_frames = t.frames.size();
    return unwind(t, exc, false, false);
}

// Leave the current frames until a handler takes `exc`; false if it left the thread. `chain`: set
// its __context__ as a raise does, to the exception handled where it is raised: the thread's, or
// under a task's coroutines what asyncio.run()'s caller handles (_PyErr_GetTopmostException).
bool Interp::unwind(Thread& t, Value exc, bool reraise, bool chain) {
    auto* e = is_kind(exc, Kind::exception) ? as<ExceptionObj>(exc) : nullptr;
    if (e != nullptr && !reraise && chain) set_context(*this, e, handled_in(t));
    bool reraised_here = reraise;  // a re-raise adds no line for the frame it happens in (RERAISE)
    while (!t.frames.empty()) {
        Frame& f = *t.frames.back();
        // PyTraceBack_Here: a line for every frame the exception leaves (a recursive function's
        // frames each have theirs), but none where a bare `raise` re-raises it, and none for the
        // trampoline (Task.__step is C code in CPython).
        const bool traced = !std::exchange(reraised_here, false) && f.code->name != "<task>";
        if (e != nullptr && traced) {
            count_unwinding_work(e->traceback.size());  // the insert moves them: `raise e` in a loop grows it
            if (f.code->comprehensions.empty()) {
                e->traceback.insert(e->traceback.begin(), TraceEntry{f.code->name, f.line, f.code->internal});
            } else {
                const std::vector<TraceEntry> entries = frame_entries(f);
                e->traceback.insert(e->traceback.begin(), entries.begin(), entries.end());
            }
        }
        while (!f.blocks.empty()) {
            Block b = f.blocks.back();
            f.blocks.pop_back();
            std::vector<Value> dropped;  // what the handler's level leaves off the stack, dying now
            for (std::size_t i = b.level; i < f.stack.size(); ++i)
                if (is_coroutine(f.stack[i])) dropped.push_back(f.stack[i]);
            f.stack.resize(std::min(f.stack.size(), b.level));
            if (!dropped.empty()) [[unlikely]]
                stack_dropped(dropped, exc, f.line);
            if (b.type == Block::Type::handler) {
                t.handled = b.saved;  // leaving an except/finally handler: restore what it replaced
                continue;
            }
            // An abort cannot be caught: only finally code runs, and it stops at its first step.
            f.blocks.push_back(Block{Block::Type::handler, 0, f.stack.size(), t.handled});
            t.handled = exc;
            f.stack.push_back(exc);
            f.pc = static_cast<std::size_t>(b.target);
            return true;
        }
        std::unique_ptr<Frame> left = std::move(t.frames.back());
        t.frames.pop_back();
        // A task's ending points at its coroutine's line in the traceback, the latest raise there (a
        // bare re-raise adds none): what CPython's frame says after RERAISE restored it.
        if (t.frames.empty())
            t.ended_line = left->code->internal || left->line == 0 ? 0
                           : e != nullptr && !e->traceback.empty() ? e->traceback.front().line
                                                                   : left->line;
        frame_ended(t, *left, exc, true);
        if (left->code->is_async && e != nullptr && isinstance(exc, type("StopIteration"))) {
            exc = stop_iteration_error(exc, "coroutine raised StopIteration");  // PEP 479
            e = as<ExceptionObj>(exc);
        }
        // Leaving a frame an exception was thrown through: its caller's gen_send_ex chains it (throw_in).
        if (t.frames.size() < t.thrown_frames) {
            t.thrown_frames = t.frames.size();
            if (e != nullptr && !t.frames.empty() && handles_an_exception(*t.frames.back()))
                set_context(*this, e, t.handled);
        }
    }
    t.result = Outcome{true, exc};
    return false;
}

void Interp::do_return(Thread& t, Value v) {
    std::unique_ptr<Frame> left = std::move(t.frames.back());
    t.frames.pop_back();
    t.thrown_frames = std::min(t.thrown_frames, t.frames.size());  // its caller awaits afresh: no longer thrown through
    frame_ended(t, *left, v);
    if (t.frames.empty()) {
        t.ended_line = left->code->internal ? 0 : left->line;
        t.result = Outcome{false, v};
        return;
    }
    t.frames.back()->stack.push_back(v);
}

}  // namespace sp::py
