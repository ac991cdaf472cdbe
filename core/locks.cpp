#include "locks.hpp"

namespace sp {

namespace {
EventLoop& loop_for_waiter() {
    EventLoop* loop = EventLoop::running();
    if (loop == nullptr) throw std::logic_error("Semaphore.acquire() needs a running event loop");
    return *loop;
}
}  // namespace

Semaphore::Semaphore(std::int64_t value) : value_(value) {
    if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
}

bool Semaphore::locked() const {
    // value == 0 or any(not w.cancelled() for w in waiters)
    return value_ == 0 || waiter_count_ > cancelled_count_;
}

void Semaphore::release() {
    value_ += 1;
    wake_up_next();
}

void Semaphore::wake_up_next() {
    // Reserve the permit for the first waiter that is not done (it may have been woken already,
    // or cancelled, and still be queued until it runs). Waiters become done in queue order when
    // woken, and anywhere when cancelled, so the cursor only ever moves forward past done ones.
    AcquireAwaiter* w = first_maybe_pending_;
    while (w != nullptr && w->done()) w = w->next_;
    first_maybe_pending_ = w;
    if (w == nullptr) return;
    value_ -= 1;
    w->set_result();
    first_maybe_pending_ = w->next_;
}

void Semaphore::enqueue(AcquireAwaiter& waiter) {
    waiter.prev_ = last_;
    waiter.next_ = nullptr;
    if (last_ != nullptr) {
        last_->next_ = &waiter;
    } else {
        first_ = &waiter;
    }
    last_ = &waiter;
    if (first_maybe_pending_ == nullptr) first_maybe_pending_ = &waiter;  // all before it are done
    waiter.queued_ = true;
    waiter_count_ += 1;
}

void Semaphore::remove(AcquireAwaiter& waiter) {
    if (first_maybe_pending_ == &waiter) first_maybe_pending_ = waiter.next_;
    if (waiter.cancelled()) cancelled_count_ -= 1;
    if (waiter.prev_ != nullptr) {
        waiter.prev_->next_ = waiter.next_;
    } else {
        first_ = waiter.next_;
    }
    if (waiter.next_ != nullptr) {
        waiter.next_->prev_ = waiter.prev_;
    } else {
        last_ = waiter.prev_;
    }
    waiter.prev_ = waiter.next_ = nullptr;
    waiter.queued_ = false;
    waiter_count_ -= 1;
}

void BoundedSemaphore::release() {
    if (value() >= bound_) throw ValueError("BoundedSemaphore released too many times");
    Semaphore::release();
}

AcquireAwaiter::AcquireAwaiter(Semaphore& sem) : Future<void>(loop_for_waiter()), sem_(sem) {}

bool AcquireAwaiter::cancel() {
    if (!Future<void>::cancel()) return false;
    if (queued_) sem_.cancelled_count_ += 1;
    return true;
}

AcquireAwaiter::~AcquireAwaiter() {
    // The frame is being destroyed while still queued (its loop was closed): leave the queue.
    if (queued_) sem_.remove(*this);
}

bool AcquireAwaiter::await_ready() {
    if (!sem_.locked()) {
        sem_.value_ -= 1;
        return true;
    }
    return false;
}

void AcquireAwaiter::await_suspend(co::coroutine_handle<> leaf) {
    TaskBase& task = require_current_task(get_loop());
    sem_.enqueue(*this);
    task.await_future(*this, leaf);
}

void AcquireAwaiter::await_resume() {
    if (!queued_) return;  // acquired without waiting
    TaskBase& task = require_current_task(get_loop());
    if (!task.has_thrown_in()) {
        sem_.remove(*this);  // the `finally: self._waiters.remove(fut)`
        if (sem_.value_ > 0) sem_.wake_up_next();
        return;
    }
    std::exception_ptr error = task.take_thrown_in();
    sem_.remove(*this);
    // Woken (the permit was reserved for us) but cancelled before we ran: pass it on.
    if (is_cancelled_error(error) && !cancelled()) {
        sem_.value_ += 1;
        sem_.wake_up_next();
    }
    std::rethrow_exception(error);
}

// Asking for std::uncaught_exceptions() costs a call into the C++ runtime on every acquire, so a
// permit asks only when its release can throw.
Permit::Permit(Semaphore& sem) : sem_(&sem), uncaught_(sem.release_can_throw_ ? std::uncaught_exceptions() : 0) {}

Permit::~Permit() noexcept(false) {
    if (sem_ == nullptr) return;
    Semaphore* sem = std::exchange(sem_, nullptr);
    if (sem->release_can_throw_ && std::uncaught_exceptions() > uncaught_) {
        // Leaving the block because of an exception: a second one cannot propagate from here, so
        // an over-release of a BoundedSemaphore is dropped in favour of the error in flight.
        try {
            sem->release();
        } catch (const ValueError&) {
        }
        return;
    }
    sem->release();
}

void Permit::release() {
    if (sem_ == nullptr) return;
    std::exchange(sem_, nullptr)->release();
}

}  // namespace sp
