// asyncio/exceptions.py: the errors the runtime raises.
//
// CancelledError deliberately does NOT derive from std::exception: in Python it derives from
// BaseException, so `except Exception:` does not swallow a cancellation. The C++ equivalent is that
// `catch (const std::exception&)` does not swallow it either.
#pragma once

#include <stdexcept>
#include <string>

namespace sp {

/// The operation was cancelled (asyncio.CancelledError). Thrown into a task's coroutine at the
/// point where it is suspended when the task is cancelled.
class CancelledError {
public:
    CancelledError() = default;
    /// `payload`: the embedding's own exception object this one stands for (the Python
    /// interpreter's CancelledError with its message), opaque to the runtime.
    explicit CancelledError(const void* payload) : payload_(payload) {}
    const char* what() const noexcept { return "CancelledError"; }
    const void* payload() const noexcept { return payload_; }

private:
    const void* payload_ = nullptr;
};

/// The deadline of a timeout() passed (the builtin TimeoutError asyncio.timeout raises).
class TimeoutError : public std::runtime_error {
public:
    TimeoutError() : std::runtime_error("TimeoutError") {}
};

/// An operation is not allowed in the object's current state (asyncio.InvalidStateError),
/// e.g. setting the result of a future that is already done.
class InvalidStateError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// An operation is used wrongly at run time (Python's RuntimeError): releasing a Lock that is not
/// acquired.
class RuntimeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value is out of the allowed range (Python's ValueError): a negative Semaphore value, a
/// BoundedSemaphore released too many times, an invalid scenario.
class ValueError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace sp
