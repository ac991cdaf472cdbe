// Our traces against CPython's, event by event: t (equal as floats), task, event, waiting.
//
// CPython's side is reference.py: the scenario run by real asyncio on a virtual clock. Our side is
// the CLI for the curated scenarios (exactly as a user runs it) and the JavaScript API in-process for
// the seeded random ones (CONFORMANCE_SEEDS of them, default 250), which keeps the suite fast. The
// curated traces are also pinned in expected/, so a Python upgrade that changes asyncio's ordering is
// noticed even when both sides agree. A mismatch is a bug in our runtime until proven otherwise.
//
//   node --test tests/conformance/
//   CONFORMANCE_SEEDS=2000 REFERENCE_PYTHON=/usr/bin/python3 node --test tests/conformance/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { cliText, here, loadOurs, python, randomScenarios, reference, referenceBatch } from './sides.mjs';
import { describeMismatch, firstDifference, jsonlKeyProblem, parseJsonl } from './traces.mjs';

const SEEDS = Number(process.env.CONFORMANCE_SEEDS ?? 250);
if (!Number.isInteger(SEEDS) || SEEDS < 0)
  throw new Error(`CONFORMANCE_SEEDS must be an integer >= 0 (got "${process.env.CONFORMANCE_SEEDS}")`);
// The generator's promises (deadlocks, ties, heap rebuilds ...) are checked on this many seeds,
// whatever SEEDS is, so a quick run cannot make that check vacuous.
const COVERAGE_SEEDS = 250;

const scenariosDir = path.join(here, 'scenarios');
const expectedDir = path.join(here, 'expected');
const curated = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const pinned = readdirSync(expectedDir)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.slice(0, -'.jsonl'.length))
  .sort();

/** Start work now, await it in a test later; a failure is reported by that test, not as unhandled. */
function early(fn) {
  const promise = fn();
  promise.catch(() => {});
  return promise;
}

// All child processes start right away (a pool runs one per core); the tests below await them in order.
const work = new Map(
  curated.map((name) => {
    const file = path.join(scenariosDir, `${name}.json`);
    return [name, { file, cpython: early(() => reference([file])), ours: early(() => cliText(file)) }];
  }),
);
const random = early(async () => {
  const scenarios = await randomScenarios(1, Math.max(SEEDS, COVERAGE_SEEDS));
  return { scenarios, results: await referenceBatch(scenarios) };
});

function assertSame(ours, cpython, context) {
  const at = firstDifference(ours, cpython);
  if (at !== -1) assert.fail(describeMismatch({ ...context, ours, cpython, at }));
}

// ---------------------------------------------------------------------------------------------
// Curated scenarios.
// ---------------------------------------------------------------------------------------------

test('the curated scenarios and their pinned traces match one to one', () => {
  assert.ok(curated.length >= 15, `expected at least 15 curated scenarios, found ${curated.length}`);
  assert.deepEqual(pinned, curated, 'expected/ must hold one trace per scenarios/*.json: run tests/conformance/regen_expected.sh');
});

