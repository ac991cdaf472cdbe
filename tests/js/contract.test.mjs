// web/contract.mjs: the shared wording, quoting and JSON error places.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { jsonSyntaxError, oneLine, problemMessage, quote, show } from '../../web/contract.mjs';

test('quote() and oneLine() leave no character a terminal would obey', () => {
  assert.equal(quote('a\nb'), '"a\\nb"');
  assert.equal(quote('\u001b[2J\u0007'), '"\\u001b[2J\\u0007"');
  assert.equal(quote('\u009b\u2028\u202e'), '"\\u009b\\u2028\\u202e"');
  assert.equal(oneLine('x\r\ny\u0085'), 'x\\u000d\\u000ay\\u0085');
  assert.equal(quote('plain "text"'), '"plain \\"text\\""');
});

test('show() names every kind of value in the user\'s terms (no "a object")', () => {
  assert.equal(show({}), 'an object');
  assert.equal(show([]), 'a list');
  assert.equal(show(undefined), 'nothing');
  assert.equal(
    show(() => {}),
    'a function',
  );
  assert.equal(show(10n), 'a bigint');
  assert.equal(show('2'), '"2"');
  assert.equal(problemMessage('object', 'tasks[0]', 7), 'tasks[0] must be an object (got 7)');
});

test('a long value or field name is shown by its start, so a message stays one short line', () => {
  const huge = 'x'.repeat(10_000_000);
  assert.equal(show(huge), `"${'x'.repeat(40)}…" (10,000,000 characters)`);
  assert.equal(show('y'.repeat(40)), `"${'y'.repeat(40)}"`); // up to 40 characters, whole
  assert.equal(show(`${'z'.repeat(39)}\u{1F600}tail`), `"${'z'.repeat(39)}…" (45 characters)`); // no half emoji
  const unknown = problemMessage('unknown-field', huge, ['permits', 'tasks']);
  assert.ok(unknown.length < 200, unknown.slice(0, 200));
  assert.match(unknown, /^unknown field "x{40}…" \(10,000,000 characters\) \(allowed: permits, tasks\)$/);
  assert.match(
    problemMessage('count', 'permits', huge),
    /^permits must be an integer from 0 to \d+ \(got "x{40}…" \(10,000,000 characters\)\)$/,
  );
});

test('jsonSyntaxError: line and column of the first bad character, and never the text itself', () => {
  assert.equal(jsonSyntaxError('{\n  "permits": 3,\n  "tasks": }\n'), 'line 3, column 12: unexpected character');
  assert.equal(jsonSyntaxError('permits: 3\ntasks: 5'), 'line 1, column 1: unexpected character');
  assert.equal(jsonSyntaxError('{"permits": 3,'), 'line 1, column 15: unexpected end of the input');
  assert.equal(jsonSyntaxError('[1,]'), 'line 1, column 4: unexpected character');
  assert.equal(jsonSyntaxError('{"a" 1}'), 'line 1, column 6: expected ":" after a field name');
  assert.equal(jsonSyntaxError('{"a":1} x'), 'line 1, column 9: unexpected text after the JSON value');
  assert.equal(jsonSyntaxError('"\u0001"'), 'line 1, column 2: control character inside a string (write it as an escape)');
});

test('jsonSyntaxError agrees with JSON.parse on where 2,000 broken documents break', () => {
  const valid = JSON.stringify(
    { permits: 3, bounded: false, duration: 1.5e2, tasks: [{ timeout: null, fail: true }, {}, { start: -0.25 }], s: 'a\\"b\u00e9' },
    null,
    1,
  );
  let random = 20261129;
  const next = (n) => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random % n;
  };
  const alphabet = '{}[]:,"\\ \n01-.eEtfnlrux';
  let compared = 0;
  for (let k = 0; k < 2000; k++) {
    const at = next(valid.length);
    const text = valid.slice(0, at) + alphabet[next(alphabet.length)] + valid.slice(at + next(3));
    let message;
    try {
      JSON.parse(text);
      continue;
    } catch (error) {
      message = error.message;
    }
    const ours = jsonSyntaxError(text);
    assert.doesNotMatch(ours, /not valid JSON/, `the grammar walk accepted what JSON.parse rejected: ${JSON.stringify(text)}`);
    const position = /at position (\d+)/.exec(message);
    if (!position) continue; // V8 quotes the text instead of giving a position
    // A broken literal ("nul", "n" then a string): V8 places the error after the letters, we at the first.
    if (
      /\b(t|tr|tru|f|fa|fal|fals|n|nu|nul)\W*$/.test(text.slice(0, Number(/at position (\d+)/.exec(message)[1]))) &&
      /^Unexpected (string|number|token)/.test(message)
    )
      continue;
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    assert.match(ours, new RegExp(`^line ${line}, column ${column}:`), `${JSON.stringify(text)}: V8 says ${message}`);
    compared += 1;
  }
  assert.ok(compared > 300, `${compared} documents compared`);
});

