// Programs of the playground's Python, ours against CPython 3.11's: every printed line with the
// virtual time it was printed at, the last line of an uncaught exception's traceback (for the
// curated programs the whole traceback: its chain and the program's frames), the tasks
// left stuck by a deadlock (where CPython would wait forever), and every event the views draw
// (tasks created and ended, waits on and releases of each Semaphore, Lock and Event, with the
// primitive's value after each; program_events.py makes real asyncio report them).
//
// CPython's side is program_reference.py: the same source under real asyncio on a virtual clock
// (reference.py's loop, ties in the order timers were set). Ours is the CLI for the curated
// programs (exactly as a user runs it: `node web/cli.mjs --program FILE.py`) and the JavaScript
// API in-process for the random ones (gen_programs.py, PROGRAM_SEEDS of them, default 300).
//
//   node --test tests/conformance/programs.test.mjs
//   PROGRAM_SEEDS=3000 node --test tests/conformance/programs.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { here, loadOurs, python, root } from './sides.mjs';

const SEEDS = Number(process.env.PROGRAM_SEEDS ?? 300);
if (!Number.isInteger(SEEDS) || SEEDS < 0) throw new Error(`PROGRAM_SEEDS must be an integer >= 0 (got "${process.env.PROGRAM_SEEDS}")`);
const COVERAGE_SEEDS = 300; // the generator's promises are checked on this many, whatever SEEDS is
const EXPRESSION_SEEDS = Number(process.env.EXPRESSION_SEEDS ?? 100); // gen_expressions.py programs, ~30 expressions each
const BIG_EXPRESSION_SEEDS = Number(process.env.BIG_EXPRESSION_SEEDS ?? 100); // gen_expressions.py --big: ints past 64 bits

const programsDir = path.join(here, 'programs');
const curated = readdirSync(programsDir)
  .filter((f) => f.endsWith('.py'))
  .sort();

/**
 * A traceback as program_reference.py compares it: each of the program's frames with its source
 * line, a SyntaxError's line and caret left out.
 */
function tracebackShape(stderr) {
  const lines = stderr.split(/(?<=\n)/);
  const frame = /^ {2}File "<program>", line \d+, in /;
  return lines.filter((line, i) => !line.startsWith('    ') || frame.test(lines[i - 1] ?? '')).join('');
}

/** Run a command to completion: { code, stdout, stderr }. */
function run(command, args, input = '') {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input);
  });
}

