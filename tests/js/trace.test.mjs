// The page's trace (web/ui/trace.mjs) derives the semaphore's value, holders and queue from the events
// alone (the views never ask the runtime). Checked here against the runtime's own semaphore, after
// every event-loop iteration, over the lesson, deadlocks and random scenarios with timeouts and failures.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime, normalizeScenario, taskCount } from '../../web/semaphore-playground.mjs';
import { Trace, TaskState, SNAPSHOT_EVERY } from '../../web/ui/trace.mjs';
import { FakeTimers } from './fake-timers.mjs';

let runtime;
before(async () => {
  runtime = await loadRuntime();
});

/** Step the run one loop iteration at a time; after each, compare the trace with the runtime. */
function compare(input) {
  const scenario = normalizeScenario(input);
  const trace = new Trace(taskCount(scenario), scenario.permits);
  const run = runtime.createRun(scenario, { timers: new FakeTimers() });
  run.on('batch', (batch) => trace.append(batch));
  let iterations = 0;
  while (run.state !== 'done' && run.state !== 'deadlock') {
    run.step();
    iterations += 1;
    const truth = run.semaphore();
    const derived = trace.semaphoreAt(trace.length);
    assert.equal(derived.value, truth.value, `value after iteration ${iterations} of ${JSON.stringify(input)}`);
  }
  run.reset();
  return trace;
}

function random(seed) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

test('the value derived from events equals the runtime semaphore after every iteration', () => {
  compare({ permits: 3, tasks: 5, duration: 2 });
  compare({ permits: 1, tasks: [{ duration: 3 }, { timeout: 1 }, { fail: true, duration: 0.5 }] });
  compare({ permits: 2, tasks: [{ timeout: 1, duration: 3 }, { fail: true }, { start: 0.5 }, {}] });
  compare({ permits: 0, tasks: 3 });
  const next = random(7);
  for (let i = 0; i < 120; i++) {
    const tasks = Array.from({ length: 1 + Math.floor(next() * 9) }, () => {
      const t = { duration: Math.floor(next() * 4) / 2 };
      if (next() < 0.4) t.start = Math.floor(next() * 4) / 2;
      if (next() < 0.4) t.timeout = Math.floor(next() * 5) / 2;
      if (next() < 0.2) t.fail = true;
      return t;
    });
    compare({ permits: Math.floor(next() * 4), bounded: next() < 0.5, tasks });
  }
});

test('an extra release() moves the value as locks.py does: +1 and the next waiter woken; a BoundedSemaphore raising changes nothing', () => {
  compare({ permits: 2, duration: 2, tasks: [{ extra_release: true }, {}, {}, {}, {}] });
  compare({ permits: 2, bounded: true, duration: 2, tasks: [{ extra_release: true }, {}, {}, {}, {}] });
  compare({ permits: 1, bounded: true, duration: 1, tasks: [{ extra_release: true }, { fail: true }, {}, {}] });
  compare({ permits: 2, bounded: true, duration: 1, tasks: [{ extra_release: true }, { timeout: 1.5, duration: 3 }, {}] });
  const next = random(11);
  let raised = 0;
  for (let i = 0; i < 200; i++) {
    const tasks = Array.from({ length: 1 + Math.floor(next() * 8) }, () => {
      const t = { duration: Math.floor(next() * 4) / 2 };
      if (next() < 0.3) t.start = Math.floor(next() * 4) / 2;
      if (next() < 0.3) t.timeout = Math.floor(next() * 5) / 2;
      if (next() < 0.2) t.fail = true;
      if (next() < 0.4) t.extra_release = true;
      return t;
    });
    const trace = compare({ permits: Math.floor(next() * 4), bounded: next() < 0.5, tasks });
    for (let k = 0; k < trace.length; k++) if (trace.event(k).event === 'release_error') raised += 1;
  }
  assert.ok(raised > 20, `the random scenarios raise ValueError often enough to matter (${raised})`);
});

test('any position renders from the nearest snapshot: holders, queue and states agree with a replay', () => {
  const trace = compare({ permits: 3, tasks: 1500, duration: 1 });
  assert.ok(trace.length > 2 * SNAPSHOT_EVERY);
  // A slow, obvious replay of the events up to each probed position.
  for (const position of [0, 1, 3, 5, SNAPSHOT_EVERY - 1, SNAPSHOT_EVERY, SNAPSHOT_EVERY + 7, 2500, trace.length]) {
    const holders = new Set();
    const queue = [];
    for (let i = 0; i < position; i++) {
      const e = trace.event(i);
      if (e.event === 'waiting') queue.push(e.task);
      if (e.event === 'started') {
        holders.add(e.task);
        if (queue.includes(e.task)) queue.splice(queue.indexOf(e.task), 1);
      }
      if (e.event === 'finished') holders.delete(e.task);
    }
    const state = trace.semaphoreAt(position, 5);
    assert.deepEqual(new Set([...state.holderOfSlot].filter((n) => n > 0)), holders, `holders at ${position}`);
    assert.deepEqual(state.waiters, queue.slice(0, 5), `queue at ${position}`);
    assert.equal(state.queued, queue.length);
    for (const n of [1, 4, 700, 1500]) {
      const expected = holders.has(n)
        ? TaskState.holding
        : queue.includes(n)
          ? TaskState.waiting
          : trace.endAt[n] !== -1 && trace.endAt[n] < position
            ? TaskState.finished
            : TaskState.pending;
      assert.equal(trace.taskState(n, position), expected, `task ${n} at ${position}`);
    }
  }
});
