// The page's side of runtime-worker.mjs: the part of the public Run the playback session uses
// (on('batch' | 'error'), done, start(), now(), reset()), with the runtime in a Web Worker. reset()
// ends the worker, which frees its Wasm memory at once.

import { EventBatch } from '../event-batch.mjs';

const WORKER_URL = new URL('./runtime-worker.mjs', import.meta.url);

export class WorkerRun {
  #scenario;
  #worker = null;
  #listeners = { batch: new Set(), error: new Set() };
  #now = 0;
  #resolve;
  done = new Promise((resolve) => { this.#resolve = resolve; });

  constructor(scenario) {
    this.#scenario = scenario;
  }

  on(type, listener) {
    this.#listeners[type].add(listener);
    return () => this.#listeners[type].delete(listener);
  }

  start() {
    this.#worker = new Worker(WORKER_URL, { type: 'module' });
    this.#worker.onmessage = ({ data }) => this.#message(data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`the runtime's worker failed: ${event.message ?? 'it could not start'}`));
    };
    this.#worker.postMessage({ type: 'start', scenario: this.#scenario });
  }

  /** Every event before this virtual time has been delivered. */
  now() {
    return this.#now;
  }

  reset() {
    this.#worker?.terminate();
    this.#worker = null;
  }

  #message(data) {
    if (!this.#worker) return;
    if (data.type === 'batch') {
      this.#now = data.now;
      const batch = new EventBatch(data.records, data.waiting);
      for (const listener of this.#listeners.batch) listener(batch);
    } else if (data.type === 'done') {
      this.#now = data.summary.endTime;
      this.#resolve(data.summary);
      this.reset();
    } else if (data.type === 'error') {
      this.#fail(data.wasm ? new WebAssembly.RuntimeError(data.message) : new Error(data.message));
    }
  }

  #fail(error) {
    this.reset();
    for (const listener of this.#listeners.error) listener(error);
  }
}
