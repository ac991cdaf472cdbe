// The command line: formats, exit codes, and one clear line on stderr for every kind of bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { feedEndlessly } from './endless-input.mjs';

const cli = fileURLToPath(new URL('../../web/cli.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'sp-cli-'));

// A hang is a failure, not a stuck suite: every run gets a generous limit.
function run(args, input) {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr, signal: result.signal };
}

function file(name, text) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const LESSON_TEXT = [
  '0.00s Task 1 started',
  '0.00s Task 2 started',
  '0.00s Task 3 started',
  '2.00s Task 1 finished',
  '2.00s Task 2 finished',
  '2.00s Task 3 finished',
  '2.00s Task 4 started',
  '2.00s Task 5 started',
  '4.00s Task 4 finished',
  '4.00s Task 5 finished',
];

test('text format: exactly what the lesson prints, line by line, each with its virtual time', () => {
  const r = run(['--permits', '3', '--tasks', '5', '--duration', '2', '--instant']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.deepEqual(r.out.trimEnd().split('\n'), LESSON_TEXT);
});

test('--explain adds the commentary as "# " lines after the line it explains', () => {
  const r = run(['--permits', '3', '--tasks', '5', '--duration', '2', '--instant', '--explain']);
  assert.equal(r.code, 0);
  const lines = r.out.trimEnd().split('\n');
  assert.deepEqual(
    lines.filter((l) => !l.includes(' # ')),
    LESSON_TEXT,
  );
  assert.deepEqual(lines.slice(3, 5), [
    '0.00s # Task 4 waits: all 3 permits are taken, so it joins the queue',
    '0.00s # Task 5 waits: all 3 permits are taken, so it joins the queue',
  ]);
  const failed = run(
    ['--scenario', '-', '--instant', '--explain'],
    JSON.stringify({ permits: 1, tasks: [{ duration: 1, fail: true }, { timeout: 0.5 }] }),
  );
  assert.deepEqual(failed.out.trimEnd().split('\n'), [
    '0.00s Task 1 started',
    '0.00s # Task 2 waits: the only permit is taken, so it joins the queue',
    '0.50s Task 2 timed out',
    '0.50s # asyncio.timeout cancelled task 2 before it got a permit',
    '1.00s Task 1 failed',
    '1.00s # task 1 raised inside "async with sem", which still released its permit',
  ]);
  assert.equal(run(['--explain', '--format', 'jsonl']).code, 2);
});

test('equal deadlines finish in the order they were set, as CPython prints them (Permits 10, Tasks 10)', () => {
  const r = run(['--permits', '10', '--tasks', '10', '--duration', '2', '--instant']);
  const finished = r.out
    .trimEnd()
    .split('\n')
    .filter((l) => l.endsWith('finished'));
  assert.deepEqual(
    finished,
    Array.from({ length: 10 }, (_, i) => `2.00s Task ${i + 1} finished`),
  );
});

test('virtual times past 2^24 s still end (the clock reaching a deadline makes it due)', () => {
  const r = run(['--tasks', '17', '--permits', '1', '--duration', '1000000', '--instant']);
  assert.equal(r.signal, null, 'the run hung');
  assert.equal(r.code, 0);
  assert.equal(r.out.trimEnd().split('\n').at(-1), '17000000.00s Task 17 finished');
});

test('jsonl format: t, task, event in that order', () => {
  const r = run(['--instant', '--format', 'jsonl']);
  assert.equal(r.code, 0);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], '{"t":0,"task":1,"event":"started"}');
  assert.equal(lines.at(-1), '{"t":4,"task":5,"event":"finished"}');
  assert.equal(lines.length, 12);
});

