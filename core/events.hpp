// asyncio/events.py + base_events.py: the event loop, on a virtual clock.
//
// The loop never sleeps and never reads the wall clock: whoever drives it calls advance_to(t) between
// iterations (a test, the JavaScript driver on setTimeout, a benchmark; and a program's blocking
// time.sleep() during one). Everything else follows
// BaseEventLoop: call_soon appends to a FIFO ready queue; call_at pushes onto a heap of timers;
// one iteration (run_once) moves the timers due by now to the ready queue and then runs exactly the
// callbacks that were ready when the iteration began.
//
// Two rules differ from CPython's code because a virtual clock stands still where a real one moves on
// (issue #11 and #15); both give what CPython prints on a learner's machine:
//   - Timers with equal deadlines fire in the order they were set. On a real clock no two call_at()
//     calls read the same time, so timers set one after another get increasing deadlines and pop in
//     that order; CPython's heapq would pop exact ties in an order no terminal ever shows.
//   - A timer the clock has been advanced to is due, at any magnitude. CPython's test
//     `when < time() + clock_resolution` loses the 1e-9 once time() passes 2^24 s, and with a clock
//     that does not move by itself the loop would then spin forever on a timer that is never due.
//
// Scheduling allocates nothing in the steady state. The ready queue is a ring of (fn, self, arg)
// entries, each numbered in order, so a Handle finds its entry by number and a stale handle (its
// callback already ran) falls outside the ring's live range. Timers live in a pool of slots owned
// by the loop, each with a generation number that tells a stale TimerHandle from a live one. Either
// way a handle stays safe to cancel after its callback ran or the loop closed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace sp {

class EventLoop;
class TaskBase;

/// A scheduled callback: fn(self, arg). Plain function pointers keep the hot path free of
/// std::function's allocations; the runtime's own callbacks are static member functions.
using CallbackFn = void (*)(void* self, void* arg);

/// events.Handle: returned by call_soon(); cancel() keeps the callback from running.
class Handle {
public:
    Handle() = default;
    /// Cancel the callback if it has not run yet. Safe on a handle whose callback already ran,
    /// on a default-constructed handle and after the loop closed.
    inline void cancel();
    /// True once cancel() was called on this handle (or on a copy, while the callback was pending).
    bool cancelled() const;

protected:
    friend class EventLoop;
    // `id` says which callback: bit 0 is set for a timer, bit 1 once cancel() was called on this
    // handle, and the rest is a ready entry's number or a timer's slot and generation (see
    // EventLoop::ready_id and EventLoop::timer_id). One word keeps handles small: every sleeping
    // task holds one.
    static constexpr std::uint64_t timer_bit = 1;
    static constexpr std::uint64_t cancelled_bit = 2;
    Handle(EventLoop* loop, std::uint64_t id) : loop_(loop), id_(id) {}
    EventLoop* loop_ = nullptr;
    std::uint64_t id_ = 0;
};

/// events.TimerHandle: returned by call_at() and call_later().
class TimerHandle : public Handle {
public:
    TimerHandle() = default;
    /// The absolute loop time at which the callback is scheduled.
    double when() const { return when_; }

private:
    friend class EventLoop;
    TimerHandle(EventLoop* loop, std::uint64_t id, double when) : Handle(loop, id), when_(when) {}
    double when_ = 0;
};

class EventLoop {
public:
    /// CPython uses time.get_clock_info('monotonic').resolution, 1e-9 s on Linux: a timer is due
    /// once `when < time() + clock_resolution` (or when <= time(), see due()).
    static constexpr double clock_resolution = 1e-9;

    /// Whether a timer at `when` is due now: CPython's test (`not when >= time() + clock_resolution`,
    /// so a NaN deadline is due), plus "the clock reached it", which CPython's test misses once
    /// time() + 1e-9 rounds to time() (above 2^24 s).
    bool due(double when) const { return when <= now_ || !(when >= now_ + clock_resolution); }

    EventLoop() = default;
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;
    ~EventLoop();

    /// The loop's virtual clock, in seconds. Starts at 0.
    double time() const { return now_; }

    /// Move the clock forward to t (t >= time()). The driver calls this between iterations; a
    /// program's blocking call (time.sleep, python/time_module.hpp) during one, as a real clock moves
    /// on while a callback blocks.
    void advance_to(double t);

