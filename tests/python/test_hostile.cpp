// Hostile programs: huge or deeply nested sources and odd values. Each ends with CPython's error
// (the one `python3 prog.py` prints, thresholds measured on CPython 3.11) or the playground's limit,
// never with a crash, a hang or a wrong result.
#include <catch2/catch.hpp>

#include <memory>
#include <regex>
#include <string>

#include "program.hpp"
#include "run_program.hpp"
#include "text_search.hpp"

using sp::py::Limits;
using sp::py::Program;
using sp::py::result_json;
using sp::py::testing::run;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

/// `first` and then n - 1 times `sep` + `first`: "1+1+1" for ("1", "+", 3).
std::string chain(const std::string& first, const std::string& sep, std::size_t n) {
    return first + repeat(sep + first, n - 1);
}

/// Whether the JSON has a number that is not one (C's inf or nan where JSON allows only digits).
bool has_nonfinite_number(const std::string& json) {
    return std::regex_search(json, std::regex(R"([:\[,]\s*-?(inf|nan))"));
}

const char* const compile_recursion = "RecursionError: maximum recursion depth exceeded during compilation";
}  // namespace

TEST_CASE("hostile: a tree nested beyond CPython's compiler limit is its RecursionError, with no traceback") {
    // CPython's symtable counts each statement and expression level; beyond 3000 it stops.
    for (const std::size_t n : {3000, 200000}) {
        auto p = run("x = " + chain("1", "+", n) + "\n");
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error_line() == compile_recursion);
        REQUIRE(p->error() == std::string(compile_recursion) + "\n");
    }
    REQUIRE(run("x = " + chain("1", "+", 2999) + "\nprint(x)\n")->output() == "2999\n");
    // Left-deep chains of every other kind: attributes, subscripts, calls, string concatenation.
    for (const std::string& deep : {"x = y" + repeat(".a", 100000), "x = y" + repeat("[0]", 100000),
                                    "x = f" + repeat("()", 100000), "x = ''" + repeat(" + 'a'", 100000)}) {
        REQUIRE(run(deep + "\n")->error_line() == compile_recursion);
    }
    // x[0] * 2996 is x: print(...) is 1, the call 1, the comparison 1, the name 1 (as CPython counts).
    REQUIRE(run("x = [0]\nx[0] = x\nprint(x" + repeat("[0]", 2996) + " is x)\n")->output() == "True\n");
    REQUIRE(run("x = [0]\nx[0] = x\nprint(x" + repeat("[0]", 2997) + " is x)\n")->error_line() == compile_recursion);
}

TEST_CASE("hostile: statements nested beyond the compiler's limit (an elif chain) are its RecursionError") {
    std::string elifs = "x = 5\nif x == 0:\n    pass\n";
    for (int i = 1; i < 2997; ++i)
        elifs += "elif x == " + std::to_string(i) + ":\n    print(" + std::to_string(i) + ")\n";
    REQUIRE(run(elifs)->output() == "5\n");
    elifs += "elif x == 2997:\n    print(1)\n";
    REQUIRE(run(elifs)->error_line() == compile_recursion);
}

TEST_CASE("hostile: prefix operators nested beyond the parser's stack are CPython's MemoryError") {
    for (const char* op : {"not ", "-", "~", "1 if 0 else "}) {
        auto p = run("x = " + repeat(op, 10000) + "1\n");
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error() == "MemoryError\n");
        REQUIRE(run("x = " + repeat(op, 4000) + "1\n")->error_line() == compile_recursion);
    }
    // `**` takes two of the parser's levels per operator: it overflows before the compiler's limit.
    REQUIRE(run("print(" + chain("1", "**", 2900) + ")\n")->output() == "1\n");
    REQUIRE(run("print(" + chain("1", "**", 3100) + ")\n")->error() == "MemoryError\n");
    REQUIRE(run("print(" + repeat("not ", 2000) + "1)\n")->output() == "True\n");
    // CPython's border, counted as its parser counts levels.
    REQUIRE(run("x = " + repeat("not ", 5967) + "1\n")->error_line() == compile_recursion);
    REQUIRE(run("x = " + repeat("not ", 5968) + "1\n")->error_line() == "MemoryError");
    // Brackets take CPython's parser many levels each (28): 199 of them leave room for 400 more.
    REQUIRE(run("x = " + repeat("(", 199) + repeat("not ", 300) + "1" + repeat(")", 199) + "\nprint(x)\n")->output() ==
            "True\n");
    REQUIRE(run("x = " + repeat("(", 199) + repeat("not ", 500) + "1" + repeat(")", 199) + "\n")->error_line() ==
            "MemoryError");
}

TEST_CASE("hostile: CPython's tokenizer limits: 200 nested brackets, 100 levels of indentation") {
    auto parens = run("x = " + repeat("(", 201) + "1" + repeat(")", 201) + "\n");
    REQUIRE(parens->error_line() == "SyntaxError: too many nested parentheses");
    REQUIRE(parens->error().find("\n    " + std::string(204, ' ') + "^\n") != std::string::npos);
    REQUIRE(run("x = " + repeat("[", 200) + repeat("]", 200) + "\nprint(len(x))\n")->output() == "1\n");
    REQUIRE(run("def f(v):\n    return v\nprint(" + repeat("f(", 199) + "7" + repeat(")", 199) + ")\n")->output() ==
            "7\n");
    std::string ifs;
    for (int i = 0; i < 100; ++i) ifs += std::string(static_cast<std::size_t>(i), ' ') + "if True:\n";
    auto indent = run(ifs + std::string(100, ' ') + "print(1)\n");
    REQUIRE(indent->error() ==
            "  File \"<program>\", line 101\n    print(1)\nIndentationError: too many levels of indentation\n");
    ifs.resize(ifs.rfind(std::string(99, ' ')));
    REQUIRE(run(ifs + std::string(99, ' ') + "print(1)\n")->output() == "1\n");
}

