// The runtime in a Web Worker: a Run per 'create' message (a scenario's, or with `program` an edited
// program's), driven here, its batches of packed records posted (transferred, not copied) to the
// page; and the whole-program requests the page must not run on its own thread (issue #13). The page
// side is web/worker-runtime.mjs; this file only relays the public API over messages.
//
// In:  { type: 'create', id, scenario, options } | { type: 'create', id, program, options }
//      | { type: 'call', id, method, args } | { type: 'request', id, method, args }
// Out: { type: 'ready' } | { type: 'fatal', message }
//      | { type: 'batch', id, epoch, records, waiting, now }             (a scenario's)
//      | { type: 'batch', id, epoch, records, words, ending, now }       (a program's: program-wire.mjs)
//      | { type: 'state', id, epoch, state, summary, heapBytes } | { type: 'error', id, epoch, message, wasm }
//      | { type: 'reply', id, result, heapBytes } | { type: 'reply', id, error: { name, message, field }, heapBytes }
// A run's epoch counts its resets (reset's argument), so the page can drop what was in flight.

import { programText, pythonProgram } from './lesson-program.mjs';
import { loadRuntime } from './loader.mjs';
import { makeProgramQuestion } from './predict.mjs';
import { ProgramBatchPacker } from './program-wire.mjs';
import { workerTimers } from './worker-timers.mjs';

const CALLS = new Set(['start', 'pause', 'resume', 'step', 'reset', 'setSpeed', 'dispose']);
const runs = new Map(); // id -> { run, epoch }

// A worker that will run learners' programs runs the lesson once at this size when asked
// (WorkerRuntime.warmUpPrograms), while the learner still types: V8 then compiles the interpreter's
// hot functions with its optimising tier, instead of during the first big Run, where on a two-core
// machine that compiling (1.5 s of CPU at 100,000 tasks) took the cores the page needs to draw
// (bench/README.md, eleventh round). 1,000 tasks left a third of it to the Run.
const WARM_UP_TASKS = 3000;

// What a 'request' may ask, each a function of the runtime (WorkerRuntime's async methods).
const REQUESTS = {
  warmUpPrograms: (runtime) => {
    runtime.simulateProgram(programText(pythonProgram({ permits: 3, tasks: WARM_UP_TASKS, duration: 0, bounded: false })));
    return null;
  },
  simulateProgram: (runtime, source, options) => runtime.simulateProgram(source, options),
  compare: (runtime, input, counts) => runtime.compare(input, counts),
  programQuestion: (runtime, id, source) => makeProgramQuestion(id, runtime.simulateProgram(source)),
  programComparison: async (runtime, source, counts) => {
    const { programComparison } = await import('./ui/compare-view.mjs'); // only a comparison needs the view's figures
    return programComparison((text) => runtime.simulateProgram(text), source, counts);
  },
};

function relay(runtime, id, entry) {
  const { run } = entry;
  const packer = run.scenario === null ? new ProgramBatchPacker() : null;
  run.on('batch', (batch) => {
    const common = { type: 'batch', id, epoch: entry.epoch };
    if (packer) {
      for (const { message, transfer } of packer.pack(batch, run.now())) self.postMessage({ ...common, ...message }, transfer);
    } else {
      const records = batch.records();
      self.postMessage({ ...common, now: run.now(), records, waiting: batch.waiting }, [records]);
    }
  });
  // The summary rides with every state, so the page's summary() is as fresh as its state. A
  // program's tasks and primitives are not sent again: the page has them from the batches' words.
  run.on('state', (state) => {
    const summary = run.summary();
    if (packer) {
      delete summary.tasks;
      delete summary.primitives;
    }
    self.postMessage({ type: 'state', id, epoch: entry.epoch, state, summary, heapBytes: runtime.heapBytes() });
  });
  run.on('error', (error) => {
    const wasm = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ type: 'error', id, epoch: entry.epoch, message: String(error?.message ?? error), wasm });
  });
}

// Every request is answered, one the worker does not know (a page newer than its worker) with an
// error: left unanswered, the caller's promise would never settle.
async function answer(runtime, { id, method, args }) {
  try {
    if (!Object.hasOwn(REQUESTS, method)) throw new Error(`unknown request '${method}'`);
    const result = await REQUESTS[method](runtime, ...args);
    self.postMessage({ type: 'reply', id, result, heapBytes: runtime.heapBytes() });
  } catch (thrown) {
    const error = { name: thrown?.name ?? 'Error', message: String(thrown?.message ?? thrown), field: thrown?.field };
    self.postMessage({ type: 'reply', id, error, heapBytes: runtime.heapBytes() });
  }
}

function receive(runtime, message) {
  const { type, id, scenario, program, options, method, args } = message;
  if (type === 'request') return answer(runtime, message);
  if (type === 'create') {
    // Nothing paints here: a run yields between its slices without a (clamped) timer.
    const paced = { ...options, timers: workerTimers };
    const run = program !== undefined ? runtime.runProgram(program, paced) : runtime.createRun(scenario, paced);
    const entry = { run, epoch: 0 };
    runs.set(id, entry);
    relay(runtime, id, entry);
    return undefined;
  }
  const entry = runs.get(id);
  if (type !== 'call' || !CALLS.has(method) || !entry) return undefined;
  if (method === 'reset') {
    entry.epoch = args[0]; // the state change reset() announces already belongs to the new epoch
    entry.run.reset();
  } else {
    entry.run[method](...(args ?? []));
  }
  if (method === 'dispose') runs.delete(id);
  return undefined;
}

const runtime = loadRuntime();
runtime.then(
  (loaded) => self.postMessage({ type: 'ready', heapBytes: loaded.heapBytes() }),
  (error) => self.postMessage({ type: 'fatal', message: String(error?.message ?? error) }),
);
// Listening at once: messages sent while the runtime loads wait for it, in order.
let queue = runtime;
self.onmessage = ({ data }) => {
  queue = queue.then(async (loaded) => {
    await receive(loaded, data);
    return loaded;
  });
  queue.catch(() => {}); // a failed load was reported as 'fatal'
};
