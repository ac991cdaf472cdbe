// A soak: 1,000 consecutive runs through the JavaScript API in one process, none of them reset or
// disposed: a finished run frees its Wasm memory by itself once its trace has been read (issue 15,
// defect 7: without that, 1,000 runs grew the heap from 16 to 298 MB). The bytes allocated in Wasm
// must come back to their start after every run, the Wasm memory must not grow (it never shrinks, so
// equal means nothing piled up), and JavaScript memory stays within a small bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';

const scenarios = [
  { permits: 3, tasks: 50, duration: 1 },
  { permits: 2, tasks: [{ timeout: 0.5 }, { fail: true }, { start: 1 }, {}, { duration: 0 }] },
  { permits: 0, tasks: 20 }, // deadlock: unfinished tasks are torn down
];

test('1,000 runs without reset: Wasm allocations return to their start, no growth of the heap or of JavaScript memory', async () => {
  const runtime = await loadRuntime();
  const timers = { setTimeout: (fn) => setImmediate(fn), clearTimeout: (id) => clearImmediate(id), now: () => 0 };
  const once = async (i) => {
    const scenario = scenarios[i % scenarios.length];
    runtime.simulate(scenario);
    const run = runtime.createRun(scenario, { instant: true, timers });
    let events = 0;
    run.on('batch', (batch) => {
      events += batch.length;
    }); // the trace is read; nothing is reset
    run.start();
    await run.done;
    assert.ok(events > 0);
    return run; // still referenced: only the run's own bookkeeping may free its memory
  };
  const kept = [];
  for (let i = 0; i < 50; i++) kept.push(await once(i)); // warm up: the heap reaches its working size
  global.gc?.();
  const wasmBefore = runtime.heapBytes();
  const allocatedBefore = runtime.allocatedBytes();
  const jsBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) {
    kept.push(await once(i));
    assert.equal(runtime.allocatedBytes(), allocatedBefore, `run ${i} kept Wasm memory`);
  }
  global.gc?.();
  const jsGrowth = process.memoryUsage().heapUsed - jsBefore;
  console.log(
    `# Wasm heap ${wasmBefore} -> ${runtime.heapBytes()} bytes, allocated ${allocatedBefore} -> ${runtime.allocatedBytes()} bytes over 1,000 runs`,
  );
  assert.equal(runtime.heapBytes(), wasmBefore, 'the Wasm heap grew');
  assert.ok(jsGrowth < 8 * 1024 * 1024, `JavaScript heap grew by ${(jsGrowth / 1e6).toFixed(1)} MB`);
});

test('a run reset mid-way (tasks holding and waiting) frees cleanly and the runtime stays usable', async () => {
  const runtime = await loadRuntime();
  const pending = [];
  const timers = {
    setTimeout: (fn) => {
      pending.push(fn);
      return pending.length;
    },
    clearTimeout: () => {},
    now: () => 0,
  };
  for (let i = 0; i < 200; i++) {
    const run = runtime.createRun({ permits: 2, tasks: 6, duration: 1 }, { timers });
    run.start();
    pending.shift()?.(); // first batch: two hold, four wait, a 1 s timer is planned
    run.reset();
    pending.length = 0;
  }
  assert.equal(runtime.simulate({}).length, 12);
  const before = runtime.allocatedBytes();
  const run = runtime.createRun({ permits: 2, tasks: 6, duration: 1 }, { timers });
  run.start();
  pending.shift()?.();
  run.dispose(); // the same, for good
  assert.equal(runtime.allocatedBytes(), before);
});
