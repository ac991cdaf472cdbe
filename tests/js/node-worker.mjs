// web/runtime-worker.mjs in a Node worker thread, behind the part of the Web Worker interface that
// WorkerRuntime uses (postMessage with transfer, 'message' and 'error' listeners, terminate), so the
// page's worker protocol is tested in Node, transfers included.
import { Worker } from 'node:worker_threads';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { WorkerRuntime } from '../../web/worker-runtime.mjs';

const SCRIPT = new URL('../../web/runtime-worker.mjs', import.meta.url).href;

// The worker thread's side: `self` as in a Web Worker. Its port keeps what the page sends until the
// script listens (a MessagePort starts delivering once it has a 'message' listener).
const BOOT = `
const { parentPort } = require('node:worker_threads');
globalThis.self = globalThis;
self.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
import(${JSON.stringify(SCRIPT)}).then(() => parentPort.on('message', (data) => self.onmessage({ data })));
`;

export function nodeWorker() {
  const worker = new Worker(BOOT, { eval: true });
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    addEventListener(type, listener) {
      if (type === 'message') worker.on('message', (data) => listener({ data }));
      else if (type === 'error') worker.on('error', (error) => listener({ message: error.message }));
    },
    terminate: () => worker.terminate(),
  };
}

/** A runtime on this thread and one in a worker thread, to compare: { local, remote } (end remote with terminate()). */
export async function runtimesToCompare() {
  return { local: await loadRuntime(), remote: new WorkerRuntime(nodeWorker()) };
}
