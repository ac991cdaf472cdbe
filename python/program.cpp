#include "program.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "asyncio_module.hpp"
#include "builtins.hpp"
#include "collector.hpp"
#include "errors.hpp"
#include "longobject.hpp"
#include "parser.hpp"

namespace sp::py {

namespace {
/// Callbacks run between two looks at a spent Budget within one loop iteration.
constexpr std::size_t budget_slice = 256;

/// The source as python3 reads it: without a UTF-8 byte order mark (an editor on Windows writes
/// one), each \r\n line end and each lone \r (an old Mac's) read as \n.
std::string as_python_reads(const std::string& source) {
    std::string_view text(source);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find('\r') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i] == '\r' ? '\n' : text[i];
    }
    return out;
}

/// Where `s` stops being UTF-8 as CPython's decoder reads it (no overlong forms, no surrogates,
/// nothing past U+10FFFF): the offset of the first byte that starts no valid sequence, or npos.
std::size_t first_non_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            i += 1;
            continue;
        }
        const std::size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        // The second byte's range is narrower after E0 (overlong), ED (surrogates), F0 and F4.
        const unsigned lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
        if (n == 0 || i + n > s.size()) return i;
        for (std::size_t k = 1; k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
        }
        i += n;
    }
    return std::string_view::npos;
}

/// A coding declaration (PEP 263): `# -*- coding: latin-1 -*-` on the first line, or on the second
/// after a blank or comment-only first (Lib/tokenize.py, detect_encoding). Its name and line.
std::optional<std::pair<std::string, int>> coding_declaration(std::string_view source) {
    std::size_t start = 0;
    for (int line = 1; line <= 2 && start <= source.size(); ++line) {
        const std::size_t end = std::min(source.find('\n', start), source.size());
        const std::string_view text = source.substr(start, end - start);
        const std::size_t first = text.find_first_not_of(" \t\f");
        if (first != std::string_view::npos && text[first] == '#') {
            // `.*?coding[:=][ \t]*([-\w.]+)`: the first "coding" followed by ':' or '=' and a name.
            for (std::size_t at = text.find("coding", first); at != std::string_view::npos;
                 at = text.find("coding", at + 1)) {
                std::size_t i = at + 6;
                if (i >= text.size() || (text[i] != ':' && text[i] != '=')) continue;
                i = text.find_first_not_of(" \t", i + 1);
                std::string name;
                while (i < text.size() &&
                       (std::isalnum(static_cast<unsigned char>(text[i])) || std::strchr("-_.", text[i]) != nullptr))
                    name += text[i++];
                if (!name.empty()) return std::make_pair(name, line);
            }
        } else if (first != std::string_view::npos) {
            return std::nullopt;  // a line of code: no declaration below it counts
        }
        start = end + 1;
    }
    return std::nullopt;
}

/// A declared name as python3's tokenizer reads it (get_normal_name, Parser/tokenizer.c): "utf-8" and
/// "iso-8859-1" for its own spellings of those, else the name as written (web/cli.mjs, normalName).
std::string normal_name(const std::string& name) {
    std::string s = name.substr(0, 12);
    for (char& c : s) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto spelled = [&](const char* own) {
        const std::string o = own;
        return s.rfind(o, 0) == 0 && (s.size() == o.size() || s[o.size()] == '-');
    };
    if (spelled("utf-8")) return "utf-8";
    if (spelled("latin-1") || spelled("iso-8859-1") || spelled("iso-latin-1")) return "iso-8859-1";
    return name;
}

/// A codec name as Python's codecs look it up (encodings.normalize_encoding, lower case): "utf_16".
std::string codec_key(const std::string& name) {
    std::string key;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!key.empty() && key.back() != '_') {
            key += '_';
        }
    }
    if (!key.empty() && key.back() == '_') key.pop_back();
    return key;
}

bool is_one_of(const std::string& key, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}

