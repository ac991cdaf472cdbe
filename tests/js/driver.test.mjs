// The setTimeout driver, against the real Wasm runtime, with injected fake host timers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime, EventBatch } from '../../web/semaphore-playground.mjs';
import { FakeTimers } from './fake-timers.mjs';

let runtime;
before(async () => {
  runtime = await loadRuntime();
});

function collect(run) {
  const events = [];
  run.on('events', (batch) => events.push(...batch));
  return events;
}

test('10,000 tasks in real time never have more than one host timer outstanding', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 100, tasks: 10000, duration: 1 }, { timers, speed: 1 });
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(timers.maxOutstanding, 1);
  assert.equal(summary.counts.finished, 10000);
  assert.equal(summary.endTime, 100);
  assert.equal(summary.peakConcurrency, 100);
  assert.equal(events.length, 10000 * 2 + 9900); // started + finished for all, waiting for 9,900
});

test('speed maps virtual seconds to host milliseconds: a 2 s sleep at speed 2 asks for 1000 ms', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 1, duration: 2 }, { timers, speed: 2 });
  run.start();
  timers.runAll();
  await run.done;
  assert.ok(timers.requestedDelays.includes(1000), `delays asked: ${timers.requestedDelays}`);
});

test('virtual times are exact whatever the speed', async () => {
  for (const speed of [0.25, 3, Infinity]) {
    const timers = new FakeTimers();
    const run = runtime.createRun({ permits: 3, tasks: 5, duration: 2 }, { timers, speed });
    const events = collect(run);
    run.start();
    timers.runAll();
    await run.done;
    assert.deepEqual(
      events.map((e) => e.t),
      [0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 4, 4],
    );
  }
});

test('a batch stops when the time budget is spent and the rest follows on a 0 ms timer', async () => {
  const timers = new FakeTimers();
  timers.msPerNow = 1; // every look at the clock costs 1 ms of "work"
  const run = runtime.createRun({ permits: 10, tasks: 20000, duration: 0 }, { timers, instant: true, budgetMs: 4 });
  const batches = [];
  run.on('events', (batch) => batches.push(batch.length));
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.counts.finished, 20000);
  assert.ok(batches.length > 10, `expected many small batches, got ${batches.length}`);
  assert.equal(timers.maxOutstanding, 1);
  assert.ok(
    timers.requestedDelays.every((ms) => ms === 0),
    'instant mode never waits',
  );
});

test('pause stops the clock; resume carries on; step runs exactly one loop iteration', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 2, duration: 1 }, { timers });
  const events = collect(run);
  run.step(); // iteration 1: main creates the tasks
  assert.equal(run.state, 'paused');
  assert.deepEqual(events, []);
  run.step(); // iteration 2: task 1 starts, task 2 waits
  assert.deepEqual(
    events.map((e) => `${e.task} ${e.event}`),
    ['1 started', '2 waiting'],
  );
  run.step(); // nothing ready: the clock jumps to 1 s and the timer moves the sleep's future
  assert.equal(run.now(), 1);
  run.resume();
  assert.equal(run.state, 'running');
  run.pause();
  assert.equal(timers.outstanding, 0, 'a paused run holds no host timer');
  run.resume();
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.endTime, 2);
  assert.deepEqual(
    events.map((e) => `${e.t} ${e.task} ${e.event}`),
    ['0 1 started', '0 2 waiting', '1 1 finished', '1 2 started', '2 2 finished'],
  );
});

test('reset frees the run; starting again replays the same trace', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 2, tasks: 3, duration: 1 }, { timers });
  const first = collect(run);
  run.start();
  timers.fireNext();
  run.reset();
  assert.equal(run.state, 'idle');
  assert.equal(timers.outstanding, 0);
  first.length = 0;
  run.start();
  timers.runAll();
  await run.done;
  assert.deepEqual(
    first.map((e) => `${e.t} ${e.task} ${e.event}`),
    ['0 1 started', '0 2 started', '0 3 waiting', '1 1 finished', '1 2 finished', '1 3 started', '2 3 finished'],
  );
});

test('a deadlock ends the run with the stuck tasks', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 0, tasks: 2 }, { timers });
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(run.state, 'deadlock');
  assert.equal(summary.deadlocked, true);
  assert.deepEqual(summary.waiting, [1, 2]);
  assert.deepEqual(events.at(-1), { t: 0, task: 0, event: 'deadlock', waiting: [1, 2] });
});

test('setSpeed while waiting re-plans the single pending timer', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 1, duration: 10 }, { timers, speed: 1 });
  run.start();
  timers.fireNext(); // first iteration(s), then a 10 s wait is planned
  assert.equal(timers.outstanding, 1);
  run.setSpeed(10);
  assert.equal(timers.outstanding, 1);
  timers.runAll();
  await run.done;
  assert.ok(timers.requestedDelays.includes(1000), `delays asked: ${timers.requestedDelays}`);
  assert.throws(() => run.setSpeed(0), /speed must be a number of virtual seconds per real second, at least 0\.001/);
  assert.throws(() => run.setSpeed(1e-308), /at least 0\.001, or Infinity \(got 1e-308\)/);
});

