// A program's timeline lanes are exact (issue #13, "Events for the views"): every wait and every
// hold of every Semaphore, Lock and Event, not only a task's first wait and first acquire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { ProgramTrace, fullStop, programEnding } from '../../web/ui/program-trace.mjs';
import { TaskState } from '../../web/ui/trace.mjs';
import { commentary } from '../../web/format.mjs';

const runtime = await loadRuntime();

async function traceOf(source) {
  const trace = new ProgramTrace();
  const run = runtime.runProgram(source, { instant: true });
  run.on('batch', (batch) => trace.append(batch));
  run.start();
  await run.done;
  return trace;
}

const lane = (trace, task, position = trace.length) =>
  trace.segmentsOf(task, position).map(({ state, primitive, from, to }) => [state, primitive, from, to]);

// Each worker holds sem, takes the lock while holding it, lets both go, then comes back for sem
// (a curated conformance program, checked against CPython).
const TWO_PRIMITIVES = readFileSync(new URL('../conformance/programs/lock_inside_semaphore.py', import.meta.url), 'utf8');

test('every wait and hold of a task, on each primitive, with its times', async () => {
  const trace = await traceOf(TWO_PRIMITIVES);
  const { waiting, holding } = TaskState;
  assert.deepEqual(lane(trace, 1), []); // main() awaits gather(): nothing of the board
  assert.deepEqual(lane(trace, 2), [
    [holding, 'sem', 0, 2],
    [holding, 'lock', 1, 2],
    [waiting, 'sem', 3, 4],
    [holding, 'sem', 4, 4.5],
  ]);
  assert.deepEqual(lane(trace, 3), [
    [waiting, 'sem', 0, 2],
    [holding, 'sem', 2, 4],
    [holding, 'lock', 3, 4],
    [holding, 'sem', 5, 5.5],
  ]);
});

test('a segment begun while the task held something is inside: the lock taken inside sem', async () => {
  const trace = await traceOf(TWO_PRIMITIVES);
  assert.deepEqual(
    trace.segmentsOf(2, trace.length).map((s) => [s.primitive, s.inside]),
    [
      ['sem', false],
      ['lock', true],
      ['sem', false],
      ['sem', false],
    ],
  );
});

test('the trace knows whether any hold began inside another (the timeline legend names the outline only then)', async () => {
  assert.equal((await traceOf(TWO_PRIMITIVES)).holdsInside, true);
  // A semaphore taken twice, one after the other, and an Event awaited while holding it: no hold inside a hold.
  const apart = await traceOf(`import asyncio
sem = asyncio.Semaphore(1)
ready = asyncio.Event()
async def opener():
    await asyncio.sleep(1)
    ready.set()
async def worker():
    async with sem:
        await asyncio.sleep(1)
    async with sem:
        await ready.wait()
async def main():
    await asyncio.gather(worker(), opener())
asyncio.run(main())
`);
  assert.equal(apart.holdsInside, false);
  assert.ok(apart.segmentsOf(2, apart.length).some((s) => s.inside)); // the Event's wait, drawn in the lower half
});

test('at an earlier position the open wait or hold has no end yet', async () => {
  const trace = await traceOf(TWO_PRIMITIVES);
  const at = trace.countUntil(1); // every event up to t = 1
  assert.deepEqual(lane(trace, 2, at), [
    [TaskState.holding, 'sem', 0, null],
    [TaskState.holding, 'lock', 1, null],
  ]);
  assert.deepEqual(lane(trace, 3, at), [[TaskState.waiting, 'sem', 0, null]]);
});

test('an Event wait ends when it is woken; a wait given up (asyncio.timeout) ends there', async () => {
  const trace = await traceOf(`import asyncio
ready = asyncio.Event()
sem = asyncio.Semaphore(0)
async def opener():
    await asyncio.sleep(2)
    ready.set()
async def waiter():
    await ready.wait()
    try:
        async with asyncio.timeout(1):
            await sem.acquire()
    except TimeoutError:
        print("gave up")
async def main():
    await asyncio.gather(waiter(), opener())
asyncio.run(main())
`);
  assert.deepEqual(lane(trace, 2), [
    [TaskState.waiting, 'ready', 0, 2],
    [TaskState.waiting, 'sem', 2, 3],
  ]);
});

