// Scenario validation: every field, every kind of bad value, a message naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { normalizeScenario, ScenarioError, idealTime } from '../../web/scenario.mjs';

function rejects(input, field, pattern) {
  assert.throws(
    () => normalizeScenario(input),
    (error) => {
      assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${error}`);
      assert.equal(error.field, field);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('defaults are the lesson: 3 permits, 5 tasks, 2 seconds', () => {
  assert.deepEqual(normalizeScenario({}), { permits: 3, bounded: false, duration: 2, tasks: 5 });
});

test('zero is legal everywhere', () => {
  const s = normalizeScenario({ permits: 0, duration: 0, tasks: [{ start: 0, timeout: 0, duration: 0 }] });
  assert.deepEqual(s.tasks, [{ duration: 0, start: 0, fail: false, timeout: 0, extra_release: false }]);
  assert.equal(normalizeScenario({ tasks: 0 }).tasks, 0);
});

test('task objects take the scenario duration by default and null timeout means none', () => {
  const s = normalizeScenario({ duration: 1.5, tasks: [{}, { timeout: null, fail: true }] });
  assert.deepEqual(s.tasks, [
    { duration: 1.5, start: 0, fail: false, timeout: null, extra_release: false },
    { duration: 1.5, start: 0, fail: true, timeout: null, extra_release: false },
  ]);
});

test('extra_release is a per-task flag', () => {
  assert.equal(normalizeScenario({ tasks: [{ extra_release: true }] }).tasks[0].extra_release, true);
  assert.throws(
    () => normalizeScenario({ tasks: [{}, { extra_release: 1 }] }),
    (e) => e instanceof ScenarioError && e.field === 'tasks[1].extra_release',
  );
});

const badCounts = [
  [-1, /integer from 0 to 1000000 \(got -1\)/],
  [2.5, /\(got 2\.5\)/],
  [NaN, /\(got NaN\)/],
  [Infinity, /\(got Infinity\)/],
  [1e9, /\(got 1000000000\)/],
  ['3', /\(got "3"\)/],
  [null, /\(got null\)/],
  [true, /\(got true\)/],
];
for (const [value, pattern] of badCounts) {
  test(`permits rejects ${String(value)}`, () => rejects({ permits: value }, 'permits', pattern));
  test(`tasks (a count) rejects ${String(value)}`, () => rejects({ tasks: value }, 'tasks', pattern));
}

const badSeconds = [
  [-0.5, /from 0 to 1000000 \(got -0\.5\)/],
  [NaN, /\(got NaN\)/],
  [Infinity, /\(got Infinity\)/],
  [-Infinity, /\(got -Infinity\)/],
  [2e6, /\(got 2000000\)/],
  ['2', /\(got "2"\)/],
  [[], /\(got a list\)/],
  [{}, /\(got an object\)/],
];
for (const [value, pattern] of badSeconds) {
  test(`duration rejects ${JSON.stringify(value) ?? String(value)}`, () => rejects({ duration: value }, 'duration', pattern));
  for (const field of ['duration', 'start', 'timeout']) {
    test(`tasks[1].${field} rejects ${String(value)}`, () => rejects({ tasks: [{}, { [field]: value }] }, `tasks[1].${field}`, pattern));
  }
}

test('bounded and fail must be booleans', () => {
  rejects({ bounded: 'yes' }, 'bounded', /true or false \(got "yes"\)/);
  rejects({ tasks: [{ fail: 1 }] }, 'tasks[0].fail', /true or false \(got 1\)/);
});

test('unknown fields are named, at the top and in tasks', () => {
  rejects({ permit: 3 }, 'permit', /unknown field "permit" \(allowed: permits, bounded, duration, tasks\)/);
  rejects({ tasks: [{}, {}, { durration: 1 }] }, 'tasks[2].durration', /unknown field "tasks\[2\]\.durration"/);
});

test('wrong shapes are named', () => {
  rejects(null, 'scenario', /must be an object \(got null\)/);
  rejects([], 'scenario', /must be an object \(got a list\)/);
  rejects({ tasks: [3] }, 'tasks[0]', /must be an object \(got 3\)/);
  rejects({ tasks: 'many' }, 'tasks', /integer from 0 to 1000000 or a list/);
});

test('a list with holes is a ScenarioError naming the hole, not a TypeError (issue 15, defect 7)', () => {
  // eslint-disable-next-line no-sparse-arrays
  rejects({ tasks: [, {}] }, 'tasks[0]', /^tasks\[0\] must be an object \(got nothing\)$/);
  rejects({ tasks: [{}, , {}] }, 'tasks[1]', /must be an object \(got nothing\)/);
  rejects({ tasks: new Array(3) }, 'tasks[0]', /must be an object \(got nothing\)/);
});

test('a list longer than the limit is rejected without building it', () => {
  const huge = { length: 1_000_001 };
  const fake = new Proxy([], { get: (target, key) => (key === 'length' ? huge.length : Reflect.get(target, key)) });
  rejects({ tasks: fake }, 'tasks', /at most 1000000 entries \(got 1000001\)/);
});

test('ideal time is ceil(tasks / permits) * duration for plain tasks, else null', () => {
  assert.equal(idealTime(normalizeScenario({ permits: 3, tasks: 5, duration: 2 })), 4);
  assert.equal(idealTime(normalizeScenario({ permits: 0, tasks: 5 })), null);
  assert.equal(idealTime(normalizeScenario({ tasks: 0 })), 0);
  assert.equal(idealTime(normalizeScenario({ permits: 2, tasks: [{}, {}, {}], duration: 1 })), 2);
  assert.equal(idealTime(normalizeScenario({ permits: 2, tasks: [{}, { timeout: 1 }] })), null);
});