test('simulate() returns the whole trace at once, and the single-file build agrees', async () => {
  const single = await loadRuntime({ singleFile: true });
  const scenario = { permits: 2, tasks: [{ timeout: 1 }, { fail: true }, { start: 0.5 }, {}] };
  assert.deepEqual(single.simulate(scenario), runtime.simulate(scenario));
  assert.ok(runtime.simulate(scenario).length > 5);
});

test('the loader honours locateFile and wasmBinary', async () => {
  const { readFile } = await import('node:fs/promises');
  const located = [];
  const viaLocate = await loadRuntime({
    locateFile: (name, prefix) => {
      located.push(name);
      return new URL(`../../web/generated/${name}`, import.meta.url).href;
    },
  });
  // Asked by the loader (to read the bytes in Node) and by Emscripten's glue: only ever for the .wasm.
  assert.ok(located.length >= 1 && located.every((name) => name === 'semaphore_runtime.wasm'), String(located));
  const bytes = await readFile(new URL('../../web/generated/semaphore_runtime.wasm', import.meta.url));
  const viaBytes = await loadRuntime({ wasmBinary: bytes });
  assert.equal(viaLocate.simulate({}).length, 12);
  assert.equal(viaBytes.simulate({}).length, 12);
  await assert.rejects(loadRuntime({ moduleUrl: new URL('./nowhere.mjs', import.meta.url) }), /could not load the runtime/);
});

test('bad scenarios are JavaScript errors naming the field, never a Wasm abort', () => {
  assert.throws(() => runtime.createRun({ permits: -1 }), { name: 'ScenarioError', field: 'permits' });
  assert.throws(() => runtime.simulate({ tasks: [{ timeout: NaN }] }), { name: 'ScenarioError', field: 'tasks[0].timeout' });
  assert.equal(runtime.simulate({}).length, 12); // the module is still fine
});

test("'batch' listeners get the same events as 'events' listeners, read in place", async () => {
  const timers = new FakeTimers();
  const scenario = { permits: 2, tasks: [{ timeout: 1, duration: 3 }, { fail: true }, { start: 0.5 }, {}] };
  const run = runtime.createRun(scenario, { timers, instant: true });
  const objects = collect(run);
  const fromBatches = [];
  let batches = 0;
  run.on('batch', (batch) => {
    assert.ok(batch instanceof EventBatch);
    batches += 1;
    for (let i = 0; i < batch.length; i++) {
      assert.deepEqual(batch.at(i), { t: batch.time(i), task: batch.task(i), event: batch.kind(i) });
    }
    fromBatches.push(...batch); // iteration yields the same objects as at(i)
  });
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.ok(batches >= 1);
  assert.deepEqual(fromBatches, objects);
  assert.deepEqual(objects, runtime.simulate(scenario));
  // The totals the runtime keeps agree with the events.
  const count = (kind) => objects.filter((e) => e.event === kind).length;
  assert.deepEqual(summary.counts, {
    waiting: count('waiting'),
    started: count('started'),
    finished: count('finished'),
    timeout: count('timeout'),
    failed: count('failed'),
    extra_release: count('extra_release'),
    release_error: count('release_error'),
  });
  assert.deepEqual([summary.counts.timeout, summary.counts.failed, summary.counts.finished], [1, 1, 2]);
  assert.equal(summary.peakConcurrency, 2);
});

test('a batch that ends in a deadlock carries the stuck task ids', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 0, tasks: 3 }, { timers });
  let last;
  run.on('batch', (batch) => {
    last = batch;
  });
  run.start();
  timers.runAll();
  await run.done;
  assert.equal(last.kind(last.length - 1), 'deadlock');
  assert.deepEqual(last.waiting, [1, 2, 3]);
  assert.deepEqual(last.toArray().at(-1), { t: 0, task: 0, event: 'deadlock', waiting: [1, 2, 3] });
});

test('after a reset the summary starts from zero again', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 3, duration: 1 }, { timers, instant: true });
  run.start();
  timers.runAll();
  assert.equal((await run.done).counts.finished, 3);
  run.reset();
  assert.deepEqual(run.summary().counts, { waiting: 0, started: 0, finished: 0, timeout: 0, failed: 0 });
  assert.equal(run.summary().peakConcurrency, 0);
});

test('deadlines the host clock has already passed run without waiting for a timer each (browsers clamp timer chains to 4 ms)', async () => {
  // 100 deadlines 1 ms apart at speed 1 (permits 1, 100 tasks of 1 ms). Every look at the host
  // clock costs 1 ms here, so by the time the driver asks, the next deadline is always already due.
  const scenario = { permits: 1, tasks: 100, duration: 0.001 };
  const timers = new FakeTimers();
  timers.msPerNow = 1;
  const run = runtime.createRun(scenario, { timers, speed: 1, budgetMs: 1000 }); // no break for the budget
  const events = collect(run);
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.counts.finished, 100);
  assert.deepEqual(events, runtime.simulate(scenario)); // the same trace and virtual times as without waiting
  assert.ok(timers.requestedDelays.length <= 2, `${timers.requestedDelays.length} timers for 100 deadlines`);
  assert.equal(timers.maxOutstanding, 1);
});

