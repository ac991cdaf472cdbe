// runtime.runProgram: a program played on host timers, the same Run as a scenario's (driver.mjs),
// with fake timers injected so the test moves host time by hand.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { FakeTimers } from './fake-timers.mjs';
import { BATCH_EVENTS } from '../../web/driver.mjs';
import { lessonSource } from '../../bench/lesson_program.mjs';
import { programText, pythonProgram } from '../../web/lesson-program.mjs';

// The page's lesson program as the page shows it: 2 permits, 3 tasks, 2 s each.
const LESSON = programText(pythonProgram({ permits: 2, tasks: 3, duration: 2, bounded: false }));

// Two semaphores in opposite orders and a Lock (a curated conformance program, checked against CPython).
const OPPOSITE = readFileSync(new URL('../conformance/programs/opposite_order_lock.py', import.meta.url), 'utf8');

let runtime;
before(async () => {
  runtime = await loadRuntime();
});

function collect(run) {
  const events = [];
  run.on('events', (batch) => events.push(...batch));
  return events;
}

test('runProgram plays the program on host timers: the same events as simulateProgram, one host timer at most', async () => {
  const timers = new FakeTimers();
  const run = runtime.runProgram(LESSON, { timers, speed: 2 });
  assert.equal(run.scenario, null);
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(timers.maxOutstanding, 1);
  assert.ok(timers.requestedDelays.includes(1000), `a 2 s sleep at speed 2 waits 1000 ms (asked: ${timers.requestedDelays})`);
  assert.deepEqual(events, runtime.simulateProgram(LESSON).events);
  assert.equal(run.state, 'done');
  assert.equal(summary.endTime, 4);
  assert.equal(summary.exitStatus, 0);
  assert.equal(summary.output, 'Task 1 started\nTask 2 started\nTask 1 finished\nTask 2 finished\nTask 3 started\nTask 3 finished\n');
  assert.equal(summary.peakConcurrency, 2);
  assert.deepEqual(summary.primitives, [{ id: 1, type: 'Semaphore', name: 'sem', initial: 2, line: 3 }]);
});

test('pause holds a program where it is; step runs one loop iteration; batches read in place', async () => {
  const timers = new FakeTimers();
  const run = runtime.runProgram(LESSON, { timers });
  const prints = [];
  run.on('batch', (batch) => {
    for (let i = 0; i < batch.length; i++) if (batch.kind(i) === 'print') prints.push([batch.time(i), batch.text(i)]);
  });
  run.step(); // the module's code up to asyncio.run(): no output yet
  assert.equal(run.state, 'paused');
  assert.deepEqual(prints, []);
  run.step(); // main runs: it creates the tasks
  run.step(); // the tasks' first steps: two get a permit, one waits
  assert.deepEqual(prints, [
    [0, 'Task 1 started'],
    [0, 'Task 2 started'],
  ]);
  run.resume();
  while (run.now() < 2 && timers.fireNext()); // on to the first deadline, 2 s
  assert.deepEqual(prints.at(-1), [2, 'Task 3 started']);
  run.pause();
  const shown = prints.length;
  timers.advance(60_000); // a learner looking at a paused run: nothing moves
  assert.equal(timers.outstanding, 0);
  assert.equal(prints.length, shown);
  run.resume();
  timers.runAll();
  await run.done;
  assert.deepEqual(prints.at(-1), [4, 'Task 3 finished']);
});

// Lines printed in parts across loop iterations, non-ASCII text (two UTF-16 units for an emoji), a
// task named by the program and a failure's text: each step below is its own take from Wasm memory.
const PARTS = `import asyncio

async def worker(n):
    print("héllo", n, end="")
    await asyncio.sleep(0)
    print(" 🎉 wörld", end="\\n\\n")
    await asyncio.sleep(1)
    raise ValueError(f"bäd {n} 🎉")

async def main():
    t = asyncio.create_task(worker(1), name="tâsk 🎉")
    await asyncio.gather(t, worker(2), return_exceptions=True)
    print("end", end="")

asyncio.run(main())
`;

