#include "events.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

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

bool Handle::cancelled() const {
    return (id_ & cancelled_bit) != 0 || (loop_ != nullptr && loop_->handle_cancelled(id_));
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

EventLoop::Ready* EventLoop::ready_entry(std::uint64_t number) {
    if (number < ready_head_ || number - ready_head_ >= ready_size_) return nullptr;  // ran, or never queued
    return &ring_[number & ring_mask_];
}

void EventLoop::cancel_handle(std::uint64_t id) {
    if ((id & Handle::timer_bit) == 0) {
        // A call_soon handle: blank its entry if it has not run yet (Handle.cancel).
        if (Ready* entry = ready_entry(id >> 2); entry != nullptr && entry->fn != nullptr) {
            dispose_if_owned(entry->fn, entry->self);
            entry->fn = nullptr;
        }
        return;
    }
    const std::uint32_t index = timer_slot(id);
    if (index >= slots_.size()) return;
    Slot& slot = slots_[index];
    if (slot.generation != timer_generation(id) || slot.cancelled) return;
    slot.cancelled = true;
    // TimerHandle.cancel -> loop._timer_handle_cancelled counts only timers still in the heap.
    if (slot.scheduled) timer_cancelled_count_ += 1;
    dispose_if_owned(slot.fn, slot.self);  // Handle.cancel drops the callback's references at once
    slot.fn = nullptr;
    slot.self = nullptr;
}

bool EventLoop::handle_cancelled(std::uint64_t id) const {
    if ((id & Handle::timer_bit) == 0) {
        const std::uint64_t number = id >> 2;
        return number >= ready_head_ && number - ready_head_ < ready_size_ && ring_[number & ring_mask_].fn == nullptr;
    }
    const std::uint32_t index = timer_slot(id);
    return index < slots_.size() && slots_[index].generation == timer_generation(id) && slots_[index].cancelled;
}

void EventLoop::grow_ring() {
    // Every live entry keeps its number, so handles still find it.
    std::vector<Ready> grown(ring_.empty() ? 64 : ring_.size() * 2);
    for (std::uint64_t n = ready_head_; n < ready_head_ + ready_size_; ++n) {
        grown[n & (grown.size() - 1)] = ring_[n & ring_mask_];
    }
    ring_ = std::move(grown);
    ring_mask_ = ring_.size() - 1;
}

void EventLoop::refuse(CallbackFn fn, void* self) {
    dispose_if_owned(fn, self);
    throw std::logic_error("Event loop is closed");
}

void EventLoop::nested_task_error() {
    throw std::logic_error("Cannot enter into a task while another task is being executed");
}

void EventLoop::leave_task_error() { throw std::logic_error("Leaving a task that is not the current task"); }

std::uint32_t EventLoop::allocate_slot(double when, CallbackFn fn, void* self, void* arg) {
    std::uint32_t index;
    if (!free_slots_.empty()) {
        index = free_slots_.back();
        free_slots_.pop_back();
    } else {
        index = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& slot = slots_[index];
    slot.when = when;
    slot.fn = fn;
    slot.self = self;
    slot.arg = arg;
    slot.sequence = timers_set_++;
    slot.cancelled = false;
    slot.scheduled = true;
    return index;
}

void EventLoop::free_slot(std::uint32_t index) {
    Slot& slot = slots_[index];
    slot.generation += 1;  // every outstanding TimerHandle to this slot is now stale
    slot.fn = nullptr;
    slot.self = nullptr;
    slot.scheduled = false;
    free_slots_.push_back(index);
}

TimerHandle EventLoop::call_at(double when, CallbackFn fn, void* self, void* arg) {
    if (closed_) refuse(fn, self);
    // A NaN deadline stays NaN: it is due once it reaches the heap's top (due()), and until then it
    // waits where heapq's sifts leave it, behind timers set before it (issue #13: sleep(nan)).
    const std::uint32_t index = allocate_slot(when, fn, self, arg);
    push_timer(index);
    return TimerHandle(this, timer_id(index, slots_[index].generation), when);
}

void EventLoop::run_timer(void* loop_ptr, void* slot_ptr) {
    auto* loop = static_cast<EventLoop*>(loop_ptr);
    const auto index = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(slot_ptr));
    Slot& slot = loop->slots_[index];
    // Copy out before running: the callback may schedule more timers and reallocate slots_.
    const bool cancelled = slot.cancelled;
    CallbackFn fn = slot.fn;
    void* self = slot.self;
    void* arg = slot.arg;
    loop->free_slot(index);
    if (!cancelled) fn(self, arg);
}

void EventLoop::drop_cancelled_timers() {
    const std::size_t sched_count = scheduled_.size();
    if (sched_count > min_scheduled_timer_handles &&
        static_cast<double>(timer_cancelled_count_) / static_cast<double>(sched_count) >
            min_cancelled_timer_handles_fraction) {
        // Remove delayed calls that were cancelled if their number is too high. The order is total
        // (deadline, then sequence), so the rebuild frees memory without changing any event's order.
        // No reserve(sched_count - timer_cancelled_count_): like CPython's _timer_cancelled_count,
        // the count keeps timers that were cancelled in the heap and have since moved to the ready
        // queue, so it can exceed the heap's size.
        std::vector<std::uint32_t> live;
        for (std::uint32_t index : scheduled_) {
            if (slots_[index].cancelled) {
                free_slot(index);
            } else {
                live.push_back(index);
            }
        }
        scheduled_ = std::move(live);
        heapify_timers();
        timer_cancelled_count_ = 0;
    } else {
        // Remove delayed calls that were cancelled from the head of the queue.
        while (!scheduled_.empty() && slots_[scheduled_[0]].cancelled) {
            timer_cancelled_count_ -= 1;
            free_slot(pop_timer());
        }
    }
}

void EventLoop::push_timer(std::uint32_t index) {
    scheduled_.push_back(index);
    sift_toward_root(0, scheduled_.size() - 1);
}

std::uint32_t EventLoop::pop_timer() {
    const std::uint32_t last = scheduled_.back();
    scheduled_.pop_back();
    if (scheduled_.empty()) return last;
    const std::uint32_t top = scheduled_[0];
    scheduled_[0] = last;
    sift_from(0);
    return top;
}

void EventLoop::heapify_timers() {
    for (std::size_t i = scheduled_.size() / 2; i-- > 0;) sift_from(i);
}

void EventLoop::sift_toward_root(std::size_t start, std::size_t pos) {
    const std::uint32_t item = scheduled_[pos];
    while (pos > start) {
        const std::size_t parent = (pos - 1) >> 1;
        if (!earlier(item, scheduled_[parent])) break;
        scheduled_[pos] = scheduled_[parent];
        pos = parent;
    }
    scheduled_[pos] = item;
}

void EventLoop::sift_from(std::size_t pos) {
    // heapq's bottom-up variant: the smaller child moves up all the way to a leaf, then the item
    // sifts back toward `pos` (fewer comparisons than stopping early, and the layout CPython gets).
    const std::size_t end = scheduled_.size();
    const std::size_t start = pos;
    const std::uint32_t item = scheduled_[pos];
    for (std::size_t child = 2 * pos + 1; child < end; child = 2 * pos + 1) {
        if (child + 1 < end && !earlier(scheduled_[child], scheduled_[child + 1])) child += 1;
        scheduled_[pos] = scheduled_[child];
        pos = child;
    }
    scheduled_[pos] = item;
    sift_toward_root(start, pos);
}

std::optional<double> EventLoop::next_deadline() {
    if (ntodo_ == 0) drop_cancelled_timers();
    // A timer at infinity never comes due: CPython's loop would wait for it forever (a day of
    // select() at a time). It is no deadline, and a loop with only such timers is stuck.
    if (scheduled_.empty() || std::isinf(slots_[scheduled_[0]].when)) return std::nullopt;
    const double when = slots_[scheduled_[0]].when;
    return std::isnan(when) ? now_ : when;  // NaN: due now (CPython's select timeout is max(0, nan) == 0)
}

void EventLoop::begin_iteration() {
    drop_cancelled_timers();
    // Handle 'later' callbacks that are ready. Cancelled ones deeper in the heap move too and are
    // skipped when their turn comes, exactly as in CPython.
    while (!scheduled_.empty() && due(slots_[scheduled_[0]].when)) {
        std::uint32_t index = pop_timer();
        slots_[index].scheduled = false;
        push_ready(&EventLoop::run_timer, this, reinterpret_cast<void*>(static_cast<std::uintptr_t>(index)));
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
        // Copy out and pop before running: the callback may schedule more work and grow the ring.
        const Ready entry = ring_[ready_head_ & ring_mask_];
        ready_head_ += 1;
        ready_size_ -= 1;
        if (entry.fn != nullptr) entry.fn(entry.self, entry.arg);  // a cancelled handle is skipped
    }
    return ntodo_ == 0;
}

void EventLoop::close() {
    if (closed_) return;
    closed_ = true;
    for (std::uint64_t n = ready_head_; n < ready_head_ + ready_size_; ++n) {
        Ready& entry = ring_[n & ring_mask_];
        dispose_if_owned(entry.fn, entry.self);
        entry.fn = nullptr;
    }
    ready_head_ += ready_size_;  // every outstanding Handle is now stale
    ready_size_ = 0;
    for (Slot& slot : slots_) {
        dispose_if_owned(slot.fn, slot.self);
        slot.generation += 1;
        slot.fn = nullptr;
        slot.self = nullptr;
    }
    scheduled_.clear();
    ntodo_ = 0;
    timer_cancelled_count_ = 0;
}

}  // namespace sp
