#include "program.hpp"

#include <sstream>

#include "asyncio_module.hpp"
#include "collector.hpp"
#include "errors.hpp"
#include "parser.hpp"

namespace sp::py {

Program::Program(const std::string& source, Limits limits) : in_(std::make_unique<Interp>(limits)) {
    try {
        NodePtr tree = parse_module(source);
        const std::size_t index = compile_module(*tree, in_->globals, in_->heap, in_->codes);
        in_->global_values.resize(in_->globals.names.size(), Value::object(unbound_marker()));
        module_.frames.push_back(in_->new_frame(in_->codes[index].get()));
    } catch (const SourceError& e) {
        report_source_error(e, source);
    }
}

Program::~Program() = default;

void Program::report_source_error(const SourceError& e, const std::string& source) {
    status_ = e.type == SourceError::Type::unsupported ? Status::unsupported : Status::syntax_error;
    error_line_ = e.final_line();
    if (status_ == Status::unsupported) {
        error_ = error_line_ + "\n";
        return;
    }
    // CPython's report: the file and line, the line itself, a caret under the column.
    std::istringstream lines(source);
    std::string text;
    for (int i = 0; i < e.line && std::getline(lines, text);) ++i;
    const std::size_t indent = text.find_first_not_of(" \t");
    const std::string stripped = indent == std::string::npos ? "" : text.substr(indent);
    const int col = std::max(1, e.col - static_cast<int>(indent == std::string::npos ? 0 : indent));
    error_ = "  File \"<program>\", line " + std::to_string(e.line) + "\n    " + stripped + "\n    " +
             std::string(static_cast<std::size_t>(col - 1), ' ') + "^\n" + error_line_ + "\n";
}

int Program::exit_status() const {
    switch (status_) {
        case Status::running:
        case Status::finished: return 0;
        case Status::unsupported: return 2;
        case Status::deadlock: return 3;
        default: return 1;
    }
}

std::string Program::output() const {
    std::string out;
    for (const Printed& p : in_->printed) out += p.text;
    return out;
}

double Program::time() const { return in_->loop != nullptr ? in_->loop->time() : last_time_; }

void Program::run() {
    while (advance()) {
    }
}

bool Program::advance() {
    try {
        return advance_unguarded();
    } catch (const PyRaise& r) {
        internal_error("an exception escaped: " + exception_final_line(r.exc));
    } catch (const std::exception& e) {
        internal_error(e.what());
    } catch (...) {
        internal_error("an unknown C++ exception");
    }
    return false;
}

void Program::internal_error(const std::string& what) {
    status_ = Status::limit;
    error_line_ = "internal error in the playground: " + what;
    error_ = error_line_ + "\n";
}

bool Program::advance_unguarded() {
    if (status_ != Status::running) return false;
    if (in_->aborted) {
        status_ = Status::limit;
        error_line_ = in_->abort_reason;
        error_ = error_line_ + "\n";
        return false;
    }
    if (stage_ != Stage::none) return loop_iteration();
    Outcome in = std::exchange(resume_, Outcome{});
    const RunStatus s = in_->run(module_, in);
    if (s == RunStatus::finished) {
        finish_module();
        return false;
    }
    start_loop(module_.run_request);
    return status_ == Status::running;
}

void Program::finish_module() {
    if (in_->aborted) {
        status_ = Status::limit;
        error_line_ = in_->abort_reason;
        error_ = error_line_ + "\n";
        return;
    }
    if (!module_.result.failed) {
        status_ = Status::finished;
        return;
    }
    status_ = Status::exception;
    error_ = format_exception(module_.result.value);
    error_line_ = exception_final_line(module_.result.value);
}

// --- asyncio.run -------------------------------------------------------------------------------------

void Program::stage_done(void* self, void*) { static_cast<Program*>(self)->stopping_ = true; }

void Program::start_loop(Value coro) {
    in_->loops.push_back(std::make_unique<EventLoop>());
    in_->loop = in_->loops.back().get();
    TaskObj* main = spawn_task(*in_, coro, "");
    main_ = Value::object(main);
    main->task->add_done_callback(&Program::stage_done, this);  // run_until_complete's stop callback
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
    loop.run_once();
    if (in_->aborted) return advance_unguarded();
    if (in_->heap.collection_due()) collect_garbage(*in_, {&module_}, {resume_.value, main_, stage_future_});
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
        std::vector<Value> left;
        for (TaskObj* t : in_->tasks) {
            if (!t->task->done()) left.push_back(Value::object(t));
        }
        stage_ = Stage::cancel_all;
        if (!left.empty()) {
            for (const Value& t : left) future_base(t)->cancel();
            FutureObj* all = gather_futures(*in_, left, true);
            stage_future_ = Value::object(all);
            all->fut->add_done_callback(&Program::stage_done, this);
            return;
        }
    }
    if (stage_ == Stage::cancel_all || stage_ == Stage::shutdown_asyncgens) {
        stage_ = stage_ == Stage::cancel_all ? Stage::shutdown_asyncgens : Stage::shutdown_executor;
        auto* op = in_->heap.make<NativeOpObj>(NativeOpObj::What::done);
        TaskObj* t = spawn_task(*in_, Value::object(op), "");
        t->task->add_done_callback(&Program::stage_done, this);
        return;
    }
    end_loop();
}