// Python's names (encodings/aliases.py) for the codecs, as web/cli.mjs's sets of them.
bool names_utf8(const std::string& name) {
    return normal_name(name) == "utf-8" || is_one_of(codec_key(name), {"utf_8", "u8", "utf", "utf8", "cp65001"});
}
/// UTF-16 and UTF-32: python3 never reads a program file declared in them ("encoding problem").
bool names_utf16_32(const std::string& name) {
    return is_one_of(codec_key(name), {"utf_16", "u16", "utf16", "utf_32", "u32", "utf32", "utf_32_le", "utf_32le",
                                       "utf_32_be", "utf_32be"});
}
/// Codecs that read an ASCII text as UTF-8 does: a file in them that is ASCII runs.
bool names_ascii_compatible(const std::string& name) {
    return is_one_of(codec_key(name), {"ascii", "us_ascii", "cp1252", "windows_1252", "iso_8859_15"});
}

/// python3 reads a file as UTF-8 unless a coding declaration says otherwise. A file that is not
/// UTF-8 is its SyntaxError (ensure_utf8: the first bad byte and its line, the file being the
/// `<program>` of every traceback). A Latin-1 file was decoded before it got here (the CLIs,
/// latin1_to_utf8); another encoding is refused as web/cli.mjs refuses it, but for an ASCII source
/// under a name that reads ASCII the same.
void check_encoding(std::string_view source) {
    const auto declared = coding_declaration(source);
    if (declared && names_utf16_32(declared->first))
        throw SourceError(SourceError::Type::decoding, "encoding problem: " + declared->first, declared->second, 1);
    if (declared && !names_utf8(declared->first) && !names_latin1(declared->first)) {
        const bool ascii = std::all_of(source.begin(), source.end(), [](char c) { return (c & 0x80) == 0; });
        if (!ascii || !names_ascii_compatible(declared->first))
            unsupported("files in the encoding '" + declared->first + "', only UTF-8 and Latin-1", declared->second, 1);
        return;
    }
    const std::size_t bad = first_non_utf8(source);
    if (bad == std::string_view::npos) return;
    // ensure_utf8 reads each line as a C string: a null byte before the bad one is met first.
    if (source.substr(0, bad).find('\0') != std::string_view::npos) return;
    const int line = 1 + static_cast<int>(std::count(source.begin(), source.begin() + bad, '\n'));
    char hex[8];
    std::snprintf(hex, sizeof hex, "%.2x", static_cast<unsigned>(static_cast<unsigned char>(source[bad])));
    throw SourceError(SourceError::Type::decoding,
                      std::string("Non-UTF-8 code starting with '\\x") + hex + "' in file <program> on line " +
                          std::to_string(line) +
                          ", but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                      line, 1);
}
}  // namespace

bool names_latin1(const std::string& name) {
    return normal_name(name) == "iso-8859-1" ||
           is_one_of(codec_key(name), {"latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819",
                                       "iso_latin_1", "iso_ir_100"});
}

std::string latin1_to_utf8(const std::string& bytes) {
    const auto declared = coding_declaration(bytes);
    if (!declared || !names_latin1(declared->first)) return bytes;
    std::string text;
    text.reserve(bytes.size());
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            text += c;
        } else {
            text += static_cast<char>(0xC0 | (byte >> 6));
            text += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return text;
}

Program::Program(const std::string& text, Limits limits, Budget budget)
    : in_(std::make_unique<Interp>(limits, budget)) {
    const std::string source = as_python_reads(text);
    if (source.size() > limits.source) {
        status_ = Status::unsupported;  // refused, as the CLI refuses a file it stops reading: exit status 2
        error_line_ = "the playground reads programs of up to " + bytes_in_words(limits.source) + "; this one has " +
                      bytes_in_words(source.size());
        error_ = error_line_ + "\n";
        return;
    }
    std::optional<ReadingDeadline> deadline;  // the host's time cap counts from now, reading included
    if (budget.ms > 0) {
        deadline.emplace(std::chrono::steady_clock::now() +
                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::duration<double, std::milli>(budget.ms)));
    }
    ReadingDeadline* const until = deadline ? &*deadline : nullptr;
    try {
        check_encoding(source);
        in_->source = SourceLines(source);  // for tracebacks, warnings and a SyntaxError's line
        NodePtr tree = parse_module(source, until);
        const SyntaxWarnings warn = [this](int line, const std::string& message) {
            in_->stderr_notes += format_warning(*in_, line, "SyntaxWarning", message);
        };
        const std::size_t index = compile_module(*tree, in_->globals, in_->heap, in_->codes, false, warn, until);
        in_->global_values.resize(in_->globals.names.size(), Value::object(unbound_marker()));
        module_.frames.push_back(in_->new_frame(in_->codes[index].get()));
        in_->module_thread = &module_;
        in_->host_roots = {&resume_.value, &main_, &stage_future_};
        read_ = true;
    } catch (const SourceError& e) {
        report_source_error(e);
    } catch (const ReadingDeadline::Passed&) {
        in_->spend_budget(false);
        stopped();
    }
}

