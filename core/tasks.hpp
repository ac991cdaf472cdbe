// asyncio/tasks.py: a Task drives a coroutine on the loop, one step per callback.
//
// A step resumes the coroutine until it suspends on a future (the task registers a done callback,
// `wakeup`, and records the future as fut_waiter) or on a bare yield (sleep(0): the next step is
// scheduled with call_soon). cancel() cancels the future the task waits on; if there is none, or it
// is already done (the wakeup is scheduled but has not run), the cancellation is remembered
// (must_cancel) and CancelledError is thrown into the coroutine at its next step. These are
// Task.__step, Task.__wakeup and Task.cancel, rule for rule.
#pragma once

#include <cassert>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "compat/coroutine.hpp"
#include "coroutines.hpp"
#include "events.hpp"
#include "exceptions.hpp"
#include "futures.hpp"

namespace sp {

/// True if `error` holds a CancelledError.
bool is_cancelled_error(const std::exception_ptr& error);

/// The part of a Task that does not depend on the result type.
class TaskBase : public FutureBase {
public:
    /// Request cancellation (Task.cancel): cancels the future the task waits on, or throws
    /// CancelledError into the coroutine at its next step. False if the task is already done.
    bool cancel() override;
    /// Number of pending cancellation requests (Task.cancelling).
    int cancelling() const { return num_cancels_requested_; }
    /// The future the task waits on (_fut_waiter): set from the suspension until the next step, so
    /// it may be done already (the wakeup is scheduled). Null between steps of a bare yield.
    const FutureBase* fut_waiter() const noexcept { return fut_waiter_; }
    /// Decrement the pending cancellation requests (Task.uncancel); returns the new count.
    int uncancel() {
        if (num_cancels_requested_ > 0) num_cancels_requested_ -= 1;
        return num_cancels_requested_;
    }

    // The suspension protocol used by awaiters (the `yield` of Task.__step's coroutine).
    /// Suspend `leaf` until `fut` is done (a coroutine yielding a blocking future).
    void await_future(FutureBase& fut, co::coroutine_handle<> leaf);
    /// Suspend `leaf` for one loop iteration (a coroutine yielding None: sleep(0)).
    void yield_now(co::coroutine_handle<> leaf);
    /// True if the current step throws an exception into the coroutine (the `exc` of coro.throw).
    bool has_thrown_in() const noexcept { return static_cast<bool>(thrown_in_); }
    /// What the current step throws into the coroutine, or null for a normal resumption. Awaiters
    /// call this in await_resume; it clears the value.
    std::exception_ptr take_thrown_in() { return std::exchange(thrown_in_, nullptr); }
    /// await_resume's usual ending: rethrow what the step throws in, if anything.
    void rethrow_thrown_in() {
        if (thrown_in_) std::rethrow_exception(take_thrown_in());
    }