    /// Schedule fn(self, arg) for the next iteration (FIFO with every other call_soon).
    Handle call_soon(CallbackFn fn, void* self, void* arg = nullptr) {
        if (closed_) refuse(fn, self);
        const std::uint64_t number = ready_head_ + ready_size_;
        push_ready(fn, self, arg);
        return Handle(this, ready_id(number));
    }
    /// Schedule fn(self, arg) at absolute loop time `when`.
    TimerHandle call_at(double when, CallbackFn fn, void* self, void* arg = nullptr);
    /// Schedule fn(self, arg) `delay` seconds from now (call_at(time() + delay)).
    TimerHandle call_later(double delay, CallbackFn fn, void* self, void* arg = nullptr) {
        return call_at(now_ + delay, fn, self, arg);
    }

    /// Convenience overloads for any callable (tests, examples). These allocate the callable.
    template <class F>
    Handle call_soon(F f) {
        return call_soon(&run_owned, new Owned<F>(std::move(f)));  // a closed loop frees it and throws
    }
    template <class F>
    TimerHandle call_at(double when, F f) {
        return call_at(when, &run_owned, new Owned<F>(std::move(f)));  // a closed loop frees it and throws
    }
    template <class F>
    TimerHandle call_later(double delay, F f) {
        return call_at(now_ + delay, std::move(f));
    }

    /// One iteration of BaseEventLoop._run_once, without the wait: drop cancelled timers, move the
    /// timers due by now to the ready queue, then run the callbacks that were ready when the
    /// iteration began. `budget` caps how many of them run in this call, so a driver can spread one
    /// big iteration over several host turns; nothing else may touch the loop until the iteration
    /// completes, so the split is invisible to the program. Returns true when the iteration is
    /// complete.
    bool run_once(std::size_t budget = std::numeric_limits<std::size_t>::max());

    /// What a KeyboardInterrupt or SystemExit escaping a callback does to BaseEventLoop._run_once
    /// (Handle._run lets them out): the iteration ends after the running callback; those it had not
    /// reached stay ready, first in line for the loop's next run (asyncio.run()'s clean-up).
    void end_iteration() { ntodo_ = 0; }

    /// True if an iteration is under way or a callback is ready (the next run_once has work).
    bool has_ready() const { return ntodo_ > 0 || ready_size_ > 0; }
    /// The earliest deadline among live timers, or nullopt (also when it is infinity: never due).
    /// Drops cancelled timers the way the next iteration would, so call it only between iterations.
    std::optional<double> next_deadline();
    /// Nothing ready and no live timer: time can never move again by itself.
    bool is_idle() { return !has_ready() && !next_deadline(); }

    /// Number of timers in the heap, cancelled ones included (len(loop._scheduled)).
    std::size_t scheduled_count() const { return scheduled_.size(); }
    /// Number of ready callbacks, cancelled ones included (len(loop._ready)).
    std::size_t ready_count() const { return static_cast<std::size_t>(ready_size_); }

    /// Drop every pending callback without running it. Tasks that have not finished may then be
    /// destroyed safely (their handles become no-ops). Further scheduling throws std::logic_error.
    void close();
    bool is_closed() const { return closed_; }

    /// The task whose step is running now (asyncio.current_task()), or nullptr.
    TaskBase* current_task() const { return current_task_; }
    /// The loop whose iteration is running on this thread (asyncio.get_running_loop()), or nullptr.
    static EventLoop* running();

    // Used by TaskBase::step (tasks._enter_task / _leave_task).
    void enter_task(TaskBase* task) {
        if (current_task_ != nullptr) nested_task_error();
        current_task_ = task;
    }
    void leave_task(TaskBase* task) {
        if (current_task_ != task) leave_task_error();
        current_task_ = nullptr;
    }

private:
    friend class Handle;

    /// One entry of the ready queue (a Handle in CPython's loop._ready). fn == nullptr: cancelled.
    struct Ready {
        CallbackFn fn;
        void* self;
        void* arg;
    };

    /// A timer (TimerHandle in loop._scheduled), kept in a slot so its handle can reach it.
    struct Slot {
        double when = 0;
        std::uint64_t sequence = 0;  // the order the timer was set in: breaks ties between equal deadlines
        CallbackFn fn = nullptr;
        void* self = nullptr;
        void* arg = nullptr;
        std::uint32_t generation = 0;
        bool cancelled = false;
        bool scheduled = false;  // in the timer heap (TimerHandle._scheduled)
    };

