// Comparing permit counts and exporting a run (issue #14): the figures a learner compares, and
// exports that read back (or re-run) to the same trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  loadRuntime,
  measureTrace,
  normalizeScenario,
  programFile,
  ScenarioError,
  traceFromCsv,
  traceFromJsonl,
  traceToCsv,
  traceToJsonl,
} from '../../web/semaphore-playground.mjs';

const runtime = await loadRuntime();
const lesson = { permits: 3, tasks: 5, duration: 2 };

test('the lesson with permits 1..5 takes ceil(5/k) x 2 s; without a semaphore 2 s and all five at once', () => {
  const rows = runtime.compare(lesson, [1, 2, 3, 4, 5, null]);
  assert.deepEqual(
    rows.map((r) => [r.permits, r.endTime, r.peakConcurrency]),
    [
      [1, 10, 1],
      [2, 6, 2],
      [3, 4, 3],
      [4, 4, 4],
      [5, 2, 5],
      [null, 2, 5],
    ],
  );
  // Permits 1: task k waits 2(k-1) s; mean (0+2+4+6+8)/5 = 4, max 8.
  assert.deepEqual([rows[0].meanWait, rows[0].maxWait], [4, 8]);
  assert.deepEqual([rows[4].meanWait, rows[4].maxWait], [0, 0]);
});

test('waits end at a timeout or at a deadlock; tasks that never asked do not count', () => {
  const m = measureTrace(runtime.simulate({ permits: 1, tasks: [{ duration: 3 }, { timeout: 1 }, { start: 5, timeout: 2 }] }));
  // Task 1 waits 0; task 2 waits 1 s then times out; task 3 times out at 2, in its start delay,
  // before it ever asked: (0 + 1) / 2.
  assert.deepEqual(m, { endTime: 3, peakConcurrency: 1, meanWait: 0.5, maxWait: 1 });
  const stuck = measureTrace(runtime.simulate({ permits: 0, tasks: [{ start: 4 }, {}] }));
  assert.deepEqual(stuck, { endTime: 4, peakConcurrency: 0, meanWait: 2, maxWait: 4 });
  assert.deepEqual(measureTrace(runtime.simulate({ permits: 1, tasks: [{ start: 1, timeout: 0.5 }] })), {
    endTime: 0.5,
    peakConcurrency: 0,
    meanWait: 0,
    maxWait: 0,
  });
});

test('an extra release shows as concurrency above the permit count', () => {
  const [row] = runtime.compare({ permits: 2, tasks: [{ duration: 1, extra_release: true }, {}, {}, {}, {}] }, [2]);
  assert.equal(row.peakConcurrency, 3);
});

test('bad permit counts are named', () => {
  for (const [counts, field] of [
    [[], 'permitCounts'],
    ['3', 'permitCounts'],
    [[1, -1], 'permitCounts[1]'],
    [[2.5], 'permitCounts[0]'],
  ]) {
    assert.throws(
      () => runtime.compare(lesson, counts),
      (e) => e instanceof ScenarioError && e.field === field,
      JSON.stringify(counts),
    );
  }
});

test('JSON Lines and CSV exports read back to the same trace, deadlock ids included', () => {
  for (const scenario of [
    lesson,
    { permits: 0, tasks: 3 },
    { permits: 1, tasks: [{ duration: 0.1, fail: true }, { timeout: 0.3 }, { start: 0.2 }] },
  ]) {
    const trace = runtime.simulate(scenario);
    assert.deepEqual(traceFromJsonl(traceToJsonl(trace)), trace);
    assert.deepEqual(traceFromCsv(traceToCsv(trace)), trace);
  }
  assert.equal(traceToCsv(runtime.simulate({ permits: 0, tasks: 2 })).split('\n')[3], '0,0,deadlock,1 2');
  assert.throws(() => traceFromCsv('a,b\n1,2'), /header/);
});

test('the exported program is the displayed one (tests/conformance runs it in CPython)', () => {
  const source = programFile(normalizeScenario(lesson));
  assert.match(source, /^import asyncio\n/);
  assert.match(source, /sem = asyncio\.Semaphore\(3\)/);
  assert.match(source, /asyncio\.run\(main\(\)\)\n$/);
});
