// A coroutine awaited inline: `co_await child()` runs child in the awaiting task, like `await
// child()` in Python, which creates no new task.
//
// Coro is lazy (nothing runs until it is awaited) and uses symmetric transfer: starting a child and
// returning to the parent are jumps between frames, never nested calls, so a long chain of awaits
// that complete without suspending does not grow the stack (cppcoro's task<T>). The jumps go
// through the running task step's resume loop (detail::trampoline).
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <utility>

#include "compat/coroutine.hpp"
#include "frame_pool.hpp"

namespace sp {

template <class T = void>
class Coro;

namespace detail {

/// The resume loop of the task step running on this thread (TaskBase::step), if any.
///
/// A coroutine that starts a child, or finishes and returns to its parent, does not resume it
/// itself (a nested call: the stack would grow with every level). It stores the next coroutine here
/// and suspends; the step's loop resumes it. This is symmetric transfer without relying on the
/// compiler's tail calls, which clang 14 does not make stack-neutral in WebAssembly (each one left
/// 16 bytes of shadow stack behind). Chains of any depth run in constant stack on every target.
inline thread_local co::coroutine_handle<>* trampoline = nullptr;

/// Continue with `next` after the current coroutine suspends.
inline void transfer_to(co::coroutine_handle<> next) noexcept {
    if (trampoline != nullptr) {
        *trampoline = next;
    } else {
        next.resume();  // not inside a task step (only in hand-driven tests): a plain nested resume
    }
}

struct CoroPromiseBase {
    co::coroutine_handle<> continuation;
    std::exception_ptr exception;

    // Frames come from a recycling pool: most runs create thousands of frames of a few sizes.
    static void* operator new(std::size_t size) { return FramePool::allocate(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { FramePool::deallocate(frame, size); }

    co::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter {
        bool await_ready() noexcept { return false; }
        template <class Promise>
        void await_suspend(co::coroutine_handle<Promise> done) noexcept {
            // Back to whoever awaited us; a task's root coroutine has nobody and returns to the
            // task's step.
            if (co::coroutine_handle<> next = done.promise().continuation) transfer_to(next);
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
};

template <class T>
struct CoroPromise : CoroPromiseBase {
    std::optional<T> value;
    Coro<T> get_return_object() noexcept;
    template <class U>
    void return_value(U&& v) {
        value.emplace(std::forward<U>(v));
    }
    T take_result() {
        if (exception) std::rethrow_exception(exception);
        return std::move(*value);
    }
};

template <>
struct CoroPromise<void> : CoroPromiseBase {
    Coro<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take_result() {
        if (exception) std::rethrow_exception(exception);
    }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Coro {
public:
    using promise_type = detail::CoroPromise<T>;
    using handle_type = co::coroutine_handle<promise_type>;

    Coro() = default;
    explicit Coro(handle_type handle) noexcept : handle_(handle) {}
    Coro(Coro&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
    Coro& operator=(Coro&& other) noexcept {
        if (this != &other) {
            reset();
            handle_ = std::exchange(other.handle_, {});
        }
        return *this;
    }
    Coro(const Coro&) = delete;
    Coro& operator=(const Coro&) = delete;
    ~Coro() { reset(); }

    bool valid() const noexcept { return static_cast<bool>(handle_); }
    handle_type handle() const noexcept { return handle_; }
    /// Give up ownership of the frame (a Task takes it over).
    handle_type release() noexcept { return std::exchange(handle_, {}); }
    /// Destroy the frame (and every local in it) now.
    void reset() noexcept {
        if (handle_) std::exchange(handle_, {}).destroy();
    }

    struct Awaiter {
        handle_type child;
        bool await_ready() noexcept { return false; }
        void await_suspend(co::coroutine_handle<> parent) noexcept {
            child.promise().continuation = parent;
            detail::transfer_to(child);  // start the child
        }
        T await_resume() { return child.promise().take_result(); }
    };
    /// Await a Coro only once, as an rvalue: `co_await child();`
    Awaiter operator co_await() && noexcept { return Awaiter{handle_}; }

private:
    handle_type handle_;
};

namespace detail {
template <class T>
Coro<T> CoroPromise<T>::get_return_object() noexcept {
    return Coro<T>(co::coroutine_handle<CoroPromise<T>>::from_promise(*this));
}
inline Coro<void> CoroPromise<void>::get_return_object() noexcept {
    return Coro<void>(co::coroutine_handle<CoroPromise<void>>::from_promise(*this));
}
}  // namespace detail

}  // namespace sp
