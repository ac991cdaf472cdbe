// A Web Worker that runs the runtime for the page's huge runs, so a million tasks never block the
// page: it produces one run at instant speed through the public API and posts each batch of packed
// event records (transferred, not copied) with the virtual time reached. The page's WorkerRun
// (worker-run.mjs) turns the messages back into the same 'batch', 'error' and done events.

import { loadRuntime } from '../semaphore-playground.mjs';
import { EVENT_BYTES } from '../event-batch.mjs';
import { EVENT_KINDS } from '../format.mjs';

const runtime = loadRuntime();

/** The batch's records, packed as they left Wasm (f64 time, i32 task, i32 kind). */
function pack(batch) {
  const buffer = new ArrayBuffer(batch.length * EVENT_BYTES);
  const f64 = new Float64Array(buffer);
  const i32 = new Int32Array(buffer);
  for (let i = 0; i < batch.length; i++) {
    f64[i * 2] = batch.time(i);
    i32[i * 4 + 2] = batch.task(i);
    i32[i * 4 + 3] = EVENT_KINDS.indexOf(batch.kind(i));
  }
  return buffer;
}

self.onmessage = async ({ data }) => {
  if (data.type !== 'start') return;
  try {
    const run = (await runtime).createRun(data.scenario, { instant: true });
    run.on('batch', (batch) => {
      const records = pack(batch);
      self.postMessage({ type: 'batch', records, waiting: batch.waiting, now: run.now() }, [records]);
    });
    run.on('error', (error) => self.postMessage({ type: 'error', message: error.message, wasm: error instanceof WebAssembly.RuntimeError }));
    run.done.then((summary) => self.postMessage({ type: 'done', summary }));
    run.start();
  } catch (error) {
    self.postMessage({ type: 'error', message: error.message, wasm: false });
  }
};
