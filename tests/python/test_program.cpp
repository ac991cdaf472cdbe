// The Python subset end to end (python/program.hpp): output, errors, deadlocks and limits. The
// byte-for-byte comparison with CPython is the conformance suite's job (tests/conformance/); these
// pin the contracts the CLI and the JavaScript API rely on.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "program.hpp"

using sp::py::Limits;
using sp::py::Program;

namespace {
std::unique_ptr<Program> run(const std::string& source, Limits limits = Limits{}) {
    auto p = std::make_unique<Program>(source, limits);
    p->run();
    return p;
}
}  // namespace

TEST_CASE("python: the lesson prints what CPython prints, at the virtual times it prints it") {
    Program p(R"(import asyncio
sem = asyncio.Semaphore(2)
async def limited_task(n):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(2)
        print(f"Task {n} finished")
async def main():
    await asyncio.gather(*(limited_task(n) for n in range(1, 4)))
asyncio.run(main())
)");
    p.run();
    REQUIRE(p.exit_status() == 0);
    REQUIRE(p.output() ==
            "Task 1 started\nTask 2 started\nTask 1 finished\nTask 2 finished\nTask 3 started\nTask 3 finished\n");
    REQUIRE(p.printed().at(2).t == 2.0);
    REQUIRE(p.printed().at(5).t == 4.0);
}

TEST_CASE("python: values print as Python prints them") {
    auto p = run(
        "print(0.1 + 0.2, 1e16, 1/3, [1, 'a', (2,)], {'k': None}, repr(\"it's\"), f'{2.5:.2f}|{7:>3}|{\"x\"!r}')\n");
    REQUIRE(p->output() ==
            "0.30000000000000004 1e+16 0.3333333333333333 [1, 'a', (2,)] {'k': None} \"it's\" 2.50|  7|'x'\n");
}

TEST_CASE("python: an uncaught exception ends with CPython's last traceback line and exit status 1") {
    auto p = run(R"(import asyncio
async def main():
    sem = asyncio.BoundedSemaphore(1)
    sem.release()
asyncio.run(main())
)");
    REQUIRE(p->exit_status() == 1);
    REQUIRE(p->error_line() == "ValueError: BoundedSemaphore released too many times");
    REQUIRE(p->error().rfind("Traceback (most recent call last):\n", 0) == 0);
}

TEST_CASE("python: syntax errors and unsupported statements name the line") {
    auto bad = run("x = 1\nif x\n    pass\n");
    REQUIRE(bad->exit_status() == 1);
    REQUIRE(bad->error_line() == "SyntaxError: expected ':'");
    REQUIRE(bad->error().find("line 2") != std::string::npos);
    auto cls = run("x = 1\n\n\nclass A:\n    pass\n");
    REQUIRE(cls->exit_status() == 2);
    REQUIRE(cls->error_line() == "the playground does not support `class` statements (line 4)");
}

TEST_CASE("python: a deadlock names each stuck task, what it awaits and where") {
    auto p = run(R"(import asyncio
lock = asyncio.Lock()
async def worker():
    await lock.acquire()
    print("worker has the lock")
    await lock.acquire()
async def main():
    await asyncio.create_task(worker())
asyncio.run(main())
)");
    REQUIRE(p->exit_status() == 3);
    REQUIRE(p->output() == "worker has the lock\n");
    REQUIRE(p->stuck().size() == 2);
    REQUIRE(p->stuck()[0].name == "Task-1");
    REQUIRE(p->stuck()[0].awaiting == "Task-2");
    REQUIRE(p->stuck()[0].line == 8);
    REQUIRE(p->stuck()[1].awaiting == "Lock.acquire()");
    REQUIRE(p->stuck()[1].line == 6);
}

