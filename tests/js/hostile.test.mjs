// Hostile programs through the JavaScript API: whatever the source, simulateProgram returns a
// result (CPython's error where it has one) and never throws what Wasm throws when it breaks (a
// RangeError for an exhausted stack, "memory access out of bounds"), after which the page's
// runtime would be dead. The same runtime then runs the next program as if nothing happened.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { FakeTimers } from './fake-timers.mjs';

let runtime;
before(async () => {
  runtime = await loadRuntime();
});

const COMPILE_RECURSION = 'RecursionError: maximum recursion depth exceeded during compilation';

// [what, source, CPython's last line (python3 3.11 on each program)]
const HOSTILE = [
  ['a sum of 200,000 terms', `x = ${Array(200000).fill('1').join('+')}\n`, COMPILE_RECURSION],
  ['an attribute chain of 100,000', `x = y${'.a'.repeat(100000)}\n`, COMPILE_RECURSION],
  ['a subscript chain of 100,000', `x = y${'[0]'.repeat(100000)}\n`, COMPILE_RECURSION],
  ['a call chain of 100,000', `x = f${'()'.repeat(100000)}\n`, COMPILE_RECURSION],
  ['an elif chain of 10,000', `x = 1\nif x == 0:\n    pass\n${'elif x == 2:\n    pass\n'.repeat(10000)}`, 'MemoryError'],
  ['100,000 nots', `x = ${'not '.repeat(100000)}1\n`, 'MemoryError'],
  ['100,000 minus signs', `x = ${'-'.repeat(100000)}1\n`, 'MemoryError'],
  ['a power tower of 10,000', `x = ${Array(10000).fill('2').join('**')}\n`, 'MemoryError'],
  ['10,000 nested parentheses', `x = ${'('.repeat(10000)}1${')'.repeat(10000)}\n`, 'SyntaxError: too many nested parentheses'],
  ['10,000 nested calls', `x = ${'f('.repeat(10000)}1${')'.repeat(10000)}\n`, 'SyntaxError: too many nested parentheses'],
  ['an f-string of 5,000 minus signs', `x = f'{${'-'.repeat(5000)}1}'\n`, COMPILE_RECURSION],
];

for (const [what, source, finalLine] of HOSTILE) {
  test(`${what}: CPython's error, and the runtime runs the next program`, () => {
    const result = runtime.simulateProgram(source);
    assert.equal(result.finalLine, finalLine);
    assert.equal(result.exitStatus, 1);
    assert.equal(runtime.simulateProgram('print(6 * 7)\n').output, '42\n');
  });
}

test('lambdas nested deeper than the stack holds are refused in one line, not a thrown "Maximum call stack size exceeded"', () => {
  // python3 compiles 2,983 nested lambdas; the Wasm stack held about 1,000 (fewer once the runtime
  // had run other programs), and the overflow could leave the runtime broken for the programs after it.
  for (const source of [
    `f = ${'lambda: '.repeat(2983)}1\n`,
    `f = ${'lambda: '.repeat(600)}1\n`,
    `f = ${'lambda: '.repeat(400)}${Array(1000).fill('1').join('+')}\n`,
  ]) {
    const result = runtime.simulateProgram(source);
    assert.equal(result.exitStatus, 2);
    assert.equal(result.error, 'the playground does not support lambdas nested this deep (line 1)\n');
    assert.equal(runtime.simulateProgram('print(6 * 7)\n').output, '42\n');
  }
});

test('a program past 2 MB of text is refused before it is read, in one line (an 18 MB one filled the Wasm memory)', () => {
  const long = 'x = 1\n'.repeat(400_000); // 2,400,000 bytes
  const result = runtime.simulateProgram(long);
  assert.equal(result.exitStatus, 2); // refused, as the CLI refuses such a file: not a program's exit
  assert.equal(result.error, 'the playground reads programs of up to 2 MB; this one has 2,400,000 bytes\n');
  assert.equal(result.output, '');
  assert.equal(runtime.simulateProgram('print(6 * 7)\n').output, '42\n');
});

