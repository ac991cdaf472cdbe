// asyncio/runners.py, for a virtual clock: run the loop until a future is done.
#pragma once

#include "events.hpp"
#include "futures.hpp"

namespace sp {

/// Drive `loop` until `fut` is done, jumping the clock to each next timer deadline instead of
/// waiting (loop.run_until_complete in zero wall time). Returns false if the loop went idle first:
/// nothing ready and no timer pending, so nothing can ever complete `fut` (a deadlock).
inline bool run_until_complete(EventLoop& loop, const FutureBase& fut) {
    while (!fut.done()) {
        if (!loop.has_ready()) {
            std::optional<double> deadline = loop.next_deadline();
            if (!deadline) return false;
            if (*deadline > loop.time()) loop.advance_to(*deadline);
        }
        loop.run_once();
    }
    return true;
}

}  // namespace sp
