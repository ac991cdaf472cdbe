#include "events.hpp"

#include <stdexcept>

#include "heapq.hpp"

namespace sp {

namespace {
// base_events.py: a full rebuild of the timer heap pays off once more than this many timers are
// scheduled and more than this fraction of them are cancelled.
constexpr std::size_t min_scheduled_timer_handles = 100;
constexpr double min_cancelled_timer_handles_fraction = 0.5;

thread_local EventLoop* running_loop = nullptr;

// Marks the loop as running for the duration of run_once (events._set_running_loop).
struct RunningLoopScope {
    EventLoop* previous;
    explicit RunningLoopScope(EventLoop* loop) : previous(running_loop) { running_loop = loop; }
    ~RunningLoopScope() { running_loop = previous; }
};
}  // namespace

void Handle::cancel() {
    cancelled_ = true;
    if (loop_ != nullptr) loop_->cancel_slot(slot_, generation_);
}

bool Handle::cancelled() const {
    return cancelled_ || (loop_ != nullptr && loop_->slot_cancelled(slot_, generation_));
}

EventLoop::~EventLoop() { close(); }

EventLoop* EventLoop::running() { return running_loop; }

void EventLoop::check_open() const {
    if (closed_) throw std::logic_error("Event loop is closed");
}

void EventLoop::advance_to(double t) {
    if (!(t >= now_)) throw std::invalid_argument("advance_to: time cannot go backwards");
    now_ = t;
}

std::uint32_t EventLoop::allocate_slot(CallbackFn fn, void (*dispose)(void*), void* self, void* arg) {
    std::uint32_t index;
    if (!free_slots_.empty()) {
        index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& slot = slots_[index];
    slot.fn = fn;
    slot.dispose = dispose;
    slot.self = self;
    slot.arg = arg;
    slot.cancelled = false;
    slot.scheduled = false;
    return index;
}

void EventLoop::free_slot(std::uint32_t index) {
    Slot& slot = slots_[index];
    slot.generation += 1;  // every outstanding Handle to this slot is now stale
    slot.fn = nullptr;
    slot.dispose = nullptr;
    slot.self = nullptr;
    free_slots_.push_back(index);
}

void EventLoop::cancel_slot(std::uint32_t index, std::uint32_t generation) {
    if (index >= slots_.size()) return;
    Slot& slot = slots_[index];
    if (slot.generation != generation || slot.cancelled) return;
    slot.cancelled = true;
    // TimerHandle.cancel -> loop._timer_handle_cancelled counts only timers still in the heap.
    if (slot.scheduled) timer_cancelled_count_ += 1;
    if (slot.dispose != nullptr) {
        slot.dispose(slot.self);  // Handle.cancel drops the callback's references at once
        slot.dispose = nullptr;
        slot.self = nullptr;
    }
}

bool EventLoop::slot_cancelled(std::uint32_t index, std::uint32_t generation) const {
    return index < slots_.size() && slots_[index].generation == generation && slots_[index].cancelled;
}

void EventLoop::push_ready(std::uint32_t index) {
    if (ready_size_ == ready_.size()) {
        // Grow the ring, unrolling it so the queue starts at 0 again.
        std::vector<std::uint32_t> grown(ready_.empty() ? 64 : ready_.size() * 2);
        for (std::size_t i = 0; i < ready_size_; ++i) grown[i] = ready_[(ready_head_ + i) % ready_.size()];
        ready_ = std::move(grown);
        ready_head_ = 0;
    }
    ready_[(ready_head_ + ready_size_) % ready_.size()] = index;
    ready_size_ += 1;
}

std::uint32_t EventLoop::pop_ready() {
    std::uint32_t index = ready_[ready_head_];
    ready_head_ = (ready_head_ + 1) % ready_.size();
    ready_size_ -= 1;
    return index;
}

Handle EventLoop::call_soon(CallbackFn fn, void* self, void* arg) {
    check_open();
    std::uint32_t index = allocate_slot(fn, nullptr, self, arg);
    push_ready(index);
    return Handle(this, index, slots_[index].generation);
}

Handle EventLoop::call_soon_owned(CallbackFn fn, void (*dispose)(void*), void* self) {
    if (closed_) dispose(self);
    check_open();
    std::uint32_t index = allocate_slot(fn, dispose, self, nullptr);
    push_ready(index);
    return Handle(this, index, slots_[index].generation);
}

TimerHandle EventLoop::call_at(double when, CallbackFn fn, void* self, void* arg) {
    check_open();
    std::uint32_t index = allocate_slot(fn, nullptr, self, arg);
    slots_[index].when = when;
    slots_[index].scheduled = true;
    heapq::heappush(scheduled_, index, TimerLess{&slots_});
    return TimerHandle(this, index, slots_[index].generation, when);
}

TimerHandle EventLoop::call_at_owned(double when, CallbackFn fn, void (*dispose)(void*), void* self) {
    if (closed_) dispose(self);
    check_open();
    std::uint32_t index = allocate_slot(fn, dispose, self, nullptr);
    slots_[index].when = when;
    slots_[index].scheduled = true;
    heapq::heappush(scheduled_, index, TimerLess{&slots_});
    return TimerHandle(this, index, slots_[index].generation, when);
}

void EventLoop::drop_cancelled_timers() {
    const std::size_t sched_count = scheduled_.size();
    if (sched_count > min_scheduled_timer_handles &&
        static_cast<double>(timer_cancelled_count_) / static_cast<double>(sched_count) >
            min_cancelled_timer_handles_fraction) {
        // Remove delayed calls that were cancelled if their number is too high: keep the live ones
        // in their current heap order, then heapify (which decides future tie order, as in CPython).
        std::vector<std::uint32_t> live;
        live.reserve(sched_count - timer_cancelled_count_);
        for (std::uint32_t index : scheduled_) {
            if (slots_[index].cancelled) {
                slots_[index].scheduled = false;
                free_slot(index);
            } else {
                live.push_back(index);
            }
        }
        heapq::heapify(live, TimerLess{&slots_});
        scheduled_ = std::move(live);
        timer_cancelled_count_ = 0;
    } else {
        // Remove delayed calls that were cancelled from the head of the queue.
        while (!scheduled_.empty() && slots_[scheduled_[0]].cancelled) {
            timer_cancelled_count_ -= 1;
            std::uint32_t index = heapq::heappop(scheduled_, TimerLess{&slots_});
            slots_[index].scheduled = false;
            free_slot(index);
        }
    }
}

std::optional<double> EventLoop::next_deadline() {
    if (ntodo_ == 0) drop_cancelled_timers();
    if (scheduled_.empty()) return std::nullopt;
    return slots_[scheduled_[0]].when;
}

void EventLoop::begin_iteration() {
    drop_cancelled_timers();
    // Handle 'later' callbacks that are ready. Cancelled ones deeper in the heap move too and are
    // skipped when their turn comes, exactly as in CPython.
    const double end_time = now_ + clock_resolution;
    while (!scheduled_.empty()) {
        if (slots_[scheduled_[0]].when >= end_time) break;
        std::uint32_t index = heapq::heappop(scheduled_, TimerLess{&slots_});
        slots_[index].scheduled = false;
        push_ready(index);
    }
    // Only the callbacks ready now run in this iteration; those they schedule wait for the next.
    ntodo_ = ready_size_;
}

bool EventLoop::run_once(std::size_t budget) {
    check_open();
    RunningLoopScope scope(this);
    if (ntodo_ == 0) begin_iteration();
    while (ntodo_ > 0 && budget > 0) {
        ntodo_ -= 1;
        budget -= 1;
        std::uint32_t index = pop_ready();
        Slot& slot = slots_[index];
        if (slot.cancelled) {
            free_slot(index);
            continue;
        }
        // Copy out before running: the callback may schedule more work and reallocate slots_.
        CallbackFn fn = slot.fn;
        void* self = slot.self;
        void* arg = slot.arg;
        free_slot(index);
        fn(self, arg);
    }
    return ntodo_ == 0;
}

void EventLoop::enter_task(TaskBase* task) {
    if (current_task_ != nullptr) throw std::logic_error("Cannot enter into a task while another task is being executed");
    current_task_ = task;
}

void EventLoop::leave_task(TaskBase* task) {
    if (current_task_ != task) throw std::logic_error("Leaving a task that is not the current task");
    current_task_ = nullptr;
}

void EventLoop::close() {
    if (closed_) return;
    closed_ = true;
    for (Slot& slot : slots_) {
        if (slot.fn != nullptr && slot.dispose != nullptr) slot.dispose(slot.self);
        slot.generation += 1;
        slot.fn = nullptr;
        slot.dispose = nullptr;
    }
    scheduled_.clear();
    ready_size_ = 0;
    ready_head_ = 0;
    ntodo_ = 0;
    timer_cancelled_count_ = 0;
}

}  // namespace sp