TEST_CASE("hostile: a sleep of infinity is a deadlock (CPython waits forever), and the result stays JSON") {
    auto p =
        run("import asyncio\nasync def main():\n    print('zzz')\n    await asyncio.sleep(float('inf'))\n"
            "    print('woke')\nasyncio.run(main())\n");
    REQUIRE(p->output() == "zzz\n");
    REQUIRE(p->exit_status() == 3);
    REQUIRE(p->stuck().size() == 1);
    REQUIRE(p->stuck()[0].awaiting == "asyncio.sleep(inf)");
    REQUIRE(p->time() == 0);
    REQUIRE(!has_nonfinite_number(result_json(*p)));
    // A deadline beyond the largest double is infinity too; until then, time runs as far as it must.
    auto far =
        run("import asyncio\nasync def main():\n    await asyncio.sleep(1e308)\n    print('1e308')\n"
            "    await asyncio.sleep(1e308)\n    print('2e308')\nasyncio.run(main())\n");
    REQUIRE(far->output() == "1e308\n");
    REQUIRE(far->exit_status() == 3);
    REQUIRE(far->time() == 1e308);
    // wait_for() on what never ends: its timer at infinity never fires either.
    auto never =
        run("import asyncio\nasync def main():\n    await asyncio.wait_for(asyncio.Event().wait(), "
            "float('inf'))\nasyncio.run(main())\n");
    REQUIRE(never->exit_status() == 3);
    REQUIRE(!has_nonfinite_number(result_json(*never)));
}

TEST_CASE("hostile: huge widths and precisions print in full, or are CPython's errors, never clamped") {
    // Within the memory limit: exactly CPython's text.
    REQUIRE(run("print(len(f'{1:200000}'), len('%-300000s|' % 'a'), len('{:>250000}'.format(1.5)))\n")->output() ==
            "200000 300001 250000\n");
    REQUIRE(run("s = f'{1.5:.5000f}'\nprint(len(s), s[:5], s[-3:])\nprint(len('%.5000e' % 1.5))\n"
                "print(len(f'{1e300:,.3000f}'), len(f'{1.5:.5000%}'))\n")
                ->output() == "5002 1.500 000\n5006\n3402 5005\n");
    // Past Py_ssize_t (and an int's precision past INT_MAX): CPython's ValueErrors.
    auto errors = run(R"(for spec in ("99999999999999999999", "9999999999999999999", ".99999999999999999999"):
    try:
        format(1, spec)
    except ValueError as e:
        print(e)
for text in ("%99999999999999999999d", "%.99999999999999999999f", "%.2147483648f"):
    try:
        text % 1.5
    except ValueError as e:
        print(e)
try:
    format(1.5, ".9999999999f")
except ValueError as e:
    print(e)
print(repr(format("ab", ".999999999")))
)");
    REQUIRE(errors->output() ==
            "Too many decimal digits in format string\nToo many decimal digits in format string\n"
            "Too many decimal digits in format string\nwidth too big\nprecision too big\nprecision too big\n"
            "precision too big\n'ab'\n");
    // Past the memory limit: MemoryError (CPython's when its allocation fails), which a program can catch.
    std::string memory;
    for (const char* make : {"f'{1:999999999}'", "f'{1.5:.999999999f}'", "'%999999999d' % 1", "'a'.center(10**9)",
                             "'a'.ljust(10**9)", "'a'.rjust(10**9)", "'a'.zfill(10**9)"}) {
        memory += std::string("try:\n    x = ") + make + "\nexcept MemoryError as e:\n    print(repr(e))\n";
    }
    REQUIRE(run(memory)->output() == repeat("MemoryError()\n", 7));
}

TEST_CASE("hostile: a lone surrogate prints as CPython's stdout refuses it: UnicodeEncodeError") {
    auto p = run("print('x', 'ab\\ud800\\udc00c')\n");
    REQUIRE(p->output() == "x ");
    REQUIRE(p->error_line() ==
            "UnicodeEncodeError: 'utf-8' codec can't encode characters in position 2-3: surrogates not allowed");
    auto one =
        run("try:\n    print('\\udfff')\nexcept ValueError as e:\n    print(type(e).__name__, e)\n"
            "print(repr('a\\ud800'))\n");
    REQUIRE(one->output() ==
            "UnicodeEncodeError 'utf-8' codec can't encode character '\\udfff' in position 0: surrogates not allowed\n"
            "'a\\ud800'\n");
}

TEST_CASE("hostile: a lone \\r ends a line, as python3 reads a source (universal newlines)") {
    REQUIRE(run("x = 1\rprint(x)\rif x:\r    print(2)\r\n")->output() == "1\n2\n");
}

TEST_CASE("hostile: a program that prints without end stops at the output limit, with what it printed so far") {
    Limits small;
    small.output = 64 << 10;
    auto p = run("n = 0\nwhile True:\n    n += 1\n    print('x' * 99)\n", small);
    REQUIRE(p->status() == Program::Status::limit);
    REQUIRE(p->error_line() ==
            "the playground stopped the program after it printed 64 KB (an endless loop that prints?) (line 4)");
    REQUIRE(p->output().size() > (60u << 10));
    REQUIRE(p->output().size() <= small.output + 100);
    REQUIRE(p->output().substr(0, 100) == std::string(99, 'x') + "\n");
    // Under the limit, nothing changes.
    auto fits = run("for i in range(100):\n    print('x' * 99)\n", small);
    REQUIRE(fits->status() == Program::Status::finished);
    REQUIRE(fits->output().size() == 100u * 100u);
    // One print() bigger than the room left prints what fits, whole characters, and stops there: the
    // page and the CLI never receive the rest (a 200 MB string printed at once took 1.3 GB in Node).
    auto big = run("print('ab')\nprint('\u00e9' * 10**6)\nprint('after')\n", small);
    REQUIRE(big->status() == Program::Status::limit);
    REQUIRE(big->error_line().find("after it printed 64 KB") != std::string::npos);
    REQUIRE(big->output().size() == small.output - 1);  // 3 bytes, then 2-byte characters: one byte left over
    REQUIRE(big->output().substr(0, 7) == "ab\n\u00e9\u00e9");
}

