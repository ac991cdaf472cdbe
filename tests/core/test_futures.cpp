// Futures: futures.py's states and its rule that done callbacks go through call_soon.
//
// Expected values were checked against asyncio.Future in Debian 12's /usr/bin/python3 (3.11.2).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "futures.hpp"

using namespace sp;

namespace {
using Log = std::vector<std::string>;

// A done callback that appends its tag to a log (fn(self, future) is the runtime's callback shape).
struct Tagged {
    Log* log;
    std::string tag;
};
void append_tag(void* self, void*) {
    auto* t = static_cast<Tagged*>(self);
    t->log->push_back(t->tag);
}
void append_cancelled(void* self, void* future) {
    static_cast<Log*>(self)->push_back(static_cast<FutureBase*>(future)->cancelled() ? "cancelled" : "not cancelled");
}
}  // namespace

TEST_CASE("Future: a result is kept, and done() turns true") {
    EventLoop loop;
    Future<int> fut(loop);
    REQUIRE_FALSE(fut.done());
    fut.set_result(7);
    REQUIRE(fut.done());
    REQUIRE_FALSE(fut.cancelled());
    REQUIRE(fut.result() == 7);
    REQUIRE(fut.exception() == nullptr);  // finished with a result, not an exception
}

TEST_CASE("Future: result() and exception() of a pending future raise InvalidStateError") {
    EventLoop loop;
    Future<int> fut(loop);
    REQUIRE_THROWS_AS(fut.result(), InvalidStateError);     // "Result is not set."
    REQUIRE_THROWS_AS(fut.exception(), InvalidStateError);  // "Exception is not set."
}

TEST_CASE("Future: an exception is re-raised by result()") {
    EventLoop loop;
    Future<int> fut(loop);
    fut.set_exception(std::make_exception_ptr(std::runtime_error("x")));
    REQUIRE(fut.done());
    REQUIRE(fut.exception() != nullptr);
    REQUIRE_THROWS_WITH(fut.result(), "x");
    REQUIRE_FALSE(fut.cancel());  // a done future cannot be cancelled
    REQUIRE_FALSE(fut.cancelled());
}

TEST_CASE("Future: setting a done future again raises InvalidStateError") {
    EventLoop loop;
    Future<int> with_result(loop);
    with_result.set_result(1);
    REQUIRE_THROWS_AS(with_result.set_result(2), InvalidStateError);
    REQUIRE_THROWS_AS(with_result.set_exception(std::make_exception_ptr(std::runtime_error("y"))), InvalidStateError);
    REQUIRE(with_result.result() == 1);  // the first outcome stays

    Future<int> with_error(loop);
    with_error.set_exception(std::make_exception_ptr(std::runtime_error("x")));
    REQUIRE_THROWS_AS(with_error.set_exception(std::make_exception_ptr(std::runtime_error("y"))), InvalidStateError);
    REQUIRE_THROWS_WITH(with_error.result(), "x");

    Future<void> signal(loop);
    signal.set_result();
    REQUIRE_THROWS_AS(signal.set_result(), InvalidStateError);
}

TEST_CASE("Future: cancel() succeeds once; then result() raises CancelledError and setting fails") {
    EventLoop loop;
    Future<int> fut(loop);
    REQUIRE(fut.cancel());
    REQUIRE_FALSE(fut.cancel());  // already done
    REQUIRE(fut.cancelled());
    REQUIRE(fut.done());
    REQUIRE_THROWS_AS(fut.result(), CancelledError);
    REQUIRE_THROWS_AS(fut.exception(), CancelledError);
    REQUIRE_THROWS_AS(fut.set_result(1), InvalidStateError);
}

TEST_CASE("Future: done callbacks are scheduled with call_soon, not called inline") {
    // Python: call_soon(before); add cb1, cb2; set_result; call_soon(after) -> nothing ran yet, then
    // one iteration runs before, cb1, cb2, after.
    EventLoop loop;
    Log log;
    Future<int> fut(loop);
    Tagged before{&log, "before"}, cb1{&log, "cb1"}, cb2{&log, "cb2"}, after{&log, "after"};
    loop.call_soon(&append_tag, &before);
    fut.add_done_callback(&append_tag, &cb1);
    fut.add_done_callback(&append_tag, &cb2);
    fut.set_result(7);
    loop.call_soon(&append_tag, &after);
    REQUIRE(log.empty());  // completing a future never runs its callbacks on the spot
    loop.run_once();
    // The callbacks joined the ready queue when the result was set: between before and after.
    REQUIRE(log == Log{"before", "cb1", "cb2", "after"});
}

TEST_CASE("Future: cancelling schedules the done callbacks too") {
    EventLoop loop;
    Log log;
    Future<void> fut(loop);
    fut.add_done_callback(&append_cancelled, &log);
    fut.cancel();
    REQUIRE(log.empty());
    loop.run_once();
    REQUIRE(log == Log{"cancelled"});
}

TEST_CASE("Future: a callback added after completion is still scheduled, not run") {
    EventLoop loop;
    Future<void> fut(loop);
    fut.set_result();
    Log log;
    Tagged late{&log, "late"};
    fut.add_done_callback(&append_tag, &late);
    REQUIRE(log.empty());
    loop.run_once();
    REQUIRE(log == Log{"late"});
}

TEST_CASE("Future: remove_done_callback removes every registration and keeps the others") {
    // Python: add a, b, a; remove_done_callback(a) == 2; only b runs.
    EventLoop loop;
    Future<void> fut(loop);
    Log log;
    Tagged a{&log, "a"}, b{&log, "b"}, c{&log, "c"};
    fut.add_done_callback(&append_tag, &a);
    fut.add_done_callback(&append_tag, &b);
    fut.add_done_callback(&append_tag, &a);
    fut.add_done_callback(&append_tag, &c);
    REQUIRE(fut.remove_done_callback(&append_tag, &a) == 2);
    REQUIRE(fut.remove_done_callback(&append_tag, &a) == 0);
    fut.set_result();
    loop.run_once();
    REQUIRE(log == Log{"b", "c"});  // the survivors keep their order
}

TEST_CASE("Future: the result type needs no default constructor") {
    struct NoDefault {
        explicit NoDefault(int v) : value(v) {}
        int value;
    };
    EventLoop loop;
    Future<NoDefault> fut(loop);
    fut.set_result(NoDefault(3));
    REQUIRE(fut.result().value == 3);
}
