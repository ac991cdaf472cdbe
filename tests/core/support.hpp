// Shared helpers for the core tests: run a test body as a task, like IsolatedAsyncioTestCase does.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "asyncio.hpp"

namespace sp::testing {

/// Run `body` as the loop's main task until it is done (jumping the virtual clock from deadline to
/// deadline); rethrow what it raised. Returns false if the loop deadlocked first.
inline bool run_main(EventLoop& loop, Coro<void> body) {
    auto main = create_task(loop, std::move(body));
    const bool finished = run_until_complete(loop, *main);
    if (finished) main->result();  // rethrows a failed REQUIRE or any other exception
    loop.close();
    return finished;
}

/// `asyncio.create_task(sem.acquire())`
inline Coro<void> acquire(Semaphore& sem) { co_await sem.acquire(); }

/// `await sem.acquire(); log.append(id)`: who got a permit, in the order they got it.
template <class T>
Coro<void> acquire_then_record(Semaphore& sem, std::vector<T>& log, T id) {
    co_await sem.acquire();
    log.push_back(std::move(id));
}

}  // namespace sp::testing
