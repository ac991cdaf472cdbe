// The time module on the virtual clock. A real clock moves on while a callback runs; ours moves only
// when the loop jumps to a deadline, or when the program blocks in time.sleep(), which moves it as a
// blocking call moves a real one: nothing else runs meanwhile, and the timers that fell due in
// between run next, in deadline order (BaseEventLoop._run_once finds them all due at once). So
// "time.sleep() inside async code blocks every task" shows in the output and on the timeline as it
// does on a learner's machine, and `time.perf_counter() - start` measures the virtual seconds a run
// took ("took 6.0 s"), which is what python3 prints for it.
//
// The clocks: monotonic() and perf_counter() count the program's virtual seconds from 0 at its
// start, so inside the first asyncio.run() they equal loop.time(), as they do in CPython (the loop's
// clock is time.monotonic()). Each asyncio.run() starts its loop's clock at 0, as the reference's
// virtual loop does; monotonic() carries on across them. time() is the wall clock when the program
// started, plus the virtual seconds since, counted in whole nanoseconds as CPython's clocks are (so
// time_ns() - start is exact). Not modelled: the rest of the module (strftime,
// localtime, process_time...), refused by name (python/cpython_attributes.hpp).
#pragma once

#include <cstdint>

#include "value.hpp"

namespace sp::py {

class Interp;

/// The host's wall clock: nanoseconds since the Unix epoch.
std::int64_t wall_clock_ns();

/// The program's clock outside any loop, and where the running loop's clock starts on it.
struct ProgramClock {
    double epoch = 0;  // monotonic() when the running loop's clock read 0 (or now, when none runs)
    std::int64_t wall_start_ns = wall_clock_ns();  // time.time_ns() when the program started
};

/// time.monotonic(): the program's virtual seconds so far.
double monotonic(const Interp& in);
/// asyncio.run() ended with its loop's clock at `loop_time`: monotonic() goes on from there.
void loop_ended(Interp& in, double loop_time);

/// The time module, built on first use (`import time`).
ModuleObj* time_module(Interp& in);

}  // namespace sp::py