void Program::end_loop() {
    TaskObj* main = as<TaskObj>(main_);
    resume_ = capture(*in_, [&]() -> Value { return main->task->result(); });
    last_time_ = in_->loop->time();
    in_->loop->close();
    in_->loop = nullptr;
    in_->tasks.clear();
    stage_ = Stage::none;
}

void Program::report_deadlock() {
    status_ = Status::deadlock;
    last_time_ = in_->loop->time();
    std::string text =
        "deadlock: nothing can run any more and the program has not finished (CPython would wait forever)\n";
    for (TaskObj* t : in_->tasks) {
        if (t->task->done()) continue;
        StuckTask s{t->name, t->coro_name, t->thread.waiting ? t->thread.waiting->what : "?", t->thread.line()};
        text += "  " + s.name + " (" + s.function + ") is waiting for " + s.awaiting + " at line " +
                std::to_string(s.line) + "\n";
        stuck_.push_back(std::move(s));
    }
    error_ = text;
    error_line_ = "deadlock";
}

// --- JSON -----------------------------------------------------------------------------------------

namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string json_time(double t) { return t < 0 ? "null" : float_repr(t); }

}  // namespace

std::string result_json(const Program& program, bool with_text) {
    static const std::vector<Printed> no_text;
    std::string lines, partial;
    for (const Printed& p : with_text ? program.printed() : no_text) {
        for (char c : p.text) {
            if (c != '\n') {
                partial += c;
                continue;
            }
            lines += (lines.empty() ? "[" : ", [") + json_time(p.t) + ", " + json_string(partial) + "]";
            partial.clear();
        }
    }
    if (!partial.empty()) lines += (lines.empty() ? "[" : ", [") + std::string("null, ") + json_string(partial) + "]";
    const bool failed =
        program.status() == Program::Status::exception || program.status() == Program::Status::syntax_error;
    std::string deadlock = "null", stuck;
    if (program.status() == Program::Status::deadlock) {
        deadlock.clear();
        for (const StuckTask& t : program.stuck()) {
            deadlock += (deadlock.empty() ? "" : ", ") + json_string(t.name);
            stuck += std::string(stuck.empty() ? "" : ", ") + "{\"name\": " + json_string(t.name) +
                     ", \"function\": " + json_string(t.function) + ", \"awaiting\": " + json_string(t.awaiting) +
                     ", \"line\": " + std::to_string(t.line) + "}";
        }
        deadlock = "[" + deadlock + "]";
    }
    return "{\"lines\": [" + lines + "], \"output\": " + json_string(with_text ? program.output() : "") +
           ", \"final\": " + (failed ? json_string(program.error_line()) : "null") + ", \"deadlock\": " + deadlock +
           ", \"exit\": " + std::to_string(program.exit_status()) + ", \"stuck\": [" + stuck +
           "], \"error\": " + json_string(program.error()) + ", \"time\": " + float_repr(program.time()) +
           ", \"steps\": " + std::to_string(program.steps()) + "}";
}

}  // namespace sp::py