test('a deadlock is reported and is not an error', () => {
  const r = run(['--permits', '0', '--tasks', '2', '--instant', '--format', 'jsonl']);
  assert.equal(r.code, 0);
  assert.equal(r.out.trimEnd().split('\n').at(-1), '{"t":0,"task":0,"event":"deadlock","waiting":[1,2]}');
  // Python would print nothing and wait forever: stdout stays empty, stderr says why it stopped.
  const text = run(['--permits', '0', '--tasks', '2', '--instant']);
  assert.equal(text.code, 0);
  assert.equal(text.out, '');
  assert.equal(
    text.err,
    'semaphore-playground: 0.00s Deadlock: tasks 1, 2 wait for a permit nobody will release (Python would wait forever)\n',
  );
});

test('--scenario reads a file or standard input', () => {
  const p = file('s.json', JSON.stringify({ permits: 1, tasks: [{ duration: 1, fail: true }, { timeout: 0.5 }] }));
  const r = run(['--scenario', p, '--instant', '--format', 'jsonl']);
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).event),
    ['started', 'waiting', 'timeout', 'failed'],
  );
  const s = run(['--scenario', '-', '--instant'], JSON.stringify({ tasks: 1, duration: 0 }));
  assert.deepEqual(s.out.trimEnd().split('\n'), ['0.00s Task 1 started', '0.00s Task 1 finished']);
});

test('--bounded runs a BoundedSemaphore', () => {
  const r = run(['--bounded', '--permits', '1', '--tasks', '2', '--duration', '1', '--instant']);
  assert.equal(r.code, 0);
  assert.match(r.out, /1\.00s Task 2 started/);
});

test('--speed runs faster than real time (a 10 s scenario at speed 100)', () => {
  const started = Date.now();
  const r = run(['--permits', '1', '--tasks', '1', '--duration', '10', '--speed', '100']);
  assert.equal(r.code, 0);
  assert.match(r.out, /10\.00s Task 1 finished/);
  assert.ok(Date.now() - started < 9000, 'did not wait the full 10 s');
});

test('--help explains the flags', () => {
  const r = run(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /--permits N/);
  assert.match(r.out, /--format jsonl/);
});

