// Equal deadlines fire in the order they were set (issue #11): in every uniform scenario the tasks
// finish in the order they started, as CPython prints them on a learner's machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';

const runtime = await loadRuntime();

test('uniform scenarios: "finished" lines come in the order of the "started" lines (JS API)', () => {
  let checked = 0;
  for (let permits = 1; permits <= 12; permits++) {
    for (const tasks of [1, 2, 5, 10, 17, 30]) {
      for (const duration of [0, 0.1, 2]) {
        const trace = runtime.simulate({ permits, tasks, duration });
        const order = (kind) => trace.filter((e) => e.event === kind).map((e) => e.task);
        assert.deepEqual(order('finished'), order('started'), JSON.stringify({ permits, tasks, duration }));
        assert.deepEqual(
          order('started'),
          Array.from({ length: tasks }, (_, i) => i + 1),
        );
        checked += 1;
      }
    }
  }
  assert.equal(checked, 12 * 6 * 3);
});

test('10,000 tasks with 50 permits finish in start order (the issue saw 9967, 9964, 9966, ...)', () => {
  const trace = runtime.simulate({ permits: 50, tasks: 10_000, duration: 2 });
  const finished = trace.filter((e) => e.event === 'finished').map((e) => e.task);
  assert.deepEqual(
    finished,
    Array.from({ length: 10_000 }, (_, i) => i + 1),
  );
});
