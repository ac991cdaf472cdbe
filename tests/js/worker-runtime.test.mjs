// WorkerRuntime for programs (issue #13): web/runtime-worker.mjs in a Node worker thread
// (node-worker.mjs), compared with a runtime on this thread: the same events, summaries, results and
// errors, batches transferred, a reset that drops what was in flight. And the page's rule for its
// program worker (web/ui/program-host.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

import { makeProgramQuestion } from '../../web/semaphore-playground.mjs';
import { WorkerRuntime } from '../../web/worker-runtime.mjs';
import { MESSAGE_EVENTS } from '../../web/program-wire.mjs';
import { programComparison } from '../../web/ui/compare-view.mjs';
import { MAX_KEPT_HEAP_BYTES, ProgramHost } from '../../web/ui/program-host.mjs';
import { lessonSource } from '../../bench/lesson_program.mjs';
import { nodeWorker, runtimesToCompare } from './node-worker.mjs';

const PROGRAMS = new URL('../conformance/programs/', import.meta.url);
const program = (name) => readFileSync(new URL(name, PROGRAMS), 'utf8');

let local;
let remote;
before(async () => ({ local, remote } = await runtimesToCompare()));
after(() => remote.terminate());

/** Play `source` to its end on `runtime`: every event (as objects), the states, the batches, the summary. */
async function play(runtime, source) {
  const run = runtime.runProgram(source, { instant: true });
  const seen = { events: [], states: [], batches: 0 };
  run.on('batch', (batch) => {
    seen.batches += 1;
    seen.events.push(...batch);
  });
  run.on('state', (state) => seen.states.push(state));
  run.start();
  seen.summary = await run.done;
  seen.state = run.state;
  return seen;
}

test('a program played in the worker: the same events, states and summary as on this thread', async () => {
  const names = readdirSync(PROGRAMS).filter((name) => name.endsWith('.py'));
  assert.ok(names.length >= 20);
  const syntaxError = 'import asyncio\n\nasync def main(:\n    pass\n';
  for (const [name, source] of [...names.map((n) => [n, program(n)]), ['a SyntaxError', syntaxError]]) {
    const there = await play(remote, source);
    const here = await play(local, source);
    assert.deepEqual(there.events, here.events, name);
    assert.deepEqual(there.states, here.states, name);
    assert.equal(there.state, here.state, name);
    assert.deepEqual(there.summary, here.summary, name);
  }
});

test('the ProgramBatch from the worker reads in place: kinds, tasks, texts, the ending', async () => {
  const run = remote.runProgram(program('opposite_order_lock.py'), { instant: true });
  const read = [];
  run.on('batch', (batch) => {
    for (let i = 0; i < batch.length; i++) read.push([batch.kind(i), batch.task(i), batch.time(i), batch.text(i)]);
    if (batch.waiting) read.push(['stuck', batch.waiting]);
  });
  run.start();
  await run.done;
  const here = local.simulateProgram(program('opposite_order_lock.py'));
  assert.deepEqual(
    read.filter(([kind]) => kind !== 'stuck').map(([kind]) => kind),
    here.events.map((e) => e.event),
  );
  assert.deepEqual(read.at(-1), ['stuck', ['Task-1', 'Task-2', 'Task-3']]);
  const prints = read.filter(([kind]) => kind === 'print').map(([, , , text]) => text);
  assert.deepEqual(prints, here.output.trimEnd().split('\n'));
  assert.equal(run.state, 'deadlock');
});

test('10,000 tasks: every event arrives in several batches, each word sent once', async () => {
  const source = lessonSource(10_000, { duration: 1 });
  const there = await play(remote, source);
  const here = local.simulateProgram(source);
  assert.ok(there.batches > 1, `${there.batches} batches`);
  assert.equal(there.events.length, here.events.length);
  assert.deepEqual(there.events, here.events);
  assert.equal(there.summary.output, here.output);
  assert.equal(there.summary.tasks.length, 10_003); // the lesson's tasks, main, and asyncio.run's two closing tasks
  assert.deepEqual(there.summary.tasks, here.tasks);
  assert.ok(remote.heapBytes() > 0, 'the worker reports its memory');
});

