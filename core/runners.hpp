// asyncio/runners.py, for a virtual clock: run the loop until a future is done.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>

#include "events.hpp"
#include "futures.hpp"

namespace sp {

/// One step of every virtual-time driver (simulate, the fuzzers, the tests, the JavaScript driver):
/// if nothing is ready, jump the clock to the next timer deadline; then run the loop's next iteration,
/// or up to `budget` callbacks of it. Returns false, doing nothing, when the loop is idle (nothing
/// ready, no timer): nothing can ever happen again. A deadline already in the past is not a jump back.
inline bool run_iteration(EventLoop& loop, std::size_t budget = std::numeric_limits<std::size_t>::max()) {
    if (!loop.has_ready()) {
        std::optional<double> deadline = loop.next_deadline();
        if (!deadline) return false;
        if (*deadline > loop.time()) loop.advance_to(*deadline);
    }
    loop.run_once(budget);
    return true;
}

/// Drive `loop` until `fut` is done, jumping the clock to each next timer deadline instead of
/// waiting (loop.run_until_complete in zero wall time). Returns false if the loop went idle first:
/// nothing ready and no timer pending, so nothing can ever complete `fut` (a deadlock).
inline bool run_until_complete(EventLoop& loop, const FutureBase& fut) {
    while (!fut.done()) {
        if (!run_iteration(loop)) return false;
    }
    return true;
}

}  // namespace sp
