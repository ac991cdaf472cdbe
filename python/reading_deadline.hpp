// A host's time cap (Budget::ms) while a program is read. Tokenizing, parsing and compiling run in
// one go and cannot be resumed, so a cap spent there ends the attempt before anything ran
// (Program::Status::budget). The page tries a learner's program on its own thread under 30 ms
// (web/ui/speculative-run.mjs): reading a program of 100,000 lines held that thread for a second.
#pragma once

#include <chrono>
#include <cstdint>

namespace sp::py {

class ReadingDeadline {
public:
    struct Passed {};  // what tick() throws past the deadline

    explicit ReadingDeadline(std::chrono::steady_clock::time_point at) : at_(at) {}
    /// One unit of reading (a token made or looked at, a node compiled): every 1,024, a look at the clock.
    void tick() {
        if ((++ticks_ & 1023U) == 0 && std::chrono::steady_clock::now() > at_) throw Passed{};
    }

private:
    std::chrono::steady_clock::time_point at_;
    std::uint32_t ticks_ = 0;
};

/// tick() on a deadline, if there is one (a host without a time cap has none).
inline void tick(ReadingDeadline* deadline) {
    if (deadline != nullptr) deadline->tick();
}

}  // namespace sp::py