test("a gather of 40,000 tasks: its one iteration's events reach the page as several messages, none over MESSAGE_EVENTS", async () => {
  // The page reads each message in a task of its own: one of 100,000 events took it 70-126 ms.
  const source = lessonSource(40_000, { duration: 1 });
  const run = remote.runProgram(source, { instant: true });
  const sizes = [];
  const events = [];
  run.on('batch', (batch) => {
    sizes.push(batch.length);
    events.push(...batch);
  });
  run.start();
  const summary = await run.done;
  const here = local.simulateProgram(source);
  assert.ok(Math.max(...sizes) <= MESSAGE_EVENTS, `the biggest message had ${Math.max(...sizes)} events`);
  assert.deepEqual(events, here.events);
  assert.deepEqual(summary.tasks, here.tasks);
  assert.equal(summary.output, here.output);
});

test('a reset mid-run drops what the worker had in flight; the run again reports exactly its own events', async () => {
  const source = lessonSource(20_000, { duration: 1 });
  const run = remote.runProgram(source, { instant: true });
  const events = [];
  await new Promise((resolve) => {
    const stop = run.on('batch', () => {
      stop();
      run.reset();
      resolve();
    });
    run.start();
  });
  run.on('batch', (batch) => events.push(...batch));
  run.start();
  const summary = await run.done;
  assert.deepEqual(events, local.simulateProgram(source).events);
  assert.equal(summary.counts.created, 20_003);
  assert.equal(summary.tasks.length, 20_003);
});

test('pause and step in the worker: one loop iteration per step, as on this thread', async () => {
  const source = program('lesson.py');
  const steps = async (runtime) => {
    const run = runtime.runProgram(source);
    const counts = [];
    let n = 0;
    run.on('batch', (batch) => (n += batch.length));
    for (let i = 0; i < 4; i++) {
      run.step();
      // the worker's batch for this step arrives by message
      await new Promise((resolve) => setTimeout(resolve, runtime === remote ? 50 : 0));
      counts.push(n);
    }
    run.dispose();
    return counts;
  };
  assert.deepEqual(await steps(remote), await steps(local));
});

test('simulateProgram, compare and the page requests resolve with what the runtime on this thread returns', async () => {
  const source = program('lesson.py');
  assert.deepEqual(await remote.simulateProgram(source), local.simulateProgram(source));
  assert.deepEqual(await remote.compare(source, [1, 2, null]), local.compare(source, [1, 2, null]));
  const scenario = { permits: 2, tasks: 5, duration: 1 };
  assert.deepEqual(await remote.compare(scenario, [1, 3]), local.compare(scenario, [1, 3]));
  assert.deepEqual(await remote.programQuestion('peak', source), makeProgramQuestion('peak', local.simulateProgram(source)));
  assert.deepEqual(
    await remote.programComparison(source, [1, 2, null]),
    programComparison((text) => local.simulateProgram(text), source, [1, 2, null]),
  );
});

test('errors arrive as the runtime on this thread throws them: same class, same message', async () => {
  const cases = [
    () => ['compare', 'import asyncio\nx = (\n', [1]],
    () => ['compare', program('lesson.py'), []],
    () => ['compare', { permits: -1, tasks: 3 }, [1]],
    () => ['compare', program('lock.py'), [1]],
  ];
  for (const make of cases) {
    const [method, ...args] = make();
    let thrown;
    try {
      local[method](...args);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown, `${JSON.stringify(args[0])} throws here`);
    await assert.rejects(remote[method](...args), (error) => {
      assert.equal(error.constructor, thrown.constructor);
      assert.equal(error.message, thrown.message);
      assert.equal(error.field, thrown.field);
      return true;
    });
  }
  await assert.rejects(remote.programQuestion('peak', 'import asyncio\n'), /no Semaphore or Lock to ask about/);
  assert.throws(() => remote.runProgram(42), TypeError);
  await assert.rejects(remote.simulateProgram(42), TypeError);
});

