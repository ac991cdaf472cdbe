// A runtime in a Web Worker, with the same API as a loaded Runtime's createRun (issue #12: huge runs
// must not block the page). The worker (web/runtime-worker.mjs) drives the run; its events arrive
// here as transferred blocks of packed records, wrapped in EventBatch, so the page's main thread
// only reads events, never runs the loop. Scenarios are checked here, so a bad one throws
// ScenarioError at once, as with a local runtime.

import { EventBatch } from './event-batch.mjs';
import { RunListeners } from './run-listeners.mjs';
import { normalizeScenario } from './scenario.mjs';

const ENDED = new Set(['done', 'deadlock']);

/** A Run whose simulation lives in the worker. Same events and methods as driver.mjs's Run. */
class RemoteRun {
  #post;
  #listeners = new RunListeners();
  #state = 'idle';
  #summary = null;
  #done;
  #resolve;
  #disposed = false;
  #epoch = 0; // bumped by reset(): messages the worker sent for an earlier epoch are stale
  #now = 0;

  constructor(post, scenario) {
    this.#post = post;
    this.scenario = scenario;
    this.#newCompletion();
  }

  get state() {
    return this.#state;
  }
  get done() {
    return this.#done;
  }
  get disposed() {
    return this.#disposed;
  }

  on(type, listener) {
    return this.#listeners.on(type, listener);
  }

  start() {
    this.#call('start');
  }
  pause() {
    this.#call('pause');
  }
  resume() {
    this.#call('resume');
  }
  step() {
    this.#call('step');
  }
  setSpeed(speed) {
    this.#call('setSpeed', speed);
  }
  /** Back to idle at once: what the worker still sends for the old run is dropped. */
  reset() {
    this.#epoch += 1;
    this.#call('reset', this.#epoch);
    this.#state = 'idle';
    this.#newCompletion();
  }
  dispose() {
    if (this.#disposed) return;
    this.#post('dispose');
    this.#disposed = true;
    this.#state = 'idle';
  }
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.dispose();
  }
  summary() {
    return this.#summary;
  }
  /** The virtual time the worker's run has reached: every event before it has arrived. */
  now() {
    return this.#now;
  }

  /** A message from the worker for this run. */
  receive(message) {
    if (this.#disposed || message.epoch !== this.#epoch) return;
    if (message.type === 'batch') {
      this.#now = message.now;
      this.#listeners.deliver(new EventBatch(message.records, message.waiting));
    } else if (message.type === 'state') {
      this.#changed(message.state, message.summary);
    } else if (message.type === 'error') {
      this.fail(message.wasm ? new WebAssembly.RuntimeError(message.message) : new Error(message.message));
    }
  }

  /** The run failed (in the worker, or the worker itself): 'error' listeners hear it, state 'error'. */
  fail(error) {
    if (this.#disposed) return;
    this.#listeners.emit('error', error);
    this.#changed('error', this.#summary);
  }

  #call(method, ...args) {
    if (this.#disposed) throw new Error('this run was disposed: create a new one with runtime.createRun()');
    this.#post(method, args);
  }

  #changed(state, summary) {
    this.#state = state;
    this.#summary = summary;
    this.#listeners.emit('state', state);
    if (ENDED.has(state)) this.#resolve(summary);
  }

  #newCompletion() {
    this.#done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }
}

export class WorkerRuntime {
  #worker;
  #runs = new Map();
  #nextId = 1;

  /** A runtime in `worker` (running web/runtime-worker.mjs); usable at once, it loads in the background. */
  constructor(worker = new Worker(new URL('./runtime-worker.mjs', import.meta.url), { type: 'module' })) {
    this.#worker = worker;
    worker.addEventListener('message', ({ data }) => {
      if (data.type === 'fatal') this.#failAll(new Error(`the runtime could not start in a worker: ${data.message}`));
      else this.#runs.get(data.id)?.receive(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.#failAll(new Error(`the runtime's worker failed: ${event.message ?? 'it could not start'}`));
    });
  }

  #failAll(error) {
    for (const run of this.#runs.values()) run.fail(error);
  }

  /** A run driven in the worker (options as for Runtime.createRun; `timers` cannot cross threads). */
  createRun(input, { speed, instant, budgetMs } = {}) {
    const scenario = normalizeScenario(input);
    const id = this.#nextId++;
    const post = (method, args) => {
      this.#worker.postMessage({ type: 'call', id, method, args });
      if (method === 'dispose') this.#runs.delete(id);
    };
    const run = new RemoteRun(post, scenario);
    this.#runs.set(id, run);
    this.#worker.postMessage({ type: 'create', id, scenario, options: { speed, instant, budgetMs } });
    return run;
  }

  /** Stop the worker: every run ends with it. */
  terminate() {
    this.#worker.terminate();
    this.#runs.clear();
  }
}

/** Start a worker and wait until the runtime has loaded in it. Browsers only (module workers). */
export function loadWorkerRuntime({ workerUrl = new URL('./runtime-worker.mjs', import.meta.url) } = {}) {
  const worker = new Worker(workerUrl, { type: 'module' });
  return new Promise((resolve, reject) => {
    const first = ({ data }) => {
      worker.removeEventListener('message', first);
      if (data.type === 'ready') resolve(new WorkerRuntime(worker));
      else {
        worker.terminate();
        reject(new Error(`the runtime could not start in a worker: ${data.message}`));
      }
    };
    worker.addEventListener('message', first);
    worker.addEventListener(
      'error',
      (event) => reject(new Error(`the runtime worker failed to load: ${event.message ?? 'unknown error'}`)),
      { once: true },
    );
  });
}