Program::~Program() = default;

void Program::report_source_error(const SourceError& e) {
    status_ = e.type == SourceError::Type::unsupported ? Status::unsupported : Status::syntax_error;
    error_line_ = e.final_line();
    if (status_ == Status::unsupported || e.without_location()) {
        error_ = error_line_ + "\n";
        return;
    }
    // CPython's report: the file and line, the line itself, a caret under the column.
    const std::string text(in_->source.line(e.line));
    const std::size_t indent = text.find_first_not_of(" \t");
    const std::string stripped = indent == std::string::npos ? "" : text.substr(indent);
    // Python/pythonrun.c, print_error_text: no caret when it would fall left of the stripped line
    // (an unexpected indent, a TabError), at most one column past its end.
    const int col = std::min(e.col - static_cast<int>(indent == std::string::npos ? 0 : indent),
                             static_cast<int>(stripped.size()) + 1);
    // The underline runs to the error's end on its line, or to the line's end when it goes on past it.
    const int end = e.end_line > e.line ? static_cast<int>(text.size()) + 1 : e.end_line == e.line ? e.end_col : 0;
    const int carets = std::max(1, end - e.col);
    error_ = "  File \"<program>\", line " + std::to_string(e.line) + "\n    " + stripped + "\n" +
             (col >= 1 ? "    " + std::string(static_cast<std::size_t>(col - 1), ' ') +
                             std::string(static_cast<std::size_t>(carets), '^') + "\n"
                       : "") +
             error_line_ + "\n";
}

std::vector<std::pair<std::size_t, std::size_t>> Program::error_at() const {
    // The notes were written as the program ran; whatever error() has after them (a traceback, an
    // ending's words, warnings at exit) comes after all of stdout.
    const bool with_notes = error_.compare(0, in_->stderr_notes.size(), in_->stderr_notes) == 0;
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    if (with_notes) marks = in_->stderr_marks;
    const std::size_t end = with_notes ? in_->stderr_notes.size() : 0;
    if (end < error_.size()) marks.emplace_back(in_->trace.output.written(), end);
    return marks;
}

int Program::exit_status() const {
    switch (status_) {
        case Status::running:
        case Status::finished: return 0;
        case Status::unsupported: return 2;
        case Status::deadlock: return 3;
        // Python ends a process whose KeyboardInterrupt nobody caught by SIGINT, after the traceback
        // (bpo-1054041), so that its caller sees an interrupted program: a shell says 130.
        case Status::exception: return exit_code_ ? *exit_code_ : interrupted_ ? 130 : 1;
        default: return 1;
    }
}

std::vector<OutputLine> Program::lines() const {
    // Print events come in the order of the lines they complete, one a line.
    const std::string_view text = output();
    std::vector<OutputLine> lines;
    std::size_t start = 0;
    for (const ProgramEvent& e : in_->trace.events) {
        if (e.kind() != ProgramEventKind::print) continue;
        const std::size_t newline = std::min(text.find('\n', start), text.size());
        lines.push_back(OutputLine{e.t, text.substr(start, newline - start)});
        start = newline + 1;
    }
    return lines;
}

double Program::time() const { return in_->loop != nullptr ? in_->loop->time() : last_time_; }

void Program::run() {
    while (advance()) {
    }
}

bool Program::has_ready() const {
    if (status_ != Status::running) return false;
    return stage_ == Stage::none || in_->aborted || in_->loop->has_ready();
}

std::optional<double> Program::next_deadline() {
    if (status_ != Status::running || stage_ == Stage::none) return std::nullopt;
    return in_->loop->next_deadline();
}

void Program::advance_to(double t) {
    if (status_ == Status::running && stage_ != Stage::none && t > in_->loop->time()) in_->loop->advance_to(t);
}

bool Program::advance() {
    const bool more = advance_guarded();
    if (!more) in_->trace.flush(-1, 0);  // a last line without a newline (Python flushes it at exit)
    return more;
}