test("a release by a task that holds nothing closes nobody's hold", async () => {
  const trace = await traceOf(`import asyncio
sem = asyncio.Semaphore(1)
async def holder():
    await sem.acquire()
    await asyncio.sleep(1)
async def releaser():
    await asyncio.sleep(0.5)
    sem.release()
async def main():
    await asyncio.gather(holder(), releaser())
asyncio.run(main())
`);
  assert.deepEqual(lane(trace, 2), [[TaskState.holding, 'sem', 0, null]]); // never released by its holder
  assert.deepEqual(lane(trace, 3), []);
});

test("the log's notes say a Lock is locked or unlocked, not its value; a Semaphore's value stays", async () => {
  const trace = await traceOf(TWO_PRIMITIVES);
  const notes = Array.from({ length: trace.length }, (_, i) => commentary(trace.event(i))).filter(Boolean);
  assert.ok(notes.includes('Task-2 acquires lock (now locked)'), notes.join('\n'));
  assert.ok(notes.includes('Task-2 releases lock (now unlocked)'), notes.join('\n'));
  const LOCK = readFileSync(new URL('../conformance/programs/lock.py', import.meta.url), 'utf8');
  const locked = await traceOf(LOCK);
  const waits = Array.from({ length: locked.length }, (_, i) => commentary(locked.event(i))).filter(Boolean);
  assert.ok(waits.includes('Task-3 waits for lock (locked): it joins the queue'), waits.join('\n'));
  assert.ok(notes.includes('Task-2 acquires sem (value now 0)'), notes.join('\n'));
  assert.ok(!notes.some((n) => /lock \(value/.test(n)), notes.join('\n'));
  // The primitive's type is the notes' own: not in the events a trace exports.
  assert.ok(!JSON.stringify(Array.from({ length: trace.length }, (_, i) => trace.event(i))).includes('Lock'));
});

test("the log's note on a task that ends still holding a permit or a lock says so (the forgotten release)", async () => {
  const FORGOTTEN = readFileSync(new URL('../conformance/programs/forgotten_release.py', import.meta.url), 'utf8');
  const trace = await traceOf(FORGOTTEN);
  const notes = Array.from({ length: trace.length }, (_, i) => commentary(trace.event(i))).filter(Boolean);
  assert.ok(notes.includes('Task-2 returns still holding a permit of sem: nothing released it'), notes.join('\n'));
  // The lesson's own `async with` releases before the task returns: no such note.
  const LOCK = readFileSync(new URL('../conformance/programs/lock.py', import.meta.url), 'utf8');
  const lock = await traceOf(LOCK);
  const lockNotes = Array.from({ length: lock.length }, (_, i) => commentary(lock.event(i))).filter(Boolean);
  assert.ok(
    lockNotes.some((n) => /^Task-\d returns$/.test(n)),
    lockNotes.join('\n'),
  );
  assert.ok(!lockNotes.some((n) => n.includes('still holding')), lockNotes.join('\n'));
  const HELD_LOCK = `import asyncio

lock = asyncio.Lock()
sem = asyncio.Semaphore(2)

async def grab():
    await lock.acquire()
    await sem.acquire()
    await sem.acquire()
    raise ValueError("oops")

async def main():
    await asyncio.gather(grab(), return_exceptions=True)
    print(lock.locked())

asyncio.run(main())
`;
  const held = await traceOf(HELD_LOCK);
  const heldNotes = Array.from({ length: held.length }, (_, i) => commentary(held.event(i))).filter(Boolean);
  assert.ok(
    heldNotes.includes('Task-2 ends with ValueError: oops, still holding lock (locked) and 2 permits of sem: nothing released them'),
    heldNotes.join('\n'),
  );
  // Not in what a trace exports.
  assert.ok(!JSON.stringify(Array.from({ length: held.length }, (_, i) => held.event(i))).includes('holding'));
});

test('a deadlock says who holds what the stuck tasks wait for: ended without releasing, or stuck too', async () => {
  const read = (name) => readFileSync(new URL(`../conformance/programs/${name}.py`, import.meta.url), 'utf8');
  const forgotten = await traceOf(read('forgotten_release'));
  assert.deepEqual(forgotten.deadlockHolders(), ['sem is held by Task-2 and Task-3, which ended without releasing it']);
  const opposite = await traceOf(read('opposite_order'));
  assert.deepEqual(opposite.deadlockHolders(), ['a is held by Task-2, stuck too', 'b is held by Task-3, stuck too']);
  const ending = programEnding({ deadlocked: true, endTime: 1, waiting: ['Task-4'], held: forgotten.deadlockHolders() });
  assert.equal(
    ending,
    'Deadlock at 1s: Task-4 can never go on (Python would wait forever): sem is held by Task-2 and Task-3, which ended without releasing it.',
  );
  // A primitive nobody holds (Semaphore(0)): nothing to add.
  const zero = await traceOf(
    'import asyncio\nsem = asyncio.Semaphore(0)\nasync def main():\n    await sem.acquire()\nasyncio.run(main())\n',
  );
  assert.deepEqual(zero.deadlockHolders(), []);
});

test('batches appended in slices, as the page takes them, read back their events and the board', async () => {
  // Several batches (the driver delivers one at the latest every BATCH_EVENTS events), each taken in
  // uneven slices, as the page's session does: every event, and the board at positions inside and
  // across batches, must be what the batches themselves say.
  const source = `import asyncio
sem = asyncio.Semaphore(2)
lock = asyncio.Lock()
async def worker(n):
    async with sem:
        async with lock:
            print(f"worker {n}")
        await asyncio.sleep(0.001 * (n % 3))
async def main():
    await asyncio.gather(*(worker(n) for n in range(30000)))
asyncio.run(main())
`;
  const trace = new ProgramTrace();
  const raw = []; // every event, straight from its batch
  const run = runtime.runProgram(source, { instant: true });
  let batches = 0;
  run.on('batch', (batch) => {
    batches += 1;
    for (let k = 0; k < batch.length; k++) raw.push(batch.at(k));
    for (let from = 0, step = 1; from < batch.length; from += step, step = ((step * 7) % 9001) + 1)
      trace.append(batch, from, Math.min(batch.length, from + step));
  });
  run.start();
  await run.done;
  assert.ok(batches > 2, `${batches} batches`);
  assert.equal(trace.length, raw.length);
  const shape = ({ event, task, primitive, value, text }) => ({ event, task, primitive, value, text });
  for (let i = 0; i < raw.length; i += 97) assert.deepEqual(shape(trace.event(i)), shape(raw[i]), `event ${i}`);
  // The board from the raw events: each primitive's value after its last event, and how many hold it.
  const boardAt = (position) => {
    const value = new Map();
    const holding = new Map();
    for (const e of raw.slice(0, position)) {
      if (!e.primitive) continue;
      value.set(e.primitive, e.value);
      const change = e.event === 'acquired' ? 1 : e.event === 'released' ? -1 : 0;
      holding.set(e.primitive, (holding.get(e.primitive) ?? 0) + change);
    }
    return [1, 2].map((id) => ({ value: value.get(id) ?? (id === 1 ? 2 : 1), holding: holding.get(id) ?? 0 }));
  };
  for (const position of [0, 1, 65535, 65536, 65537, 100000, raw.length, 70000]) {
    const board = trace.primitivesAt(position, 5).map(({ value, holding }) => ({ value, holding }));
    assert.deepEqual(board, boardAt(position), `board at ${position}`);
  }
});

test('the board at the end is kept as the events arrive: the same as counted up to there from the start', async () => {
  // One trace takes the batches in slices and is asked for the board at its end after each (what an
  // instant run shows); another holds every event and is asked at those positions, before its end.
  const source = `import asyncio
sem = asyncio.Semaphore(3)
lock = asyncio.Lock()
done = asyncio.Event()
async def worker(n):
    try:
        async with asyncio.timeout(0.5 if n % 7 == 0 else None):
            async with sem:
                async with lock:
                    await asyncio.sleep(0.01)
                if n == 40:
                    done.set()
    except TimeoutError:
        pass
async def waiter():
    await done.wait()
async def main():
    await asyncio.gather(waiter(), *(worker(n) for n in range(60)))
asyncio.run(main())
`;
  const arriving = new ProgramTrace();
  const ends = []; // [position, board at the end then]
  const run = runtime.runProgram(source, { instant: true });
  run.on('batch', (batch) => {
    for (let from = 0; from < batch.length; from += 5) {
      arriving.append(batch, from, Math.min(batch.length, from + 5));
      ends.push([arriving.length, arriving.primitivesAt(arriving.length, 4)]);
    }
  });
  run.start();
  await run.done;
  const whole = await traceOf(source);
  const kinds = new Set(Array.from({ length: whole.length }, (_, i) => whole.event(i).event));
  for (const kind of ['waiting', 'acquired', 'released', 'gave_up', 'woken']) assert.ok(kinds.has(kind), kind);
  assert.ok(ends.length > 20);
  for (const [position, board] of ends) assert.deepEqual(board, whole.primitivesAt(position, 4), `board at ${position}`);
});

test("the log's note on time.sleep() says it blocks the whole loop, at the time the block begins", async () => {
  const BLOCKS = readFileSync(new URL('../conformance/programs/time_sleep_blocks.py', import.meta.url), 'utf8');
  const trace = await traceOf(BLOCKS);
  const blocks = Array.from({ length: trace.length }, (_, i) => trace.event(i)).filter((e) => e.event === 'blocked');
  assert.equal(blocks.length, 6); // five tasks and main (in slow_helper)
  assert.deepEqual(
    blocks.map((e) => [e.t, e.task, e.text]),
    [
      [0, 'Task-3', '0.5'],
      [0.5, 'Task-4', '0.5'],
      [1, 'Task-5', '0.5'],
      [1.5, 'Task-6', '0.5'],
      [2, 'Task-7', '0.5'],
      [4.1, 'Task-1', '0.2'], // main, in slow_helper()
    ],
  );
  assert.equal(
    commentary(blocks[0]),
    'Task-3 blocks the whole event loop for 0.5 s in time.sleep(): no other task runs meanwhile (await asyncio.sleep() would let them)',
  );
  // The timeline's shading: each block from its start to its end, by the task that blocked.
  assert.deepEqual(
    trace.blocks.map((b) => [b.task, b.from, b.to]),
    [
      [3, 0, 0.5],
      [4, 0.5, 1],
      [5, 1, 1.5],
      [6, 1.5, 2],
      [7, 2, 2.5],
      [1, 4.1, 4.3],
    ],
  );
  assert.equal(trace.blocksBefore(trace.blocks[2].index).length, 2); // before the third block begins
  // Outside asyncio.run() there is no loop to block.
  const module = await traceOf('import time\ntime.sleep(1)\nprint("done")\n');
  assert.equal(commentary(module.event(0)), 'the module sleeps 1.0 s in time.sleep()');
});

test('exit() is an ending, not a failure: the log and the summary say the program exited, with its status', async () => {
  const trace = await traceOf('print("bye")\nexit(3)\n');
  const last = commentary(trace.event(trace.length - 1));
  assert.equal(last, 'the program exited (SystemExit: 3): python3 ends here, without a traceback');
  assert.equal(programEnding({ finalLine: 'SystemExit: 3', exitStatus: 3 }), 'The program exited with status 3 (SystemExit: 3).');
  assert.equal(
    programEnding({ finalLine: 'ValueError: x', exitStatus: 1 }),
    'The program stopped with an uncaught exception: ValueError: x',
  );
});

test("the playground's own stop reads as one sentence in the summary: its line after the message, not a second parenthesis", () => {
  const error = 'the playground stopped the program when its objects passed the memory limit of 256 MB (line 12)\n';
  assert.equal(
    programEnding({ exitStatus: 1, error }),
    'The playground stopped the program when its objects passed the memory limit of 256 MB, at line 12.',
  );
  assert.equal(
    programEnding({
      exitStatus: 1,
      error: 'the playground stopped the program after 100 steps without finishing (an endless loop?) (line 5)',
    }),
    'The playground stopped the program after 100 steps without finishing (an endless loop?), at line 5.',
  );
  // A message with no line (a run stopped outside the program's code) is still a sentence.
  assert.equal(programEnding({ exitStatus: 1, error: 'the run went over its budget of 10 ms' }), 'The run went over its budget of 10 ms.');
});

test("the log's notes on a semaphore's hand-over: the release names where the permit went, the waiter wakes holding it", async () => {
  const trace = await traceOf(`import asyncio
sem = asyncio.Semaphore(1)
lock = asyncio.Lock()
async def worker(n):
    async with sem:
        await asyncio.sleep(1)
    async with lock:
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(worker(1), worker(2))
asyncio.run(main())
`);
  const notes = Array.from({ length: trace.length }, (_, i) => commentary(trace.event(i))).filter(Boolean);
  const expected = [
    'Task-2 acquires sem (value now 0)',
    'Task-3 waits for sem (value 0): it joins the queue',
    'Task-2 releases sem: the permit goes straight to the next task in line (value stays 0)',
    'Task-3 wakes up holding sem: a release handed it the permit (value now 0)',
    'Task-3 releases sem (value now 1)',
  ];
  assert.deepEqual(
    notes.filter((n) => / sem\b/.test(n)),
    expected,
  );
  // A Lock's waiter takes the lock itself when it runs: no hand-over words.
  assert.ok(notes.includes('Task-3 acquires lock (now locked)'), notes.join('\n'));
  assert.ok(!notes.some((n) => /lock.*(handed|straight)/.test(n)), notes.join('\n'));
});

test("a sentence ends with one full stop, or with Python's own '?' or '.'", () => {
  assert.equal(fullStop("SyntaxError: '(' was never closed"), "SyntaxError: '(' was never closed.");
  assert.equal(
    fullStop('SyntaxError: invalid syntax. Perhaps you forgot a comma?'),
    'SyntaxError: invalid syntax. Perhaps you forgot a comma?',
  );
  assert.equal(fullStop('Stopped at line 5.'), 'Stopped at line 5.');
});

test("the log's notes on an Event's waiter and on a task stuck in asyncio's own coroutine name no value and no line 0", async () => {
  const trace = await traceOf(`import asyncio

async def main():
    e = asyncio.Event()
    t = asyncio.create_task(e.wait())
    await t

asyncio.run(main())
`);
  const notes = Array.from({ length: trace.length }, (_, i) => commentary(trace.event(i))).filter(Boolean);
  assert.ok(notes.includes('Task-2 waits in e.wait(): it wakes when a task calls e.set()'), notes.join('\n'));
  assert.ok(
    notes.includes(
      'Deadlock: Task-1 awaits Task-2 (line 6); Task-2 awaits Event.wait(); nothing can ever wake them (Python would wait forever)',
    ),
    notes.join('\n'),
  );
});

test("the log's note on a task that ends with an exception (or cancelled) still holding a permit keeps the two apart", async () => {
  const trace = await traceOf(`import asyncio

sem = asyncio.BoundedSemaphore(2)

async def limited_task(n):
    async with sem:
        print(f"Task {n} started")
        await asyncio.sleep(1)
    sem.release()
    print(f"Task {n} finished")

async def main():
    await asyncio.gather(*(limited_task(n) for n in range(1, 4)))

asyncio.run(main())
`);
  const notes = Array.from({ length: trace.length }, (_, i) => commentary(trace.event(i))).filter(Boolean);
  assert.ok(
    notes.includes(
      'Task-4 ends with ValueError: BoundedSemaphore released too many times, still holding a permit of sem: nothing released it',
    ),
    notes.join('\n'),
  );
});

test('the concurrency strip says why it counts nothing: no Semaphore or Lock, none taken, or a program that did not run', async () => {
  const none = await traceOf('import asyncio\nasync def main():\n    await asyncio.sleep(1)\nasyncio.run(main())\n');
  assert.equal(none.countsHolders, false);
  assert.equal(none.nothingCounted, 'The program has no Semaphore or Lock: no permits to count.');
  const untaken = await traceOf(
    'import asyncio\nsem = asyncio.Semaphore(3)\nasync def main():\n    async with semm:\n        pass\nasyncio.run(main())\n',
  );
  assert.equal(untaken.countsHolders, false);
  assert.equal(untaken.nothingCounted, 'No task has acquired sem yet: no permits to count.');
  const notRun = await traceOf('import asyncio\nsem = asyncio.Semaphore(3)\nasync def main()\n    pass\n');
  assert.equal(notRun.nothingCounted, 'The program did not run: no permits to count.');
});

test('the log says when a wait_for() or a timeout block runs out of time, before the cancellations it causes', async () => {
  const notesOf = async (source) => {
    const trace = await traceOf(source);
    return Array.from({ length: trace.length }, (_, i) => trace.event(i)).map((e) => `${e.t.toFixed(2)} ${commentary(e) ?? e.text}`);
  };
  const waitFor = await notesOf(`import asyncio

sem = asyncio.Semaphore(1)

async def slow(n):
    async with sem:
        await asyncio.sleep(5)

async def main():
    try:
        await asyncio.wait_for(asyncio.gather(slow(1), slow(2)), timeout=3)
    except asyncio.TimeoutError:
        print("timed out")

asyncio.run(main())
`);
  const at = waitFor.indexOf(
    "3.00 Task-1's wait_for(timeout=3) ran out of time: it cancels what Task-1 is awaiting, and TimeoutError follows",
  );
  assert.ok(at > 0, waitFor.join('\n'));
  assert.equal(waitFor[at + 1], '3.00 Task-2 releases sem (value now 1)');
  const block = await notesOf(`import asyncio

async def main():
    try:
        async with asyncio.timeout(1.5):
            await asyncio.sleep(10)
    except TimeoutError:
        print("gave up")

asyncio.run(main())
`);
  assert.ok(
    block.includes("1.50 Task-1's asyncio.timeout() ran out of time: it cancels what Task-1 is awaiting, and TimeoutError follows"),
    block.join('\n'),
  );
});