test('texts taken a loop iteration at a time read the same as one take: lines printed in parts, non-ASCII, task names, failures', async () => {
  const whole = runtime.simulateProgram(PARTS);
  assert.equal(whole.output, 'héllo 1héllo 2 🎉 wörld\n\n 🎉 wörld\n\nend');
  const run = runtime.runProgram(PARTS, { timers: new FakeTimers() });
  const events = collect(run);
  while (run.state !== 'done') run.step();
  const summary = await run.done;
  assert.deepEqual(events, whole.events);
  assert.equal(summary.output, whole.output);
  assert.deepEqual(summary.tasks, whole.tasks);
  assert.equal(summary.tasks[1].name, 'tâsk 🎉');
  assert.deepEqual(
    events.filter((e) => e.event === 'failed').map((e) => [e.task, e.text]),
    [
      ['tâsk 🎉', 'ValueError: bäd 1 🎉'],
      ['Task-3', 'ValueError: bäd 2 🎉'],
    ],
  );
  assert.deepEqual(summary.counts, { created: 5, finished: 3, failed: 2, cancelled: 0 }); // main and asyncio.run's two shutdown tasks finish
});

test('a deadlock ends the run in the deadlock state, naming the stuck tasks; events name each primitive', async () => {
  const timers = new FakeTimers();
  const run = runtime.runProgram(OPPOSITE, { timers, instant: true });
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(run.state, 'deadlock');
  assert.equal(summary.deadlocked, true);
  assert.deepEqual(summary.waiting, ['Task-1', 'Task-2', 'Task-3']);
  assert.equal(summary.exitStatus, 3);
  assert.deepEqual(
    summary.primitives.map((p) => [p.name, p.type]),
    [
      ['a', 'Semaphore'],
      ['b', 'Semaphore'],
      ['lock', 'Lock'],
    ],
  );
  const waits = events.filter((e) => e.event === 'waiting').map((e) => [e.t, e.task, e.primitive]);
  assert.deepEqual(waits, [
    [1, 'Task-2', 2],
    [1, 'Task-3', 1],
  ]);
  const lock = events.filter((e) => e.primitive === 3).map((e) => [e.event, e.value]);
  assert.deepEqual(lock, [
    ['acquired', 0],
    ['released', 1],
  ]);
  const ending = events.at(-1);
  assert.equal(ending.event, 'deadlock');
  assert.deepEqual(
    ending.tasks.map((t) => [t.name, t.awaiting]),
    [
      ['Task-1', 'a gather() future'],
      ['Task-2', 'Semaphore.acquire()'],
      ['Task-3', 'Semaphore.acquire()'],
    ],
  );
});

test('an uncaught exception ends the run done, with its final line; a SyntaxError never starts', async () => {
  const timers = new FakeTimers();
  const bad = 'import asyncio\nasync def main():\n    s = asyncio.BoundedSemaphore(1)\n    s.release()\nasyncio.run(main())\n';
  const run = runtime.runProgram(bad, { timers, instant: true });
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(run.state, 'done');
  assert.equal(summary.exitStatus, 1);
  assert.equal(summary.finalLine, 'ValueError: BoundedSemaphore released too many times');
  assert.deepEqual(events.at(-1), { t: null, event: 'exception', text: 'ValueError: BoundedSemaphore released too many times' });
  assert.deepEqual(
    events.find((e) => e.event === 'failed'),
    { t: 0, event: 'failed', task: 'Task-1', line: 4, text: 'ValueError: BoundedSemaphore released too many times' },
  );

  assert.equal(summary.ran, true, 'the program ran, then raised');

  // Python reads the whole file before it runs a line: the print above the SyntaxError never runs.
  const syntax = runtime.runProgram('print("above")\nprint(', { timers, instant: true });
  const syntaxEvents = collect(syntax);
  syntax.start();
  timers.runAll();
  const s = await syntax.done;
  assert.equal(s.exitStatus, 1);
  assert.equal(s.finalLine, "SyntaxError: '(' was never closed");
  assert.equal(s.ran, false);
  assert.equal(s.output, '');
  assert.deepEqual(syntaxEvents, [{ t: null, event: 'exception', text: "SyntaxError: '(' was never closed", ran: false }]);
  const refused = runtime.simulateProgram('class A:\n    pass\n');
  assert.equal(refused.ran, false);
  assert.deepEqual(refused.events.at(-1), {
    t: null,
    event: 'stopped',
    text: 'the playground does not support `class` statements (line 1)',
    ran: false,
  });
  assert.equal(runtime.simulateProgram('x = y\n').ran, true);
});