test('the C++ core and web/contract.mjs agree: limits, problem codes, event record layouts, kind names (scenarios and programs)', async () => {
  const { loadRuntime } = await import('../../web/semaphore-playground.mjs');
  const { LIMITS, PROBLEMS, EVENT_RECORD, PROGRAM_EVENT_RECORD, PROGRAM_EVENT_KINDS, PROGRAM_TAKE_FIELDS } =
    await import('../../web/contract.mjs');
  const { EVENT_KINDS } = await import('../../web/format.mjs');
  const core = (await loadRuntime()).contract();
  assert.deepEqual({ maxCount: core.maxCount, maxSeconds: core.maxSeconds }, { ...LIMITS });
  assert.deepEqual({ ...core.problems }, { ...PROBLEMS });
  assert.deepEqual({ ...core.eventRecord }, { ...EVENT_RECORD });
  assert.deepEqual([...core.eventKinds], [...EVENT_KINDS]);
  assert.deepEqual({ ...core.programEventRecord }, { ...PROGRAM_EVENT_RECORD });
  assert.deepEqual([...core.programEventKinds], [...PROGRAM_EVENT_KINDS]);
  assert.deepEqual([...core.programTakeFields], [...PROGRAM_TAKE_FIELDS]);
});

test('a scenario only the C++ core sees is rejected in the same words (the core says what and where)', async () => {
  const { ScenarioError } = await import('../../web/semaphore-playground.mjs');
  const { Simulation } = await import('../../web/simulation.mjs');
  const { normalizeScenario } = await import('../../web/scenario.mjs');
  // Reach past normalizeScenario(), as a caller of the Simulation wrapper could.
  const module = await (
    await import('../../web/generated/semaphore_runtime.mjs')
  ).default({
    wasmBinary: (await import('node:fs')).readFileSync(new URL('../../web/generated/semaphore_runtime.wasm', import.meta.url)),
  });
  const cases = [
    [{ permits: -1, bounded: false, duration: 1, tasks: 3 }, { permits: -1 }],
    [{ permits: 1, bounded: false, duration: 1, tasks: 2.5 }, { tasks: 2.5 }],
    [{ permits: 1, bounded: false, duration: NaN, tasks: 3 }, { duration: NaN }],
    [
      { permits: 1, bounded: false, duration: 1, tasks: [{ duration: 1, start: 0, fail: false, timeout: 2e6 }] },
      { tasks: [{ timeout: 2e6 }] },
    ],
  ];
  for (const [raw, input] of cases) {
    const js = (() => {
      try {
        normalizeScenario(input);
      } catch (error) {
        return error;
      }
    })();
    assert.ok(js instanceof ScenarioError);
    assert.throws(
      () => new Simulation(module, raw),
      (error) => error instanceof ScenarioError && error.field === js.field && error.message === js.message,
    );
  }
});

test("the program size limit and its words are the interpreter's (python/interp.hpp Limits::source), however the text counts", async () => {
  const { MAX_PROGRAM_BYTES, programTooLong } = await import('../../web/contract.mjs');
  const { simulateProgram } = await import('../../web/program.mjs');
  const module = await (
    await import('../../web/generated/semaphore_runtime.mjs')
  ).default({
    wasmBinary: (await import('node:fs')).readFileSync(new URL('../../web/generated/semaphore_runtime.wasm', import.meta.url)),
  });
  // The interpreter itself, past every JavaScript check.
  const cpp = (source) => JSON.parse(module.runProgramJson(source.toWellFormed()));
  const half = MAX_PROGRAM_BYTES / 2;
  // Each at the limit as the interpreter counts it (UTF-8 bytes, without a byte order mark, \r\n as one)...
  const within = [
    '#'.repeat(MAX_PROGRAM_BYTES),
    `\ufeff${'#'.repeat(MAX_PROGRAM_BYTES)}`,
    `#${'\r\n'.repeat(MAX_PROGRAM_BYTES - 1)}`,
    `#${'\u00e9'.repeat(half - 1)}\n`,
    `#${'\u20ac'.repeat((MAX_PROGRAM_BYTES - 2) / 3)}\n`,
    `#${'\ud83d\ude00'.repeat(MAX_PROGRAM_BYTES / 4 - 1)}\r\n\n\r`,
  ];
  // ... and one byte over it; a lone surrogate counts as the U+FFFD it becomes.
  const over = [...within.map((s) => `${s} `), `#${'\ud800'.repeat(Math.ceil(MAX_PROGRAM_BYTES / 3))}`];
  for (const source of within) {
    assert.equal(cpp(source).exit, 0, 'the interpreter reads it');
    const ours = simulateProgram(module, source);
    assert.equal(ours.error, null, 'and so does the JavaScript API');
  }
  const refusingModule = new Proxy(module, {
    get(target, name) {
      if (name === 'ProgramRun') throw new Error('the source reached the module');
      return target[name];
    },
  });
  for (const source of over) {
    const theirs = cpp(source);
    assert.equal(theirs.exit, 2);
    const ours = simulateProgram(refusingModule, source); // refused in JavaScript, in the same words
    assert.equal(ours.error, theirs.error);
    assert.equal(
      `${programTooLong(
        Buffer.byteLength(
          source
            .toWellFormed()
            .replace(/^\ufeff/, '')
            .replaceAll('\r\n', '\n'),
        ),
      )}\n`,
      theirs.error,
    );
    assert.deepEqual([ours.exitStatus, ours.errorAt, ours.ran, ours.finalLine], [theirs.exit, theirs.errorAt, theirs.ran, theirs.final]);
  }
});
