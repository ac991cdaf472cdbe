// asyncio/locks.py: Lock and Event, CPython 3.11's algorithm.
//
// Both keep a FIFO queue of waiters whose future is the awaiter itself (as in locks.hpp), so a
// wait allocates nothing and a waiter leaves the queue in O(1).
//
// Lock differs from Semaphore in one way that shows in traces: release() does not hand the lock
// to the first waiter. It wakes that waiter, which takes the lock only when it runs (Lock.acquire
// sets _locked after its await); meanwhile the lock reads as unlocked, but a newcomer still queues
// behind the woken waiter (its acquire only skips the queue when every waiter is cancelled).
#pragma once

#include <cstddef>

#include "compat/coroutine.hpp"
#include "futures.hpp"
#include "tasks.hpp"

namespace sp {

class Lock;
class AsyncEvent;

/// The queue both primitives keep: an intrusive FIFO list of waiter futures.
class WaiterFuture : public Future<void> {
public:
    using Future<void>::Future;
    WaiterFuture(const WaiterFuture&) = delete;
    WaiterFuture& operator=(const WaiterFuture&) = delete;
    bool cancel() override;

protected:
    friend class WaiterQueue;
    class WaiterQueue* queue_ = nullptr;  // set while queued
    WaiterFuture* prev_ = nullptr;
    WaiterFuture* next_ = nullptr;
};

class WaiterQueue {
public:
    void push(WaiterFuture& w);
    void remove(WaiterFuture& w);
    WaiterFuture* first() const { return first_; }
    static WaiterFuture* next(const WaiterFuture& w) { return w.next_; }
    bool empty() const { return first_ == nullptr; }
    std::size_t size() const { return size_; }
    /// all(w.cancelled() for w in waiters), kept as a count.
    bool all_cancelled() const { return cancelled_ == size_; }

private:
    friend class WaiterFuture;
    WaiterFuture* first_ = nullptr;
    WaiterFuture* last_ = nullptr;
    std::size_t size_ = 0;
    std::size_t cancelled_ = 0;
};

/// `co_await lock.acquire()`.
class [[nodiscard]] LockAwaiter : private WaiterFuture {
public:
    explicit LockAwaiter(Lock& lock);
    ~LockAwaiter() override;
    bool await_ready();
    void await_suspend(co::coroutine_handle<> leaf);
    void await_resume();

private:
    Lock& lock_;
};

class Lock {
public:
    Lock() = default;
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    bool locked() const { return locked_; }
    LockAwaiter acquire() { return LockAwaiter(*this); }
    /// Throws RuntimeError("Lock is not acquired.") when unlocked.
    void release();
    std::size_t waiter_count() const { return waiters_.size(); }

private:
    friend class LockAwaiter;
    void wake_up_first();
    bool locked_ = false;
    WaiterQueue waiters_;
};

/// `co_await event.wait()`.
class [[nodiscard]] AsyncEventAwaiter : private WaiterFuture {
public:
    explicit AsyncEventAwaiter(AsyncEvent& event);
    ~AsyncEventAwaiter() override;
    bool await_ready() const;
    void await_suspend(co::coroutine_handle<> leaf);
    void await_resume();

private:
    AsyncEvent& event_;
};

/// asyncio.Event (named AsyncEvent: sp::Event is the scenario's event record).
class AsyncEvent {
public:
    AsyncEvent() = default;
    AsyncEvent(const AsyncEvent&) = delete;
    AsyncEvent& operator=(const AsyncEvent&) = delete;
    bool is_set() const { return value_; }
    /// Set the flag and wake every waiter that is not done.
    void set();
    void clear() { value_ = false; }
    AsyncEventAwaiter wait() { return AsyncEventAwaiter(*this); }
    std::size_t waiter_count() const { return waiters_.size(); }

private:
    friend class AsyncEventAwaiter;
    bool value_ = false;
    WaiterQueue waiters_;
};

}  // namespace sp
