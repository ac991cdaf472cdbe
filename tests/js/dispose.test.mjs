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

test('run.done settles however a run stops: it rejects when disposed, reset or failed before it ended', async () => {
  const held = { timers: { setTimeout: () => 1, clearTimeout: () => {}, now: () => 0 } };
  const disposed = runtime.createRun({ permits: 1, tasks: 100 }, held);
  disposed.start();
  disposed.dispose();
  await assert.rejects(disposed.done, /disposed before it ended/);
  const never = runtime.createRun({ permits: 1, tasks: 100 }, held);
  never.dispose(); // before start(): it can never end either
  await assert.rejects(never.done, /disposed before it ended/);
  const reset = runtime.createRun({ permits: 1, tasks: 100 }, held);
  reset.start();
  const first = reset.done;
  reset.reset();
  await assert.rejects(first, /reset before it ended/);
  assert.notEqual(reset.done, first, 'a reset run has a new completion for its next start');
  reset.dispose();
  // A listener that throws fails the run: done rejects with what the 'error' listener got.
  const failing = runtime.createRun({ permits: 1, tasks: 10 }, instant);
  let reported = null;
  failing.on('error', (error) => (reported = error));
  failing.on('batch', () => {
    throw new Error('a listener failed');
  });
  failing.start();
  await assert.rejects(failing.done, /a listener failed/);
  assert.equal(failing.state, 'error');
  assert.match(String(reported), /a listener failed/);
  // A program run the same way.
  const program = runtime.runProgram(
    'import asyncio\nasync def main():\n    for i in range(100000):\n        await asyncio.sleep(1)\nasyncio.run(main())\n',
    held,
  );
  program.start();
  program.dispose();
  await assert.rejects(program.done, /disposed before it ended/);
});