TEST_CASE("hostile: a dict that grows while a for loop goes through it is CPython's RuntimeError, not endless") {
    // `for k in d: d[k + 1] = 1` would otherwise add a key for every key it reaches, for ever.
    auto grows = run("d = {1: 1}\nfor k in d:\n    d[k + 1] = 1\n");
    REQUIRE(grows->exit_status() == 1);
    REQUIRE(grows->error_line() == "RuntimeError: dictionary changed size during iteration");
    auto shrinks = run("d = {1: 1, 2: 2}\nfor k in d:\n    d.pop(2)\n");
    REQUIRE(shrinks->error_line() == "RuntimeError: dictionary changed size during iteration");
    // The same size with other keys: CPython notices when it finds more keys than it expected.
    auto swapped = run("d = {1: 1, 2: 2}\nfor k in d:\n    d.pop(k)\n    d[k + 10] = 1\n");
    REQUIRE(swapped->error_line() == "RuntimeError: dictionary keys changed during iteration");
    // Changing values (no key added or removed) is allowed; the error can be caught, as CPython's.
    REQUIRE(run("d = {1: 1, 2: 2}\nfor k in d:\n    d[k] = 5\nprint(d)\n")->output() == "{1: 5, 2: 5}\n");
    auto caught =
        run("d = {1: 1}\ntry:\n    for k in d:\n        d[k + 1] = 1\nexcept RuntimeError as e:\n    print(e, d)\n");
    REQUIRE(caught->output() == "dictionary changed size during iteration {1: 1, 2: 1}\n");
}

TEST_CASE("hostile: a coroutine that fails as it starts was awaited: no 'never awaited' warning after the error") {
    // CPython raises these inside the coroutine's first step, so the last line is the exception.
    for (const char* sleep : {"asyncio.sleep(10**400)", "asyncio.sleep('1')"}) {
        auto p = run(std::string("import asyncio\nasync def main():\n    await ") + sleep + "\nasyncio.run(main())\n");
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error().find("never awaited") == std::string::npos);
    }
    auto deep = run("import asyncio\nasync def f(n):\n    return await f(n + 1)\nasyncio.run(f(0))\n");
    REQUIRE(deep->error_line() == "RecursionError: maximum recursion depth exceeded");
    REQUIRE(deep->error().find("never awaited") == std::string::npos);
}

TEST_CASE("hostile: an invisible character in the code is CPython's SyntaxError, not part of a name") {
    // A zero-width space pasted into a name, a byte order mark after the first line.
    for (const char* c : {"\u200b", "\ufeff", "\u2060"}) {
        auto p = run(std::string("x") + c + " = 1\nprint(x)\n");
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error_line().rfind("SyntaxError: invalid non-printable character U+", 0) == 0);
    }
    REQUIRE(run("print(1)\n\ufeffprint(2)\n")->error_line() == "SyntaxError: invalid non-printable character U+FEFF");
    REQUIRE(run("x\u200b = 1\n")->error_line() == "SyntaxError: invalid non-printable character U+200B");
    // Curly quotes and dashes pasted from a web page, as CPython names them; ASCII that is no operator.
    REQUIRE(run("print(\u201chi\u201d)\n")->error_line() == "SyntaxError: invalid character '\u201c' (U+201C)");
    REQUIRE(run("x = 1 \u2013 2\n")->error_line() == "SyntaxError: invalid character '\u2013' (U+2013)");
    REQUIRE(run("x = 1 $ 2\n")->error_line() == "SyntaxError: invalid syntax");
    REQUIRE(run("x = 1 \x01 2\n")->error_line() == "SyntaxError: invalid non-printable character U+0001");
    // A name is checked as written (XID_Start, then XID_Continue), not once NFKC made "x\u00b2" "x2".
    REQUIRE(run("x\u00b2 = 1\n")->error_line() == "SyntaxError: invalid character '\u00b2' (U+00B2)");
    REQUIRE(run("a\u2081 = 1\n")->error_line() == "SyntaxError: invalid character '\u2081' (U+2081)");
    // Letters beyond ASCII still make names ("\ufb01" too, whose NFKC form is "fi"), and a BOM that
    // starts the file is skipped.
    REQUIRE(run("\u00b5 = \ufb01x = 1\nprint('ok')\n")->output() == "ok\n");
    REQUIRE(run("\ufeffcafé = 1\nprint(café)\n")->output() == "1\n");
}

