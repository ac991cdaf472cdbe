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
  ['budgetMs NaN', (rt) => rt.createRun({}, { budgetMs: NaN }), RangeError, /^budgetMs must be a number of milliseconds .*\(got NaN\)$/],
  ['budgetMs negative', (rt) => rt.runProgram(SOURCE, { budgetMs: -1 }), RangeError, /budgetMs .*\(got -1\)/],
  ['runProgram null options', (rt) => rt.runProgram(SOURCE, null), TypeError, /^runProgram\(source, options\): options must be an object/],
  ['runProgram typo', (rt) => rt.runProgram(SOURCE, { maxstep: 5 }), TypeError, /unknown option "maxstep" \(allowed: .*maxSteps, maxMs\)/],
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
