// asyncio/timeouts.py: `async with asyncio.timeout(delay): body`.
//
// At the deadline the Timeout cancels the task it was entered in; when the body ends with that
// CancelledError and no other cancellation arrived meanwhile (task.uncancel() is back to what
// cancelling() was on entry: 3.11.7's rule), it is turned into a TimeoutError. Any other cancellation passes through untouched.
//
// C++ has no `async with` that can replace an exception on exit, so the context manager is the
// Timeout class and timeout()/timeout_at() are coroutines that enter it, await the body and exit.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "coroutines.hpp"
#include "events.hpp"
#include "tasks.hpp"

namespace sp {

class Timeout {
public:
    enum class State { created, entered, expiring, expired, exited };

    /// A timeout at absolute loop time `when`; nullopt never expires.
    explicit Timeout(std::optional<double> when) : when_(when) {}
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;
    ~Timeout() { handler_.cancel(); }

    std::optional<double> when() const { return when_; }
    /// Move the deadline (only while entered).
    void reschedule(std::optional<double> when);
    /// True once the deadline passed while the body ran.
    bool expired() const { return state_ == State::expiring || state_ == State::expired; }
    State state() const { return state_; }

    /// Told when the deadline passes, before the task is cancelled (how the playground's trace of a
    /// program hears of it); null: nobody.
    using Expiry = void (*)(void* context);
    void on_expiry(Expiry f, void* context) {
        expiry_ = f;
        expiry_context_ = context;
    }

    /// __aenter__: remember the current task and schedule the deadline.
    void enter();
    /// __aexit__ with the exception the body ended with (null if none): cancels the deadline,
    /// then rethrows `error`, or throws TimeoutError in its place when this timeout caused it.
    void exit(std::exception_ptr error);

private:
    static void on_timeout(void* self, void*);
    std::optional<double> when_;
    Handle handler_;
    TaskBase* task_ = nullptr;
    int cancelling_ = 0;  // the task's cancelling() when entered: requests that were already pending
    Expiry expiry_ = nullptr;
    void* expiry_context_ = nullptr;
    State state_ = State::created;
};

/// `async with asyncio.timeout_at(when): return await body`
template <class T>
Coro<T> timeout_at(std::optional<double> when, Coro<T> body) {
    Timeout cm(when);
    cm.enter();
    std::exception_ptr error;
    if constexpr (std::is_void_v<T>) {
        try {
            co_await std::move(body);
        } catch (...) {
            error = std::current_exception();
        }
        cm.exit(error);
    } else {
        std::optional<T> result;
        try {
            result.emplace(co_await std::move(body));
        } catch (...) {
            error = std::current_exception();
        }
        cm.exit(error);
        co_return std::move(*result);
    }
}

/// `async with asyncio.timeout(delay): return await body` (nullopt: no timeout). Like Python's
/// timeout(), it reads the clock when called, which is right where it is awaited.
template <class T>
Coro<T> timeout(std::optional<double> delay, Coro<T> body) {
    std::optional<double> when;
    if (delay) {
        EventLoop* loop = EventLoop::running();
        if (loop == nullptr) throw std::logic_error("timeout() needs a running event loop");
        when = loop->time() + *delay;
    }
    return timeout_at(when, std::move(body));
}

}  // namespace sp
