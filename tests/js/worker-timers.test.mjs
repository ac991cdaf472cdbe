// The timers runs get inside the page's worker (web/worker-timers.mjs): a 0 ms wait, the yield between
// two slices of an instant run, is a message and never a host timer (browsers clamp nested timers to
// 4 ms); a real wait is a host timer; either can be cancelled.
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { workerTimers } from '../../web/worker-timers.mjs';
import { lessonSource } from '../../bench/lesson_program.mjs';

let runtime;
before(async () => {
  runtime = await loadRuntime();
});

// Counts the host timers asked for with each delay while a test runs.
const hostSetTimeout = globalThis.setTimeout;
let asked = [];
globalThis.setTimeout = (fn, ms, ...rest) => {
  asked.push(ms);
  return hostSetTimeout(fn, ms, ...rest);
};
afterEach(() => {
  asked = [];
});

// Resolves once `timers` ran a 0 ms wait asked for now: the ones asked for before have run by then.
const waitsBefore = (timers) => new Promise((resolve) => timers.setTimeout(resolve, 0));

test('a 0 ms wait runs later, in order, without a host timer', { timeout: 5000 }, async () => {
  const timers = workerTimers;
  const seen = [];
  timers.setTimeout(() => seen.push('first'), 0);
  timers.setTimeout(() => seen.push('second'), 0);
  seen.push('now');
  await waitsBefore(timers);
  assert.deepEqual(seen, ['now', 'first', 'second']);
  assert.deepEqual(asked, []);
});

test('a cancelled wait never runs, 0 ms or longer; a longer wait is a host timer', { timeout: 5000 }, async () => {
  const timers = workerTimers;
  const seen = [];
  timers.clearTimeout(timers.setTimeout(() => seen.push('yield'), 0));
  timers.clearTimeout(timers.setTimeout(() => seen.push('deadline'), 1));
  await new Promise((resolve) => timers.setTimeout(resolve, 3));
  await waitsBefore(timers);
  assert.deepEqual(seen, []);
  assert.deepEqual(asked, [1, 3]);
});

test('an instant program run in slices with these timers yields without host timers, and runs as it does whole', async () => {
  const source = lessonSource(2_000, { duration: 1 });
  const run = runtime.runProgram(source, { instant: true, budgetMs: 0, timers: workerTimers });
  let batches = 0;
  run.on('batch', () => (batches += 1));
  run.start();
  const summary = await run.done;
  assert.ok(batches > 10, `${batches} batches: a slice after every loop iteration`);
  assert.deepEqual(asked, []);
  assert.equal(summary.output, runtime.simulateProgram(source).output);
});