    /// A callable the loop owns (the call_soon(lambda) overloads): freed after it runs, or when
    /// its handle is cancelled or the loop closes without running it.
    struct OwnedCallback {
        void (*invoke)(OwnedCallback*);
        void (*dispose)(OwnedCallback*) noexcept;
    };
    template <class F>
    struct Owned final : OwnedCallback {
        explicit Owned(F&& callable) : OwnedCallback{&invoke_as, &dispose_as}, f(std::move(callable)) {}
        static void invoke_as(OwnedCallback* self) {
            struct Deleter {
                Owned* owned;
                ~Deleter() { delete owned; }
            } deleter{static_cast<Owned*>(self)};
            deleter.owned->f();
        }
        static void dispose_as(OwnedCallback* self) noexcept { delete static_cast<Owned*>(self); }
        F f;
    };
    static void run_owned(void* self, void*) {
        auto* owned = static_cast<OwnedCallback*>(self);
        owned->invoke(owned);
    }
    /// Free an owned callable that will never run.
    static void dispose_if_owned(CallbackFn fn, void* self) noexcept {
        if (fn == &run_owned) {
            auto* owned = static_cast<OwnedCallback*>(self);
            owned->dispose(owned);
        }
    }

    static constexpr std::uint64_t ready_id(std::uint64_t number) { return number << 2; }
    static constexpr std::uint64_t timer_id(std::uint32_t slot, std::uint32_t generation) {
        return (std::uint64_t{generation} << 32) | (std::uint64_t{slot} << 2) | Handle::timer_bit;
    }
    static constexpr std::uint32_t timer_slot(std::uint64_t id) {
        return static_cast<std::uint32_t>(id & 0xffffffffu) >> 2;
    }
    static constexpr std::uint32_t timer_generation(std::uint64_t id) { return static_cast<std::uint32_t>(id >> 32); }
    void cancel_handle(std::uint64_t id);
    bool handle_cancelled(std::uint64_t id) const;
    void check_open() const;

    std::uint32_t allocate_slot(double when, CallbackFn fn, void* self, void* arg);
    void free_slot(std::uint32_t index);
    /// The ready entry of a timer that came due: runs the slot's callback unless it was cancelled.
    static void run_timer(void* loop, void* slot);

    void push_ready(CallbackFn fn, void* self, void* arg) {
        if (ready_size_ == ring_.size()) grow_ring();
        ring_[(ready_head_ + ready_size_) & ring_mask_] = Ready{fn, self, arg};
        ready_size_ += 1;
    }
    // The rare paths, out of line so the hot ones above stay small enough to inline.
    void grow_ring();
    [[noreturn]] void refuse(CallbackFn fn, void* self);  // scheduling on a closed loop
    [[noreturn]] static void nested_task_error();
    [[noreturn]] static void leave_task_error();
    Ready* ready_entry(std::uint64_t number);
    void drop_cancelled_timers();
    void begin_iteration();

    // The timer heap, as heapq does it (heappush, heappop, heapify): the same sifts, so a timer whose
    // deadline is NaN, which compares false with every other, sits where CPython's heap leaves it.
    void push_timer(std::uint32_t index);
    std::uint32_t pop_timer();  // the earliest timer, off the heap
    void heapify_timers();
    void sift_toward_root(std::size_t start, std::size_t pos);  // heapq._siftdown
    void sift_from(std::size_t pos);                            // heapq._siftup
    /// TimerHandle.__lt__ (deadline), then the order the timers were set: a total order for every
    /// deadline but NaN, so the pop order does not depend on how the heap was built or rebuilt.
    bool earlier(std::uint32_t a, std::uint32_t b) const {
        const Slot& x = slots_[a];
        const Slot& y = slots_[b];
        return x.when < y.when || (x.when == y.when && x.sequence < y.sequence);
    }

    double now_ = 0;
    // The ready queue (collections.deque in CPython): a ring whose size is a power of two. Entry
    // number n is at ring_[n & (ring_.size() - 1)]; the live ones are ready_head_ .. + ready_size_.
    std::vector<Ready> ring_;
    std::uint64_t ring_mask_ = 0;  // ring_.size() - 1
    std::uint64_t ready_head_ = 0;
    std::uint64_t ready_size_ = 0;
    // Timers: slots (recycled through free_slots_) and the heap of their indices (loop._scheduled),
    // ordered by earlier().
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::vector<std::uint32_t> scheduled_;
    std::size_t timer_cancelled_count_ = 0;
    std::uint64_t timers_set_ = 0;  // call_at calls so far: the next timer's sequence
    std::uint64_t ntodo_ = 0;       // callbacks of the current iteration not yet run
    TaskBase* current_task_ = nullptr;
    bool closed_ = false;
};

void Handle::cancel() {
    id_ |= cancelled_bit;
    if (loop_ != nullptr) loop_->cancel_handle(id_);
}

}  // namespace sp
