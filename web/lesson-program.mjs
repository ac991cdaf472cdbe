// The lesson's program for a scenario, as the page displays it: in Python (what a learner runs in
// CPython, which prints exactly the log's program lines) and in C++ against core/ (what our runtime
// runs). Each line is [text, step], where step names the event kind the line produces, for the code
// view's highlight. Tests run both texts and compare their output with the trace (issue #11).

export function pythonProgram(s) {
  const Sem = s.bounded ? 'BoundedSemaphore' : 'Semaphore';
  const n = Array.isArray(s.tasks) ? s.tasks.length : s.tasks;
  if (!Array.isArray(s.tasks)) {
    return [
      ['import asyncio'],
      [''],
      [`sem = asyncio.${Sem}(${s.permits})`],
      [''],
      ['async def limited_task(n):'],
      ['    async with sem:', 'waiting'],
      ['        print(f"Task {n} started")', 'started'],
      [`        await asyncio.sleep(${s.duration})`],
      ['        print(f"Task {n} finished")', 'finished'],
      [''],
      ['async def main():'],
      [`    await asyncio.gather(*(limited_task(n) for n in range(1, ${n + 1})))`],
      [''],
      ['asyncio.run(main())'],
    ];
  }
  const rows = s.tasks.map((t) => `    dict(duration=${t.duration}, start=${t.start}, timeout=${t.timeout === null ? 'None' : t.timeout}, fail=${t.fail ? 'True' : 'False'}),`);
  return [
    ['import asyncio'],
    [''],
    [`sem = asyncio.${Sem}(${s.permits})`],
    ['tasks = ['],
    ...rows.slice(0, 12).map((r) => [r]),
    ...(rows.length > 12 ? [[`    # ... ${rows.length - 12} more`]] : []),
    [']'],
    [''],
    ['async def limited_task(n, duration, start, timeout, fail):'],
    ['    try:'],
    ['        async with asyncio.timeout(timeout):'],
    ['            if start:'],
    ['                await asyncio.sleep(start)'],
    ['            async with sem:', 'waiting'],
    ['                print(f"Task {n} started")', 'started'],
    ['                await asyncio.sleep(duration)'],
    ['                if fail:'],
    ['                    raise RuntimeError("task failed")', 'failed'],
    ['                print(f"Task {n} finished")', 'finished'],
    ['    except TimeoutError:'],
    ['        print(f"Task {n} timed out")', 'timeout'],
    [''],
    ['async def main():'],
    ['    await asyncio.gather(*(limited_task(n, **t) for n, t in enumerate(tasks, 1)))'],
    [''],
    ['asyncio.run(main())'],
  ];
}

export function cppProgram(s) {
  const Sem = s.bounded ? 'BoundedSemaphore' : 'Semaphore';
  const uniform = !Array.isArray(s.tasks);
  return [
    ['#include "asyncio.hpp"  // core/: a C++20 model of asyncio'],
    [''],
    [`sp::${Sem} sem(${s.permits});`],
    [''],
    [uniform ? 'sp::Coro<void> limited_task(int n) {' : 'sp::Coro<void> limited_task(int n, const TaskSpec& t) {'],
    ...(uniform ? [] : [['    if (t.start != 0) co_await sp::sleep(t.start);']]),
    ['    sp::Permit permit = co_await sem.permit();  // async with sem:', 'waiting'],
    ['    std::printf("Task %d started\\n", n);', 'started'],
    [uniform ? `    co_await sp::sleep(${s.duration});` : '    co_await sp::sleep(t.duration);'],
    ...(uniform ? [] : [['    if (t.fail) throw Failure{};  // the permit is released on the way out', 'failed']]),
    ['    std::printf("Task %d finished\\n", n);', 'finished'],
    ['}  // permit released here, also on exception or cancellation'],
    ...(uniform ? [] : [
      [''],
      ['// with a timeout: co_await sp::timeout(t.timeout, limited_task(n, t));', 'timeout'],
      ['// throws sp::TimeoutError when the deadline cancels the task'],
    ]),
    [''],
    ['// main: create_task for each, then co_await *sp::gather(loop, tasks);'],
    ['// the loop runs on a virtual clock driven by JavaScript setTimeout'],
  ];
}

/** The program's text, as one string. */
export function programText(lines) {
  return lines.map(([text]) => `${text}\n`).join('');
}