bool Program::advance_guarded() {
    try {
        return advance_unguarded();
    } catch (const PyRaise& r) {
        if (in_->budget_spent) {  // a built-in charged work outside any thread's run
            stopped();
            return false;
        }
        internal_error("an exception escaped: " + exception_final_line(r.exc));
    } catch (const std::exception& e) {
        internal_error(e.what());
    } catch (...) {
        internal_error("an unknown C++ exception");
    }
    return false;
}

bool Program::met_internal_error() const { return internal_error_ || in_->internal_errors > 0; }

void Program::internal_error(const std::string& what) {
    internal_error_ = true;
    status_ = Status::limit;
    error_line_ = "internal error in the playground: " + what;
    error_ = error_line_ + "\n";
}

// The step or memory limit, or the host's Budget, ran out, or the program met a construct the
// playground refuses: the run ends with the reason.
void Program::stopped() {
    status_ = in_->budget_spent ? Status::budget : in_->refused ? Status::unsupported : Status::limit;
    error_line_ = in_->abort_reason;
    error_ = error_line_ + "\n";
}

bool Program::advance_unguarded() {
    if (status_ != Status::running) return false;
    if (in_->aborted) {
        stopped();
        return false;
    }
    if (stage_ != Stage::none) return loop_iteration();
    Outcome in = std::exchange(resume_, Outcome{});
    const RunStatus s = in_->run(module_, in);
    if (s == RunStatus::finished) {
        finish_module();
        return false;
    }
    start_loop(in_->run_request);
    return status_ == Status::running;
}

void Program::finish_module() {
    if (in_->aborted) {
        stopped();
        return;
    }
    in_->log_never_retrieved_at_exit();
    in_->warn_never_awaited_at_exit();
    if (!module_.result.failed) {
        status_ = Status::finished;
        error_ = in_->stderr_notes + in_->exit_notes;
        return;
    }
    status_ = Status::exception;
    interrupted_ = type_name(module_.result.value) == "KeyboardInterrupt";
    const Value& uncaught = module_.result.value;
    if (type_name(uncaught) == "SystemExit") {
        exit_with(uncaught);
        return;
    }
    error_ = in_->stderr_notes + stderr_text(format_exception(uncaught, *in_, TracebackPrinter::excepthook)) +
             in_->exit_notes;
    error_line_ = stderr_text(exception_final_line(uncaught) + offer_suggestions(*in_, uncaught));
}

// An uncaught SystemExit ends python3 with no traceback (_Py_HandleSystemExit): its code None is
// status 0, an int that int (as the OS keeps it: its low byte), anything else printed on stderr, 1.
void Program::exit_with(const Value& system_exit) {
    const Value code = system_exit_code(*in_, system_exit);
    std::string said;
    if (code.is_none()) {
        exit_code_ = 0;
    } else if (is_integer(code)) {
        const BigInt n = to_bigint(code);
        exit_code_ = n.fits_int64() ? static_cast<int>(static_cast<std::uint64_t>(n.to_int64()) & 0xFF) : 0xFF;
    } else {
        said = stderr_text(str(code)) + "\n";
        exit_code_ = 1;
    }
    error_ = in_->stderr_notes + said + in_->exit_notes;
    error_line_ = stderr_text(exception_final_line(system_exit));
}

// --- asyncio.run -------------------------------------------------------------------------------------

void Program::stage_done(void* self, void* future) {
    auto* p = static_cast<Program*>(self);
    // Only the future the stage waits for ends it: main's stop callback, already scheduled when main
    // let a KeyboardInterrupt out, returns at once there (_run_until_complete_cb, Issue #22429).
    if (future == p->stage_awaits_) p->stopping_ = true;
}

void Program::await_stage(FutureBase& future) {
    stage_awaits_ = &future;
    future.add_done_callback(&Program::stage_done, this);
}

void Program::start_loop(Value coro) {
    in_->loops.push_back(std::make_unique<EventLoop>());
    in_->loop = in_->loops.back().get();
    if (is_kind(coro, Kind::exception)) {  // asyncio.run(main): no main task, only the shutdown's
        main_ = coro;
        stage_ = Stage::main;
        next_stage();
        return;
    }
    in_->loop_caller_handled = module_.handled;  // what the module's code handles at asyncio.run()
    TaskObj* main = spawn_task(*in_, coro, "");
    main_ = Value::object(main);
    await_stage(*main->task);  // run_until_complete's stop callback
    stage_ = Stage::main;
}