const badInputs = [
  [['--permits', '-1'], /^semaphore-playground: --permits must be an integer from 0 to 1000000 \(got -1\)$/m],
  [['--permits', '1.5'], /permits must be an integer .*\(got 1\.5\)/],
  [['--tasks', '1e7'], /tasks must be an integer .*\(got 10000000\)/],
  [['--duration', 'abc'], /--duration must be a number \(got "abc"\)/],
  [['--duration', 'NaN'], /--duration must be a number \(got "NaN"\)/],
  [['--duration', 'Infinity'], /--duration must be a number of seconds from 0 to 1000000 \(got Infinity\)/],
  // JavaScript's Number() reads these too, so they ran with 16 and 3 permits and a speed of 16.
  [['--permits', '0x10'], /^semaphore-playground: --permits must be a decimal number \(got "0x10"\)$/m],
  [['--tasks', '0b11'], /--tasks must be a decimal number \(got "0b11"\)/],
  [['--duration', '0o7'], /--duration must be a decimal number \(got "0o7"\)/],
  [['--speed', '0x10'], /--speed must be a decimal number \(got "0x10"\)/],
  [['--tasks', ' 3 '], /--tasks must be a decimal number \(got " 3 "\)/],
  [['--duration', '-Infinity'], /duration must be a number of seconds from 0 to 1000000 \(got -Infinity\)/],
  [['--permits', '-x'], /--permits must be a number \(got "-x"\)/],
  [['--permits', '--tasks', '3'], /ambiguous\. Did you forget to specify the option argument for '--permits'\?/],
  [['--speed', '0'], /^semaphore-playground: --speed must be a finite number of virtual seconds per second, at least 0\.001 \(got "0"\)$/m],
  [['--speed', '-2'], /--speed must be .* at least 0\.001 \(got "-2"\)/],
  [['--speed', 'Infinity'], /--speed must be a finite number .* \(got "Infinity"\)/],
  // Accepted, the run never ended: each virtual second took 1e305 s.
  [['--speed', '1e-308'], /--speed must be .* at least 0\.001 \(got "1e-308"\)/],
  [['--format', 'xml'], /--format must be text or jsonl/],
  [['--bogus'], /Unknown option '--bogus'/],
  [['extra'], /positional|Unexpected argument/i],
  [['--instant', '--speed', '2'], /either --speed or --instant/],
  [['--scenario', '/definitely/not/here.json'], /cannot read --scenario .*no such file/],
  [['--scenario', 'FILE:malformed', '--instant'], /is not valid JSON/],
  [['--scenario', 'FILE:unknown', '--instant'], /unknown field "colour"/],
  [['--scenario', 'FILE:wrongtype', '--instant'], /tasks\[0\]\.duration must be a number of seconds .*\(got "2"\)/],
  [['--scenario', 'FILE:ok', '--tasks', '3'], /--tasks cannot be combined with --scenario/],
  // The last one silently won: 5 permits ran, the 3 the user also typed was lost.
  [['--permits', '3', '--permits', '5'], /^semaphore-playground: --permits was given twice \("3", then "5"\): give it once$/m],
  [['--scenario', 'FILE:ok', '--scenario=FILE:ok'], /^semaphore-playground: --scenario was given twice/m],
  [
    ['--program', 'a.py', '--program', 'b.py'],
    /^semaphore-playground: --program was given twice \("a\.py", then "b\.py"\): give it once$/m,
  ],
  [['--instant', '--instant'], /^semaphore-playground: --instant was given twice: give it once$/m],
];
const files = {
  'FILE:malformed': file('bad.json', '{"permits": 3,'),
  'FILE:unknown': file('unknown.json', '{"colour": "red"}'),
  'FILE:wrongtype': file('type.json', '{"tasks": [{"duration": "2"}]}'),
  'FILE:ok': file('ok.json', '{}'),
};
for (const [args, pattern] of badInputs) {
  test(`bad input ${args.join(' ')}: exit 2, one line on stderr, nothing on stdout`, () => {
    const r = run(args.map((a) => files[a] ?? a));
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    assert.match(r.err, pattern);
    assert.match(r.err, /^semaphore-playground: /);
  });
}

// Defect 3 of issue 15: stderr is always one line, user text is quoted with control characters
// escaped (a terminal must not obey them), and a JSON syntax error says where, not what the file holds.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const hostile = {
  newlineKey: file('newline-key.json', JSON.stringify({ 'a\nb': 1 })),
  escapeKey: file('escape-key.json', JSON.stringify({ 'x\u001b[2J\u001b]0;pwned\u0007': 1 })),
  c1Key: file('c1-key.json', JSON.stringify({ tasks: [{ 'k\u009b2J': 1 }] })),
  yaml: file('run.yaml', 'permits: 3\ntasks: 5\nduration: 2\n'),
  syntax: file('syntax.json', '{\n  "permits": 3,\n  "tasks": }\n'),
  truncated: file('truncated.json', '{"permits": 3,'),
};
const oneLineCases = [
  [['--scenario', hostile.newlineKey], /unknown field "a\\nb"/],
  [['--scenario', hostile.escapeKey], /unknown field "x\\u001b\[2J\\u001b\]0;pwned\\u0007"/],
  [['--scenario', hostile.c1Key], /unknown field "tasks\[0\]\.k\\u009b2J"/],
  [['--scenario', hostile.yaml], /is not valid JSON: line 1, column 1\b/],
  [['--scenario', hostile.syntax], /is not valid JSON: line 3, column 12\b/],
  [['--scenario', hostile.truncated], /is not valid JSON: line 1, column 15\b.*end of the input/],
  [['--scenario', '/no/such\n\u001b[2Jfile'], /cannot read --scenario "\/no\/such\\n\\u001b\[2Jfile": no such file/],
  [['--duration', '\u001b[2J\n'], /--duration must be a number \(got "\\u001b\[2J\\n"\)/],
  [['--format', 'x\ny'], /--format must be text or jsonl \(got "x\\ny"\)/],
  [['--bog\u001bus'], /Unknown option '--bog\\u001bus'/],
];
for (const [args, pattern] of oneLineCases) {
  test(`hostile input ${JSON.stringify(args)}: one escaped line on stderr, no file content`, () => {
    const r = run([...args, '--instant']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(r.err.split('\n').length, 2, `exactly one line: ${JSON.stringify(r.err)}`);
    assert.doesNotMatch(r.err.trimEnd(), CONTROL);
    assert.doesNotMatch(r.err, /permits: 3|"tasks": \}/, 'the file content is not echoed');
    assert.match(r.err, pattern);
  });
}