    // Tasks are created by the thousand and all of one size: recycle their memory like frames.
    static void* operator new(std::size_t size) { return detail::FramePool::allocate(size); }
    static void operator delete(void* task, std::size_t size) noexcept { detail::FramePool::deallocate(task, size); }

protected:
    TaskBase(EventLoop& loop, co::coroutine_handle<> root);
    /// A stepped task: each step calls step_body() instead of resuming a coroutine. For a body that
    /// is not a C++ coroutine (python/'s tasks run the interpreter's own frames), so a task carries
    /// no coroutine frame; its awaiters call await_future/yield_now as usual (with a null handle).
    explicit TaskBase(EventLoop& loop);
    /// Destroys the root coroutine if it has not finished (only after loop.close()).
    ~TaskBase() override;
    /// Called once when the root coroutine has returned or thrown: record the outcome (its
    /// promise is still there), then call destroy_root().
    virtual void finish_root() = 0;
    co::coroutine_handle<> root() const noexcept { return root_; }
    void destroy_root() noexcept {
        if (root_) std::exchange(root_, {}).destroy();
    }
    bool consume_must_cancel() { return std::exchange(must_cancel_, false); }
    /// A cancel() is pending for the next step (_must_cancel): none found a future to cancel.
    bool must_cancel_pending() const noexcept { return must_cancel_; }
    /// Whether this step's exception came from a cancelled future's result() (Task.__wakeup), not
    /// from a pending cancel() (_must_cancel): CPython makes the first with PyErr_SetObject, which
    /// chains it to the exception the loop's caller handles.
    bool thrown_from_cancelled_future() const noexcept { return thrown_from_cancelled_future_; }
    void finish_cancelled() { cancel_future(); }
    /// A stepped task's step (Task.__step's coro.send or coro.throw): run the body until it suspends
    /// on an awaiter (false) or ends (true; finish_root() then records how).
    virtual bool step_body() { return true; }
    /// Called in the step in which a task that never ran ends (cancelled before its first step):
    /// its coroutine's body never runs, so nothing inside it can see the end. A hook for
    /// observers (the Python interpreter's trace); nothing by default.
    virtual void ended_before_start() {}
    /// Called at the end of every step that ran the coroutine (Handle._run returning: what the step
    /// dropped is gone now). A hook for observers; nothing by default.
    virtual void step_ended() {}

private:
    static void step_callback(void* self, void* arg);
    static void wakeup_callback(void* self, void* future);
    /// Task.__step with an exception to throw into the coroutine (or a pending cancellation).
    void step(std::exception_ptr exc);
    /// Task.__step in the common case: no exception, no pending cancellation, already started.
    void resume();
    /// Resume the coroutine chain until it suspends or finishes.
    void run();

    // Small fields first: they fit in the tail padding of FutureBase.
    int num_cancels_requested_ = 0;
    bool must_cancel_ = false;
    bool started_ = false;
    bool stepped_ = false;  // steps call step_body(): root_ and resume_point_ stay null
    bool thrown_from_cancelled_future_ = false;
    co::coroutine_handle<> root_;
    co::coroutine_handle<> resume_point_;  // the innermost suspended coroutine of the await chain
    FutureBase* fut_waiter_ = nullptr;
    std::exception_ptr thrown_in_;
};

/// asyncio.Task: runs a Coro<T> on the loop; is itself a future of its result.
template <class T = void>
class Task : public TaskBase {
public:
    /// Wrap `coro` and schedule its first step with call_soon (asyncio.create_task).
    Task(EventLoop& loop, Coro<T> coro) : TaskBase(loop, coro.release()) {}

    /// The result; rethrows the exception, CancelledError if cancelled, InvalidStateError if pending.
    decltype(auto) result() const {
        rethrow_if_failed();
        if constexpr (!std::is_void_v<T>) return static_cast<const T&>(*result_);
    }

protected:
    /// A stepped task (TaskBase(EventLoop&)): its finish_root() calls end().
    explicit Task(EventLoop& loop) : TaskBase(loop) {}
    /// A stepped task's result, kept before end(nullptr).
    template <class U = T, class = std::enable_if_t<!std::is_void_v<U>>>
    void keep_result(U value) {
        result_.emplace(std::move(value));
    }
    /// How the body ended: `error` (a CancelledError cancels the task), or its result (Task.__step).
    void end(std::exception_ptr error) {
        if (error) {
            if (is_cancelled_error(error)) {
                finish_cancelled();
            } else {
                set_exception(std::move(error));
            }
            return;
        }
        if (consume_must_cancel()) {
            finish_cancelled();  // cancelled too late to interrupt, but still a cancelled task
        } else {
            mark_finished();
        }
    }

private:
    void finish_root() override {
        auto& promise = Coro<T>::handle_type::from_address(root().address()).promise();
        std::exception_ptr error = promise.exception;
        if constexpr (!std::is_void_v<T>) {
            if (!error && promise.value) result_.emplace(std::move(*promise.value));
        }
        destroy_root();  // the frame's memory is not needed any more
        end(std::move(error));
    }