bool Program::loop_iteration() {
    EventLoop& loop = *in_->loop;
    if (!loop.has_ready()) {
        const std::optional<double> deadline = loop.next_deadline();
        if (!deadline) {
            report_deadlock();
            return false;
        }
        if (*deadline > loop.time()) loop.advance_to(*deadline);
    }
    // A spent Budget ends the run at once: the rest of the iteration (100,000 tasks, say) would only
    // unwind, one RuntimeError each, on the host's time.
    while (!loop.run_once(budget_slice)) {
        if (in_->budget_spent) break;
    }
    if (in_->aborted) return advance_unguarded();
    if (in_->heap.collection_due()) collect_garbage(*in_, {&module_}, {resume_.value, main_, stage_future_});
    if (in_->loop_interrupted_by != nullptr && in_->loop_interrupted_by != interrupt_seen_) {
        interrupt_seen_ = in_->loop_interrupted_by;
        if (stage_ != Stage::main) {
            // One during Runner.close()'s clean-up (main, say, woken to a gather's KeyboardInterrupt)
            // leaves the clean-up there: loop.close(), and asyncio.run() raises it, never retrieved.
            left_.clear();
            end_loop(true);
            return status_ == Status::running;
        }
        // A KeyboardInterrupt left run_until_complete(main): its finally takes main's stop callback
        // back, and Runner.close() cancels what is left (main too, unless it was main's own).
        if (auto* main = as<TaskObj>(main_); !main->task->done())
            main->task->remove_done_callback(&Program::stage_done, this);
        stopping_ = true;
    }
    if (stopping_) {
        stopping_ = false;
        next_stage();
    }
    return status_ == Status::running;
}

// Runner.close(): cancel what is left, then shutdown_asyncgens() and shutdown_default_executor(),
// each a task that finishes in its first step (there are no async generators or executors here).
void Program::next_stage() {
    if (stage_ == Stage::main) {
        if (Value raised = main_exception(); !raised.is_none()) in_->loop_caller_handled = raised;
        std::vector<Value> left;
        for (TaskObj* t : in_->tasks) {
            if (!t->task->done()) left.push_back(Value::object(t));
        }
        stage_ = Stage::cancel_all;
        left_ = left;
        if (!left.empty()) {
            for (const Value& t : left) future_base(t)->cancel();
            FutureObj* all = gather_futures(*in_, left, true);
            stage_future_ = Value::object(all);
            await_stage(*all->fut);
            return;
        }
    }
    if (stage_ == Stage::cancel_all) {
        // _cancel_all_tasks: a cancelled task that ended with another exception goes to the loop's
        // exception handler (gather(return_exceptions=True) retrieved it: no "never retrieved").
        for (const Value& v : std::exchange(left_, {})) {
            const TaskObj* t = as<TaskObj>(v);
            if (t->task->cancelled() || !t->task->has_exception()) continue;
            const Value exc = capture(*in_, [&]() -> Value { std::rethrow_exception(t->task->exception()); }).value;
            in_->write_stderr("unhandled exception during asyncio.run() shutdown\ntask: " + repr(v) + "\n" +
                              format_exception(exc, *in_, TracebackPrinter::traceback_module));
        }
    }
    if (stage_ == Stage::cancel_all || stage_ == Stage::shutdown_asyncgens) {
        stage_ = stage_ == Stage::cancel_all ? Stage::shutdown_asyncgens : Stage::shutdown_executor;
        auto* op = in_->heap.make<NativeOpObj>(NativeOpObj::What::done);
        const char* what =
            stage_ == Stage::shutdown_asyncgens ? "loop.shutdown_asyncgens()" : "loop.shutdown_default_executor()";
        TaskObj* t = spawn_task(*in_, Value::object(op), "", what);
        await_stage(*t->task);
        return;
    }
    end_loop();
}

/// The exception main ended with, which run_until_complete() raises: Runner.__exit__ (the clean-up)
/// runs while it propagates. None if main returned.
Value Program::main_exception() {
    TaskObj* main = is_kind(main_, Kind::task) ? as<TaskObj>(main_) : nullptr;
    if (main == nullptr || !main->task->done()) return Value::none();
    if (main->task->has_exception())
        return capture(*in_, [&]() -> Value { std::rethrow_exception(main->task->exception()); }).value;
    return main->task->cancelled() ? main->exceptions().cancelled_exc : Value::none();
}