test('a refusal met as the program runs stops it with exit status 2; the tasks it cuts off do not "fail"', () => {
  const source =
    'import asyncio\nsem = asyncio.Semaphore(1)\nasync def work(n):\n    async with sem:\n        print("start", n)\n' +
    '        try:\n            open(str(n))\n        except Exception as e:\n            print("caught", e)\n' +
    'async def main():\n    await asyncio.gather(work(1), work(2))\nasyncio.run(main())\n';
  const result = runtime.simulateProgram(source);
  assert.equal(result.exitStatus, 2);
  assert.equal(result.ran, true);
  assert.equal(result.output, 'start 1\n');
  assert.deepEqual(result.events.at(-1), {
    t: null,
    event: 'stopped',
    text: "the playground does not support the built-in 'open' (line 7)",
  });
  // The playground stopped the run: no task ended with an exception of Python's.
  assert.deepEqual(
    result.events.filter((e) => ['failed', 'finished', 'cancelled'].includes(e.event)),
    [],
  );
});

test('a program that sleeps forever in a loop plays on and on: the run stays live and can be reset', () => {
  const timers = new FakeTimers();
  const forever =
    'import asyncio\nasync def main():\n    while True:\n        print("tick")\n        await asyncio.sleep(1)\nasyncio.run(main())\n';
  const run = runtime.runProgram(forever, { timers, speed: 1 });
  const events = collect(run);
  run.start();
  for (let i = 0; i < 20; i++) timers.fireNext();
  assert.equal(run.state, 'running');
  assert.ok(events.filter((e) => e.event === 'print').length >= 10);
  assert.equal(timers.maxOutstanding, 1);
  run.dispose();
  assert.equal(timers.outstanding, 0);
  assert.throws(() => runtime.runProgram(42), TypeError);
});

test('an instant run in one time budget still delivers bounded batches: the runtime never holds more than BATCH_EVENTS events', async () => {
  const tasks = 30_000; // 7 events a task: 210,000 events, more than three batches' worth
  const source = programText(pythonProgram({ permits: 3, tasks, duration: 0, bounded: false }));
  const run = runtime.runProgram(source, { instant: true, budgetMs: Infinity });
  const sizes = [];
  let prints = 0;
  run.on('batch', (batch) => {
    sizes.push(batch.length);
    for (let i = 0; i < batch.length; i++) if (batch.kind(i) === 'print') prints += 1;
  });
  run.start();
  const summary = await run.done;
  assert.equal(summary.exitStatus, 0);
  assert.equal(prints, 2 * tasks);
  assert.equal(
    sizes.reduce((a, b) => a + b, 0),
    runtime.simulateProgram(source).events.length,
  );
  assert.ok(sizes.length >= 3, `several batches, not one (sizes ${sizes})`);
  // A batch is taken once BATCH_EVENTS wait, after the READY_ITERATIONS loop iterations of one runOnce.
  const largest = Math.max(...sizes);
  assert.ok(largest < BATCH_EVENTS + 8 * 512, `batches stay near BATCH_EVENTS (largest ${largest})`);
});

test('a scenario run in one time budget delivers bounded batches too', async () => {
  const run = runtime.createRun({ permits: 3, tasks: 40_000, duration: 0 }, { instant: true, budgetMs: Infinity });
  const sizes = [];
  run.on('batch', (batch) => sizes.push(batch.length));
  run.start();
  await run.done;
  assert.ok(sizes.length >= 2, `several batches (sizes ${sizes})`);
  assert.ok(Math.max(...sizes) < BATCH_EVENTS + 4096, `largest ${Math.max(...sizes)}`);
});

// --- a cap on one run: maxSteps, maxMs (the page's speculative run, web/ui/speculative-run.mjs) ----