TEST_CASE("python: a name beyond ASCII is its NFKC form, as CPython's parser makes it") {
    // [name as written, the same name as python3 reads it] (unicodedata.normalize('NFKC', ...)).
    const std::pair<const char*, const char*> same[] = {
        {"\ufb01x", "fix"},                // a ligature
        {"\uff58\uff59", "xy"},            // fullwidth letters
        {"cafe\u0301", "caf\u00e9"},       // a combining accent composes
        {"a\u0323\u0302", "\u1ead"},       // marks reordered by class, then composed (ậ)
        {"a\u0302\u0323", "\u1ead"},       // the other order: the same name
        {"\u1112\u1161\u11ab", "\ud55c"},  // Hangul jamo make a syllable
        {"\U0001d431", "x"},               // mathematical bold
        {"\u212b", "\u00c5"},              // a singleton (ANGSTROM SIGN)
        {"\u00c5\u0301", "\u01fa"},        // composed, then composed again
        {"v\u0387a", "v\u00b7a"},          // GREEK ANO TELEIA, a MIDDLE DOT after NFKC
    };
    for (const auto& [written, normal] : same) {
        INFO(written);
        REQUIRE(run(std::string(written) + " = 7\nprint(" + normal + ")\n")->output() == "7\n");
    }
    // NameError and a def's __name__ say the normal form; a keyword's look-alike stays a name.
    REQUIRE(run("print(\ufb02ow)\n")->error_line() == "NameError: name 'flow' is not defined. Did you mean: 'float'?");
    REQUIRE(run("def \u210c(): pass\nprint(H.__name__)\n")->output() == "H\n");
    REQUIRE(run("\uff49\uff46 = 3\nprint(\uff49\uff46 + 1)\n")->output() == "4\n");
}

TEST_CASE("hostile: lazy iterators nested by a loop, and hash() of a deep tuple, are RecursionError, not a crash") {
    // Each next() of map/filter/zip/enumerate (and each level of a tuple's hash) asks the one below
    // it: a chain built by a loop overflowed the C++ stack (a segmentation fault).
    for (const char* wrap : {"map(abs, x)", "filter(None, x)", "zip(x)", "enumerate(x)"}) {
        auto p = run(std::string("x = [1]\nfor i in range(100000):\n    x = ") + wrap + "\nprint(len(list(x)))\n");
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error_line() == "RecursionError: maximum recursion depth exceeded");
        REQUIRE(
            run(std::string("x = [1]\nfor i in range(100):\n    x = ") + wrap + "\nprint(len(list(x)))\n")->output() ==
            "1\n");
    }
    auto hashed = run("a = ()\nfor i in range(200000):\n    a = (a,)\nprint(hash(a))\n");
    REQUIRE(hashed->error_line() == "RecursionError: maximum recursion depth exceeded");
    REQUIRE(run("a = ()\nfor i in range(3):\n    a = (a,)\nprint(hash(a))\n")->output() == "-2010042300121347165\n");
}

TEST_CASE("hostile: garbage made inside one stretch of code is collected, not counted against memory for ever") {
    // The collector ran only between two iterations of the event loop: a module's loop (or a
    // coroutine's that never awaits) that dropped a big value each time reached the memory limit,
    // where CPython frees each at once and needs a few MB. A 2 MB limit and 100 iterations of
    // 160-400 KB each: several times the limit in garbage, at a small cost under ASan.
    Limits small;
    small.memory = 2u << 20;
    const std::string each[] = {"s = 'x' * 400000", "s = list(range(10000))", "s = f()",
                                "a = {}\n        for j in range(100):\n            a = {1: a}"};
    for (const std::string& make : each) {
        const std::string body = "    for i in range(100):\n        " + make + "\n";
        auto module = run("def f():\n    return [0] * 10000\nif True:\n" + body + "print('ok')\n", small);
        REQUIRE(module->error() == "");
        REQUIRE(module->output() == "ok\n");
        auto coroutine = run("import asyncio\ndef f():\n    return [0] * 10000\nasync def main():\n" + body +
                                 "    print('ok')\nasyncio.run(main())\n",
                             small);
        REQUIRE(coroutine->error() == "");
        REQUIRE(coroutine->output() == "ok\n");
    }
    // What stays reachable still counts: the limit is still reached, and said so.
    auto kept = run("keep = []\nfor i in range(100):\n    keep.append('x' * 400000)\n", small);
    REQUIRE(kept->exit_status() == 1);
}

TEST_CASE("hostile: a 21st statically nested block is CPython's SyntaxError, where it opens") {
    // CPython's compiler counts loops, try bodies, except handlers and with bodies (CO_MAXBLOCKS,
    // 20); without the limit 21 nested `while True:` ran until the step budget.
    auto nest = [](const std::string& open, int n, const std::string& inner) {
        std::string s;
        for (int i = 0; i < n; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + open + "\n";
        return s + std::string(static_cast<std::size_t>(n), ' ') + inner + "\n";
    };
    for (const std::string open : {"for x in [1]:", "while True:"}) {
        auto p = run(nest(open, 21, "break"));
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->ran() == false);
        REQUIRE(p->error() == "  File \"<program>\", line 21\n    " + open + "\n    ^\n" +
                                  "SyntaxError: too many statically nested blocks\n");
    }
    REQUIRE(run(nest("for x in [1]:", 20, "print(x)"))->output() == "1\n");
    // A handler's body is two blocks deep (EXCEPTION_HANDLER, HANDLER_CLEANUP): the error is at `except`.
    const std::string handler = nest("for x in [1]:", 19,
                                     "try:\n" + std::string(20, ' ') + "pass\n" + std::string(19, ' ') +
                                         "except ValueError:\n" + std::string(20, ' ') + "pass");
    auto h = run(handler);
    REQUIRE(h->error_line() == "SyntaxError: too many statically nested blocks");
    REQUIRE(h->error().rfind("  File \"<program>\", line 22\n    except ValueError:\n", 0) == 0);
    // A function starts counting again; a loop's `else` is outside the loop.
    std::string inner;  // 15 loops in a function in 15 loops
    for (int i = 0; i < 15; ++i) inner += std::string(16 + static_cast<std::size_t>(i), ' ') + "for y in [2]:\n";
    inner += std::string(31, ' ') + "print(y)\n" + std::string(15, ' ') + "f()";
    REQUIRE(run(nest("for x in [1]:", 15, "def f():\n" + inner))->output() == "2\n");
    REQUIRE(run(nest("for x in [1]:", 19,
                     "pass\n" + std::string(18, ' ') + "else:\n" + std::string(19, ' ') + "for y in [2]:\n" +
                         std::string(20, ' ') + "print(y)"))
                ->error() == "");
}

