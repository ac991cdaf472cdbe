// asyncio/locks.py: Semaphore and BoundedSemaphore, CPython 3.11's algorithm.
//
// A semaphore counts permits. acquire() takes one at once if the semaphore is not locked();
// otherwise the caller joins a FIFO queue of waiters and suspends on its own future. release()
// hands the permit straight to the first waiter that is not done (reserving it: value goes back
// down before that waiter even runs). A woken waiter that is cancelled before it runs gives its
// permit back to the next one.
//
// The waiter is not allocated: it is the awaiter object itself, which lives in the awaiting
// coroutine's frame and doubles as the node of an intrusive list, so removal on cancellation is
// O(1) and a wait costs no allocation (cppcoro's async_mutex does the same).
//
// CPython scans the queue in locked() (for a waiter that is not cancelled) and in _wake_up_next
// (for the first waiter that is not done). Both answers are kept up to date here instead, so a
// release costs O(1) however many woken waiters have not run yet: a count of the cancelled
// waiters still queued, and a cursor before which every waiter is done.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <utility>

#include "compat/coroutine.hpp"
#include "futures.hpp"
#include "tasks.hpp"

namespace sp {

class Semaphore;

/// `co_await sem.acquire()`: one waiter of the semaphore while it is suspended.
///
/// The awaiter is itself the waiter's future (the `fut` CPython appends to sem._waiters): the
/// waiting task awaits it, release() sets its result, and cancelling the task cancels it.
class [[nodiscard]] AcquireAwaiter : private Future<void> {
public:
    explicit AcquireAwaiter(Semaphore& sem);
    AcquireAwaiter(const AcquireAwaiter&) = delete;
    AcquireAwaiter& operator=(const AcquireAwaiter&) = delete;
    ~AcquireAwaiter() override;

    bool await_ready();
    void await_suspend(co::coroutine_handle<> leaf);
    void await_resume();

    /// The waiter's future.
    const Future<void>& future() const { return *this; }

protected:
    Semaphore& sem_;

private:
    friend class Semaphore;
    /// Future.cancel, and the semaphore counts the cancelled waiter for locked().
    bool cancel() override;

    bool queued_ = false;
    AcquireAwaiter* prev_ = nullptr;  // neighbours in the semaphore's FIFO queue
    AcquireAwaiter* next_ = nullptr;
};

/// A held permit, released when it goes out of scope: the `async with sem:` block. Move-only.
class [[nodiscard]] Permit {
public:
    Permit() = default;
    explicit Permit(Semaphore& sem);
    Permit(Permit&& other) noexcept : sem_(std::exchange(other.sem_, nullptr)), uncaught_(other.uncaught_) {}
    Permit& operator=(Permit&& other) noexcept(false) {
        if (this != &other) {
            release();
            sem_ = std::exchange(other.sem_, nullptr);
            uncaught_ = other.uncaught_;
        }
        return *this;
    }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() noexcept(false);

    bool held() const { return sem_ != nullptr; }
    /// Release now instead of at the end of the scope (__aexit__). May throw ValueError from a
    /// BoundedSemaphore that was released too many times elsewhere.
    void release();

private:
    Semaphore* sem_ = nullptr;
    int uncaught_ = 0;  // std::uncaught_exceptions() when acquired, if release() can throw
};

/// `co_await sem.permit()`: acquire, then hold the permit in a Permit guard.
class [[nodiscard]] PermitAwaiter : public AcquireAwaiter {
public:
    using AcquireAwaiter::AcquireAwaiter;
    Permit await_resume() {
        AcquireAwaiter::await_resume();
        return Permit(sem_);
    }
};

class Semaphore {
public:
    /// Throws ValueError if `value` is negative.
    explicit Semaphore(std::int64_t value = 1);
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;
    virtual ~Semaphore() = default;

    /// True if acquire() would suspend: no permit left, or a waiter that is not cancelled is
    /// already queued (newcomers do not overtake the queue).
    bool locked() const;
    /// Take a permit, suspending in FIFO order while the semaphore is locked().
    AcquireAwaiter acquire() { return AcquireAwaiter(*this); }
    /// acquire(), returning a guard that releases the permit at the end of its scope.
    PermitAwaiter permit() { return PermitAwaiter(*this); }
    /// Give a permit back and wake the first waiter that is not done.
    virtual void release();

    /// Permits available now (sem._value).
    std::int64_t value() const { return value_; }
    /// Waiters queued, cancelled ones that have not run yet included (len(sem._waiters)).
    std::size_t waiter_count() const { return waiter_count_; }

protected:
    /// True if release() can throw (a BoundedSemaphore's ValueError).
    bool release_can_throw_ = false;

private:
    friend class AcquireAwaiter;
    friend class Permit;
    void wake_up_next();
    void enqueue(AcquireAwaiter& waiter);
    void remove(AcquireAwaiter& waiter);

    std::int64_t value_;
    AcquireAwaiter* first_ = nullptr;
    AcquireAwaiter* last_ = nullptr;
    AcquireAwaiter* first_maybe_pending_ = nullptr;  // every waiter before it is done
    std::size_t waiter_count_ = 0;
    std::size_t cancelled_count_ = 0;  // queued waiters whose future is cancelled
};

/// A semaphore that refuses to be released above its initial value (ValueError).
class BoundedSemaphore final : public Semaphore {
public:
    explicit BoundedSemaphore(std::int64_t value = 1) : Semaphore(value), bound_(value) { release_can_throw_ = true; }
    void release() override;
    /// The initial value, which value() may never exceed.
    std::int64_t bound() const { return bound_; }

private:
    std::int64_t bound_;
};

}  // namespace sp
