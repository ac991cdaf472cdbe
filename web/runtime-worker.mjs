// The runtime in a Web Worker: a Run per 'create' message, driven here, its batches of packed
// records posted (transferred, not copied) to the page. The page side is web/worker-runtime.mjs;
// this file only relays the public API (loadRuntime, createRun, Run) over messages.
//
// In:  { type: 'create', id, scenario, options } | { type: 'call', id, method, args }
// Out: { type: 'ready' } | { type: 'fatal', message }
//      | { type: 'batch', id, epoch, records, waiting, now } | { type: 'state', id, epoch, state, summary }
//      | { type: 'error', id, epoch, message, wasm }
// A run's epoch counts its resets (reset's argument), so the page can drop what was in flight.

import { loadRuntime } from './loader.mjs';

const CALLS = new Set(['start', 'pause', 'resume', 'step', 'reset', 'setSpeed', 'dispose']);
const runs = new Map(); // id -> { run, epoch }

function relay(id, entry) {
  const { run } = entry;
  run.on('batch', (batch) => {
    const records = batch.records();
    self.postMessage({ type: 'batch', id, epoch: entry.epoch, records, waiting: batch.waiting, now: run.now() }, [records]);
  });
  // The summary rides with every state, so the page's summary() is as fresh as its state.
  run.on('state', (state) => self.postMessage({ type: 'state', id, epoch: entry.epoch, state, summary: run.summary() }));
  run.on('error', (error) => {
    const wasm = error instanceof WebAssembly.RuntimeError;
    self.postMessage({ type: 'error', id, epoch: entry.epoch, message: String(error?.message ?? error), wasm });
  });
}

function receive(runtime, { type, id, scenario, options, method, args }) {
  if (type === 'create') {
    const entry = { run: runtime.createRun(scenario, options), epoch: 0 };
    runs.set(id, entry);
    relay(id, entry);
    return;
  }
  const entry = runs.get(id);
  if (type !== 'call' || !CALLS.has(method) || !entry) return;
  if (method === 'reset') {
    entry.epoch = args[0]; // the state change reset() announces already belongs to the new epoch
    entry.run.reset();
  } else {
    entry.run[method](...(args ?? []));
  }
  if (method === 'dispose') runs.delete(id);
}

const runtime = loadRuntime();
runtime.then(
  () => self.postMessage({ type: 'ready' }),
  (error) => self.postMessage({ type: 'fatal', message: String(error?.message ?? error) }),
);
// Listening at once: messages sent while the runtime loads wait for it, in order.
let queue = runtime;
self.onmessage = ({ data }) => {
  queue = queue.then((loaded) => {
    receive(loaded, data);
    return loaded;
  });
  queue.catch(() => {}); // a failed load was reported as 'fatal'
};
