#include "timeouts.hpp"

#include <stdexcept>
#include <typeinfo>

namespace sp {

void Timeout::reschedule(std::optional<double> when) {
    if (state_ != State::entered) throw std::logic_error("Cannot change state of a Timeout that is not active");
    when_ = when;
    handler_.cancel();
    handler_ = Handle();
    if (!when) return;
    EventLoop& loop = task_->get_loop();
    if (*when <= loop.time()) {
        handler_ = loop.call_soon(&Timeout::on_timeout, this);
    } else {
        handler_ = loop.call_at(*when, &Timeout::on_timeout, this);
    }
}

void Timeout::enter() {
    if (state_ != State::created) throw std::logic_error("Timeout has already been entered");
    state_ = State::entered;
    task_ = current_task();
    if (task_ == nullptr) throw std::logic_error("Timeout should be used inside a task");
    cancelling_ = task_->cancelling();
    reschedule(when_);
}

void Timeout::exit(std::exception_ptr error) {
    handler_.cancel();
    handler_ = Handle();
    if (state_ == State::expiring) {
        state_ = State::expired;
        // `exc_type is CancelledError`: only our own cancellation, with no other one requested since
        // the block was entered (one caught and swallowed before it does not count).
        if (task_->uncancel() <= cancelling_ && is_cancelled_error(error)) throw TimeoutError();
    } else if (state_ == State::entered) {
        state_ = State::exited;
    }
    if (error) std::rethrow_exception(error);
}

void Timeout::on_timeout(void* self, void*) {
    auto* timeout = static_cast<Timeout*>(self);
    if (timeout->expiry_ != nullptr) timeout->expiry_(timeout->expiry_context_);
    timeout->task_->cancel();
    timeout->state_ = State::expiring;
    timeout->handler_ = Handle();  // drop the reference early
}

}  // namespace sp