void Program::end_loop(bool interrupted_clean_up) {
    in_->loop_caller_handled = Value::none();
    TaskObj* main = is_kind(main_, Kind::task) ? as<TaskObj>(main_) : nullptr;
    // future.result() of run_until_complete: a main task that ended cancelled raises the
    // CancelledError it ended with (fut_cancelled_exc: its message and main's frames), as any await
    // of a cancelled task does.
    TaskObj* interrupter = std::exchange(in_->loop_interrupted_by, nullptr);
    interrupt_seen_ = nullptr;
    if (main == nullptr)
        resume_ = Outcome{true, main_};  // Runner.run()'s ValueError (start_loop)
    else if (interrupter != nullptr && (interrupter != main || interrupted_clean_up))
        resume_ = Outcome{
            true, capture(*in_, [&]() -> Value { std::rethrow_exception(interrupter->task->peek_exception()); }).value};
    else if (main->task->cancelled())
        resume_ = Outcome{true, make_cancelled_error(*in_, *main)};
    else
        resume_ = main->take_result(capture(*in_, [&]() -> Value { return main->task->result(); }));
    // A gather() that failed and nobody awaited (asyncio.gather(...) without await): its future logs
    // the exception when collected, before the tasks it gathered are.
    for (Object* o : in_->gathers) {
        const Future<Value>& g = *static_cast<FutureObj*>(o)->fut;
        if (!g.exception_never_retrieved()) continue;
        const Value exc = capture(*in_, [&]() -> Value { std::rethrow_exception(g.exception()); }).value;
        in_->write_stderr(
            "_GatheringFuture exception was never retrieved\nfuture: <_GatheringFuture finished exception=" +
            repr(exc) + ">\n" + format_exception(exc, *in_, TracebackPrinter::traceback_module));
    }
    // A task that failed and whose exception nobody retrieved: asyncio logs it on stderr when the task
    // is freed (Interp::log_freed_failures). The last check may be some steps behind on a big heap
    // (NeverRetrievedPace): one now logs what the program let go of since. Those the program still
    // holds (a global, a traceback) go as the interpreter exits; those a callback held (never
    // retrieved all the same) go now.
    in_->check_never_retrieved_at_run_end();
    const std::vector<TaskObj*> held = std::exchange(in_->unretrieved, {});
    if (interrupter != nullptr && (interrupter != main || interrupted_clean_up) && !interrupter->listed_unretrieved) {
        // Its KeyboardInterrupt's traceback (Task.__step's frame) holds it until the interpreter exits.
        interrupter->listed_unretrieved = true;
        in_->unretrieved_at_exit.push_back(Value::object(interrupter));
    }
    for (TaskObj* t : in_->tasks) {
        if (t->task->exception_never_retrieved() && !t->listed_unretrieved) in_->log_never_retrieved(*t);
    }
    for (TaskObj* t : held) {
        t->listed_unretrieved = false;
        if (t->task->exception_never_retrieved()) in_->unretrieved_at_exit.push_back(Value::object(t));
    }
    last_time_ = in_->loop->time();
    loop_ended(*in_, last_time_);
    in_->loop->close();
    if (is_kind(in_->loop_object, Kind::loop)) as<LoopObj>(in_->loop_object)->closed = true;
    in_->loop = nullptr;
    in_->tasks.clear();
    in_->gathers.clear();
    stage_ = Stage::none;
}

namespace {

/// The order of the stuck tasks' report. CPython has none (asyncio.all_tasks() is a set), so the
/// reference (tests/conformance/program_reference.py, _task_order) sorts them: "Task-N" by N first,
/// then every other name as str (by code point, as UTF-8 bytes compare); equal keys keep creation order.
bool stuck_before(const std::string& a, const std::string& b) {
    auto number = [](const std::string& name) -> std::optional<std::string_view> {
        if (name.size() <= 5 || name.compare(0, 5, "Task-") != 0) return std::nullopt;
        std::string_view digits(name);
        digits.remove_prefix(5);
        for (char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
        }
        while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
        return digits;
    };
    const auto na = number(a), nb = number(b);
    if (na && nb) return na->size() != nb->size() ? na->size() < nb->size() : *na < *nb;
    if (na || nb) return na.has_value();
    return a < b;
}

}  // namespace

