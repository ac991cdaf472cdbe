// The runtime natively, on the benchmark workloads (bench/README.md). Prints one JSON object.
//   native_bench w1 N K   N tasks at once; each: async with sem: await sleep(0)
//   native_bench w3 N     one task: N uncontended acquire/release pairs
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "asyncio.hpp"

namespace {

long peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss * 1024L;
}

struct Counters {
    long holders = 0;
    long max_holders = 0;
    long completed = 0;
};

sp::Coro<void> fan_out_task(sp::Semaphore& sem, Counters& c) {
    sp::Permit permit = co_await sem.permit();
    c.max_holders = std::max(c.max_holders, ++c.holders);
    co_await sp::sleep(0);
    --c.holders;
    ++c.completed;
}

sp::Coro<void> churn(sp::Semaphore& sem, long n, Counters& c) {
    for (long i = 0; i < n; ++i) {
        sp::Permit permit = co_await sem.permit();
        c.max_holders = std::max(c.max_holders, ++c.holders);
        --c.holders;
    }
    c.completed = 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: native_bench w1 N K | native_bench w3 N\n");
        return 2;
    }
    const std::string workload = argv[1];
    const long n = std::atol(argv[2]);
    const long k = argc > 3 ? std::atol(argv[3]) : 1;
    Counters c;
    const auto start = std::chrono::steady_clock::now();
    {
        sp::EventLoop loop;
        sp::Semaphore sem(k);
        if (workload == "w1") {
            std::vector<std::unique_ptr<sp::Task<void>>> tasks;
            tasks.reserve(static_cast<std::size_t>(n));
            std::vector<sp::FutureBase*> children;
            children.reserve(static_cast<std::size_t>(n));
            for (long i = 0; i < n; ++i) {
                tasks.push_back(sp::create_task(loop, fan_out_task(sem, c)));
                children.push_back(tasks.back().get());
            }
            auto all = sp::gather(loop, std::move(children));
            if (!sp::run_until_complete(loop, *all)) return 1;
        } else {
            auto task = sp::create_task(loop, churn(sem, n, c));
            if (!sp::run_until_complete(loop, *task)) return 1;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"seconds\": %.6f, \"max_concurrency\": %ld, \"completed\": %ld, \"peak_bytes\": %ld}\n", seconds,
                c.max_holders, c.completed, peak_rss_bytes());
    return 0;
}