test('a program within maxSteps runs exactly as without it; one over it ends with budget, not an outcome', async () => {
  const capped = runtime.simulateProgram(LESSON, { maxSteps: 100_000 });
  const { budget, ...free } = runtime.simulateProgram(LESSON);
  assert.equal(capped.budget, false);
  assert.equal(budget, false);
  assert.deepEqual({ ...capped, budget: undefined }, { ...free, budget: undefined });
  assert.deepEqual(capped.events, free.events);

  const big = lessonSource(100_000);
  const over = runtime.simulateProgram(big, { maxSteps: 100_000 });
  assert.equal(over.budget, true);
  assert.equal(over.exitStatus, null, 'no python3 run ends so: no exit status');
  assert.match(over.error, /over its budget of 100000 steps/);
  assert.ok(over.steps < 110_000, `stopped at once (${over.steps} steps), not after unwinding every task`);
  assert.equal(over.events.at(-1).event, 'stopped');

  // The same through runProgram: the summary says budget, and the events up to the cap came first.
  const timers = new FakeTimers();
  const run = runtime.runProgram(big, { timers, instant: true, maxSteps: 100_000 });
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.budget, true);
  assert.equal(summary.exitStatus, null);
  assert.deepEqual(events, over.events);
  const within = runtime.runProgram(LESSON, { timers, instant: true, maxSteps: 100_000 });
  within.start({ now: true }); // inside the call: ended when start returns
  assert.equal(within.state, 'done');
  assert.equal(within.summary().budget, false);
  assert.equal(within.summary().exitStatus, 0);
});

test('maxSteps counts the work of built-ins over many items, before they do it; bad caps are RangeErrors', () => {
  const sort = runtime.simulateProgram('x = sorted(list(range(1000000)))\nprint(len(x))\n', { maxSteps: 100_000 });
  assert.equal(sort.budget, true);
  assert.equal(sort.output, '');
  const repeat = runtime.simulateProgram('x = [0] * 10000000\nprint(len(x))\n', { maxSteps: 100_000 });
  assert.equal(repeat.budget, true);
  const endless = runtime.simulateProgram('while True:\n    pass\n', { maxMs: 5 });
  assert.equal(endless.budget, true);
  assert.match(endless.error, /over its budget of 5\.0 ms/);
  for (const options of [{ maxSteps: -1 }, { maxSteps: 1.5 }, { maxMs: -1 }, { maxMs: Infinity }, { maxSteps: '10' }]) {
    assert.throws(() => runtime.simulateProgram(LESSON, options), RangeError, JSON.stringify(options));
    assert.throws(() => runtime.runProgram(LESSON, options), RangeError, JSON.stringify(options));
  }
});

test("maxMs covers reading the program too: a long one stops the page's attempt, not after a second of parsing", async () => {
  const { tryOnPage, PAGE_BUDGET } = await import('../../web/ui/speculative-run.mjs');
  // 100,000 lines (1.8 MB) in a function never called: a few steps to run, about half a second to read in Wasm.
  const long = `def never_called():\n${'    x = [1, 2, 3]\n'.repeat(100_000)}print('read')\n`;
  const attempt = tryOnPage(runtime, long, PAGE_BUDGET);
  assert.equal(attempt.ended, null, "over the page's budget: the worker runs it");
  const capped = runtime.simulateProgram(long, { maxMs: 5 });
  assert.equal(capped.budget, true);
  assert.equal(capped.output, '');
  assert.match(capped.error, /over its budget of 5\.0 ms/);
  assert.equal(runtime.simulateProgram(long).output, 'read\n', 'without a cap it is read and run');
});

test("loading the runtime runs no program through its public methods (the warm-up is the loader's own)", async () => {
  // A page that watches which programs it runs (the browser tests' recorder, a course's analytics)
  // must not see the loader's warm-up: it happens whenever the load ends, which is after the page is ready.
  const { Runtime } = await import('../../web/runtime.mjs');
  const seen = [];
  const originals = { simulateProgram: Runtime.prototype.simulateProgram, runProgram: Runtime.prototype.runProgram };
  for (const name of Object.keys(originals)) {
    Runtime.prototype[name] = function (...args) {
      seen.push(name);
      return originals[name].apply(this, args);
    };
  }
  try {
    const runtime = await loadRuntime();
    assert.deepEqual(seen, []);
    assert.equal(runtime.simulateProgram('print(1)\n').output, '1\n'); // and it is ready to run one
    assert.deepEqual(seen, ['simulateProgram']);
  } finally {
    Object.assign(Runtime.prototype, originals);
  }
});