TEST_CASE("hostile: a str repeated past Py_ssize_t is CPython's OverflowError, not MemoryError") {
    auto p = run(
        R"(for make in (lambda: "ab" * 2**62, lambda: "\u00e9\u00e9" * 2**62, lambda: "a" * 2**62, lambda: [1, 2] * 2**62):
    try:
        make()
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
)");
    REQUIRE(p->output() ==
            "OverflowError repeated string is too long\nOverflowError repeated string is too long\nMemoryError \n"
            "MemoryError \n");
}

TEST_CASE(
    "hostile: a lone surrogate in an error goes to stderr as python3 writes it there: \\udc80 (backslashreplace)") {
    // The traceback carried the surrogate's three bytes, which are no UTF-8 (JavaScript read U+FFFD).
    auto p = run("raise ValueError('a\\udc80b')\n");
    REQUIRE(p->error_line() == "ValueError: a\\udc80b");
    REQUIRE(p->error().find('\xed') == std::string::npos);
    auto notes =
        run("import asyncio\nasync def f():\n    raise KeyError('\\ud800')\nasync def main():\n"
            "    asyncio.create_task(f())\n    await asyncio.sleep(0)\nasyncio.run(main())\n");
    REQUIRE(notes->error().find("KeyError: '\\ud800'") != std::string::npos);
    REQUIRE(notes->error().find('\xed') == std::string::npos);
}

TEST_CASE("hostile: str.format with a field number past Py_ssize_t is CPython's ValueError") {
    // It said "IndexError: Replacement index 18446744073709551615 out of range", a number no one wrote.
    auto p = run(
        R"(for text in ("{99999999999999999999}", "{9223372036854775808}", "{0[99999999999999999999]}", "{9223372036854775807}", "{0[9223372036854775807]}"):
    try:
        text.format([1])
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
)");
    REQUIRE(p->output() ==
            "ValueError Too many decimal digits in format string\n"
            "ValueError Too many decimal digits in format string\n"
            "ValueError Too many decimal digits in format string\n"
            "IndexError Replacement index 9223372036854775807 out of range for positional args tuple\n"
            "IndexError list index out of range\n");
}

TEST_CASE(
    "hostile: nested lambdas: CPython's limits where it has them, the playground's refusal before the stack runs out") {
    // 1,000 nested lambdas were "RecursionError: ... during compilation", which python3 never says of
    // them (it compiles up to 2,983; its parser runs out of stack at 2,984). Our compiler recurses
    // through three levels a lambda: past 599 of them (or fewer, deep inside) the playground refuses,
    // as the stack of the Wasm build would not hold them (tests/js/hostile.test.mjs).
    auto nested = [](int n) { return "f = " + repeat("lambda: ", static_cast<std::size_t>(n)) + "1\nprint(1)\n"; };
    REQUIRE(run(nested(599))->output() == "1\n");
    for (const int n : {600, 1000, 2983}) {
        auto p = run(nested(n));
        REQUIRE(p->exit_status() == 2);
        REQUIRE(p->error() == "the playground does not support lambdas nested this deep (line 1)\n");
    }
    REQUIRE(run(nested(2984))->error() == "MemoryError\n");
    REQUIRE(run(nested(3100))->error() == "MemoryError\n");
    // CPython's own limit comes first: 2,000 lambdas around 1,001 terms is its RecursionError.
    REQUIRE(run("f = " + repeat("lambda: ", 1500) + chain("1", "+", 1600) + "\n")->error_line() == compile_recursion);
    REQUIRE(run("f = " + repeat("lambda x=1: ", 590) + "1\nprint(1)\n")->output() == "1\n");
}

TEST_CASE("hostile: a long substring that almost matches everywhere is searched for in time linear in the text") {
    // A character-by-character search compares the whole needle at each of 10**7 positions: hours
    // (a page that never hears back). CPython's two-way search answers in a second; so must we, for
    // every built-in that searches (python3 printed these lines). The cap is a wall-clock Budget far
    // beyond a linear search, even under ASan.
    Program p(R"(s = 'a' * 10**7
p = 'a' * 10**6 + 'b'
q = 'b' + 'a' * 10**6
print(s.find(p), s.rfind(p), s.find(q), s.rfind(q), s.count(p), p in s, q in s)
print(len(s.split(p)), len(s.rsplit(q)), len(s.replace(p, '')), s.partition(p)[1], s.rpartition(q)[1])
t = q + s + p
print(t.find(p), t.rfind(p), t.find(q), t.rfind(q), t.count(p), t.index(p), t.rindex(q))
print(t.find(p, 5, 10**7), t.rfind(q, 1), t.find(s[:40] + 'b'), t.rfind('b' + s[:40]))
)",
              Limits{}, sp::py::Budget{0, 60'000});
    p.run();
    REQUIRE(p.status() != Program::Status::budget);
    REQUIRE(p.output() ==
            "-1 -1 -1 -1 0 False False\n1 1 10000000  \n11000001 11000001 0 0 1 11000001 0\n-1 -1 11999961 0\n");
}

TEST_CASE("hostile: an endless loop of a built-in's big work stops at the step limit, not days later") {
    // Each of these loops is a few bytecode steps an iteration; the work is the built-in's (a sum, a
    // scan, a copy, a million new objects). Before the built-ins' work counted as steps, each ran for
    // hours: `while True: x = sum(range(10**6))` took 20,000,000 iterations to reach the limit.
    Limits small;
    small.steps = 2'000'000;
    const std::string data =
        "l = list(range(10**5))\nt = tuple(l)\ns = 'ab' * 10**5\nd = '9' * 4300\nwhile True:\n    x = ";
    for (const char* work : {"sum(range(10**5))", "max(l)", "99999 in l", "l.count(5)", "str(l)", "l[:]",
                             "s.split('b')", "s.count('a')", "s.upper()", "sorted(l)", "hash(t)", "int(d)"}) {
        CAPTURE(work);
        const auto p = run(data + work + "\n", small);
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error().find("stopped the program after 2,000,000 steps") != std::string::npos);
    }
}