test('a source whose length alone proves it too long is refused before it is encoded or reaches Wasm, in the same words', async () => {
  // A 200 MB string took 38 s and gigabytes to be refused: it was made well-formed, split into lines,
  // encoded to UTF-8 and copied into Wasm before the interpreter looked at its size.
  const { simulateProgram } = await import('../../web/program.mjs');
  const { MAX_PROGRAM_BYTES } = await import('../../web/contract.mjs');
  const untouchable = new Proxy(
    {},
    {
      get(_, name) {
        throw new Error(`the source reached the module (${String(name)})`);
      },
    },
  );
  const long = '#'.repeat(5 * MAX_PROGRAM_BYTES) + '\n';
  const result = simulateProgram(untouchable, long);
  assert.equal(result.exitStatus, 2);
  assert.equal(result.error, 'the playground reads programs of up to 2 MB; this one has 10,485,761 bytes\n');
  assert.equal(result.finalLine, null);
  assert.equal(result.ran, false);
  assert.deepEqual(result.events, [{ t: null, event: 'stopped', text: result.error.trimEnd(), ran: false }]);
  assert.equal(result.output, '');
  // A paced run is refused the same way, and ends.
  const run = runtime.runProgram(long, { instant: true });
  const events = [];
  run.on('events', (batch) => events.push(...batch));
  run.start();
  const summary = await run.done;
  assert.equal(summary.exitStatus, 2);
  assert.equal(summary.error, result.error);
  assert.deepEqual(events, result.events);
});

test('nesting just inside the limits runs, in the Wasm stack', () => {
  const cases = [
    [`x = ${Array(2999).fill('1').join('+')}\nprint(x)\n`, '2999\n'],
    [`print(${'not '.repeat(2995)}1)\n`, 'False\n'],
    [
      `x = 5\nif x == 0:\n    pass\n${Array.from({ length: 2995 }, (_, i) => `elif x == ${i + 1}:\n    print(${i + 1})\n`).join('')}`,
      '5\n',
    ],
    [`x = ${'['.repeat(200)}${']'.repeat(200)}\nprint(len(x))\n`, '1\n'],
    [`def f(v):\n    return v\nprint(${'f('.repeat(199)}7${')'.repeat(199)})\n`, '7\n'],
    // Each lambda a function the compiler recurses into (five levels, as the playground counts): the
    // most it takes, in lambdas and in lambdas around expressions, still fits the stack.
    [`f = ${'lambda: '.repeat(599)}1\nprint(1)\n`, '1\n'],
    ...[598, 400, 100].map((n) => [
      `f = ${'lambda: '.repeat(n)}${Array(2994 - 5 * n)
        .fill('1')
        .join('+')}\nprint(1)\n`,
      '1\n',
    ]),
    ...[400, 100].map((n) => [`f = ${'lambda: '.repeat(n)}${'-'.repeat(2993 - 5 * n)}1\nprint(1)\n`, '1\n']),
  ];
  for (const [source, output] of cases) {
    const result = runtime.simulateProgram(source);
    assert.equal(result.error, null, source.slice(0, 80));
    assert.equal(result.output, output);
  }
});

const SLEEP_FOREVER = 'import asyncio\nasync def main():\n    print("zzz")\n    await asyncio.sleep(float("inf"))\nasyncio.run(main())\n';

test('a sleep of infinity ends as a deadlock naming the sleeper (CPython would wait forever), on both APIs', async () => {
  const result = runtime.simulateProgram(SLEEP_FOREVER);
  assert.equal(result.exitStatus, 3);
  assert.deepEqual(
    result.deadlock.tasks.map((t) => [t.name, t.awaiting]),
    [['Task-1', 'asyncio.sleep(inf)']],
  );
  assert.equal(result.output, 'zzz\n');
  const timers = new FakeTimers();
  const run = runtime.runProgram(SLEEP_FOREVER, { timers });
  run.start();
  timers.runAll();
  const summary = await run.done;
  assert.equal(summary.deadlocked, true);
  assert.deepEqual(summary.waiting, ['Task-1']);
  assert.ok(timers.requestedDelays.every(Number.isFinite), `host timers asked: ${timers.requestedDelays}`);
});

test('a lone surrogate in the source (only a JavaScript string can hold one) is U+FFFD, and eats nothing after it', () => {
  // Embind's UTF-8 encoder joined it with the next character: the closing quote vanished and the
  // program became an "unterminated string literal" it never was.
  assert.equal(runtime.simulateProgram('print("a\uD800")\nprint("b\uDFFF!")\n').output, 'a\uFFFD\nb\uFFFD!\n');
  const outside = runtime.simulateProgram('x = 1 \uDC00\n');
  assert.equal(outside.finalLine, "SyntaxError: invalid character '\uFFFD' (U+FFFD)");
});