/** CPython's results for these sources, in order (one forked child per program). */
async function referenceResults(sources) {
  if (sources.length === 0) return [];
  const { code, stdout, stderr } = await run(
    python,
    [path.join(here, 'program_reference.py'), '--batch'],
    sources.map((s) => `${JSON.stringify(s)}\n`).join(''),
  );
  if (code !== 0) throw new Error(`program_reference.py failed (${code}):\n${stderr}`);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function generated(first, count, generator = 'gen_programs.py', options = []) {
  const { code, stdout, stderr } = await run(python, [path.join(here, generator), ...options, String(first), String(count)]);
  if (code !== 0) throw new Error(`gen_programs.py failed (${code}):\n${stderr}`);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const ENDINGS = new Set(['deadlock', 'exception', 'stopped']);

/** An event as program_events.py writes it: [t, task, kind, primitive, detail, line]. */
function eventRow(e) {
  const detail = 'value' in e ? e.value : (e.text ?? 0);
  return [e.t, e.task, e.event, e.primitive ?? 0, detail, e.line];
}

/** What both sides must agree on, from our result (the public API's shape). */
function comparable(ours) {
  const lines = ours.events.filter((e) => e.event === 'print').map((e) => [e.t, e.text]);
  const deadlock = ours.deadlock ? ours.deadlock.tasks.map((t) => t.name) : null;
  const events = ours.events.filter((e) => !ENDINGS.has(e.event)).map(eventRow);
  return { lines, final: ours.finalLine, deadlock, events };
}

/** The first difference as a readable message, or null. */
function difference(ours, cpython, label, source) {
  const n = Math.max(ours.lines.length, cpython.lines.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(ours.lines[i] ?? null);
    const b = JSON.stringify(cpython.lines[i] ?? null);
    if (a !== b) return `${label}: line ${i + 1} differs\n  ours:    ${a}\n  CPython: ${b}\n--- program ---\n${source}`;
  }
  if (ours.final !== cpython.final)
    return `${label}: the uncaught exception differs\n  ours:    ${ours.final}\n  CPython: ${cpython.final}\n--- program ---\n${source}`;
  if (JSON.stringify(ours.deadlock) !== JSON.stringify(cpython.deadlock)) {
    return `${label}: the deadlock differs\n  ours:    ${JSON.stringify(ours.deadlock)}\n  CPython: ${JSON.stringify(cpython.deadlock)}\n--- program ---\n${source}`;
  }
  const events = Math.max(ours.events.length, cpython.events.length);
  for (let i = 0; i < events; i++) {
    const a = JSON.stringify(ours.events[i] ?? null);
    const b = JSON.stringify(cpython.events[i] ?? null);
    if (a !== b) {
      const before = JSON.stringify(ours.events.slice(Math.max(0, i - 3), i));
      return `${label}: event ${i + 1} (of the views' events) differs after ${before}\n  ours:    ${a}\n  CPython: ${b}\n--- program ---\n${source}`;
    }
  }
  return null;
}

// Start the slow work at once; the tests below await it.
const curatedSources = curated.map((f) => readFileSync(path.join(programsDir, f), 'utf8'));
const curatedReference = referenceResults(curatedSources);
const randomWork = (async () => {
  const sources = await generated(1, Math.max(SEEDS, COVERAGE_SEEDS));
  return { sources, cpython: await referenceResults(sources) };
})();
const expressionWork = (async () => {
  const sources = await generated(1, EXPRESSION_SEEDS, 'gen_expressions.py');
  return { sources, cpython: await referenceResults(sources) };
})();
const bigExpressionWork = (async () => {
  const sources = await generated(1, BIG_EXPRESSION_SEEDS, 'gen_expressions.py', ['--big']);
  return { sources, cpython: await referenceResults(sources) };
})();
expressionWork.catch(() => {});
bigExpressionWork.catch(() => {});
curatedReference.catch(() => {});
randomWork.catch(() => {});

test('the curated programs cover the lesson and each of its classic mistakes', () => {
  for (const name of [
    'lesson',
    'forgotten_release',
    'double_release_semaphore',
    'double_release_bounded',
    'lock',
    'opposite_order',
    'cancel_waiter',
    'wait_for_queued',
    'gather_exceptions',
    'event_barrier',
  ]) {
    assert.ok(curated.includes(`${name}.py`), `tests/conformance/programs/${name}.py is missing`);
  }
});

for (const [i, file] of curated.entries()) {
  test(`${file}: the CLI prints what python3 prints, and ends as it ends`, async () => {
    const cpython = (await curatedReference)[i];
    const cli = await run(process.execPath, [path.join(root, 'web/cli.mjs'), '--program', path.join(programsDir, file)]);
    const expected = cpython.lines.map(([, text]) => `${text}\n`).join('');
    assert.equal(cli.stdout, expected, `${file}: stdout differs from python3's`);
    if (cpython.deadlock) {
      assert.equal(cli.code, 3, `${file}: a deadlock exits with 3`);
      for (const name of cpython.deadlock) assert.match(cli.stderr, new RegExp(`${name} \\(`), `${file}: stderr names ${name}`);
    } else if (cpython.final) {
      assert.equal(cli.code, 1, `${file}: an uncaught exception exits with 1, as python3`);
      // What the interpreter prints as it exits ("sys:1: RuntimeWarning: coroutine ... was never
      // awaited") comes after the traceback, in python3's stderr too.
      const stderr = cli.stderr.replace(/^sys:1: .*\n/gm, '');
      assert.equal(stderr.trimEnd().split('\n').at(-1), cpython.final, `${file}: the traceback's last line`);
      // The whole chain (__cause__, __context__), the program's frames only (program_reference.py).
      const shape = tracebackShape(stderr);
      assert.ok(shape.endsWith(cpython.traceback), `${file}: the traceback differs:\n${shape}\nCPython's:\n${cpython.traceback}`);
    } else {
      assert.equal(cli.code, 0, `${file}: exit status (stderr: ${cli.stderr})`);
    }
  });

  test(`${file}: every line at CPython's virtual time (JavaScript API)`, async () => {
    const [{ runtime }, reference] = await Promise.all([loadOurs(), curatedReference]);
    const problem = difference(comparable(runtime.simulateProgram(curatedSources[i])), reference[i], file, curatedSources[i]);
    if (problem) assert.fail(problem);
  });
}

test(`random programs 1..${SEEDS}: output, times, exceptions and deadlocks equal CPython's`, async () => {
  const [{ runtime }, { sources, cpython }] = await Promise.all([loadOurs(), randomWork]);
  const failures = [];
  for (let i = 0; i < SEEDS; i++) {
    const seed = i + 1;
    const label = `seed ${seed} (python3 tests/conformance/gen_programs.py --show ${seed})`;
    let ours;
    try {
      ours = comparable(runtime.simulateProgram(sources[i]));
    } catch (error) {
      failures.push(`${label}: ours threw ${error.stack ?? error}`);
      continue;
    }
    const problem = difference(ours, cpython[i], label, sources[i]);
    if (problem) failures.push(problem);
  }
  if (failures.length > 0) assert.fail(`${failures.length} of ${SEEDS} random programs differ; the first:\n${failures[0]}`);
});

test(`the random programs reach the interesting endings (seeds 1..${COVERAGE_SEEDS}, CPython's results)`, async () => {
  const { sources, cpython } = await randomWork;
  const seen = {
    'a deadlock': 0,
    'an uncaught exception': 0,
    'a clean end': 0,
    'a timeout': 0,
    'a wait_for timeout': 0,
    'a cancelled task': 0,
    'an over-released BoundedSemaphore': 0,
    'a caught exception': 0,
    'lines at equal times': 0,
    'a blocking time.sleep': 0,
  };
  for (let i = 0; i < COVERAGE_SEEDS; i++) {
    const r = cpython[i];
    const text = r.lines.map(([, t]) => t).join('\n');
    if (r.deadlock) seen['a deadlock'] += 1;
    else if (r.final) seen['an uncaught exception'] += 1;
    else seen['a clean end'] += 1;
    if (/ timed out at /.test(text)) seen['a timeout'] += 1;
    if (/wait_for timed out/.test(text)) seen['a wait_for timeout'] += 1;
    if (/CancelledError\(''\)/.test(text)) seen['a cancelled task'] += 1;
    if (/released too many times/.test(text)) seen['an over-released BoundedSemaphore'] += 1;
    if (/ caught /.test(text)) seen['a caught exception'] += 1;
    if (/^\s+time\.sleep\(/m.test(sources[i])) seen['a blocking time.sleep'] += 1;
    if (r.lines.some(([t], k) => k > 0 && t !== null && t > 0 && t === r.lines[k - 1][0])) seen['lines at equal times'] += 1;
    assert.ok(sources[i].includes('asyncio.run(main())'), `seed ${i + 1} has no asyncio.run`);
  }
  for (const [what, count] of Object.entries(seen))
    assert.ok(count >= 3, `only ${count} random programs reach ${what}: ${JSON.stringify(seen)}`);
});

test(`random expression programs 1..${EXPRESSION_SEEDS}: values, repr, format specs and error messages equal CPython's`, async () => {
  const [{ runtime }, { sources, cpython }] = await Promise.all([loadOurs(), expressionWork]);
  const failures = [];
  for (let i = 0; i < EXPRESSION_SEEDS; i++) {
    const label = `expression seed ${i + 1} (python3 tests/conformance/gen_expressions.py --show ${i + 1})`;
    const problem = difference(comparable(runtime.simulateProgram(sources[i])), cpython[i], label, sources[i]);
    if (problem) failures.push(problem);
  }
  if (failures.length > 0) assert.fail(`${failures.length} of ${EXPRESSION_SEEDS} expression programs differ; the first:\n${failures[0]}`);
});

test(`random big-int programs 1..${BIG_EXPRESSION_SEEDS}: ints past 64 bits, with floats, print and fail as CPython's`, async () => {
  const [{ runtime }, { sources, cpython }] = await Promise.all([loadOurs(), bigExpressionWork]);
  const failures = [];
  for (let i = 0; i < BIG_EXPRESSION_SEEDS; i++) {
    const label = `big-int seed ${i + 1} (python3 tests/conformance/gen_expressions.py --show-big ${i + 1})`;
    const problem = difference(comparable(runtime.simulateProgram(sources[i])), cpython[i], label, sources[i]);
    if (problem) failures.push(problem);
  }
  if (failures.length > 0) assert.fail(`${failures.length} of ${BIG_EXPRESSION_SEEDS} big-int programs differ; the first:\n${failures[0]}`);
});
