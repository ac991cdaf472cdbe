// A soak: 1,000 consecutive runs through the JavaScript API in one process. The Wasm heap must not
// grow after the first runs (it only grows, so equal means nothing leaked), nor JavaScript memory
// beyond a small bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';

const scenarios = [
  { permits: 3, tasks: 50, duration: 1 },
  { permits: 2, tasks: [{ timeout: 0.5 }, { fail: true }, { start: 1 }, {}, { duration: 0 }] },
  { permits: 0, tasks: 20 }, // deadlock: unfinished tasks are torn down
];

test('1,000 runs: no growth of the Wasm heap or of JavaScript memory', async () => {
  const runtime = await loadRuntime();
  const timers = { setTimeout: (fn) => setImmediate(fn), clearTimeout: (id) => clearImmediate(id), now: () => 0 };
  const once = async (i) => {
    const scenario = scenarios[i % scenarios.length];
    runtime.simulate(scenario);
    const run = runtime.createRun(scenario, { instant: true, timers });
    run.start();
    await run.done;
    run.reset(); // frees the simulation
  };
  for (let i = 0; i < 50; i++) await once(i); // warm up: the heap reaches its working size
  global.gc?.();
  const wasmBefore = runtime.heapBytes();
  const jsBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) await once(i);
  global.gc?.();
  const jsGrowth = process.memoryUsage().heapUsed - jsBefore;
  assert.equal(runtime.heapBytes(), wasmBefore, 'the Wasm heap grew');
  assert.ok(jsGrowth < 8 * 1024 * 1024, `JavaScript heap grew by ${(jsGrowth / 1e6).toFixed(1)} MB`);
});

test('a run reset mid-way (tasks holding and waiting) frees cleanly and the runtime stays usable', async () => {
  const runtime = await loadRuntime();
  const pending = [];
  const timers = { setTimeout: (fn) => { pending.push(fn); return pending.length; }, clearTimeout: () => {}, now: () => 0 };
  for (let i = 0; i < 200; i++) {
    const run = runtime.createRun({ permits: 2, tasks: 6, duration: 1 }, { timers });
    run.start();
    pending.shift()?.(); // first batch: two hold, four wait, a 1 s timer is planned
    run.reset();
    pending.length = 0;
  }
  assert.equal(runtime.simulate({}).length, 12);
});
