// A run's Wasm memory (issue 15, defect 7): dispose() and `using` free it, and a finished run frees
// it by itself once its trace has been read, so runs that are never reset do not pile up.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime, ScenarioError } from '../../web/semaphore-playground.mjs';

const runtime = await loadRuntime();
{
  // first calls allocate a few bytes for good (Embind's caches): make them before measuring
  const warm = runtime.createRun({ tasks: 1 }, { timers: { setTimeout: () => 1, clearTimeout: () => {}, now: () => 0 } });
  warm.step();
  warm.dispose();
  runtime.simulate({ permits: 0, tasks: 1 });
}
const instant = { instant: true, timers: { setTimeout: (fn) => setImmediate(fn), clearTimeout: (id) => clearImmediate(id), now: () => 0 } };

test('simulate() rejects a list with holes as a ScenarioError', () => {
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(
    () => runtime.simulate({ tasks: [, {}] }),
    (error) => error instanceof ScenarioError && error.field === 'tasks[0]',
  );
});

test('run.dispose() frees a run mid-way: the allocated bytes return to where they were', async () => {
  const before = runtime.allocatedBytes();
  const run = runtime.createRun(
    { permits: 2, tasks: 20_000, duration: 1 },
    { timers: { setTimeout: () => 1, clearTimeout: () => {}, now: () => 0 } },
  );
  run.step(); // 20,000 task frames now live in Wasm memory
  assert.ok(runtime.allocatedBytes() > before + 20_000 * 64, 'the run holds memory');
  run.dispose();
  assert.equal(runtime.allocatedBytes(), before);
  assert.throws(() => run.start(), /disposed/);
  run.dispose(); // twice is harmless
});

test('`using` disposes the run at the end of the block (Symbol.dispose)', () => {
  const before = runtime.allocatedBytes();
  {
    const run = runtime.createRun({ permits: 1, tasks: 5000 }, instant);
    run.step();
    assert.ok(runtime.allocatedBytes() > before);
    run[Symbol.dispose]();
  }
  assert.equal(runtime.allocatedBytes(), before);
});

test('a finished run frees its memory once its trace has been read, and still answers', async () => {
  const before = runtime.allocatedBytes();
  const run = runtime.createRun({ permits: 3, tasks: 5000, duration: 1 }, instant);
  let events = 0;
  run.on('batch', (batch) => {
    events += batch.length;
  });
  run.start();
  const summary = await run.done;
  assert.equal(events, 5000 * 2 + (5000 - 3));
  assert.equal(runtime.allocatedBytes(), before, 'no reset needed');
  assert.equal(summary.counts.finished, 5000);
  assert.equal(run.now(), summary.endTime);
  assert.deepEqual(run.summary(), summary);
  assert.deepEqual(run.semaphore(), { value: 3, waiters: 0, locked: false });
  run.start(); // runs again from the beginning
  assert.deepEqual(await run.done, summary);
  assert.equal(runtime.allocatedBytes(), before);
});

test('a deadlocked run frees its memory too, and keeps its stuck tasks', async () => {
  const before = runtime.allocatedBytes();
  const run = runtime.createRun({ permits: 0, tasks: 3 }, instant);
  run.start();
  const summary = await run.done;
  assert.deepEqual(summary.waiting, [1, 2, 3]);
  assert.equal(run.state, 'deadlock');
  assert.equal(runtime.allocatedBytes(), before);
});
