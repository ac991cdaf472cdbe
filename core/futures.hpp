// asyncio/futures.py: a Future is a result that will be available later.
//
// Done callbacks are never called directly: when the future completes, each one is scheduled with
// loop.call_soon, so whoever awaits a future resumes one loop iteration after it completes. That
// one-iteration delay shapes the event order the playground shows, so it is kept exactly.
#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "events.hpp"
#include "exceptions.hpp"

namespace sp {

/// The part of a Future that does not depend on the result type.
class FutureBase {
public:
    explicit FutureBase(EventLoop& loop) : loop_(&loop) {}
    // Callbacks and awaiting tasks point at the future: it never moves.
    FutureBase(const FutureBase&) = delete;
    FutureBase& operator=(const FutureBase&) = delete;
    virtual ~FutureBase() = default;

    EventLoop& get_loop() const { return *loop_; }
    bool done() const { return state_ != State::pending; }
    bool cancelled() const { return state_ == State::cancelled; }
    /// Done with an exception (exception() would return it).
    bool has_exception() const { return state_ == State::finished && rare_ && rare_->exception; }

    /// Cancel the future and schedule its callbacks. False if it was already done.
    /// Task and the gathering future override this with their own rules, as in asyncio.
    virtual bool cancel() { return cancel_future(); }

    /// The exception the future finished with (null if it has a result).
    /// Throws CancelledError if cancelled, InvalidStateError if not done.
    std::exception_ptr exception() const {
        check_result_available();
        if (rare_) rare_->retrieved = true;
        return rare_ ? rare_->exception : nullptr;
    }
    /// Done with an exception that neither result() nor exception() returned (asyncio's
    /// __log_traceback: "Task exception was never retrieved").
    /// The exception the future finished with, without marking it retrieved (for a repr).
    std::exception_ptr peek_exception() const { return rare_ ? rare_->exception : nullptr; }
    bool exception_never_retrieved() const { return has_exception() && !rare_->retrieved; }
    void set_exception(std::exception_ptr error) {
        if (done()) throw InvalidStateError("invalid state: the future is already done");
        rare().exception = std::move(error);
        state_ = State::finished;
        schedule_callbacks();
    }

    /// Arrange for fn(self, this) to be scheduled with call_soon when the future is done
    /// (at once if it already is).
    void add_done_callback(CallbackFn fn, void* self) {
        if (done()) {
            loop_->call_soon(fn, self, this);
            return;
        }
        if (first_.fn == nullptr && !(rare_ && !rare_->more.empty())) {
            first_ = {fn, self};
        } else {
            rare().more.push_back({fn, self});
        }
    }
    /// Whether any done callback is registered (each holds the future until it has run).
    bool has_callbacks() const { return first_.fn != nullptr || (rare_ && !rare_->more.empty()); }
    /// Remove every registration of (fn, self); returns how many were removed.
    std::size_t remove_done_callback(CallbackFn fn, void* self) {
        std::size_t removed = 0;
        std::vector<Callback> kept;
        for_each_callback([&](const Callback& cb) {
            if (cb.fn == fn && cb.self == self) {
                removed += 1;
            } else {
                kept.push_back(cb);
            }
        });
        first_ = {};
        if (rare_) rare_->more.clear();
        for (const Callback& cb : kept) add_done_callback(cb.fn, cb.self);
        return removed;
    }

protected:
    enum class State : unsigned char { pending, cancelled, finished };

    /// A cancel() call, whatever its outcome, means nobody needs to hear of the exception.
    void cancel_future_attempted() {
        if (rare_) rare_->retrieved = true;
    }
    bool cancel_future() {
        if (rare_) rare_->retrieved = true;  // Future.cancel: self.__log_traceback = False, done or not
        if (done()) return false;
        state_ = State::cancelled;
        schedule_callbacks();
        return true;
    }
    void mark_finished() {
        if (done()) throw InvalidStateError("invalid state: the future is already done");
        state_ = State::finished;
        schedule_callbacks();
    }
    void check_result_available() const {
        if (state_ == State::cancelled) throw CancelledError();
        if (state_ != State::finished) throw InvalidStateError("Result is not ready.");
    }
    void rethrow_if_failed() const {
        check_result_available();
        if (rare_) rare_->retrieved = true;
        if (rare_ && rare_->exception) std::rethrow_exception(rare_->exception);
    }

private:
    struct Callback {
        CallbackFn fn = nullptr;
        void* self = nullptr;
    };
    template <class F>
    void for_each_callback(F f) const {
        if (first_.fn != nullptr) f(first_);
        if (rare_) {
            for (const Callback& cb : rare_->more) f(cb);
        }
    }
    // Future.__schedule_callbacks: each callback goes to the ready queue, in registration order.
    void schedule_callbacks() {
        Callback first = std::exchange(first_, Callback{});
        std::vector<Callback> more;
        if (rare_) more.swap(rare_->more);
        // A closed loop runs nothing again. Futures still complete while unfinished tasks are torn
        // down after close() (a released permit wakes a waiter); their callbacks are simply dropped
        // instead of throwing from inside a destructor.
        if (loop_->is_closed()) return;
        if (first.fn != nullptr) loop_->call_soon(first.fn, first.self, this);
        for (const Callback& cb : more) loop_->call_soon(cb.fn, cb.self, this);
    }

    // What few futures need, behind one pointer: an exception (a failed task) and callbacks beyond
    // the first. A future embedded in an awaiter stays small, and destroying one that never failed
    // costs no call into the C++ runtime.
    struct Rare {
        std::exception_ptr exception;
        mutable bool retrieved = false;  // result() or exception() handed the exception out
        std::vector<Callback> more;
    };
    Rare& rare() {
        if (!rare_) rare_ = std::make_unique<Rare>();
        return *rare_;
    }

    EventLoop* loop_;
    // Nearly every future has exactly one callback (the task awaiting it): keep it inline.
    Callback first_;
    std::unique_ptr<Rare> rare_;
    State state_ = State::pending;
};

/// asyncio.Future with a result of type T (void for futures that only signal).
template <class T>
class Future : public FutureBase {
public:
    using FutureBase::FutureBase;
    void set_result(T value) {
        if (done()) throw InvalidStateError("invalid state: the future is already done");
        result_.emplace(std::move(value));
        mark_finished();
    }
    /// The result; rethrows the exception, CancelledError if cancelled, InvalidStateError if pending.
    const T& result() const {
        rethrow_if_failed();
        return *result_;
    }

private:
    std::optional<T> result_;
};

template <>
class Future<void> : public FutureBase {
public:
    using FutureBase::FutureBase;
    void set_result() { mark_finished(); }
    void result() const { rethrow_if_failed(); }
};

/// futures._set_result_unless_cancelled: the timer callback behind sleep().
inline void set_result_unless_cancelled(void* future, void*) {
    auto* fut = static_cast<Future<void>*>(future);
    if (fut->cancelled()) return;
    fut->set_result();
}

}  // namespace sp