TEST_CASE("hostile: an endless loop writing a 4300-digit int stops at the step limit, not hours later") {
    // Writing an int's decimal digits is quadratic in its size (about a millisecond for 4300 digits
    // natively): at a few bytecode steps an iteration, 2,000,000 steps were 300,000 conversions, five
    // minutes. Each conversion now counts its work, so the loop stops after a few dozen of them. The
    // wall-clock Budget only keeps a regression from hanging the suite.
    Limits small;
    small.steps = 2'000'000;
    for (const char* work : {"str(b)", "repr(b)", "f'{b}'", "'%d' % b", "format(b, ',')", "str([b, b])"}) {
        CAPTURE(work);
        Program p(std::string("b = -10**4299\nn = 0\nwhile True:\n    x = ") + work +
                      "\n    n += 1\n    if n % 10 == 0:\n        print(n)\n",
                  small, sp::py::Budget{0, 20'000});
        p.run();
        REQUIRE(p.status() != Program::Status::budget);
        REQUIRE(p.error().find("stopped the program after 2,000,000 steps") != std::string::npos);
        REQUIRE(p.output().size() < 40);  // at most a few lines: "10\n20\n..."
    }
}

TEST_CASE("hostile: exceptions that grow with every raise (a context chain, a traceback) stop at the step limit") {
    // Each raise walks the handled exception's context chain, and each frame it leaves adds to its
    // traceback: both grow with the loop, so the work is quadratic in few bytecode steps. Before that
    // work counted, the first ran for 51 s natively (CPython: past a minute) and the second, whose
    // finally calls recurse without end (as in CPython), never ended.
    Limits small;
    small.steps = 2'000'000;
    const char* chain =
        "e = None\nfor i in range(100000):\n    try:\n        if e:\n            raise e\n        raise ValueError(i)\n"
        "    except Exception as x:\n        try:\n            raise KeyError(i)\n        except KeyError as k:\n"
        "            e = k\nraise e\n";
    const char* finally_recursion = "def f():\n    try:\n        f()\n    finally:\n        f()\nf()\n";
    for (const char* source : {chain, finally_recursion}) {
        CAPTURE(source);
        const auto p = run(source, small);
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error().find("stopped the program after 2,000,000 steps") != std::string::npos);
    }
}

TEST_CASE("hostile: a source that is not UTF-8 is CPython's SyntaxError, the first bad byte and its line") {
    const std::string pep263 = ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
    // As Parser/tokenizer.c's ensure_utf8 reads it: a stray byte, a cut sequence, a surrogate, an
    // overlong form, a code point past U+10FFFF; the file is the "<program>" of every traceback.
    const std::pair<std::string, std::string> cases[] = {
        {"print('\xff')\n", "'\\xff' in file <program> on line 1"},
        {"# \xc3(\nprint(1)\n", "'\\xc3' in file <program> on line 1"},
        {"x = 1\ny = 2\n# \xed\xa0\x80\n", "'\\xed' in file <program> on line 3"},
        {"print(1)\n\x80", "'\\x80' in file <program> on line 2"},
        {"print('\xe0\x80\x80')\n", "'\\xe0' in file <program> on line 1"},
        {"print('\xf4\x90\x80\x80')\n", "'\\xf4' in file <program> on line 1"},
        {"print(1)\r\n\r\xff", "'\\xff' in file <program> on line 3"},
    };
    for (const auto& [source, where] : cases) {
        auto p = run(source);
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->output() == "");
        REQUIRE(p->error() == "SyntaxError: Non-UTF-8 code starting with " + where + pep263 + "\n");
    }
    // A null byte met first (each line is read as a C string) is the tokenizer's error.
    REQUIRE(run(std::string("print(1)\n\x00\xff\n", 12))->error_line() ==
            "SyntaxError: source code cannot contain null bytes");
    REQUIRE(run("print('\xc3\xa9\xf0\x9f\x98\x80')\n")->output() == "\xc3\xa9\xf0\x9f\x98\x80\n");
}