test('pause keeps the playback position between deadlines; resume waits only for the rest (issue #12)', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 3, tasks: 5, duration: 2 }, { timers, speed: 1 });
  run.start();
  timers.fireNext(); // the first iterations at 0 s; then a wait for the deadline at 2 s
  timers.advance(1500);
  assert.equal(run.now(), 1.5);
  run.pause();
  assert.equal(run.now(), 1.5, 'pause freezes the position where it is');
  timers.advance(60_000); // a long look at the paused run moves nothing
  assert.equal(run.now(), 1.5);
  for (let cycle = 0; cycle < 4; cycle++) {
    run.resume();
    timers.fireNext(); // the resumed run's first tick re-arms the wait for the deadline
    timers.advance(100);
    run.pause();
  }
  assert.ok(Math.abs(run.now() - 1.9) < 1e-9, `after four 0.1 s resumes: ${run.now()}`);
  const delays = timers.requestedDelays.length;
  run.resume();
  timers.fireNext();
  assert.ok(
    Math.abs(timers.requestedDelays.at(-1) - 100) < 1e-6,
    `the re-armed timer waits for the rest: ${timers.requestedDelays.slice(delays)}`,
  );
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.endTime, 4);
  assert.equal(run.now(), 4);
});

test('a speed change keeps the position and re-plans the rest at the new pace', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 1, duration: 2 }, { timers, speed: 1 });
  run.start();
  timers.fireNext();
  timers.advance(1000);
  run.setSpeed(4);
  assert.equal(run.now(), 1);
  timers.fireNext(); // the re-planning tick
  assert.equal(run.now(), 1);
  assert.equal(timers.requestedDelays.at(-1), 250); // 1 virtual second left at 4x
  timers.advance(125);
  assert.equal(run.now(), 1.5);
});

test('long waits are chained from host timers below 2^31 ms and take virtual/speed seconds (issue #15, defect 2)', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 1, duration: 1_000_000 }, { timers, speed: 0.25 });
  const events = collect(run);
  const startedAt = timers.now();
  run.start();
  // Every timer fires when asked; the run may only end once the host clock has really passed.
  timers.runAll();
  const summary = await run.done;
  assert.ok(
    timers.requestedDelays.every((ms) => ms < 2 ** 31),
    `delays asked: ${timers.requestedDelays}`,
  );
  assert.equal(summary.endTime, 1_000_000);
  assert.ok(timers.now() - startedAt >= 4e9, `the run took ${timers.now() - startedAt} ms of host time, not 4e9`);
  assert.deepEqual(
    events.map((e) => `${e.t} ${e.event}`),
    ['0 started', '1000000 finished'],
  );
});

test('at the slowest and the fastest speeds every host timer is finite and below 2^31 ms, and the run ends', async () => {
  // Node turns a delay past 2^31 - 1 ms into 1 ms (with a TimeoutOverflowWarning).
  for (const [speed, hostMs] of [
    [0.001, 1e12], // the lowest speed: 1,000,000 virtual seconds take 1e9 real ones, in chained timers
    [1e308, 0], // no wait at all: a virtual second is 1e-305 ms
    [Number.MAX_VALUE, 0],
  ]) {
    const timers = new FakeTimers();
    const run = runtime.createRun({ permits: 1, tasks: 1, duration: 1_000_000 }, { timers, speed });
    const events = collect(run);
    const startedAt = timers.now();
    run.start();
    timers.runAll();
    const summary = await run.done;
    assert.ok(
      timers.requestedDelays.every((ms) => Number.isFinite(ms) && ms >= 0 && ms < 2 ** 31),
      `speed ${speed}: delays asked: ${timers.requestedDelays.slice(0, 5)}`,
    );
    assert.equal(summary.endTime, 1_000_000);
    assert.equal(timers.now() - startedAt >= hostMs, true, `speed ${speed}: ${timers.now() - startedAt} ms of host time`);
    assert.deepEqual(
      events.map((e) => `${e.t} ${e.event}`),
      ['0 started', '1000000 finished'],
    );
  }
});

test('a host timer that fires early does not move the virtual clock', async () => {
  const timers = new FakeTimers();
  const run = runtime.createRun({ permits: 1, tasks: 1, duration: 10 }, { timers, speed: 1 });
  run.start();
  timers.fireNext(); // a 10,000 ms timer is now pending
  // The host fires it after only 3 s (as a timer chain or a suspended tab may).
  const fired = [];
  run.on('events', (batch) => fired.push(...batch));
  assert.equal(timers.outstanding, 1);
  timers.advance(3000);
  timers.fireEarly();
  assert.deepEqual(fired, [], 'nothing finished 7 s early');
  assert.equal(timers.outstanding, 1, 'the driver waits again for the rest');
  assert.ok(Math.abs(timers.requestedDelays.at(-1) - 7000) < 1e-6, String(timers.requestedDelays));
  timers.runAll();
  await run.done;
  assert.deepEqual(
    fired.map((e) => `${e.t} ${e.event}`),
    ['10 finished'],
  );
});