test("a program past the memory limit ends with the interpreter's one-line message; the worker runs the next one", async () => {
  const big = new WorkerRuntime(nodeWorker());
  try {
    const run = big.runProgram(lessonSource(1_000_000, { duration: 1 }), { instant: true });
    let last = null;
    run.on('batch', (batch) => (last = batch.at(batch.length - 1)));
    run.start();
    const summary = await run.done;
    assert.equal(run.state, 'done');
    assert.equal(summary.exitStatus, 1);
    // The line it stopped at: the gather making the millionth task (the editor marks it).
    const limit = 'the playground stopped the program when its objects passed the memory limit of 256 MB (line 12)';
    assert.equal(summary.error, `${limit}\n`);
    assert.deepEqual(last, { t: null, event: 'stopped', text: limit });
    assert.ok(big.heapBytes() > MAX_KEPT_HEAP_BYTES, `${big.heapBytes()} bytes: the page replaces such a worker`);
    assert.equal((await big.simulateProgram(program('lesson.py'))).exitStatus, 0);
  } finally {
    big.terminate();
  }
});

test('a worker that was ended fails what is asked of it, at once and with a reason', async () => {
  const ended = new WorkerRuntime(nodeWorker());
  assert.equal(await ended.ready, true);
  ended.terminate();
  await assert.rejects(ended.simulateProgram('print(1)\n'), /worker was ended/);
});

test('warmUpPrograms runs the lesson in the worker ahead of need: null once done, and programs run there as before', async (t) => {
  const worker = new WorkerRuntime(nodeWorker());
  t.after(() => worker.terminate());
  assert.equal(await worker.ready, true);
  assert.equal(await worker.warmUpPrograms(), null);
  const source = program('opposite_order_lock.py');
  assert.deepEqual(await worker.simulateProgram(source), local.simulateProgram(source));
});

test(
  "a request the worker does not know rejects with the worker's error, not left pending; the worker answers the next",
  { timeout: 20_000 },
  async (t) => {
    // A page newer than its worker: two of its requests reach the worker under names it has no
    // request for, one of them a property every object has.
    const renamed = new Map([
      ['warmUpPrograms', 'x'],
      ['programQuestion', 'toString'],
    ]);
    const inner = nodeWorker();
    const skewed = {
      ...inner,
      postMessage: (message, transfer) =>
        inner.postMessage({ ...message, method: renamed.get(message.method) ?? message.method }, transfer),
    };
    const worker = new WorkerRuntime(skewed);
    t.after(() => worker.terminate());
    assert.equal(await worker.ready, true);
    await assert.rejects(worker.warmUpPrograms(), { name: 'Error', message: "unknown request 'x'" });
    await assert.rejects(worker.programQuestion(1, 'print(1)\n'), { name: 'Error', message: "unknown request 'toString'" });
    const source = program('opposite_order_lock.py');
    assert.deepEqual(await worker.simulateProgram(source), local.simulateProgram(source));
  },
);

// --- the page's program worker (program-host.mjs) ----------------------------------------------------

/** A stand-in for WorkerRuntime: its memory as told, and whether it was ended. */
function fakeWorker(heapBytes) {
  return {
    ready: Promise.resolve(true),
    heapBytes: () => heapBytes,
    ended: false,
    terminate() {
      this.ended = true;
    },
  };
}

test('the page keeps its warm program worker between runs, and ends one that holds much memory', async () => {
  const made = [];
  const sizes = [20e6, MAX_KEPT_HEAP_BYTES + 1, 20e6];
  const host = new ProgramHost(
    () => Promise.resolve(local),
    () => {
      made.push(fakeWorker(sizes[made.length]));
      return made.at(-1);
    },
  );
  host.warm();
  assert.equal(made.length, 1, 'warm() starts the worker ahead of the first run');
  assert.equal(await host.runtime(), made[0]);
  host.released();
  assert.equal(await host.runtime(), made[0], 'a small worker is reused');
  assert.equal(made.length, 1);
  made[0].heapBytes = () => MAX_KEPT_HEAP_BYTES + 1;
  host.released();
  assert.equal(made[0].ended, true, 'a big one is ended: its memory goes at once');
  assert.equal(await host.runtime(), made[1], 'and the next run gets a fresh one');
  host.dispose();
  assert.equal(made[1].ended, true);
});

test("where Worker does not exist, programs run on the page's own runtime", async () => {
  const host = new ProgramHost(
    () => Promise.resolve(local),
    () => null,
  );
  assert.equal(host.inWorker, false);
  assert.equal(await host.runtime(), local);
  assert.equal(await host.player(), local, 'a Run plays the whole program there, with no budget');
  const source = program('lesson.py');
  assert.deepEqual(await host.question('peak', source), makeProgramQuestion('peak', local.simulateProgram(source)));
  assert.deepEqual(
    await host.comparison(source, [1, null]),
    programComparison((text) => local.simulateProgram(text), source, [1, null]),
  );
});