TEST_CASE("hostile: a coding declaration other than UTF-8 or Latin-1 is refused, as web/cli.mjs refuses it") {
    // Latin-1 is decoded before the program is made (latin1_to_utf8, as web/cli.mjs does), and an
    // ASCII source reads the same under the names that read ASCII alike.
    for (const char* same :
         {"# -*- coding: latin-1 -*-\nprint('\xc3\xa9')\n", "#!/usr/bin/python3\n# vim: fileencoding=ascii\nprint(1)\n",
          "# coding=utf8\nprint('\xc3\xa9')\n", "#coding:UTF_8\nprint('\xc3\xa9')\n", "print(1)\n# coding: foo\n"}) {
        auto p = run(same);
        REQUIRE(p->error() == "");
        REQUIRE(p->exit_status() == 0);
    }
    REQUIRE(sp::py::latin1_to_utf8("# coding: latin-1\nprint('\xe9')\n") == "# coding: latin-1\nprint('\xc3\xa9')\n");
    REQUIRE(sp::py::latin1_to_utf8("print('\xe9')\n") == "print('\xe9')\n");
    // python3 would fail ("encoding problem: foo") or decode as cp1252: never what we would.
    for (const auto& [source, refusal] : std::initializer_list<std::pair<const char*, const char*>>{
             {"\n# coding: foo\nprint(1)\n", "files in the encoding 'foo', only UTF-8 and Latin-1 (line 2)"},
             {"# coding: cp1252\nprint('\xc3\xa9')\n",
              "files in the encoding 'cp1252', only UTF-8 and Latin-1 (line 1)"}}) {
        auto p = run(source);
        REQUIRE(p->exit_status() == 2);
        REQUIRE(p->error_line() == std::string("the playground does not support ") + refusal);
    }
    // UTF-16 and UTF-32 (any spelling of them python3 knows): its SyntaxError whatever the text, as
    // web/cli.mjs says it; "utf-16" was read as UTF-8 ("utf" then "-16") and the program ran.
    for (const auto& [source, line] : std::initializer_list<std::pair<const char*, const char*>>{
             {"# coding: utf-16\nprint(1)\n", "SyntaxError: encoding problem: utf-16"},
             {"\n# -*- coding: UTF_32-LE -*-\nprint(1)\n", "SyntaxError: encoding problem: UTF_32-LE"},
             {"# vim: set fileencoding=U16 :\nprint(1)\n", "SyntaxError: encoding problem: U16"}}) {
        auto p = run(source);
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error_line() == line);
    }
    // Bytes that are not UTF-8 under a UTF-8 declaration or a byte order mark: the same SyntaxError.
    REQUIRE(run("# coding: utf-8\nprint('\xff')\n")
                ->error_line()
                .rfind("SyntaxError: Non-UTF-8 code starting with '\\xff' in file <program> on line 2", 0) == 0);
    REQUIRE(run("\xef\xbb\xbfprint(1)\n\xff\n")
                ->error_line()
                .rfind("SyntaxError: Non-UTF-8 code starting with '\\xff' in file <program> on line 2", 0) == 0);
}

TEST_CASE("hostile: what the playground lacks, inside an f-string's expression, is refused as outside one") {
    auto p = run("x = 1\nprint(f'{3j}')\n");
    REQUIRE(p->exit_status() == 2);
    REQUIRE(p->error_line() == "the playground does not support complex numbers (line 2)");
    REQUIRE(run("print(f'{1_}')\n")->error_line() == "SyntaxError: invalid decimal literal");
}

TEST_CASE("hostile: text a built-in would make past the memory limit is MemoryError before it is made") {
    Limits small;
    small.memory = 16u << 20;
    // join, replace and split know their result's size first; repr() counts what it builds (a
    // list holding itself twice, 64 levels deep, shows 2^64 items); sum() of lists makes a list
    // per item, whose garbage only the interpreter's next step could collect.
    for (const char* make :
         {"''.join(['a' * 1000] * 10**5)", "('a' * 10**6).replace('a', 'abcdefghijklmnopqrstuvwxyz')",
          "('a ' * 10**6).split()", "('a,' * 10**6).rsplit(',')", "str(deep)", "repr(deep)", "repr('\\x00' * 10**7)",
          "sum([[0] * 1000] * 3000, [])"}) {
        const std::string source = std::string("deep = 'a'\nfor i in range(64):\n    deep = [deep, deep]\n") +
                                   "try:\n    x = " + make + "\nexcept MemoryError as e:\n    print(repr(e))\n" +
                                   "print('after')\n";
        auto p = run(source, small);
        INFO(make);
        REQUIRE(p->output() == "MemoryError()\nafter\n");
        REQUIRE(p->exit_status() == 0);
    }
    REQUIRE(run("print(len(''.join(['ab'] * 10**5)), len(('a' * 10).replace('a', 'bc')))\n", small)->output() ==
            "200000 20\n");
}

TEST_CASE("hostile: a task's label shows the start of its arguments, never their whole repr") {
    // The playground labels each task "w(...)" for its views; CPython never writes that text, so it
    // must not fail or cost what a repr would: an int past 4300 digits was a ValueError, a list nested
    // 5,000 deep a RecursionError, and a 2 MB str argument a full repr on every create_task().
    const std::string source = R"(import asyncio
async def w(s, big, nested):
    return len(s)
async def main():
    nested = []
    for i in range(5000):
        nested = [nested]
    s = 'x' + 'é' * 10**6
    n = 0
    for i in range(3):
        n += await asyncio.create_task(w(s, 10**5000, nested))
    print(n, await asyncio.gather(w('é', 7, [[1]])))
asyncio.run(main())
)";
    const auto p = run(source);
    REQUIRE(p->error().empty());
    REQUIRE(p->output() == "3000003 [1]\n");
    const std::string& words = p->trace().words.bytes();
    // The label is cut at a character's start, with its 40 bytes of arguments and "…".
    REQUIRE(words.find("w('xéééééééééééééééééé…)") != std::string::npos);
    REQUIRE(words.find("w('é', 7, [[1]])") != std::string::npos);
    for (std::size_t i = 0; i < words.size();) {  // every label valid UTF-8
        const auto lead = static_cast<unsigned char>(words[i]);
        REQUIRE((lead & 0xC0) != 0x80);
        const std::size_t n = sp::py::utf8_length(lead);
        for (std::size_t k = 1; k < n; ++k) REQUIRE((static_cast<unsigned char>(words[i + k]) & 0xC0) == 0x80);
        i += n;
    }
}

