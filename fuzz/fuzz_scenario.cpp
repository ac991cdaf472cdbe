// libFuzzer: the scenario input path. Bytes become a scenario (including values that must be rejected:
// NaN, infinities, negatives, huge numbers); validation must reject them with a message, and a valid
// scenario must run to its end with the lesson's invariants:
//   never more holders than permits; each task ends once or is listed in the deadlock; when the run
//   is done the semaphore's value is back to the permits.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <vector>

#include "scenario.hpp"

namespace {

double number(const std::uint8_t*& data, std::size_t& size) {
    if (size == 0) return 0;
    const std::uint8_t tag = *data++;
    --size;
    switch (tag % 10) {
        case 0: return std::numeric_limits<double>::quiet_NaN();
        case 1: return std::numeric_limits<double>::infinity();
        case 2: return -1;
        case 3: return 2e6;
        case 4: {  // arbitrary bits
            double d = 0;
            const std::size_t n = size < sizeof d ? size : sizeof d;
            std::memcpy(&d, data, n);
            data += n;
            size -= n;
            return d;
        }
        default: return static_cast<double>(tag % 7) * 0.5;  // mostly small, tying values
    }
}

[[noreturn]] void broken(const char* what) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    sp::Scenario s;
    s.permits = static_cast<std::int64_t>(data[0] % 5) - (data[0] == 255 ? 10 : 0);
    s.bounded = data[1] & 1;
    data += 2;
    size -= 2;
    while (size > 0 && s.tasks.size() < 64) {
        sp::TaskSpec t;
        t.duration = number(data, size);
        t.start = number(data, size);
        const double limit = number(data, size);
        if (limit != 0.5) t.timeout = limit;  // 0.5 stands for "no timeout" here
        t.fail = size > 0 && (*data & 7) == 0;
        s.tasks.push_back(t);
    }
    if (auto issue = sp::validate(s)) {
        if (issue->field.empty()) broken("a rejection without a field");
        return 0;
    }
    sp::Simulation sim(s);
    std::set<std::int32_t> holders;
    std::vector<int> ended(s.tasks.size() + 1, 0);
    while (!sim.done() && !sim.deadlocked()) {
        sim.run_iteration();
        for (const sp::Event& e : sim.events()) {
            if (e.kind == sp::EventKind::started) holders.insert(e.task);
            if (e.kind == sp::EventKind::finished || e.kind == sp::EventKind::failed ||
                e.kind == sp::EventKind::timeout) {
                holders.erase(e.task);
                ended[static_cast<std::size_t>(e.task)] += 1;
            }
        }
        sim.clear_events();
        if (static_cast<std::int64_t>(holders.size()) > s.permits) broken("more holders than permits");
    }
    if (sim.done() && sim.semaphore().value() != s.permits) broken("permits lost or created");
    std::set<std::int32_t> stuck;
    for (std::int32_t id : sim.waiting_tasks()) stuck.insert(id);
    for (std::size_t id = 1; id < ended.size(); ++id) {
        const bool in_deadlock = stuck.count(static_cast<std::int32_t>(id)) != 0;
        if (ended[id] + (in_deadlock ? 1 : 0) != 1) broken("a task did not end exactly once");
    }
    return 0;
}
