// The status line while stepping a knob scenario (web/ui/controls.mjs narrate) says where a released
// permit goes. In CPython 3.11 release() hands the permit to the first waiter at once (_wake_up_next
// takes it from sem._value), so "value 0 → 0" on a release reads as a mistake unless the line says
// who got the permit; the waiter's own start then changes no value.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime, normalizeScenario, taskCount } from '../../web/semaphore-playground.mjs';
import { Trace } from '../../web/ui/trace.mjs';
import { narrate } from '../../web/ui/controls.mjs';
import { FakeTimers } from './fake-timers.mjs';

const runtime = await loadRuntime();

/** The status line after each event of `input`'s whole run. */
function narration(input) {
  const scenario = normalizeScenario(input);
  const trace = new Trace(taskCount(scenario), scenario.permits);
  const run = runtime.createRun(scenario, { timers: new FakeTimers() });
  run.on('batch', (batch) => trace.append(batch));
  while (run.state !== 'done' && run.state !== 'deadlock') run.step();
  trace.ended = true;
  const lines = [];
  for (let cursor = 1; cursor <= trace.length; cursor++) lines.push(narrate({ trace, cursor, scenario, position: 0 }));
  return lines;
}

test("the lesson: each release that wakes a waiter names the waiter; the waiter's start says it was handed the permit", () => {
  const lines = narration({ permits: 3, tasks: 5, duration: 2 });
  assert.equal(lines[0], 'Event 1 of 12 at 0.00s: Task 1 acquires a permit: value 3 → 2, waiting [].');
  assert.equal(lines[3], 'Event 4 of 12 at 0.00s: Task 4 joins the queue: value 0 → 0, waiting [4].');
  assert.equal(
    lines[5],
    'Event 6 of 12 at 2.00s: Task 1 finishes and its release hands the permit to Task 4, first in line: value 0 → 0, waiting [4, 5].',
  );
  assert.equal(
    lines[6],
    'Event 7 of 12 at 2.00s: Task 2 finishes and its release hands the permit to Task 5, first in line: value 0 → 0, waiting [4, 5].',
  );
  // Nobody is left to wake: the permit goes back to the semaphore.
  assert.equal(lines[7], 'Event 8 of 12 at 2.00s: Task 3 finishes and releases its permit: value 0 → 1, waiting [4, 5].');
  assert.equal(lines[8], 'Event 9 of 12 at 2.00s: Task 4 wakes up holding the permit a release handed it: value 1 → 1, waiting [5].');
  assert.equal(lines[10], 'Event 11 of 12 at 4.00s: Task 4 finishes and releases its permit: value 1 → 2, waiting [].');
});

test('a waiter woken past the first few in line is still named (more permits than the queue preview)', () => {
  const lines = narration({ permits: 10, tasks: 20, duration: 1 });
  // Tasks 11..20 wait; at 1 s Tasks 1..10 release in turn, each handing its permit to the next waiter.
  assert.match(lines[20], /^Event 21 of 50 at 1\.00s: Task 1 finishes and its release hands the permit to Task 11, first in line:/);
  assert.match(lines[29], /^Event 30 of 50 at 1\.00s: Task 10 finishes and its release hands the permit to Task 20, first in line:/);
});

test('a failing holder hands its permit on too; a waiter that times out just leaves the queue', () => {
  const lines = narration({ permits: 1, tasks: [{ fail: true }, { timeout: 0.5 }, {}], duration: 1 });
  assert.deepEqual(lines.slice(3, 6), [
    'Event 4 of 7 at 0.50s: Task 2 times out and leaves the queue: value 0 → 0, waiting [3].',
    'Event 5 of 7 at 1.00s: Task 1 fails and its release hands the permit to Task 3, first in line: value 0 → 0, waiting [3].',
    'Event 6 of 7 at 1.00s: Task 3 wakes up holding the permit a release handed it: value 0 → 0, waiting [].',
  ]);
});
