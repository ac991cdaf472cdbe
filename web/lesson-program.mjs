// The lesson's program for a scenario, as the page displays it: in Python (what a learner runs in
// CPython, which prints exactly the log's program lines) and in C++ against core/ (what our runtime
// runs). Each line is [text, step], where step names the event kind the line produces, for the code
// view's highlight. Tests run both texts and compare their output with the trace (issue #11).

import { A_SCENARIO, checkArgument, isScenario } from './arguments.mjs';

// A number as a Python or C++ literal: JavaScript's shortest form ("0.5", "2", "1e-7") is valid in both.
function literal(x) {
  return String(x);
}

function isCustom(s) {
  return Array.isArray(s.tasks);
}

function taskCount(s) {
  return isCustom(s) ? s.tasks.length : s.tasks;
}

function pythonLesson(s, Sem) {
  return [
    ['import asyncio'],
    [''],
    [`sem = asyncio.${Sem}(${s.permits})`],
    [''],
    ['async def limited_task(n):'],
    ['    async with sem:', 'waiting'],
    ['        print(f"Task {n} started")', 'started'],
    [`        await asyncio.sleep(${literal(s.duration)})`],
    ['        print(f"Task {n} finished")', 'finished'],
    [''],
    ['async def main():'],
    [`    await asyncio.gather(*(limited_task(n) for n in range(1, ${s.tasks + 1})))`],
    [''],
    ['asyncio.run(main())'],
  ];
}

function pythonTaskRow(t) {
  const timeout = t.timeout === null ? 'None' : literal(t.timeout);
  const extra = t.extra_release ? ', extra_release=True' : '';
  return `    dict(duration=${literal(t.duration)}, start=${literal(t.start)}, timeout=${timeout}, fail=${t.fail ? 'True' : 'False'}${extra}),`;
}

function releasesAgain(s) {
  return s.tasks.some((t) => t.extra_release);
}

// The lines a task with an extra release adds: the release after `async with sem:`, and the
// ValueError a BoundedSemaphore raises (in whichever task releases past the bound).
function pythonExtraRelease(s) {
  if (!releasesAgain(s)) return { release: [], except: [] };
  return {
    release: [
      ['            if extra_release:'],
      ['                sem.release()  # one release more than acquires', 'extra_release'],
      ['                print(f"Task {n} released again")', 'extra_release'],
    ],
    except: [['    except ValueError as error:'], ['        print(f"Task {n}: {error}")', 'release_error']],
  };
}

// Every row is shown: the text is the program, and it must run as shown.
function pythonCustom(s, Sem) {
  const extra = pythonExtraRelease(s);
  return [
    ['import asyncio'],
    [''],
    [`sem = asyncio.${Sem}(${s.permits})`],
    ['tasks = ['],
    ...s.tasks.map((t) => [pythonTaskRow(t)]),
    [']'],
    [''],
    [`async def limited_task(n, duration, start, timeout, fail${releasesAgain(s) ? ', extra_release=False' : ''}):`],
    ['    try:'],
    ['        async with asyncio.timeout(timeout):'],
    ['            if start:'],
    ['                await asyncio.sleep(start)'],
    ['            async with sem:', 'waiting'],
    ['                print(f"Task {n} started")', 'started'],
    ['                await asyncio.sleep(duration)'],
    ['                if fail:'],
    ['                    raise RuntimeError(f"Task {n} failed")'],
    ['                print(f"Task {n} finished")', 'finished'],
    ...extra.release,
    ['    except TimeoutError:'],
    ['        print(f"Task {n} timed out")', 'timeout'],
    ['    except RuntimeError as error:'],
    ['        print(error)', 'failed'],
    ...extra.except,
    [''],
    ['async def main():'],
    ['    await asyncio.gather(*(limited_task(n, **t) for n, t in enumerate(tasks, 1)))'],
    [''],
    ['asyncio.run(main())'],
  ];
}

/** The lesson's Python program for a normalized scenario: [[text, step]] lines. */
export function pythonProgram(s) {
  checkArgument('pythonProgram(scenario)', 'scenario', s, isScenario, A_SCENARIO);
  const Sem = s.bounded ? 'BoundedSemaphore' : 'Semaphore';
  return isCustom(s) ? pythonCustom(s, Sem) : pythonLesson(s, Sem);
}

function cppTaskRow(t, withExtra) {
  const timeout = t.timeout === null ? 'std::nullopt' : literal(t.timeout);
  return `    {${literal(t.duration)}, ${literal(t.start)}, ${timeout}, ${t.fail}${withExtra ? `, ${t.extra_release}` : ''}},`;
}

// A Permit guard releases in its destructor, which must not throw while another exception unwinds;
// with an extra release a BoundedSemaphore can raise there, so the program releases by hand, as
// Python's __aexit__ does (its ValueError replaces the error in flight).
function cppHoldChecked() {
  return [
    ['sp::Coro<void> hold_permit(int n, const TaskSpec& t) {'],
    ['    if (t.start != 0) co_await sp::sleep(t.start);  // if start: await asyncio.sleep(start)'],
    ['    co_await sem.acquire();  // async with sem: (released by hand below, like __aexit__)', 'waiting'],
    ['    std::exception_ptr error;'],
    ['    try {'],
    ['        std::printf("Task %d started\\n", n);', 'started'],
    ['        co_await sp::sleep(t.duration);'],
    ['        if (t.fail) throw std::runtime_error("Task " + std::to_string(n) + " failed");'],
    ['        std::printf("Task %d finished\\n", n);', 'finished'],
    ['    } catch (...) {'],
    ['        error = std::current_exception();'],
    ['    }'],
    ['    sem.release();  // a ValueError here replaces the error in flight, as in Python'],
    ['    if (error) std::rethrow_exception(error);'],
    ['    if (t.extra_release) {'],
    ['        sem.release();  // one release more than acquires', 'extra_release'],
    ['        std::printf("Task %d released again\\n", n);', 'extra_release'],
    ['    }'],
    ['}'],
  ];
}

