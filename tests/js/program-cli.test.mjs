// `semaphore-playground --program FILE.py`: python3's output and exit status, instantly.
// (Whether the output equals CPython's, line by line and time by time, is tests/conformance's job;
// these pin the command line's contract: streams, formats, exit statuses, bad input.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { feedEndlessly } from './endless-input.mjs';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { programText, pythonProgram } from '../../web/lesson-program.mjs';

const cli = fileURLToPath(new URL('../../web/cli.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'sp-program-'));

function run(args, input) {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function file(name, text) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

// The page's lesson program as the page shows it: 2 permits, 3 tasks, 2 s each.
const LESSON = programText(pythonProgram({ permits: 2, tasks: 3, duration: 2, bounded: false }));

const DEADLOCK = `import asyncio
a = asyncio.Lock()
b = asyncio.Lock()
async def one():
    async with a:
        await asyncio.sleep(1)
        async with b:
            print("never")
async def two():
    async with b:
        await asyncio.sleep(1)
        async with a:
            print("never")
async def main():
    print("start")
    await asyncio.gather(one(), two())
asyncio.run(main())
`;

test('--program prints exactly what python3 prints, at once, and exits 0', () => {
  const started = Date.now();
  const r = run(['--program', file('lesson.py', LESSON)]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.equal(r.out, 'Task 1 started\nTask 2 started\nTask 1 finished\nTask 2 finished\nTask 3 started\nTask 3 finished\n');
  assert.ok(Date.now() - started < 4000, 'the virtual clock does not wait 4 s');
});

test('--program - reads standard input; --format jsonl gives every event with its virtual time', () => {
  const r = run(['--program', '-', '--format', 'jsonl'], LESSON);
  assert.equal(r.code, 0, r.err);
  const events = r.out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  const prints = events.filter((e) => e.event === 'print');
  assert.equal(prints.length, 6);
  // Each with the program's line that made it: the print calls are lines 7 and 9.
  assert.deepEqual(prints[0], { t: 0, event: 'print', task: 'Task-2', line: 7, text: 'Task 1 started' });
  assert.deepEqual(prints[5], { t: 4, event: 'print', task: 'Task-4', line: 9, text: 'Task 3 finished' });
  assert.deepEqual(Object.keys(prints[2]), ['t', 'event', 'task', 'line', 'text']);
  // The views' events come with them: Task-4 (limited_task(3)) waits for sem, then gets it at 2 s.
  assert.deepEqual(events[0], { t: 0, event: 'created', task: 'Task-1', line: 14, function: 'main()' });
  assert.deepEqual(
    events.filter((e) => e.task === 'Task-4' && e.primitive === 1),
    [
      { t: 0, event: 'waiting', task: 'Task-4', line: 6, primitive: 1, value: 0 },
      // Both holders released at 2 s before Task-4 ran: one permit is left after it takes its own.
      { t: 2, event: 'acquired', task: 'Task-4', line: 6, primitive: 1, value: 1 },
      { t: 4, event: 'released', task: 'Task-4', line: 6, primitive: 1, value: 2 },
    ],
  );
  // A task ends at the line it left: the `async with` line, whose exit ran last.
  assert.deepEqual(
    events.find((e) => e.task === 'Task-4' && e.event === 'finished'),
    { t: 4, event: 'finished', task: 'Task-4', line: 6 },
  );
});

test("an uncaught exception: a traceback on stderr ending with Python's line, exit status 1", () => {
  const r = run([
    '--program',
    file(
      'bounded.py',
      'import asyncio\nasync def main():\n    s = asyncio.BoundedSemaphore(1)\n    print("release")\n    s.release()\nasyncio.run(main())\n',
    ),
  ]);
  assert.equal(r.code, 1);
  assert.equal(r.out, 'release\n');
  assert.match(r.err, /^Traceback \(most recent call last\):\n/);
  assert.equal(r.err.trimEnd().split('\n').at(-1), 'ValueError: BoundedSemaphore released too many times');
});

test('an uncaught KeyboardInterrupt ends the process by SIGINT after its traceback, as python3 does (a shell says 130)', async () => {
  const source = 'import asyncio\nasync def main():\n    print("hi")\n    raise KeyboardInterrupt\nasyncio.run(main())\n';
  const result = spawnSync(process.execPath, [cli, '--program', file('interrupted.py', source)], { encoding: 'utf8' });
  assert.equal(result.signal, 'SIGINT');
  assert.equal(result.stdout, 'hi\n');
  assert.equal(result.stderr.trimEnd().split('\n').at(-1), 'KeyboardInterrupt');
  // The JS API says it as a shell does.
  assert.equal((await loadRuntime()).simulateProgram(source).exitStatus, 130);
});

test('a SyntaxError exits 1 and shows the line; what the playground does not support exits 2', () => {
  const bad = run(['--program', file('bad.py', 'x = 1\nif x\n    print(x)\n')]);
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '');
  assert.match(bad.err, /line 2\n {4}if x\n {8}\^\nSyntaxError: expected ':'\n$/);
  const cls = run(['--program', file('cls.py', 'import asyncio\n\n\nclass A:\n    pass\n')]);
  assert.equal(cls.code, 2);
  assert.equal(cls.err, 'the playground does not support `class` statements (line 4)\n');
});

test("a file that is not UTF-8 is refused with python3's SyntaxError, exit 1; a UTF-8 BOM is skipped", () => {
  const latin1 = run(['--program', file('latin1.py', Buffer.from('x = 1\nprint("caf\xe9")\n', 'latin1'))]);
  assert.equal(latin1.code, 1);
  assert.equal(latin1.out, '');
  assert.equal(
    latin1.err,
    "SyntaxError: Non-UTF-8 code starting with '\\xe9' in file <program> on line 2, but no encoding declared; " +
      'see https://peps.python.org/pep-0263/ for details\n',
  );
  const bom = run(['--program', file('bom.py', '\ufeffprint("bom")\n')]);
  assert.equal(bom.code, 0, bom.err);
  assert.equal(bom.out, 'bom\n');
});

test('a coding declaration is followed as python3 follows it: Latin-1 read as Latin-1, others refused in one line', () => {
  // python3 prints café; the playground said "Non-UTF-8 code ... but no encoding declared" of a declared file.
  const latin1 = run(['--program', file('declared.py', Buffer.from('# -*- coding: latin-1 -*-\nprint("caf\xe9")\n', 'latin1'))]);
  assert.equal(latin1.err, '');
  assert.equal(latin1.out, 'caf\u00e9\n');
  assert.equal(latin1.code, 0);
  const second = run([
    '--program',
    file('second.py', Buffer.from('#!/usr/bin/env python3\n# vim: set fileencoding=iso-8859-1 :\nprint("\xe9")\n', 'latin1')),
  ]);
  assert.equal(second.out, '\u00e9\n');
  for (const name of ['utf-8', 'UTF8', 'utf_8']) {
    const utf8 = run(['--program', file('utf8.py', `# coding: ${name}\nprint("caf\u00e9")\n`)]);
    assert.equal(utf8.out, 'caf\u00e9\n', name);
  }
  const other = run(['--program', file('cp1252.py', Buffer.from('# coding: cp1252\nprint("\x80")\n', 'latin1'))]);
  assert.equal(other.code, 2);
  assert.equal(other.out, '');
  assert.equal(other.err, "the playground does not support files in the encoding 'cp1252', only UTF-8 and Latin-1 (line 1)\n");
  // A declaration after the first code line is a comment, as for python3.
  const late = run(['--program', file('late.py', 'print(1)\n# coding: cp1252\n')]);
  assert.equal(late.out, '1\n');
});

test("a deadlocked task running asyncio's own coroutine is named without a line of the program", () => {
  const source =
    'import asyncio\nasync def main():\n    e = asyncio.Event()\n    await asyncio.create_task(e.wait())\nasyncio.run(main())\n';
  const r = run(['--program', file('own-coroutine.py', source)]);
  assert.equal(r.code, 3);
  assert.match(r.err, /\n {2}Task-1 \(main\) is waiting for Task-2 at line 4\n {2}Task-2 \(wait\) is waiting for Event\.wait\(\)\n$/);
});

test('a deadlock prints what python3 printed until then, names the stuck tasks on stderr, exits 3', () => {
  const r = run(['--program', file('deadlock.py', DEADLOCK)]);
  assert.equal(r.code, 3);
  assert.equal(r.out, 'start\n');
  assert.match(r.err, /Task-2 \(one\) is waiting for Lock\.acquire\(\) at line 7/);
  assert.match(r.err, /Task-3 \(two\) is waiting for Lock\.acquire\(\) at line 12/);
  assert.match(r.err, /Task-1 \(main\) is waiting for a gather\(\) future at line 16/);
  const jsonl = run(['--program', file('deadlock2.py', DEADLOCK), '--format', 'jsonl']);
  const last = JSON.parse(jsonl.out.trimEnd().split('\n').at(-1));
  assert.equal(last.event, 'deadlock');
  assert.equal(last.t, 1);
  assert.deepEqual(
    last.tasks.map((t) => t.name),
    ['Task-1', 'Task-2', 'Task-3'],
  );
});

test('bad command lines: one line on stderr, exit status 2', () => {
  const missing = run(['--program', path.join(dir, 'nope.py')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read --program ".*nope\.py": no such file/);
  const mixed = run(['--program', file('x.py', 'print(1)\n'), '--permits', '2']);
  assert.equal(mixed.code, 2);
  assert.match(mixed.err, /--permits cannot be combined with --program/);
});

test('runtime.simulateProgram: the whole result at once', async () => {
  const runtime = await loadRuntime();
  const r = runtime.simulateProgram(LESSON);
  assert.equal(r.exitStatus, 0);
  assert.equal(r.error, null);
  assert.equal(r.deadlock, null);
  assert.equal(r.output.split('\n').length, 7);
  assert.deepEqual(r.events.filter((e) => e.event === 'print')[3], {
    t: 2,
    event: 'print',
    task: 'Task-3',
    line: 9,
    text: 'Task 2 finished',
  });
  assert.deepEqual(r.primitives, [{ id: 1, type: 'Semaphore', name: 'sem', initial: 2, line: 3 }]);
  assert.deepEqual(r.tasks.slice(0, 3), [
    { name: 'Task-1', function: 'main()' },
    { name: 'Task-2', function: 'limited_task(1)' },
    { name: 'Task-3', function: 'limited_task(2)' },
  ]);
  const d = runtime.simulateProgram(DEADLOCK);
  assert.equal(d.exitStatus, 3);
  assert.equal(d.deadlock.t, 1);
  assert.deepEqual(d.deadlock.tasks[1], { name: 'Task-2', function: 'one', awaiting: 'Lock.acquire()', line: 7 });
  const loop = runtime.simulateProgram('while True:\n    pass\n');
  assert.equal(loop.exitStatus, 1);
  assert.equal(loop.events.at(-1).event, 'stopped');
  assert.match(loop.error, /stopped the program after [\d,]+ steps/);
  assert.throws(() => runtime.simulateProgram(42), TypeError);
});

// The CLI held every event as an object (about 190 bytes each) until the program ended: at the
// events limit (8,000,000) Node took 1.5 GB. It now writes (or drops) them a batch at a time, and
// a pipe's reader sets the pace (its writes would otherwise queue up in memory).
test('--program streams its events: 1,500,000 of them fit in 150 MB of JavaScript heap, text and jsonl, pipe and file', () => {
  // One loop iteration that never awaits (a Lock free each time): one batch of 1,500,000 events.
  const locker = file(
    'locker.py',
    'import asyncio\nasync def main():\n    lock = asyncio.Lock()\n    for i in range(750000):\n        async with lock:\n            pass\nasyncio.run(main())\nprint("done")\n',
  );
  // Many iterations: 200,000 events in batches of 65,536.
  const turns = file(
    'turns.py',
    'import asyncio\nasync def main():\n    lock = asyncio.Lock()\n    for i in range(100000):\n        async with lock:\n            await asyncio.sleep(0)\nasyncio.run(main())\nprint("done")\n',
  );
  const out = path.join(dir, 'events.jsonl');
  for (const [program, events] of [
    [locker, 1500007],
    [turns, 200007],
  ]) {
    for (const format of [[], ['--format', 'jsonl']]) {
      const shell = '"$0" --max-old-space-size=150 "$@" | tail -c 200';
      const r = spawnSync('/bin/sh', ['-c', shell, process.execPath, cli, '--program', program, ...format], { encoding: 'utf8' });
      assert.equal(r.stderr, '', format.join(' '));
      assert.match(r.stdout, format.length ? /"event":"print","task":null,"line":8,"text":"done"}\n$/ : /^done\n$/);
    }
    const toFile = spawnSync('/bin/sh', ['-c', '"$0" "$@" > "$OUT"', process.execPath, cli, '--program', program, '--format', 'jsonl'], {
      encoding: 'utf8',
      env: { ...process.env, OUT: out },
    });
    assert.equal(toFile.status, 0, toFile.stderr);
    assert.equal(readFileSync(out, 'utf8').split('\n').length - 1, events);
  }
});

test('--program: warnings and tracebacks come between the printed lines where python3 writes them', () => {
  const f = file(
    'interleaved.py',
    `import asyncio
async def work():
    pass
print("first")
work()
print("second")
x = 5
print(x is 5)
raise ValueError("last")
`,
  );
  // Both streams into one pipe, as a terminal shows them (stdout and stderr writes are synchronous
  // on pipes in Node on Linux).
  const both = spawnSync('/bin/sh', ['-c', '"$0" "$1" --program "$2" 2>&1', process.execPath, cli, f], { encoding: 'utf8' });
  assert.equal(
    both.stdout,
    '<program>:8: SyntaxWarning: "is" with a literal. Did you mean "=="?\n' +
      '  print(x is 5)\n' +
      'first\n' +
      "<program>:5: RuntimeWarning: coroutine 'work' was never awaited\n" +
      '  work()\n' +
      'RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n' +
      'second\nTrue\n' +
      'Traceback (most recent call last):\n  File "<program>", line 9, in <module>\n    raise ValueError("last")\nValueError: last\n',
  );
  const { code, out, err } = run(['--program', f]);
  assert.equal(code, 1);
  assert.equal(out, 'first\nsecond\nTrue\n');
  assert.match(
    err,
    /^<program>:8: SyntaxWarning: .*\n {2}print\(x is 5\)\n<program>:5: RuntimeWarning: coroutine 'work' was never awaited\n/,
  );
});

test('a reader that stops early (| head) ends --program (and --help) quietly with status 0; a full disk is one line, status 1', async () => {
  // Both printed Node's "Unhandled 'error' event" and a stack trace.
  const { spawn } = await import('node:child_process');
  const big = file('big-output.py', 'for i in range(300000):\n    print(i)\n');
  for (const args of [
    ['--program', big],
    ['--program', big, '--format', 'jsonl'],
  ]) {
    const child = spawn(process.execPath, [cli, ...args]);
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy(); // what `head` does once it has its lines
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(err, '', args.join(' '));
    assert.equal(code, 0);
  }
  for (const args of [['--program', big], ['--help']]) {
    const full = spawnSync('/bin/sh', ['-c', '"$0" "$@" > /dev/full', process.execPath, cli, ...args], { encoding: 'utf8' });
    assert.equal(full.status, 1, args.join(' '));
    assert.equal(full.stderr, 'semaphore-playground: cannot write the output: ENOSPC: no space left on device, write\n');
  }
});

// A 100 MB program file took 14-19 s and 1.37 GB to be refused: the CLI read up to the scenario
// limit (128 MiB) before the interpreter refused anything past its own (2 MB).
test('--program stops reading at the program size limit, files and standard input alike: exit 2, one line', async () => {
  const zero = run(['--program', '/dev/zero']);
  assert.equal(zero.code, 2);
  assert.equal(zero.out, '');
  assert.equal(zero.err, 'semaphore-playground: --program "/dev/zero" is larger than 2 MB (the limit)\n');
  const endless = await feedEndlessly(process.execPath, [cli, '--program', '-'], Buffer.alloc(1 << 16, 'x = 1\n'));
  assert.deepEqual(endless, { code: 2, err: 'semaphore-playground: --program "-" is larger than 2 MB (the limit)\n' });
  const help = run(['--help']);
  assert.match(help.out, /--program FILE\.py .*\n(.*\n)*? *.*at most 2 MB/);
});

test('--program counts the size as the interpreter does: \\r\\n as one byte; a Latin-1 file as its UTF-8', () => {
  const MB2 = 2 * 1024 * 1024;
  // 2,446,671 bytes on disk, 2,097,147 read: runs, as it does through the JavaScript API.
  const crlf = run(['--program', file('crlf.py', `${'x = 1\r\n'.repeat(Math.floor((MB2 - 9) / 6))}print(2)\r\n`)]);
  assert.equal(crlf.err, '');
  assert.equal(crlf.out, '2\n');
  const over = run(['--program', file('over.py', `${'#'.repeat(MB2)}\n`)]);
  assert.equal(over.code, 2);
  assert.match(over.err, /^semaphore-playground: --program ".*over\.py" is larger than 2 MB \(the limit\)\n$/);
  // 1.5 MB of Latin-1 is 3 MB of UTF-8: read, then refused by the interpreter in its own words.
  const latin1 = run(['--program', file('latin1-big.py', Buffer.from(`# coding: latin-1\n#${'\xe9'.repeat(1_500_000)}\n`, 'latin1'))]);
  assert.equal(latin1.code, 2); // refused, as the file the command stopped reading above
  assert.equal(latin1.err, 'the playground reads programs of up to 2 MB; this one has 3,000,020 bytes\n');
});

// The stuck tasks' names are the program's: `name='x\n\x1b[31mFAKE'` forged a line and a terminal
// escape in the playground's own report on stderr. python3 prints nothing (it hangs).
test('a deadlock report shows program-chosen names (and what a task awaits) escaped, ordinary ones as they are', () => {
  const source = `import asyncio
async def w():
    await asyncio.Event().wait()
async def main():
    t = asyncio.create_task(w(), name='x\\n\\x1b[31mFAKE\\u202e')
    u = asyncio.create_task(w(), name='worker 1')
    v = asyncio.create_task(w(), name='a\\ud800b')
    await t
asyncio.run(main())
`;
  const report = [
    'deadlock: nothing can run any more and the program has not finished (CPython would wait forever)',
    '  Task-1 (main) is waiting for "x\\n\\u001b[31mFAKE\\u202e" at line 8',
    // A lone surrogate as python3 writes it to stderr (backslashreplace), as the interpreter's report had it.
    '  a\\ud800b (w) is waiting for Event.wait() at line 3',
    '  worker 1 (w) is waiting for Event.wait() at line 3',
    '  "x\\n\\u001b[31mFAKE\\u202e" (w) is waiting for Event.wait() at line 3',
    '',
  ].join('\n');
  const text = run(['--program', file('forged.py', source)]);
  assert.equal(text.code, 3);
  assert.equal(text.err, report);
  // jsonl: the names as they are (JSON escapes them); stderr the same report.
  const jsonl = run(['--program', file('forged2.py', source), '--format', 'jsonl']);
  assert.equal(jsonl.err, report);
  const last = JSON.parse(jsonl.out.trimEnd().split('\n').at(-1));
  const forged = 'x\n\u001b[31mFAKE\u202e';
  assert.deepEqual(last.tasks[0], { name: 'Task-1', function: 'main', awaiting: forged, line: 8 });
  assert.deepEqual(
    last.tasks.filter((t) => t.name === forged || t.name === 'worker 1').map((t) => t.name),
    ['worker 1', forged],
  );
});

test("the CLI's deadlock report is the interpreter's, word for word, when no name needs escaping; a warning before it stays", async () => {
  const source = `import asyncio
async def never():
    pass
async def main():
    never()
    print("before")
    await asyncio.Event().wait()
asyncio.run(main())
`;
  const expected = (await loadRuntime()).simulateProgram(source);
  assert.match(expected.error, /^<program>:5: RuntimeWarning: coroutine 'never' was never awaited\n[\s\S]*deadlock: nothing can run/);
  const r = run(['--program', file('warned.py', source)]);
  assert.equal(r.code, 3);
  assert.equal(r.out, 'before\n');
  assert.equal(r.err, expected.error);
  const dl = run(['--program', file('deadlock3.py', DEADLOCK)]);
  assert.equal(dl.err, (await loadRuntime()).simulateProgram(DEADLOCK).error);
});

// python3 3.11's stderr and exit status for each file (python3 FILE.py), curated: its tokenizer names
// the problem with the declared name as written, or its own name for Latin-1 and UTF-8 after a BOM.
const LATIN1 = (text) => Buffer.from(text, 'latin1');
const BOM = '\xef\xbb\xbf';
const ENCODINGS = [
  // [file, python3's stderr (its only line) or stdout, exit status]
  ['# coding: utf-16\nprint(1)\n', 'SyntaxError: encoding problem: utf-16\n', 1], // the playground read it as UTF-8 and printed 1
  ['# coding: utf-32\nprint(1)\n', 'SyntaxError: encoding problem: utf-32\n', 1],
  ['# -*- coding: UTF_16 -*-\n', 'SyntaxError: encoding problem: UTF_16\n', 1],
  ['#!/usr/bin/env python3\n# coding: u32\nprint(1)\n', 'SyntaxError: encoding problem: u32\n', 1],
  [`${BOM}# coding: latin-1\nprint(1)\n`, 'SyntaxError: encoding problem: iso-8859-1 with BOM\n', 1], // ran, printing 1
  [`${BOM}#!/usr/bin/env python3\n# coding: utf8\nprint(1)\n`, 'SyntaxError: encoding problem: utf8 with BOM\n', 1],
  [`${BOM}# coding: cp1252\nprint(1)\n`, 'SyntaxError: encoding problem: cp1252 with BOM\n', 1],
  [`${BOM}# coding: UTF-8\nprint(1)\n`, { out: '1\n' }, 0],
  ['# coding: ascii\nprint(1)\n', { out: '1\n' }, 0], // refused (exit 2), as the native runner did not
  ['# coding: cp1252\nprint("x")\n', { out: 'x\n' }, 0],
  ['# coding: us-ascii\nprint("caf\xe9")\n', 'SyntaxError: encoding problem: us-ascii\n', 1],
  ['# coding: u8\nprint("caf\xe9")\n', 'SyntaxError: encoding problem: u8\n', 1],
  ['# coding: utf8\nprint("caf\xc3\xa9")\n', { out: 'caf\u00e9\n' }, 0],
];

test("coding declarations python3 cannot follow end as python3 ends: its SyntaxError's line, exit 1", () => {
  for (const [i, [text, expected, code]] of ENCODINGS.entries()) {
    const r = run(['--program', file(`coding${i}.py`, LATIN1(text))]);
    const what = JSON.stringify(text);
    assert.equal(r.code, code, `${what}: ${r.err}`);
    if (typeof expected === 'string') {
      assert.deepEqual([r.out, r.err], ['', expected], what);
      const jsonl = run(['--program', file(`coding${i}b.py`, LATIN1(text)), '--format', 'jsonl']);
      assert.deepEqual(JSON.parse(jsonl.out), { t: null, event: 'exception', text: expected.trimEnd(), ran: false });
    } else {
      assert.deepEqual([r.out, r.err], [expected.out, ''], what);
    }
  }
  // What python3 reads in an encoding the playground does not is still the playground's refusal (exit 2).
  const cp1252 = run(['--program', file('euro.py', LATIN1('# coding: cp1252\nprint("\x80")\n'))]);
  assert.deepEqual(
    [cp1252.code, cp1252.err],
    [2, "the playground does not support files in the encoding 'cp1252', only UTF-8 and Latin-1 (line 1)\n"],
  );
});