for (const name of curated) {
  const { file } = work.get(name);
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  const reproduce = `${python} tests/conformance/reference.py tests/conformance/scenarios/${name}.json`;

  test(`${name}: CPython still gives the pinned trace`, async () => {
    const now = await work.get(name).cpython;
    const then = readFileSync(path.join(expectedDir, `${name}.jsonl`), 'utf8');
    // "ours" here is today's CPython, "CPython" the pinned one.
    assertSame(parseJsonl(now), parseJsonl(then), {
      label: `${name} (pinned, re-pin with regen_expected.sh only if the change is understood)`,
      scenario,
      reproduce,
    });
    assert.equal(now, then, `${name}: same events but different text (formatting) than expected/${name}.jsonl`);
  });

  test(`${name}: the CLI's trace equals CPython's`, async () => {
    const [cpython, ours] = await Promise.all([work.get(name).cpython, work.get(name).ours]);
    for (const line of ours.split('\n').filter(Boolean)) {
      const problem = jsonlKeyProblem(line);
      if (problem) assert.fail(`${name}: the CLI's JSON Lines break the event contract: ${problem}`);
    }
    assertSame(parseJsonl(ours), parseJsonl(cpython), {
      label: `${name} (CLI)`,
      scenario,
      reproduce: `diff <(${reproduce}) <(node web/cli.mjs --scenario tests/conformance/scenarios/${name}.json --format jsonl --instant)`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Seeded random scenarios.
// ---------------------------------------------------------------------------------------------

test(`random seeds 1..${SEEDS}: our traces (JavaScript API, in-process) equal CPython's`, async () => {
  const [{ runtime, normalizeScenario }, { scenarios, results }] = await Promise.all([loadOurs(), random]);
  const failures = [];
  for (let i = 0; i < SEEDS; i++) {
    const seed = i + 1;
    const context = {
      label: `seed ${seed}`,
      scenario: scenarios[i],
      reproduce:
        `python3 tests/conformance/gen_random.py --seed ${seed} | python3 tests/conformance/reference.py -   ` +
        `(ours: ... | node web/cli.mjs --scenario - --format jsonl --instant)`,
    };
    let ours;
    try {
      ours = runtime.simulate(normalizeScenario(scenarios[i]));
    } catch (error) {
      failures.push({
        seed,
        message: `seed ${seed}: ours threw ${error.stack ?? error}\nscenario: ${JSON.stringify(scenarios[i]).slice(0, 3000)}`,
      });
      continue;
    }
    const cpython = results[i].trace;
    const at = firstDifference(ours, cpython);
    if (at !== -1) failures.push({ seed, message: describeMismatch({ ...context, ours, cpython, at }) });
  }
  if (failures.length > 0) {
    assert.fail(
      `${failures.length} of ${SEEDS} random scenarios differ (seeds ${failures.map((f) => f.seed).join(', ')}); the first:\n${failures[0].message}`,
    );
  }
});

test(`the random scenarios reach the hard cases (seeds 1..${COVERAGE_SEEDS}, CPython's traces)`, async () => {
  const { scenarios, results } = await random;
  const seen = {
    'tasks given as a count': 0,
    'no tasks at all': 0,
    'a deadlock': 0,
    'a timeout': 0,
    'a failure': 0,
    'a timeout at the time of a release (t > 0)': 0,
    'equal-time finishes out of task order (a later task set its timer first)': 0,
    'a time with float rounding noise (like 0.1 + 0.2)': 0,
    'over 100 timers in the heap': 0,
    "_run_once's cancelled-timer heap rebuild": 0,
  };
  for (let i = 0; i < COVERAGE_SEEDS; i++) {
    const { trace, stats } = results[i];
    const kinds = new Set(trace.map((e) => e.event));
    const at = (kind) => trace.filter((e) => e.event === kind).map((e) => e.t);
    const releases = new Set([...at('finished'), ...at('failed')]);
    const finishes = trace.filter((e) => e.event === 'finished');
    const count = (label, yes) => {
      if (yes) seen[label] += 1;
    };
    count('tasks given as a count', typeof scenarios[i].tasks === 'number');
    count('no tasks at all', (Array.isArray(scenarios[i].tasks) ? scenarios[i].tasks.length : scenarios[i].tasks) === 0);
    count('a deadlock', kinds.has('deadlock'));
    count('a timeout', kinds.has('timeout'));
    count('a failure', kinds.has('failed'));
    count(
      'a timeout at the time of a release (t > 0)',
      at('timeout').some((t) => t > 0 && releases.has(t)),
    );
    count(
      'equal-time finishes out of task order (a later task set its timer first)',
      finishes.some((e, k) => k > 0 && e.t === finishes[k - 1].t && e.task < finishes[k - 1].task),
    );
    count(
      'a time with float rounding noise (like 0.1 + 0.2)',
      trace.some((e) => {
        const tenth = Math.round(e.t * 10) / 10;
        return e.t !== tenth && Math.abs(e.t - tenth) < 1e-12;
      }),
    );
    count('over 100 timers in the heap', stats.max_timers > 100);
    count("_run_once's cancelled-timer heap rebuild", stats.heap_rebuilds > 0);
  }
  const missing = Object.entries(seen)
    .filter(([, n]) => n === 0)
    .map(([label]) => label);
  assert.deepEqual(missing, [], `gen_random.py no longer produces: ${missing.join('; ')} (seen: ${JSON.stringify(seen)})`);
});

// ---------------------------------------------------------------------------------------------
// The reference's own promises (docs/ARCHITECTURE.md): unknown fields rejected, the text format.
// ---------------------------------------------------------------------------------------------

test('reference.py rejects unknown fields instead of ignoring them', async () => {
  for (const bad of [{ permits: 1, speed: 3 }, { tasks: [{ duration: 1, priority: 2 }] }]) {
    const outcome = await reference(['-'], JSON.stringify(bad)).then(
      () => 'accepted',
      (error) => error.message,
    );
    assert.match(outcome, /exited with 2:\nreference\.py: unknown field/, `${JSON.stringify(bad)}: ${outcome}`);
  }
});

test('reference.py --text prints the lesson and the deadlock line as documented', async () => {
  const lesson = await reference(['--text', '-'], '{"permits": 3, "tasks": 5, "duration": 2}');
  assert.deepEqual(lesson.trimEnd().split('\n'), [
    '0.00s Task 1 started',
    '0.00s Task 2 started',
    '0.00s Task 3 started',
    '0.00s Task 4 waiting for a permit',
    '0.00s Task 5 waiting for a permit',
    '2.00s Task 1 finished',
    '2.00s Task 2 finished',
    '2.00s Task 3 finished',
    '2.00s Task 4 started',
    '2.00s Task 5 started',
    '4.00s Task 4 finished',
    '4.00s Task 5 finished',
  ]);
  const deadlock = await reference(['--text', '-'], '{"permits": 0, "tasks": [{"start": 4}, {"start": 4}, {}]}');
  assert.equal(deadlock.trimEnd().split('\n').at(-1), '4.00s Deadlock: tasks 1, 2, 3 are still waiting for a permit');
});