function cppHold() {
  return [
    ['sp::Coro<void> hold_permit(int n, const TaskSpec& t) {'],
    ['    if (t.start != 0) co_await sp::sleep(t.start);  // if start: await asyncio.sleep(start)'],
    ['    sp::Permit permit = co_await sem.permit();  // async with sem:', 'waiting'],
    ['    std::printf("Task %d started\\n", n);', 'started'],
    ['    co_await sp::sleep(t.duration);'],
    ['    if (t.fail) throw std::runtime_error("Task " + std::to_string(n) + " failed");'],
    ['    std::printf("Task %d finished\\n", n);', 'finished'],
    ['}  // the permit is released here, also on exception or cancellation'],
  ];
}

function cppLesson(s) {
  return [
    ['sp::Coro<void> limited_task(int n) {'],
    ['    sp::Permit permit = co_await sem.permit();  // async with sem:', 'waiting'],
    ['    std::printf("Task %d started\\n", n);', 'started'],
    [`    co_await sp::sleep(${literal(s.duration)});`],
    ['    std::printf("Task %d finished\\n", n);', 'finished'],
    ['}  // the permit is released here, also on exception or cancellation'],
  ];
}

function cppCustom(s) {
  const extra = releasesAgain(s);
  return [
    ['struct TaskSpec {'],
    ['    double duration, start;'],
    ['    std::optional<double> timeout;  // nullopt: asyncio.timeout(None)'],
    ['    bool fail;'],
    ...(extra ? [['    bool extra_release;']] : []),
    ['};'],
    ['const std::vector<TaskSpec> tasks = {'],
    ...s.tasks.map((t) => [cppTaskRow(t, extra)]),
    ['};'],
    [''],
    ...(extra ? cppHoldChecked() : cppHold()),
    [''],
    ['sp::Coro<void> limited_task(int n, const TaskSpec& t) {'],
    ['    try {'],
    ['        co_await sp::timeout(t.timeout, hold_permit(n, t));  // async with asyncio.timeout(...)'],
    ['    } catch (const sp::TimeoutError&) {'],
    ['        std::printf("Task %d timed out\\n", n);', 'timeout'],
    ...(extra
      ? [['    } catch (const sp::ValueError& error) {'], ['        std::printf("Task %d: %s\\n", n, error.what());', 'release_error']]
      : []),
    ['    } catch (const std::runtime_error& error) {'],
    ['        std::printf("%s\\n", error.what());', 'failed'],
    ['    }'],
    ['}'],
  ];
}

/** The same program in C++20 against core/: a complete file that compiles and prints the same lines. */
export function cppProgram(s) {
  checkArgument('cppProgram(scenario)', 'scenario', s, isScenario, A_SCENARIO);
  const Sem = s.bounded ? 'BoundedSemaphore' : 'Semaphore';
  const custom = isCustom(s);
  return [
    ['// Build: g++ -std=c++20 -Icore program.cpp core/*.cpp'],
    ['#include <cstdio>'],
    ...(custom && releasesAgain(s) ? [['#include <exception>']] : []),
    ['#include <memory>'],
    ...(custom ? [['#include <optional>'], ['#include <stdexcept>'], ['#include <string>']] : []),
    ['#include <vector>'],
    [''],
    ['#include "asyncio.hpp"  // core/: a C++20 model of asyncio'],
    [''],
    [`sp::${Sem} sem(${s.permits});`],
    [''],
    ...(custom ? cppCustom(s) : cppLesson(s)),
    [''],
    ['sp::Coro<void> amain(sp::EventLoop& loop) {  // async def main():'],
    ['    std::vector<std::unique_ptr<sp::Task<void>>> running;'],
    ['    std::vector<sp::FutureBase*> children;'],
    [`    for (int n = 1; n <= ${taskCount(s)}; ++n) {`],
    [
      custom
        ? '        running.push_back(sp::create_task(loop, limited_task(n, tasks[n - 1])));'
        : '        running.push_back(sp::create_task(loop, limited_task(n)));',
    ],
    ['        children.push_back(running.back().get());'],
    ['    }'],
    ['    auto all = sp::gather(loop, children);'],
    ['    co_await *all;  // await asyncio.gather(...)'],
    ['}'],
    [''],
    ['int main() {  // asyncio.run(main()), on a virtual clock'],
    ['    sp::EventLoop loop;'],
    ['    auto main_task = sp::create_task(loop, amain(loop));'],
    ['    if (sp::run_until_complete(loop, *main_task)) return 0;'],
    ['    std::fprintf(stderr, "deadlock: nothing is ready and no timer is pending\\n");'],
    ['    loop.close();  // Python would wait forever; our virtual clock knows it never moves again'],
    ['    return 3;'],
    ['}'],
  ];
}

const isProgramLines = (lines) => Array.isArray(lines) && lines.every((line) => Array.isArray(line) && typeof line[0] === 'string');

/** The program's text, as one string. */
export function programText(lines) {
  checkArgument('programText(lines)', 'lines', lines, isProgramLines, 'a list of [text, step] lines, as pythonProgram returns');
  return lines.map(([text]) => `${text}\n`).join('');
}
