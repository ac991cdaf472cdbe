// Our traces against CPython's, event by event (t, task, event, waiting).
//
// The reference is tests/conformance/reference.py: the same scenario in real CPython asyncio on a
// virtual clock. Curated scenarios go through the CLI exactly as a user runs it; the random ones
// (CONFORMANCE_SEEDS, default 250) go through the JavaScript API in-process to keep the suite fast.
// Any mismatch is a bug in our runtime until proven otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { loadRuntime } from '../../web/semaphore-playground.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const python = process.env.REFERENCE_PYTHON ?? 'python3';
const seeds = Number(process.env.CONFORMANCE_SEEDS ?? 250);

function parseJsonl(text) {
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function reference(file) {
  return parseJsonl(execFileSync(python, [path.join(here, 'reference.py'), file], { encoding: 'utf8' }));
}

function ours(file) {
  return parseJsonl(execFileSync(process.execPath, [path.join(root, 'web/cli.mjs'), '--scenario', file, '--format', 'jsonl', '--instant'], { encoding: 'utf8' }));
}

/** Fail with the first differing event and a little context, so a mismatch can be read at once. */
function assertSameTrace(actual, expected, label) {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected[i];
    const same = a && e && a.t === e.t && a.task === e.task && a.event === e.event &&
      JSON.stringify(a.waiting ?? null) === JSON.stringify(e.waiting ?? null);
    if (!same) {
      const around = (trace) => trace.slice(Math.max(0, i - 3), i + 3).map((x) => JSON.stringify(x)).join('\n    ');
      assert.fail(`${label}: traces differ at event ${i}\n  CPython:\n    ${around(expected)}\n  ours:\n    ${around(actual)}`);
    }
  }
}

const curated = readdirSync(path.join(here, 'scenarios')).filter((f) => f.endsWith('.json')).sort();

test('the curated set is there', () => {
  assert.ok(curated.length >= 15, `expected at least 15 curated scenarios, found ${curated.length}`);
});

for (const name of curated) {
  const file = path.join(here, 'scenarios', name);
  test(`curated ${name}: the CLI's trace equals CPython's`, () => {
    const expected = reference(file);
    assertSameTrace(ours(file), expected, name);
  });
  test(`curated ${name}: CPython still gives the pinned trace`, () => {
    const pinned = parseJsonl(readFileSync(path.join(here, 'expected', name.replace(/\.json$/, '.jsonl')), 'utf8'));
    assertSameTrace(reference(file), pinned, `${name} (pinned)`);
  });
}

test(`${seeds} seeded random scenarios: traces equal CPython's`, async () => {
  const scenarios = parseJsonl(execFileSync(python, [path.join(here, 'gen_random.py'), '1', String(seeds + 1)], { encoding: 'utf8' }));
  const input = scenarios.map((s) => JSON.stringify(s)).join('\n');
  const expected = parseJsonl(execFileSync(python, [path.join(here, 'reference.py'), '--batch'], { input, encoding: 'utf8', maxBuffer: 1 << 30 }));
  assert.equal(expected.length, scenarios.length);
  const runtime = await loadRuntime();
  let events = 0;
  let deadlocks = 0;
  for (let i = 0; i < scenarios.length; i++) {
    const trace = runtime.simulate(scenarios[i]);
    assertSameTrace(trace, expected[i], `seed ${i + 1}: ${JSON.stringify(scenarios[i]).slice(0, 300)}`);
    events += trace.length;
    if (trace.at(-1)?.event === 'deadlock') deadlocks += 1;
  }
  // The generator must really exercise the hard cases, or this test proves little.
  assert.ok(events > seeds * 20, `only ${events} events in ${seeds} scenarios`);
  assert.ok(deadlocks > 0, 'no scenario deadlocked');
});
