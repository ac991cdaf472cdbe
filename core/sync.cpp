#include "sync.hpp"

#include <stdexcept>

namespace sp {

namespace {
EventLoop& running_loop_for(const char* what) {
    EventLoop* loop = EventLoop::running();
    if (loop == nullptr) throw std::logic_error(what);
    return *loop;
}
}  // namespace

bool WaiterFuture::cancel() {
    if (!Future<void>::cancel()) return false;
    if (queue_ != nullptr) queue_->cancelled_ += 1;
    return true;
}

void WaiterQueue::push(WaiterFuture& w) {
    w.prev_ = last_;
    w.next_ = nullptr;
    if (last_ != nullptr) {
        last_->next_ = &w;
    } else {
        first_ = &w;
    }
    last_ = &w;
    w.queue_ = this;
    size_ += 1;
    if (w.cancelled()) cancelled_ += 1;
}

void WaiterQueue::remove(WaiterFuture& w) {
    if (w.queue_ != this) return;
    if (w.cancelled()) cancelled_ -= 1;
    if (w.prev_ != nullptr) {
        w.prev_->next_ = w.next_;
    } else {
        first_ = w.next_;
    }
    if (w.next_ != nullptr) {
        w.next_->prev_ = w.prev_;
    } else {
        last_ = w.prev_;
    }
    w.prev_ = w.next_ = nullptr;
    w.queue_ = nullptr;
    size_ -= 1;
}

// --- Lock --------------------------------------------------------------------------------------

LockAwaiter::LockAwaiter(Lock& lock)
    : WaiterFuture(running_loop_for("Lock.acquire() needs a running event loop")), lock_(lock) {}

LockAwaiter::~LockAwaiter() {
    if (queue_ != nullptr) queue_->remove(*this);  // destroyed while queued (the loop was closed)
}

bool LockAwaiter::await_ready() {
    if (!lock_.locked_ && lock_.waiters_.all_cancelled()) {
        lock_.locked_ = true;
        return true;
    }
    return false;
}

void LockAwaiter::await_suspend(co::coroutine_handle<> leaf) {
    TaskBase& task = require_current_task(get_loop());
    lock_.waiters_.push(*this);
    task.await_future(*this, leaf);
}

void LockAwaiter::await_resume() {
    if (queue_ == nullptr) return;  // acquired without waiting
    TaskBase& task = require_current_task(get_loop());
    lock_.waiters_.remove(*this);  // the inner `finally: self._waiters.remove(fut)`
    if (task.has_thrown_in()) {
        std::exception_ptr error = task.take_thrown_in();
        // `except CancelledError: if not self._locked: self._wake_up_first()`
        if (is_cancelled_error(error) && !lock_.locked_) lock_.wake_up_first();
        std::rethrow_exception(error);
    }
    lock_.locked_ = true;
}

void Lock::release() {
    if (!locked_) throw RuntimeError("Lock is not acquired.");
    locked_ = false;
    wake_up_first();
}

void Lock::wake_up_first() {
    // The first waiter only, done or not: a woken waiter that has not run yet keeps the others
    // waiting (CPython's next(iter(self._waiters))).
    WaiterFuture* first = waiters_.first();
    if (first != nullptr && !first->done()) first->set_result();
}

// --- Event -------------------------------------------------------------------------------------

AsyncEventAwaiter::AsyncEventAwaiter(AsyncEvent& event)
    : WaiterFuture(running_loop_for("Event.wait() needs a running event loop")), event_(event) {}

AsyncEventAwaiter::~AsyncEventAwaiter() {
    if (queue_ != nullptr) queue_->remove(*this);
}

bool AsyncEventAwaiter::await_ready() const { return event_.value_; }

void AsyncEventAwaiter::await_suspend(co::coroutine_handle<> leaf) {
    TaskBase& task = require_current_task(get_loop());
    event_.waiters_.push(*this);
    task.await_future(*this, leaf);
}

void AsyncEventAwaiter::await_resume() {
    if (queue_ == nullptr) return;  // the flag was already set
    TaskBase& task = require_current_task(get_loop());
    event_.waiters_.remove(*this);  // `finally: self._waiters.remove(fut)`
    task.rethrow_thrown_in();
}

void AsyncEvent::set() {
    if (value_) return;
    value_ = true;
    for (WaiterFuture* w = waiters_.first(); w != nullptr;) {
        WaiterFuture* next = WaiterQueue::next(*w);
        if (!w->done()) w->set_result();
        w = next;
    }
}

}  // namespace sp
