// The collector of the program's heap: mark and sweep, run between event loop iterations.
//
// Only then is no Python code running, so every live value is in a place the collector knows: the
// interpreter's globals, builtins and constants, the threads (module and tasks: their frames, the
// exception being handled, what they wait for), the program's own few values, and the objects
// reachable from those. Objects the runtime's C++ side points at (tasks, futures, locks, an
// exception raised into a task) are pinned and never freed (value.hpp, pinned_kind; Object::pinned).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <vector>

#include "interp.hpp"

namespace sp::py {

void trace_frame(Marker& m, const Frame& f);
void trace_thread(Marker& m, const Thread& t);

/// For each of `objects`, whether the interpreter's roots (its globals, the module's thread, the
/// running thread, the tasks) or `extra` still reach it: a collection's mark without the sweep,
/// in the middle of a run (the marks are cleared again).
/// `marked`, if given, gets the count of objects the mark reached (what the answer cost).
std::vector<bool> still_reachable(Interp& in, const std::vector<Value>& objects, const Value& extra,
                                  std::size_t* marked = nullptr);

struct HeldTasks {
    std::vector<bool> held;  // for each task asked about
    std::size_t marked = 0;  // objects the mark reached: what the answer cost
};
/// For each of `tasks` (done ones), whether the program or `also_held` still holds it:
/// still_reachable, where the loop holds only the tasks that have not finished (a done task is
/// pinned for the runtime's sake, not because anything in asyncio keeps it).
HeldTasks still_held(Interp& in, const std::vector<TaskObj*>& tasks, const std::vector<Value>& also_held);

/// Free what nothing reaches from the interpreter, `threads` and `values` (the program's roots).
/// Returns how many objects were freed.
std::size_t collect_garbage(Interp& in, std::initializer_list<const Thread*> threads,
                            std::initializer_list<Value> values);

}  // namespace sp::py
