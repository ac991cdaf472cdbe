// "The displayed program is the program" (issue #11): for every scenario the page can express, the
// Python in the page's "The program" view, run unmodified by CPython on the virtual clock, prints
// exactly the log's program lines: the same text, in the same order, at the same virtual times. The
// text under test is made by the very function the page calls (web/lesson-program.mjs), and the log's
// program lines by the very function the log calls (programOutput in web/format.mjs).
//
//   node --test tests/conformance/displayed-program.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { programOutput } from '../../web/format.mjs';
import { programText, pythonProgram } from '../../web/lesson-program.mjs';
import { loadOurs, randomScenarios, runPrograms } from './sides.mjs';

const CUSTOM_TASK_LIMIT = 50; // the page's Customise table holds at most this many tasks
const RANDOM = 60;

const CURATED = {
  'the lesson': { permits: 3, tasks: 5, duration: 2 },
  'the lesson, bounded': { permits: 3, tasks: 5, duration: 2, bounded: true },
  'ten ties, ten permits': { permits: 10, tasks: 10, duration: 2 },
  'no tasks': { tasks: 0 },
  'zero durations': { permits: 2, tasks: 6, duration: 0 },
  'a deadlock: no permits': { permits: 0, tasks: 3 },
  'a deadlock after some output': { permits: 0, tasks: [{ start: 1 }, {}] },
  "the issue's failure: task 1 fails after 1 s, task 2 takes 3 s": {
    permits: 2,
    duration: 2,
    tasks: [{ duration: 1, fail: true }, { duration: 3 }, {}, {}],
  },
  'failures, timeouts and start delays': {
    permits: 1,
    duration: 1,
    tasks: [{ fail: true }, { timeout: 0.5 }, { start: 0.25, timeout: 1.5 }, { duration: 0, fail: true }, { timeout: 0 }, {}],
  },
  'a timeout while holding the permit': { permits: 1, tasks: [{ duration: 3, timeout: 1 }, { duration: 1 }] },
  'zero everywhere': { permits: 1, duration: 0, tasks: [{ start: 0, timeout: 0 }, { timeout: 0, fail: true }, {}] },
  'an extra release lifts a Semaphore above its start': { permits: 2, tasks: [{ duration: 1, extra_release: true }, {}, {}, {}, {}] },
  'an extra release makes a BoundedSemaphore raise, in the task that releases past the bound': {
    permits: 2,
    bounded: true,
    duration: 1,
    tasks: [{ duration: 1, extra_release: true }, { duration: 2, fail: true }, { duration: 3, timeout: 2.5 }, { start: 0.5 }],
  },
};

/** What the page's log shows as program output for this trace: [t, text] per printed line. */
function logProgramLines(trace) {
  return trace.flatMap((e) => {
    const text = programOutput(e);
    return text === null ? [] : [[e.t, text]];
  });
}

function expressible(s) {
  return !Array.isArray(s.tasks) || s.tasks.length <= CUSTOM_TASK_LIMIT;
}

const cases = (async () => {
  const random = (await randomScenarios(1, RANDOM * 2)).filter(expressible).slice(0, RANDOM);
  const { runtime, normalizeScenario } = await loadOurs();
  const all = [
    ...Object.entries(CURATED).map(([name, s]) => ({ name, input: s })),
    ...random.map((s, i) => ({ name: `random ${i + 1}`, input: s })),
  ].map((c) => {
    const scenario = normalizeScenario(c.input);
    return { ...c, scenario, trace: runtime.simulate(scenario), source: programText(pythonProgram(scenario)) };
  });
  const results = await runPrograms(all.map((c) => c.source));
  return all.map((c, i) => ({ ...c, cpython: results[i] }));
})();
cases.catch(() => {});

function check({ name, trace, source, cpython }) {
  const context = `${name}: the displayed program, run by CPython, against the page's log\n--- program ---\n${source}`;
  assert.equal(cpython.error, null, `${context}\nCPython raised: ${cpython.error}`);
  const deadlocked = trace.at(-1)?.event === 'deadlock';
  assert.equal(
    cpython.end,
    deadlocked ? 'deadlock' : 'done',
    `${context}\nthe log ${deadlocked ? 'ends in a deadlock' : 'ends normally'}, CPython's run ended: ${cpython.end}`,
  );
  assert.deepEqual(cpython.lines, logProgramLines(trace), context);
}

for (const name of Object.keys(CURATED)) {
  test(`${name}: the displayed Python prints the log's program lines`, async () => {
    check((await cases).find((c) => c.name === name));
  });
}

test(`${RANDOM} random scenarios the page can express: the displayed Python prints the log's program lines`, async () => {
  const random = (await cases).filter((c) => c.name.startsWith('random'));
  assert.equal(random.length, RANDOM);
  const kinds = new Set(random.flatMap((c) => c.trace.map((e) => e.event)));
  for (const kind of ['timeout', 'failed', 'deadlock', 'waiting', 'extra_release'])
    assert.ok(kinds.has(kind), `the random scenarios never produce "${kind}"`);
  for (const c of random) check(c);
});

test('the displayed program catches a failure: without the except clause CPython dies with RuntimeError', async () => {
  // The check above would fail for a program that lets the failure escape; make sure it can.
  const c = (await cases).find((x) => x.name.startsWith('the issue'));
  const broken = c.source.replace('    except RuntimeError as error:\n        print(error)\n', '');
  assert.notEqual(broken, c.source, 'the displayed program no longer has the except clause this test removes');
  const [result] = await runPrograms([broken]);
  assert.equal(result.end, 'error');
  assert.equal(result.error, 'RuntimeError: Task 1 failed');
});