TEST_CASE("hostile: objects made and dropped give back what they took of the memory limit") {
    // A freed object gave back a fixed 64 bytes whatever it had taken: an exception (about 200)
    // leaked the rest, so a loop making and dropping 2,000,000 ValueErrors, which CPython runs, ended
    // in MemoryError; an int's digits, counted when made, were never given back.
    Limits small;
    small.memory = 16u << 20;
    const char* const loops[] = {
        "for i in range(300000):\n    x = ValueError(i)\nprint(x)\n",
        "for i in range(300000):\n    def f():\n        return i\nprint(f())\n",
        "for i in range(300000):\n    g = (n for n in range(i))\nprint(sum(g))\n",
        "for i in range(200000):\n    x = 10**600 * i\nprint(x % 1000)\n",
    };
    const char* const printed[] = {"299999\n", "299999\n", "44999550001\n", "0\n"};
    for (std::size_t k = 0; k < std::size(loops); ++k) {
        CAPTURE(loops[k]);
        const auto p = run(loops[k], small);
        REQUIRE(p->error().empty());
        REQUIRE(p->output() == printed[k]);
    }
}

TEST_CASE("hostile: a semaphore released past 64 bits is refused, not wrapped to a negative value") {
    // CPython's value is an unbounded int (9223372036854775808 here); a release at the top of
    // int64 overflowed (undefined behaviour) and printed -9223372036854775808.
    for (const char* release :
         {"s.release()", "async def f():\n    async with s:\n        s.release()\nasyncio.run(f())"}) {
        CAPTURE(release);
        const auto p =
            run("import asyncio\ns = asyncio.Semaphore(2**63 - 1)\n" + std::string(release) + "\nprint(s._value)\n");
        REQUIRE(p->exit_status() == 2);
        REQUIRE(p->error_line().rfind(
                    "the playground does not support a Semaphore whose value passes 9,223,372,036,854,775,807", 0) ==
                0);
        REQUIRE(p->output().empty());
    }
}

TEST_CASE("hostile: the linear substring search finds what std::string_view's character-by-character one finds") {
    // Random texts over two letters (many near matches), needles long enough to take the linear path
    // and short ones, every start and end: first and last occurrences agree.
    std::uint32_t state = 12345;
    const auto next = [&state] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
    for (int round = 0; round < 300; ++round) {
        std::string text(static_cast<std::size_t>(next() % 300), 'a');
        for (char& c : text) c = next() % 7 == 0 ? 'b' : 'a';
        std::string needle = text.substr(next() % (text.size() + 1));
        needle = needle.substr(0, next() % 70);
        if (next() % 3 == 0 && !needle.empty()) needle[next() % needle.size()] ^= 3;  // often absent
        for (std::size_t at = 0; at <= text.size() + 1; at += 1 + next() % 9) {
            INFO(text << " / " << needle << " at " << at);
            REQUIRE(sp::py::find_text(text, needle, at) == std::string_view(text).find(needle, at));
            REQUIRE(sp::py::rfind_text(text, needle, at) == std::string_view(text).rfind(needle, at));
        }
        REQUIRE(sp::py::rfind_text(text, needle) == std::string_view(text).rfind(needle));
    }
}

TEST_CASE("hostile: a loop that adds events for ever stops at the events limit, not gigabytes later") {
    // Each time.sleep() is an event the views keep to draw and replay the run (the page and the CLI
    // hold every one): 25 million of them took 2.5 GB in Node before the step limit stopped the loop.
    Limits small;
    small.events = 10'000;
    for (const char* loop : {"import time\nwhile True:\n    time.sleep(1)\n",
                             "import asyncio\nasync def main():\n    lock = asyncio.Lock()\n    while True:\n"
                             "        async with lock:\n            pass\nasyncio.run(main())\n",
                             "while True:\n    print()\n"}) {
        CAPTURE(loop);
        const auto p = run(loop, small);
        REQUIRE(p->exit_status() == 1);
        REQUIRE(p->error_line().find("the playground stopped the program after 10,000 events on its timeline") !=
                std::string::npos);
        REQUIRE(p->trace().counts.created <= 1);
    }
    // A run of exactly the limit's events is whole; one event fewer allowed, it stops.
    const std::string lesson =
        "import asyncio\nsem = asyncio.Semaphore(3)\nasync def task(n):\n    async with sem:\n"
        "        print(n)\n        await asyncio.sleep(0)\n        print(n)\n"
        "async def main():\n    await asyncio.gather(*(task(n) for n in range(100)))\n"
        "asyncio.run(main())\n";
    Limits exact;
    exact.events = run(lesson)->trace().events.size();
    REQUIRE(exact.events > 600);
    REQUIRE(run(lesson, exact)->exit_status() == 0);
    exact.events -= 1;
    REQUIRE(run(lesson, exact)->error_line().find("events on its timeline") != std::string::npos);
}

TEST_CASE("hostile: a program's own text that says \"internal error\" is no internal error of the playground's") {
    // fuzz_program took a mutated string literal for a bug of ours: it read the final line's text.
    const auto p = run("raise RuntimeError('internal error in the playground: not really')\n");
    REQUIRE(p->exit_status() == 1);
    REQUIRE(p->error_line() == "RuntimeError: internal error in the playground: not really");
    REQUIRE_FALSE(p->met_internal_error());
    const auto ok = run("print('internal error')\n");
    REQUIRE(ok->exit_status() == 0);
    REQUIRE_FALSE(ok->met_internal_error());
}

TEST_CASE("hostile: brackets after names are read ahead once each, not once more per bracket around them") {
    // `i{{k{i{{k{...`: each `{` after a name is CPython's invalid_expression, which reads what follows
    // before it names the mistake; the parse then reads it again. 8 of these took 34 s, 40 would never
    // end: now each place's read is kept (Parser::second_expression, as CPython's packrat memo).
    std::string source = "e";
    for (int i = 0; i < 40; ++i) source += "i{{k{";
    source += std::string(30, '{') + "a def \n   sy{{\n";
    const auto p = run(source);
    REQUIRE(p->exit_status() == 1);
    REQUIRE(p->error_line() == "SyntaxError: invalid syntax");
}
