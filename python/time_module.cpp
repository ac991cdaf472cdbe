// The time module (time_module.hpp): the program's clocks and the blocking sleep.
#include "time_module.hpp"

#include <chrono>
#include <cmath>

#include "builtins.hpp"
#include "events.hpp"
#include "interp.hpp"
#include "longobject.hpp"

namespace sp::py {

std::int64_t wall_clock_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double monotonic(const Interp& in) { return in.clocks.epoch + (in.loop != nullptr ? in.loop->time() : 0.0); }

void loop_ended(Interp& in, double loop_time) { in.clocks.epoch += loop_time; }

namespace {

/// Nanoseconds since the program started, as a double (rounded half to even, as Python's round()).
double elapsed_ns(const Interp& in) { return std::nearbyint(monotonic(in) * 1e9); }

/// `ns` plus `start` nanoseconds as an int: exact in 64 bits while the clock is below 2^62 ns (146
/// years); past that (a program that slept 10^9 s in a loop) through a double, as big as it gets.
Value ns_value(Interp& in, double ns, std::int64_t start = 0) {
    if (std::abs(ns) < 0x1p62) return Value::integer(start + static_cast<std::int64_t>(ns));
    return long_from_double(in, ns + static_cast<double>(start));
}

Value t_monotonic(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.monotonic", a, 0);
    return Value::real(monotonic(in));
}
Value t_perf_counter(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.perf_counter", a, 0);
    return Value::real(monotonic(in));
}
Value t_time(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.time", a, 0);
    const double ns = elapsed_ns(in);
    if (std::abs(ns) < 0x1p62)
        return Value::real(static_cast<double>(in.clocks.wall_start_ns + static_cast<std::int64_t>(ns)) / 1e9);
    return Value::real((ns + static_cast<double>(in.clocks.wall_start_ns)) / 1e9);  // _PyTime_AsSecondsDouble
}
Value t_monotonic_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.monotonic_ns", a, 0);
    return ns_value(in, elapsed_ns(in));
}
Value t_perf_counter_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.perf_counter_ns", a, 0);
    return ns_value(in, elapsed_ns(in));
}
Value t_time_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.time_ns", a, 0);
    return ns_value(in, elapsed_ns(in), in.clocks.wall_start_ns);
}

/// time.sleep's argument in seconds, checked in the order _PyTime_FromSecondsObject and time_sleep
/// check it: the type, NaN, what 64-bit nanoseconds cannot hold, then the sign.
double sleep_length(Interp& in, const Value& v) {
    constexpr double ns_limit = 9223372036854775808.0;  // 2^63 nanoseconds
    constexpr std::int64_t seconds_limit = 9223372036;  // the most whole seconds in 2^63 - 1 ns
    double seconds = 0;
    if (v.tag == Tag::real) {
        if (std::isnan(v.f)) in.raise("ValueError", "Invalid value NaN (not a number)");
        const double ns = std::ceil(v.f * 1e9);  // _PyTime_ROUND_TIMEOUT
        if (!(ns >= -ns_limit && ns < ns_limit))
            in.raise("OverflowError", "timestamp out of range for platform time_t");
        seconds = v.f;
    } else if (is_integer(v)) {
        if (!v.is_intlike() || v.as_int() > seconds_limit || v.as_int() < -seconds_limit)
            in.raise("OverflowError", "timestamp too large to convert to C _PyTime_t");
        seconds = static_cast<double>(v.as_int());
    } else {
        in.raise("TypeError", "'" + type_name(v) + "' object cannot be interpreted as an integer");
    }
    if (seconds < 0) in.raise("ValueError", "sleep length must be non-negative");
    return seconds;
}

/// time.sleep(secs): the clock moves on and nothing else runs meanwhile (time_module.hpp).
Value t_sleep(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.sleep", a, 1);
    const double seconds = sleep_length(in, a.pos[0]);
    in.trace.add_text(in.clock(), in.running_task(), ProgramEventKind::blocked, in.running_line(), float_repr(seconds));
    if (in.loop != nullptr)
        in.loop->advance_to(in.loop->time() + seconds);
    else
        in.clocks.epoch += seconds;
    return Value::none();
}

}  // namespace

ModuleObj* time_module(Interp& in) {
    bool made = false;
    return native_module(in, "time",
                         {{"sleep", t_sleep},
                          {"monotonic", t_monotonic},
                          {"perf_counter", t_perf_counter},
                          {"time", t_time},
                          {"monotonic_ns", t_monotonic_ns},
                          {"perf_counter_ns", t_perf_counter_ns},
                          {"time_ns", t_time_ns}},
                         made);
}

}  // namespace sp::py