void Program::report_deadlock() {
    status_ = Status::deadlock;
    last_time_ = in_->loop->time();
    std::string text =
        "deadlock: nothing can run any more and the program has not finished (CPython would wait forever)\n";
    for (TaskObj* t : in_->tasks) {
        if (t->task->done()) continue;
        stuck_.push_back(
            StuckTask{t->name, t->coro_name, t->thread.waiting ? t->thread.waiting->what : "?", t->thread.line()});
    }
    std::stable_sort(stuck_.begin(), stuck_.end(),
                     [](const StuckTask& a, const StuckTask& b) { return stuck_before(a.name, b.name); });
    for (const StuckTask& s : stuck_) {
        // line 0: the task's coroutine is asyncio's own (create_task(event.wait())), with no line of the program
        text += "  " + s.name + " (" + s.function + ") is waiting for " + s.awaiting +
                (s.line > 0 ? " at line " + std::to_string(s.line) : std::string()) + "\n";
    }
    // What python3 wrote to stderr before it hung (a "never awaited" warning) stays, ahead of the report.
    error_ = in_->stderr_notes + stderr_text(text);
    error_line_ = "deadlock";
}

// --- JSON -----------------------------------------------------------------------------------------

void append_json(std::string& out, std::string_view s) {
    out += '"';
    std::size_t plain = 0;  // start of the run of characters that need no escape
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            }
        }
    }
    out.append(s.substr(plain));
    out += '"';
}

std::string json_string(std::string_view s) {
    std::string out;
    append_json(out, s);
    return out;
}

namespace {

/// A time as JSON: null for none (negative) and for what JSON has no number for (inf, nan).
std::string json_time(double t) { return t < 0 || !std::isfinite(t) ? "null" : float_repr(t); }

/// [[t, text], ...]: each line with the time its newline was printed; a last partial line has t null.
void append_lines(std::string& out, const Program& program) {
    out += '[';
    for (const OutputLine& line : program.lines()) {
        if (out.back() != '[') out += ", ";
        out += '[' + json_time(line.t) + ", ";
        append_json(out, line.text);
        out += ']';
    }
    out += ']';
}

}  // namespace

std::string result_json(const Program& program, bool with_text) {
    std::string out = "{\"lines\": ";
    if (with_text) {
        append_lines(out, program);
    } else {
        out += "[]";
    }
    out += ", \"output\": ";
    if (with_text) {
        append_json(out, program.output());
    } else {
        out += "\"\"";  // not `with_text ? output() : ""`: that copies the output
    }
    const bool failed =
        program.status() == Program::Status::exception || program.status() == Program::Status::syntax_error;
    out += ", \"final\": ";
    if (failed) {
        append_json(out, program.error_line());
    } else {
        out += "null";
    }
    const bool deadlock = program.status() == Program::Status::deadlock;
    std::string names, stuck;
    for (const StuckTask& t : program.stuck()) {
        if (!names.empty()) names += ", ", stuck += ", ";
        append_json(names, t.name);
        stuck += "{\"name\": " + json_string(t.name) + ", \"function\": " + json_string(t.function) +
                 ", \"awaiting\": " + json_string(t.awaiting) + ", \"line\": " + std::to_string(t.line) + "}";
    }
    out += ", \"deadlock\": " + (deadlock ? "[" + names + "]" : std::string("null"));
    out += ", \"exit\": " + std::to_string(program.exit_status()) + ", \"stuck\": [" + stuck + "], \"error\": ";
    append_json(out, program.error());
    out += ", \"errorAt\": [";
    for (const auto& [at_output, at_error] : program.error_at()) {
        if (out.back() != '[') out += ", ";
        out += "[" + std::to_string(at_output) + ", " + std::to_string(at_error) + "]";
    }
    out += "], \"time\": " + json_time(program.time()) + ", \"steps\": " + std::to_string(program.steps());
    out += std::string(", \"ran\": ") + (program.ran() ? "true" : "false");
    out += std::string(", \"budget\": ") + (program.status() == Program::Status::budget ? "true" : "false") + "}";
    return out;
}

}  // namespace sp::py