// Defect 4 of issue 15: --scenario input has a documented size limit, for files and standard input.
test('--scenario /dev/zero stops at the size limit: exit 2, one line, memory bounded', () => {
  const r = spawnSync(process.execPath, [cli, '--scenario', '/dev/zero', '--instant'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^semaphore-playground: --scenario "\/dev\/zero" is larger than 128 MiB \(the limit\)\n$/);
});

test('--scenario - stops reading an endless standard input at the size limit', async () => {
  const { code, err } = await feedEndlessly(process.execPath, [cli, '--scenario', '-', '--instant'], Buffer.alloc(1 << 20, 'y\n'));
  assert.equal(code, 2);
  assert.match(err, /^semaphore-playground: --scenario "-" is larger than 128 MiB \(the limit\)\n$/);
});

test('a scenario file that starts with a byte order mark (as Windows editors save UTF-8) is read as JSON', () => {
  // It was "is not valid JSON: line 1, column 1: unexpected character", of a character no one can see.
  const r = run(['--scenario', file('bom.json', '\ufeff{"permits": 1, "tasks": 1}'), '--instant']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  assert.equal(r.out, '0.00s Task 1 started\n2.00s Task 1 finished\n');
});

test('a reader that stops early (| head) ends the command quietly with status 0', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [cli, '--permits', '100', '--tasks', '1000000', '--duration', '0', '--instant']);
  let err = '';
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const firstChunk = await new Promise((resolve) => child.stdout.once('data', resolve));
  assert.match(String(firstChunk), /^0\.00s Task 1 started\n/);
  child.stdout.destroy(); // what `head` does once it has its lines
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  assert.equal(err, '');
});

test('a full pipe pauses the run until it drains: the output never piles up in memory, and every line arrives', async () => {
  const { EventEmitter } = await import('node:events');
  const { main } = await import('../../web/cli.mjs');
  // A reader that is always full: every write() says "wait for 'drain'", and the test drains by hand.
  const stdout = new EventEmitter();
  const chunks = [];
  stdout.write = (chunk) => {
    chunks.push(String(chunk));
    return false;
  };
  const tasks = 20000;
  let finished = false;
  const status = main(['--permits', '1', '--tasks', String(tasks), '--duration', '0', '--instant', '--format', 'jsonl'], {
    stdout,
    stderr: process.stderr,
  }).finally(() => {
    finished = true;
  });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  while (chunks.length === 0) await pause();
  let drains = 0;
  while (!finished) {
    const written = chunks.length;
    await pause();
    if (finished) break;
    assert.equal(chunks.length, written, 'nothing more is written while the reader is full');
    drains += 1;
    stdout.emit('drain');
    while (chunks.length === written && !finished) await pause();
  }
  assert.equal(await status, 0);
  assert.ok(drains >= 2, `${drains} drains`);
  const lines = chunks.join('').trimEnd().split('\n');
  assert.equal(lines.length, tasks * 2 + (tasks - 1));
  assert.deepEqual(JSON.parse(lines.at(-1)), { t: 0, task: tasks, event: 'finished' });
});
