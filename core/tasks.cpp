#include "tasks.hpp"

namespace sp {

bool is_cancelled_error(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

TaskBase* current_task() {
    EventLoop* loop = EventLoop::running();
    return loop != nullptr ? loop->current_task() : nullptr;
}

void not_in_a_task() { throw std::logic_error("a future can only be awaited from inside a task"); }

TaskBase::TaskBase(EventLoop& loop, co::coroutine_handle<> root) : FutureBase(loop), root_(root), resume_point_(root) {
    loop.call_soon(&TaskBase::step_callback, this);
}

TaskBase::TaskBase(EventLoop& loop) : FutureBase(loop), stepped_(true) {
    loop.call_soon(&TaskBase::step_callback, this);
}

TaskBase::~TaskBase() {
    // A pending task may only be destroyed once its loop is closed: otherwise a scheduled step or
    // wakeup would later run on freed memory (asyncio logs "Task was destroyed but it is pending!").
    assert(done() || get_loop().is_closed());
    destroy_root();
}

bool TaskBase::cancel() {
    cancel_future_attempted();  // Task.cancel: self._log_traceback = False, even when done
    if (done()) return false;
    num_cancels_requested_ += 1;
    if (fut_waiter_ != nullptr && fut_waiter_->cancel()) return true;
    // No future to cancel, or it is already done and our wakeup is scheduled: throw
    // CancelledError into the coroutine at its next step instead.
    must_cancel_ = true;
    return true;
}

void TaskBase::step_callback(void* self, void*) {
    auto* task = static_cast<TaskBase*>(self);
    task->thrown_from_cancelled_future_ = false;
    if (task->must_cancel_ || !task->started_) {
        task->step(nullptr);
    } else {
        task->resume();
    }
}

void TaskBase::wakeup_callback(void* self, void* future) {
    auto* task = static_cast<TaskBase*>(self);
    auto* fut = static_cast<FutureBase*>(future);
    if (!task->must_cancel_ && !fut->cancelled() && !fut->has_exception()) {
        task->resume();  // the usual wakeup: the future has a result
        return;
    }
    // Task.__wakeup: future.result() raising becomes the exception thrown into the coroutine.
    task->thrown_from_cancelled_future_ = fut->cancelled();
    task->step(fut->cancelled() ? std::make_exception_ptr(CancelledError()) : fut->exception());
}

void TaskBase::resume() {
    if (done()) throw InvalidStateError("_step(): already done");
    fut_waiter_ = nullptr;
    run();
}

void TaskBase::step(std::exception_ptr exc) {
    if (done()) throw InvalidStateError("_step(): already done");
    if (must_cancel_) {
        if (!is_cancelled_error(exc)) exc = std::make_exception_ptr(CancelledError());
        must_cancel_ = false;
    }
    fut_waiter_ = nullptr;
    if (!started_) {
        started_ = true;
        if (exc) {
            // coro.throw() into a coroutine that has not started raises at once: its body never
            // runs (a task cancelled before its first step).
            destroy_root();
            if (is_cancelled_error(exc)) {
                finish_cancelled();
            } else {
                set_exception(std::move(exc));
            }
            ended_before_start();
            return;
        }
    }
    thrown_in_ = std::move(exc);
    run();
}

void TaskBase::run() {
    EventLoop& loop = get_loop();
    loop.enter_task(this);
    if (stepped_) {
        const bool ended = step_body();
        if (thrown_in_) thrown_in_ = nullptr;
        loop.leave_task(this);
        if (ended) finish_root();
        step_ended();
        return;
    }
    // Runs the coroutine chain until it suspends (an awaiter called await_future or yield_now) or
    // the root coroutine finishes (its exception, if any, is kept in its promise). Coroutines that
    // start a child or return to their parent hand it to this loop (see detail::trampoline).
    co::coroutine_handle<> next = resume_point_;
    co::coroutine_handle<>* outer = std::exchange(detail::trampoline, &next);
    while (next) std::exchange(next, co::coroutine_handle<>{}).resume();
    detail::trampoline = outer;
    if (thrown_in_) thrown_in_ = nullptr;
    loop.leave_task(this);
    if (root_.done()) finish_root();
    step_ended();
}

void TaskBase::await_future(FutureBase& fut, co::coroutine_handle<> leaf) {
    resume_point_ = leaf;
    fut.add_done_callback(&TaskBase::wakeup_callback, this);
    fut_waiter_ = &fut;
    if (must_cancel_ && fut.cancel()) must_cancel_ = false;
}

void TaskBase::yield_now(co::coroutine_handle<> leaf) {
    resume_point_ = leaf;
    get_loop().call_soon(&TaskBase::step_callback, this);
}

namespace {
EventLoop& running_loop_or_throw() {
    EventLoop* loop = EventLoop::running();
    if (loop == nullptr) throw std::logic_error("no running event loop");
    return *loop;
}
}  // namespace

SleepAwaiter::SleepAwaiter(double delay) : fut_(running_loop_or_throw()), delay_(delay) {}

void SleepAwaiter::await_suspend(co::coroutine_handle<> leaf) {
    EventLoop& loop = fut_.get_loop();
    TaskBase& task = require_current_task(loop);
    if (bare_yield()) {
        task.yield_now(leaf);  // tasks.__sleep0: a bare yield
        return;
    }
    timer_ = loop.call_later(delay_, &set_result_unless_cancelled, &fut_);
    task.await_future(fut_, leaf);
}

void SleepAwaiter::await_resume() {
    timer_.cancel();  // the `finally: h.cancel()` of asyncio.sleep
    require_current_task(fut_.get_loop()).rethrow_thrown_in();
}

GatheringFuture::GatheringFuture(EventLoop& loop, std::vector<FutureBase*> children)
    : Future<void>(loop), children_(std::move(children)) {
    for (FutureBase* child : children_) child->add_done_callback(&GatheringFuture::child_done, this);
}

bool GatheringFuture::cancel() {
    if (done()) return false;
    bool ret = false;
    for (FutureBase* child : children_) {
        if (child->cancel()) ret = true;
    }
    if (ret) cancel_requested_ = true;  // finish with CancelledError once every child is done
    return ret;
}

void GatheringFuture::child_done(void* self, void* child_ptr) {
    auto* outer = static_cast<GatheringFuture*>(self);
    auto* child = static_cast<FutureBase*>(child_ptr);
    outer->nfinished_ += 1;
    if (outer->done()) return;
    if (child->cancelled()) {
        outer->set_exception(std::make_exception_ptr(CancelledError()));
        return;
    }
    if (child->has_exception()) {
        outer->set_exception(child->exception());
        return;
    }
    if (outer->nfinished_ == outer->children_.size()) {
        if (outer->cancel_requested_) {
            outer->set_exception(std::make_exception_ptr(CancelledError()));
        } else {
            outer->set_result();
        }
    }
}

std::unique_ptr<GatheringFuture> gather(EventLoop& loop, std::vector<FutureBase*> children) {
    auto outer = std::make_unique<GatheringFuture>(loop, std::move(children));
    if (outer->children().empty()) outer->set_result();  // gather() of nothing is done at once
    return outer;
}

}  // namespace sp