TEST_CASE("python: an endless loop without await stops at the step budget, deep recursion is a RecursionError") {
    Limits small;
    small.steps = 100000;
    auto loop = run("while True:\n    pass\n", small);
    REQUIRE(loop->exit_status() == 1);
    REQUIRE(loop->status() == Program::Status::limit);
    REQUIRE(loop->error_line().find("100000 steps") != std::string::npos);
    auto deep = run("def f(n):\n    return f(n + 1)\nf(0)\n");
    REQUIRE(deep->error_line() == "RecursionError: maximum recursion depth exceeded");
}

TEST_CASE("python: memory is bounded") {
    Limits small;
    small.memory = 1 << 20;
    auto p = run("x = []\nwhile True:\n    x.append('abc' * 100)\n", small);
    REQUIRE(p->status() == Program::Status::limit);
    REQUIRE(p->error_line() == "the playground's memory limit was reached");
    auto d = run("d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1\n", small);
    REQUIRE(d->error_line() == "the playground's memory limit was reached");
}

TEST_CASE("python: a bracket spanning lines is one logical line, and the next statement starts fresh") {
    auto p = run("tasks = [\n    dict(a=1),\n    (2,\n     3),\n]\n\ndef f(**_):\n    pass\n", Limits{});
    REQUIRE(p->exit_status() == 2);  // `**` parameters are not supported: the parser got past the list
    auto q = run("xs = [\n    1,\n    2,\n]\nprint(sum(xs), dict(**{'a': 1}))\n");
    REQUIRE(q->exit_status() == 0);
    REQUIRE(q->output() == "3 {'a': 1}\n");
}

TEST_CASE("python: fuzzing finds, kept as regressions") {
    // A NUL byte made the tokenizer loop forever; CPython refuses it the same way.
    auto nul = run(std::string("x = 1\0\nprint(x)\n", 17));
    REQUIRE(nul->exit_status() == 1);
    REQUIRE(nul->error_line() == "SyntaxError: source code cannot contain null bytes");
    // asyncio's internal helpers are reachable as asyncio._x: wrong arguments are a TypeError, not a crash.
    auto helpers = run("import asyncio\nasync def main():\n    asyncio._release_on_done(2, 3)\nasyncio.run(main())\n");
    REQUIRE(helpers->exit_status() == 1);
    REQUIRE(helpers->error_line() == "TypeError: a task or a future is required, not int");
}

