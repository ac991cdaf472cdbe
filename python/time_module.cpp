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

/// Seconds as the nanoseconds CPython's clocks count.
std::int64_t nanoseconds(double seconds) { return std::llround(seconds * 1e9); }
std::int64_t wall_ns(const Interp& in) { return in.clocks.wall_start_ns + nanoseconds(monotonic(in)); }

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
    return Value::real(static_cast<double>(wall_ns(in)) / 1e9);  // _PyTime_AsSecondsDouble
}
Value t_monotonic_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.monotonic_ns", a, 0);
    return Value::integer(nanoseconds(monotonic(in)));
}
Value t_perf_counter_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.perf_counter_ns", a, 0);
    return Value::integer(nanoseconds(monotonic(in)));
}
Value t_time_ns(Interp& in, Value, CallArgs& a) {
    expect_c_arguments(in, "time.time_ns", a, 0);
    return Value::integer(wall_ns(in));
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
    in.trace.add_text(in.clock(), in.running_task(), ProgramEventKind::blocked, float_repr(seconds));
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
