// Wrong options to the runtime's methods throw at once, a TypeError or RangeError naming the option
// and what is allowed: never a run started with values the caller did not mean (a typo ignored,
// `instant: 'no'` taken as true), a thread held for ever (budgetMs NaN), or an exception thrown later
// inside a timer, where no caller can catch it (a listener that is not a function).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { runtimesToCompare } from './node-worker.mjs';

let local;
let remote;
before(async () => ({ local, remote } = await runtimesToCompare()));
after(() => remote.terminate());

const SOURCE = 'print(1)\n';

// [what, call(runtime), error class, message]
const WRONG = [
  ['null options', (rt) => rt.createRun({}, null), TypeError, /^createRun\(scenario, options\): options must be an object \(got null\)$/],
  ['a number as options', (rt) => rt.createRun({}, 5), TypeError, /options must be an object \(got 5\)/],
  ['a typo', (rt) => rt.createRun({}, { sped: 2 }), TypeError, /unknown option "sped" \(allowed: speed, instant, budgetMs/],
  ['instant as text', (rt) => rt.createRun({}, { instant: 'no' }), TypeError, /^instant must be true or false \(got "no"\)$/],
  ['speed as text', (rt) => rt.createRun({}, { speed: '2' }), RangeError, /^speed must be .* \(got "2"\)$/],
  // Accepted, it ran for ever: each virtual second took 1e305 s of host time (Infinity ms).
  [
    'a speed below 0.001',
    (rt) => rt.createRun({}, { speed: 1e-308 }),
    RangeError,
    /^speed must be a number of virtual seconds per real second, at least 0\.001, or Infinity \(got 1e-308\)$/,
  ],
  [
    'a program at a speed below 0.001',
    (rt) => rt.runProgram(SOURCE, { speed: 0.0009 }),
    RangeError,
    /at least 0\.001, or Infinity \(got 0\.0009\)$/,
  ],
  ['budgetMs NaN', (rt) => rt.createRun({}, { budgetMs: NaN }), RangeError, /^budgetMs must be a number of milliseconds .*\(got NaN\)$/],
  ['budgetMs negative', (rt) => rt.runProgram(SOURCE, { budgetMs: -1 }), RangeError, /budgetMs .*\(got -1\)/],
  ['runProgram null options', (rt) => rt.runProgram(SOURCE, null), TypeError, /^runProgram\(source, options\): options must be an object/],
  ['runProgram typo', (rt) => rt.runProgram(SOURCE, { maxstep: 5 }), TypeError, /unknown option "maxstep" \(allowed: .*maxSteps, maxMs\)/],
  // What the caller gave, as every other message shows it: a bigint 10n said "(got 10)", text unquoted.
  ['maxSteps a bigint', (rt) => rt.runProgram(SOURCE, { maxSteps: 10n }), RangeError, /^maxSteps must be .* \(got a bigint\)$/],
  ['maxMs as text', (rt) => rt.runProgram(SOURCE, { maxMs: '5' }), RangeError, /^maxMs must be .* \(got "5"\)$/],
  [
    'a source that is not text',
    (rt) => rt.runProgram(null),
    TypeError,
    /^runProgram\(source\): source must be a string of Python source \(got null\)$/,
  ],
];

for (const [what, call, type, message] of WRONG) {
  test(`${what}: ${type.name} at once, from a local runtime and a worker's`, () => {
    for (const runtime of [local, remote])
      assert.throws(
        () => call(runtime),
        (e) => e instanceof type && message.test(e.message),
      );
  });
}

test('simulateProgram refuses options it does not have (a pace means nothing to it)', () => {
  assert.throws(
    () => local.simulateProgram(SOURCE, 5),
    /^TypeError: simulateProgram\(source, options\): options must be an object \(got 5\)$/,
  );
  assert.throws(() => local.simulateProgram(SOURCE, { instant: true }), /unknown option "instant" \(allowed: maxSteps, maxMs\)/);
  // An option set to undefined is one not given, as a default parameter treats it.
  assert.equal(local.simulateProgram(SOURCE, { maxSteps: undefined }).output, '1\n');
});

test('a listener that is not a function is refused by on(), not thrown later inside a timer', () => {
  for (const runtime of [local, remote]) {
    const run = runtime.createRun({ tasks: 1 }, { instant: true });
    assert.throws(() => run.on('events', 5), /^TypeError: on\('events', listener\): listener must be a function$/);
    assert.throws(
      () => run.on(Symbol('x'), () => {}),
      /^TypeError: unknown run event "Symbol\(x\)" \(allowed: events, batch, state, error\)$/,
    );
    run.dispose();
  }
});

test('the right options still run', async () => {
  const run = local.createRun({ tasks: 2 }, { instant: true, budgetMs: Infinity, speed: undefined });
  run.start();
  assert.equal((await run.done).tasks, 2);
});

test('timers that are not timers are refused by createRun and runProgram, not found broken when the run starts', () => {
  // { timers: null } made a run that went to state 'error' with "Cannot read properties of null (reading 'now')".
  for (const timers of [null, 5, {}, { setTimeout() {}, clearTimeout() {} }]) {
    for (const make of [() => local.createRun({ tasks: 1 }, { timers }), () => local.runProgram(SOURCE, { timers })]) {
      assert.throws(
        make,
        (e) =>
          e instanceof TypeError &&
          /^timers must be an object with the functions setTimeout, clearTimeout and now \(got .+\)$/.test(e.message),
      );
    }
  }
});

test('start() takes { now: true or false }, on both runtimes', () => {
  for (const runtime of [local, remote]) {
    const run = runtime.createRun({ tasks: 1 }, { instant: true });
    assert.throws(() => run.start({ now: 'yes' }), /^TypeError: start\(options\): now must be true or false \(got "yes"\)$/);
    assert.throws(() => run.start(5), /^TypeError: start\(options\): options must be an object \(got 5\)$/);
    assert.equal(run.state, 'idle');
    run.dispose();
  }
});

test('simulateProgram of something that is not text: the same TypeError from both runtimes', async () => {
  assert.throws(
    () => local.simulateProgram(42),
    /^TypeError: simulateProgram\(source\): source must be a string of Python source \(got 42\)$/,
  );
  await assert.rejects(
    remote.simulateProgram(42),
    /^TypeError: simulateProgram\(source\): source must be a string of Python source \(got 42\)$/,
  );
});

test("a worker runtime checks what it sends before it crosses to the worker: the local runtime's errors, not DataCloneError", async () => {
  // A function cannot be copied to a worker: postMessage threw "DataCloneError: () => 1 could not be cloned".
  const fn = () => 1;
  await assert.rejects(remote.simulateProgram(SOURCE, { maxSteps: fn }), /^RangeError: maxSteps must be .* \(got a function\)$/);
  assert.throws(() => local.simulateProgram(SOURCE, { maxSteps: fn }), /^RangeError: maxSteps must be .* \(got a function\)$/);
  await assert.rejects(
    remote.simulateProgram(SOURCE, { speed: 2 }),
    /^TypeError: simulateProgram\(source, options\): unknown option "speed"/,
  );
  await assert.rejects(
    remote.compare({ tasks: 2 }, [fn]),
    /^ScenarioError: permitCounts\[0\] must be an integer from 0 to 1000000, or null/,
  );
  await assert.rejects(remote.compare(SOURCE, fn), /^ScenarioError: permitCounts must be a list/);
  await assert.rejects(
    remote.programQuestion('peak', fn),
    /^TypeError: programQuestion\(id, source\): source must be a string of Python source \(got a function\)$/,
  );
  assert.equal((await remote.simulateProgram(SOURCE)).output, '1\n'); // and it still works
});