TEST_CASE("python: ints are Python's ints, of any size (issue #13)") {
    auto p = run(R"(print(2**64, 10**20, -2**63, -(-2**63), 2**63 - 1 + 1, type(2**64), isinstance(10**30, int))
f = 1
for i in range(1, 31):
    f *= i
print(f, f // 10**20, f % 1000003, -f // 7, -f % 7)
print(int("9" * 30) + 1, int(" -1_000_000_000_000_000_000_000 "), True + 2**64)
d = {2**64: "a"}
d[2**64] = "b"
print(d, 2**64 == 2.0**64, 2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 10**400 > 1e308, 2**64 in [18446744073709551616])
print(float(2**64), 2**64 / 3, 10**400 / 10**399, 1 / 10**400, (2**64) ** 0.5, 2**64 * 1.5, 2**-2, 9007199254740993 / 1)
print(f"{2**64:,}|{-2**64:>25}|{2**64:.2f}|{2**70:_}", str(-10**25), repr(2**100), abs(-2**64), -(2**64))
print(round(2**64), round(12345678901234567890123, -3), round(-12350, -2), int(1e30), int(-1.5e20), round(1e20))
print(sorted([2**64, -2**65, 3, 1.5]), min(2**64, 2**65), max(2**64, 1e30), sum([2**63, 2**63]))
print(2**64 >> 1, 1 << 100, ~2**64, -2**64 & 0xFFFF, (-2**64) | 5, -2**70 ^ 2**65, 2**64 // -3, 2**64 % -7)
print([1, 2, 3][2**64:], 0xFFFFFFFFFFFFFFFFFF, 0b1 << 64 == 2**64, "%d|%x" % (2**64, 2**64))
)");
    REQUIRE(p->error() == "");
    REQUIRE(
        p->output() ==
        "18446744073709551616 100000000000000000000 -9223372036854775808 9223372036854775808 9223372036854775808 "
        "<class 'int'> True\n"
        "265252859812191058636308480000000 2652528598121 90317 -37893265687455865519472640000000 0\n"
        "1000000000000000000000000000000 -1000000000000000000000 18446744073709551617\n"
        "{18446744073709551616: 'b'} True False True True True\n"
        "1.8446744073709552e+19 6.148914691236517e+18 10.0 0.0 4294967296.0 2.7670116110564327e+19 0.25 "
        "9007199254740992.0\n"
        "18,446,744,073,709,551,616|    -18446744073709551616|18446744073709551616.00|1_180_591_620_717_411_303_424 "
        "-10000000000000000000000000 1267650600228229401496703205376 18446744073709551616 -18446744073709551616\n"
        "18446744073709551616 12345678901234567890000 -12400 1000000000000000019884624838656 -150000000000000000000 "
        "100000000000000000000\n"
        "[-36893488147419103232, 1.5, 3, 18446744073709551616] 18446744073709551616 1e+30 18446744073709551616\n"
        "9223372036854775808 1267650600228229401496703205376 -18446744073709551617 0 -18446744073709551611 "
        "-1143698132569992200192 -6148914691236517206 -5\n"
        "[] 4722366482869645213695 True 18446744073709551616|10000000000000000\n");
}

TEST_CASE("python: big ints live across awaits and collections, and asyncio sleeps a big int of seconds") {
    auto p = run(R"(import asyncio
async def f(n):
    r = 2**100 + n
    await asyncio.sleep(1)
    return r
async def main():
    rs = await asyncio.gather(*(f(i) for i in range(3)))
    print(rs, [str(2**64)] * 2)
    await asyncio.sleep(2**64)
    print(asyncio.get_running_loop().time() >= 2**64)
asyncio.run(main())
)");
    REQUIRE(p->error() == "");
    REQUIRE(p->output() ==
            "[1267650600228229401496703205376, 1267650600228229401496703205377, 1267650600228229401496703205378] "
            "['18446744073709551616', '18446744073709551616']\nTrue\n");
}

TEST_CASE("python: big ints fail with CPython's messages, and never freeze the page") {
    auto last_line = [](const std::string& expression) { return run("print(" + expression + ")\n")->error_line(); };
    REQUIRE(last_line("float(2**1024)") == "OverflowError: int too large to convert to float");
    REQUIRE(last_line("2**1024 + 1.0") == "OverflowError: int too large to convert to float");
    REQUIRE(last_line("2**1024 / 1") == "OverflowError: integer division result too large for a float");
    REQUIRE(last_line("[1][2**64]") == "IndexError: cannot fit 'int' into an index-sized integer");
    REQUIRE(last_line("[1] * 2**64") == "OverflowError: cannot fit 'int' into an index-sized integer");
    REQUIRE(last_line("2**64 // 0") == "ZeroDivisionError: integer division or modulo by zero");
    REQUIRE(last_line("2**64 % 0") == "ZeroDivisionError: integer modulo by zero");
    REQUIRE(last_line("str(10**4300)") ==
            "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
            "sys.set_int_max_str_digits() to increase the limit");
    REQUIRE(last_line("int('1' * 4301)") ==
            "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use "
            "sys.set_int_max_str_digits() to increase the limit");
    REQUIRE(run("print(len(str(10**4299)))\n")->output() == "4300\n");
    // CPython would compute for minutes (or run out of memory): the playground's bound is 2**19 bits.
    REQUIRE(last_line("10**10**9") == "MemoryError");
    REQUIRE(last_line("1 << 10**9") == "MemoryError");
    auto squaring = run("x = 3\nwhile True:\n    x = x * x\n");
    REQUIRE(squaring->error_line() == "MemoryError");
}