test("a worker that cannot start is not tried again: programs run on the page's runtime", async () => {
  let made = 0;
  const host = new ProgramHost(
    () => Promise.resolve(local),
    () => {
      made += 1;
      return { ...fakeWorker(0), ready: Promise.resolve(false) };
    },
  );
  assert.equal(await host.runtime(), local);
  assert.equal(await host.runtime(), local);
  assert.equal(made, 1);
});

// The steps alone decide here (maxMs 0): a loaded test machine cannot move a program to the worker.
const STEPS_ONLY = { maxSteps: 100_000, maxMs: 0 };

/** A ProgramHost over the real worker, recording the programs the worker and the page's runtime were asked to run. */
function spiedHost() {
  const asked = [];
  const onPage = [];
  const worker = {
    ...fakeWorker(0),
    runProgram(source, options) {
      asked.push(source);
      return remote.runProgram(source, options);
    },
  };
  const page = {
    runProgram(source, options) {
      onPage.push(source);
      return local.runProgram(source, options);
    },
  };
  return {
    asked,
    onPage,
    host: new ProgramHost(
      () => Promise.resolve(page),
      () => worker,
      STEPS_ONLY,
    ),
  };
}

/** Start `source` from the host's player; the events delivered by the time start() returned, and all of them at the end. */
async function playFromHost(host, source) {
  const run = (await host.player()).runProgram(source, { instant: true });
  const events = [];
  run.on('batch', (batch) => events.push(...batch.toArray()));
  run.start();
  const atStart = events.length;
  const summary = await run.done;
  await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more arrives after done
  return { atStart, events, summary };
}

test("a Run plays a program that ends within the page's budget from the page's own run, inside the press", async () => {
  const { asked, host } = spiedHost();
  const source = program('lesson.py');
  const { atStart, events, summary } = await playFromHost(host, source);
  assert.deepEqual(asked, [], 'the worker was not asked');
  const expected = local.simulateProgram(source);
  assert.equal(atStart, expected.events.length, 'every event was there when start() returned');
  assert.deepEqual(events, expected.events);
  assert.equal(summary.budget, false);
  assert.equal(summary.exitStatus, 0);
  assert.equal(summary.output, expected.output);
});

test('a program over the budget is played from the worker, from its first event: the attempt is never seen', async () => {
  const { asked, host } = spiedHost();
  const source = lessonSource(5_000); // 205,066 steps
  const { atStart, events, summary } = await playFromHost(host, source);
  assert.deepEqual(asked, [source]);
  assert.equal(atStart, 0);
  assert.deepEqual(events, local.simulateProgram(source).events);
  assert.equal(summary.budget, false);
  assert.equal(summary.exitStatus, 0);
});

test('a text tried ahead of Run (prepare) plays at once, or goes straight to the worker: the press runs nothing on the page', async () => {
  const { asked, onPage, host } = spiedHost();
  const small = program('lesson.py');
  const big = lessonSource(5_000);
  host.prepare(small);
  await new Promise((resolve) => setTimeout(resolve, 400)); // idle time (a 200 ms timer where requestIdleCallback is missing)
  assert.deepEqual(onPage, [small], 'tried once, ahead of Run');
  const played = await playFromHost(host, small);
  assert.equal(played.atStart, local.simulateProgram(small).events.length);
  assert.deepEqual(played.events, local.simulateProgram(small).events);
  assert.deepEqual(onPage, [small], 'the press ran nothing more on the page');
  assert.deepEqual(asked, []);

  host.prepare(big);
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.deepEqual(onPage, [small, big]);
  const over = await playFromHost(host, big);
  assert.deepEqual(onPage, [small, big], 'known to be over the budget: not tried again in the press');
  assert.deepEqual(asked, [big]);
  assert.deepEqual(over.events, local.simulateProgram(big).events);

  host.prepare('print("changed")\n');
  const other = await playFromHost(host, small); // Run before the new text was tried: the press tries it
  assert.deepEqual(other.events, played.events);
  assert.deepEqual(onPage.slice(0, 3), [small, big, small]); // (the new text is tried later, in idle time)
});
