// python/tools/run_program.cpp, the native developer runner (`run_program [--json | --trace] FILE.py|-`):
// bad input as the CLI's --program meets it (web/cli.mjs), in the same words where they fit.
//
//   cmake --build --preset native && node --test tests/js/native-runner.test.mjs
//   (SP_RUN_PROGRAM=path/to/run_program for a build elsewhere)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { feedEndlessly } from './endless-input.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runner = process.env.SP_RUN_PROGRAM ?? path.join(root, 'build/native/run_program');
const dir = mkdtempSync(path.join(tmpdir(), 'sp-runner-'));

function run(args, input) {
  assert.ok(existsSync(runner), `${runner} is missing: build it natively first (cmake --build --preset native)`);
  const result = spawnSync(runner, args, { input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function file(name, text) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const HELLO = 'print("hi")\n';

test('a program runs as python3 runs it (the runner works at all)', () => {
  const r = run([file('hello.py', HELLO)]);
  assert.deepEqual(r, { code: 0, out: 'hi\n', err: '' });
  assert.equal(run(['-'], HELLO).out, 'hi\n');
  assert.match(run(['--json', file('hello2.py', HELLO)]).out, /"output": "hi\\n"/);
});

test('an endless or too long input stops at the size limit: exit 2, one line (it read /dev/zero for ever)', async () => {
  const zero = run(['/dev/zero']);
  assert.deepEqual(zero, { code: 2, out: '', err: 'run_program: "/dev/zero" is larger than 2 MB (the limit)\n' });
  const long = run([file('long.py', `${'#'.repeat(2 * 1024 * 1024)}\n`)]);
  assert.equal(long.code, 2);
  assert.match(long.err, /^run_program: ".*long\.py" is larger than 2 MB \(the limit\)\n$/);
  // Counted as the interpreter counts: \r\n is one byte. 2,446,671 bytes on disk, 2,097,147 read.
  const crlf = run([file('crlf.py', `${'x = 1\r\n'.repeat(Math.floor((2 * 1024 * 1024 - 9) / 6))}print(2)\r\n`)]);
  assert.deepEqual(crlf, { code: 0, out: '2\n', err: '' });
  // Standard input that never ends.
  assert.ok(existsSync(runner), `${runner} is missing`);
  const endless = await feedEndlessly(runner, ['-'], Buffer.alloc(1 << 16, 'x = 1\n'));
  assert.deepEqual(endless, { code: 2, err: 'run_program: "-" is larger than 2 MB (the limit)\n' });
});

test('a folder or a missing file is an error naming it, exit 2 (a folder ran as an empty program)', () => {
  assert.deepEqual(run([dir]), { code: 2, out: '', err: `run_program: cannot read ${JSON.stringify(dir)}: it is a folder\n` });
  const missing = path.join(dir, 'nope.py');
  assert.deepEqual(run([missing]), { code: 2, out: '', err: `run_program: cannot read ${JSON.stringify(missing)}: no such file\n` });
});

test('an unknown option or a second file is a usage error, exit 2 (it was ignored, or the last file ran)', () => {
  const hello = file('hello3.py', HELLO);
  assert.deepEqual(run(['--jsn', hello]), {
    code: 2,
    out: '',
    err: 'run_program: unknown option "--jsn" (usage: run_program [--json | --trace] FILE.py|-)\n',
  });
  assert.deepEqual(run([hello, hello]), {
    code: 2,
    out: '',
    err: `run_program: give one program (got ${JSON.stringify(hello)}, then ${JSON.stringify(hello)})\n`,
  });
  assert.deepEqual(run([]), { code: 2, out: '', err: 'usage: run_program [--json | --trace] FILE.py|-\n' });
});

test('an output that cannot be written (a full disk) is one line on stderr and exit status 1, in every format', () => {
  const hello = file('hello4.py', HELLO);
  for (const args of [[hello], ['--json', hello], ['--trace', hello]]) {
    const full = spawnSync('/bin/sh', ['-c', '"$0" "$@" > /dev/full', runner, ...args], { encoding: 'utf8' });
    assert.equal(full.status, 1, args.join(' '));
    assert.equal(full.stderr, 'run_program: cannot write the output: No space left on device\n');
  }
});

test('an uncaught KeyboardInterrupt ends the runner by SIGINT after its traceback, as python3 and the CLI (a shell says 130)', () => {
  assert.ok(existsSync(runner), `${runner} is missing`);
  const source = 'import asyncio\nasync def main():\n    print("hi")\n    raise KeyboardInterrupt\nasyncio.run(main())\n';
  const result = spawnSync(runner, [file('interrupted.py', source)], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.signal, 'SIGINT');
  assert.equal(result.stdout, 'hi\n');
  assert.equal(result.stderr.trimEnd().split('\n').at(-1), 'KeyboardInterrupt');
  // SystemExit(130) is an exit status like any other: no signal.
  const exit = spawnSync(runner, [file('exit130.py', 'raise SystemExit(130)\n')], { encoding: 'utf8', timeout: 60_000 });
  assert.deepEqual([exit.status, exit.signal], [130, null]);
});