    struct NoResult {};
    [[no_unique_address]] std::conditional_t<std::is_void_v<T>, NoResult, std::optional<T>> result_{};
};

/// asyncio.create_task: the task starts at the loop's next iteration.
template <class T>
std::unique_ptr<Task<T>> create_task(EventLoop& loop, Coro<T> coro) {
    return std::make_unique<Task<T>>(loop, std::move(coro));
}

/// asyncio.current_task(): the task whose step is running on the running loop, or nullptr.
TaskBase* current_task();

[[noreturn]] void not_in_a_task();

/// The task running now; throws std::logic_error when awaiting outside a task.
inline TaskBase& require_current_task(EventLoop& loop) {
    TaskBase* task = loop.current_task();
    if (task == nullptr) not_in_a_task();
    return *task;
}

/// Awaiting a future from a task: `co_await fut` (Future.__await__).
template <class F>
class FutureAwaiter {
public:
    explicit FutureAwaiter(F& fut) : fut_(fut) {}
    bool await_ready() const { return fut_.done(); }
    void await_suspend(co::coroutine_handle<> leaf) {
        task_ = &require_current_task(fut_.get_loop());
        task_->await_future(fut_, leaf);
    }
    decltype(auto) await_resume() {
        if (task_ != nullptr) task_->rethrow_thrown_in();
        return fut_.result();
    }

private:
    F& fut_;
    TaskBase* task_ = nullptr;
};

template <class T>
FutureAwaiter<Future<T>> operator co_await(Future<T>& fut) {
    return FutureAwaiter<Future<T>>(fut);
}
template <class T>
FutureAwaiter<Task<T>> operator co_await(Task<T>& task) {
    return FutureAwaiter<Task<T>>(task);
}

/// `co_await sleep(delay)`: asyncio.sleep. sleep(0) (or less) yields to the loop exactly once;
/// otherwise a timer sets a future `delay` seconds from now and the task waits on it.
class [[nodiscard]] SleepAwaiter {
public:
    explicit SleepAwaiter(double delay);
    SleepAwaiter(const SleepAwaiter&) = delete;
    SleepAwaiter& operator=(const SleepAwaiter&) = delete;
    ~SleepAwaiter() { timer_.cancel(); }

    bool await_ready() const noexcept { return false; }
    void await_suspend(co::coroutine_handle<> leaf);
    void await_resume();
    /// Whether it is tasks.__sleep0's bare yield (no future, no timer): `if delay <= 0` (not NaN).
    bool bare_yield() const noexcept { return delay_ <= 0; }

private:
    // Every sleeping task holds one of these in its frame: no more than the future, the timer's
    // handle and the delay (the loop is the future's, the task is the loop's current one).
    Future<void> fut_;
    Handle timer_;
    double delay_;
};

inline SleepAwaiter sleep(double delay) { return SleepAwaiter(delay); }

/// The future returned by gather(): done when every child is done (return_exceptions=False).
/// The first child to fail (or be cancelled) finishes it with that error; cancelling it cancels
/// the children (tasks._GatheringFuture).
class GatheringFuture final : public Future<void> {
public:
    GatheringFuture(EventLoop& loop, std::vector<FutureBase*> children);
    bool cancel() override;
    const std::vector<FutureBase*>& children() const { return children_; }

private:
    static void child_done(void* self, void* child);
    std::vector<FutureBase*> children_;
    std::size_t nfinished_ = 0;
    bool cancel_requested_ = false;
};

/// asyncio.gather(*children): `co_await *gather(loop, {a.get(), b.get()})`. The children are
/// borrowed: they must outlive the gathering future. Each child's result stays on the child.
std::unique_ptr<GatheringFuture> gather(EventLoop& loop, std::vector<FutureBase*> children);

}  // namespace sp
