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

// --- programs (issue #14: "a program is compared by varying its first Semaphore(...) argument") ---

test('a program is compared by varying its first Semaphore(...): the displayed program compares as its scenario does', async () => {
  const { loadRuntime } = await import('../../web/semaphore-playground.mjs');
  const { programFile } = await import('../../web/export.mjs');
  const runtime = await loadRuntime();
  const counts = [1, 2, 3, 4, 5, null];
  const lesson = { permits: 3, tasks: 5, duration: 2, bounded: false };
  const rows = runtime.compare(programFile(lesson), counts);
  assert.deepEqual(
    rows.map((r) => r.endTime),
    [10, 6, 4, 4, 2, 2],
    'ceil(5/k) x 2 s, and no semaphore at all: 2 s',
  );
  // Any scenario the page can show: its program, run by the interpreter and compared, says what the
  // scenario's own comparison says (uniform and custom tasks, bounded or not).
  const scenarios = [
    lesson,
    { permits: 2, tasks: 7, duration: 1.5, bounded: true },
    {
      permits: 2,
      bounded: false,
      duration: 1,
      tasks: [
        { duration: 1, start: 0, fail: false, timeout: null, extra_release: false },
        { duration: 3, start: 0.5, fail: false, timeout: 2, extra_release: false },
        { duration: 2, start: 0, fail: true, timeout: null, extra_release: false },
        { duration: 1, start: 1, fail: false, timeout: null, extra_release: false },
      ],
    },
  ];
  for (const scenario of scenarios) {
    assert.deepEqual(runtime.compare(programFile(scenario), counts), runtime.compare(scenario, counts), JSON.stringify(scenario));
  }
});

test('which Semaphore(...) is varied, and a program that cannot be compared says why', async () => {
  const { withPermits } = await import('../../web/compare.mjs');
  const { loadRuntime } = await import('../../web/semaphore-playground.mjs');
  assert.equal(
    withPermits('x = 1\nsem = asyncio.Semaphore(value=limit * (2 + 1))  # three\n', 2, 7),
    'x = 1\nsem = asyncio.Semaphore(7)  # three\n',
  );
  assert.equal(withPermits('lock = asyncio.Lock()\n', 1, 3), null);
  const runtime = await loadRuntime();
  assert.throws(() => runtime.compare('print("hi")\n', [1, 2]), /creates no asyncio\.Semaphore/);
  assert.throws(() => runtime.compare('print(\n', [1]), /does not run: SyntaxError/);
  assert.throws(() => runtime.compare('import asyncio\n', [1.5]), /permitCounts\[0\]/);
});
