// A runtime in a Web Worker, with the same API as a loaded Runtime's createRun and runProgram
// (issue #12: huge runs must not block the page; issue #13: nor edited programs, whose size is
// unknown before they run). The worker (web/runtime-worker.mjs) drives the run; its events arrive
// here as transferred blocks of packed records, wrapped in EventBatch (a program's in ProgramBatch,
// program-wire.mjs), so the page's main thread only reads events, never runs the loop. Scenarios
// are checked here, so a bad one throws ScenarioError at once, as with a local runtime. What a
// local runtime returns at once (simulateProgram, compare, ...) arrives here as a promise.

import { EventBatch } from './event-batch.mjs';
import { checkBudget, withWords } from './program.mjs';
import { ProgramBatchUnpacker } from './program-wire.mjs';
import { RunListeners } from './run-listeners.mjs';
import { BUDGET_OPTIONS, PACE_OPTIONS, checkOptions, checkPace, checkPermitCounts, checkSource, checkStart } from './run-options.mjs';
import { normalizeScenario, ScenarioError } from './scenario.mjs';

const ENDED = new Set(['done', 'deadlock']);

/** A Run whose simulation lives in the worker. Same events and methods as driver.mjs's Run. */
class RemoteRun {
  #post;
  #program; // a program's run: its words arrive with its batches (null for a scenario's)
  #unpacker = null;
  #listeners = new RunListeners();
  #state = 'idle';
  #summary = null;
  #done;
  #resolve;
  #disposed = false;
  #epoch = 0; // bumped by reset(): messages the worker sent for an earlier epoch are stale
  #now = 0;

  /** `scenario` null: a program's run. */
  constructor(post, scenario) {
    this.#post = post;
    this.scenario = scenario;
    this.#program = scenario === null;
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

  start(options) {
    checkStart(options); // as a local run's (a worker's start runs in its own time: `now` changes nothing)
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
    this.#unpacker = null; // the next run's words start afresh
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
      if (this.#program) this.#unpacker ??= new ProgramBatchUnpacker();
      this.#listeners.deliver(this.#program ? this.#unpacker.unpack(message) : new EventBatch(message.records, message.waiting));
    } else if (message.type === 'state') {
      this.#changed(message.state, this.#program ? this.#withWords(message.summary) : message.summary);
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

  /** A program's summary with its tasks and primitives, which the worker does not send twice. */
  #withWords(summary) {
    return withWords({ ...summary }, this.#unpacker);
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

/** Options checked here, as a local runtime checks them, so a bad one throws now, not in the worker. */
function checkRunOptions(method, options, allowed) {
  const checked = checkOptions(method, options, allowed);
  checkPace(checked);
  return checked;
}

// Errors a worker's request may end with, rebuilt here so callers test them as with a local runtime.
const ERRORS = { RangeError, TypeError, SyntaxError };

function rebuild({ name, message, field }) {
  if (name === 'ScenarioError') return new ScenarioError(field, message);
  return new (ERRORS[name] ?? Error)(message);
}

export class WorkerRuntime {
  #worker;
  #runs = new Map();
  #requests = new Map(); // id -> { resolve, reject }
  #nextId = 1;
  #ready;
  #loaded;
  #heapBytes = 0;
  #failure = null;

  /** A runtime in `worker` (running web/runtime-worker.mjs); usable at once, it loads in the background. */
  /** `loaded`: the worker has already said it is ready (loadWorkerRuntime). */
  constructor(worker = new Worker(new URL('./runtime-worker.mjs', import.meta.url), { type: 'module' }), { loaded = false } = {}) {
    this.#worker = worker;
    this.#ready = new Promise((resolve) => {
      this.#loaded = resolve;
    });
    if (loaded) this.#loaded(true);
    worker.addEventListener('message', ({ data }) => {
      if (data.heapBytes !== undefined) this.#heapBytes = data.heapBytes;
      if (data.type === 'ready') this.#loaded(true);
      else if (data.type === 'fatal') this.#failAll(new Error(`the runtime could not start in a worker: ${data.message}`));
      else if (data.type === 'reply') this.#answered(data);
      else this.#runs.get(data.id)?.receive(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.#failAll(new Error(`the runtime's worker failed: ${event.message ?? 'it could not start'}`));
    });
  }

  /** Resolves true once the worker has loaded the runtime, false if it failed to. */
  get ready() {
    return this.#ready;
  }

  /** The worker's Wasm memory in bytes as it last reported it (it never shrinks: end the worker to free it). */
  heapBytes() {
    return this.#heapBytes;
  }

  #failAll(error) {
    this.#failure ??= error;
    this.#loaded(false);
    for (const run of this.#runs.values()) run.fail(error);
    for (const { reject } of this.#requests.values()) reject(error);
    this.#requests.clear();
  }

  /** A run driven in the worker (options as for Runtime.createRun; `timers` cannot cross threads). */
  createRun(input, options) {
    const scenario = normalizeScenario(input);
    return this.#create(scenario, { scenario }, checkRunOptions('createRun(scenario, options)', options, PACE_OPTIONS));
  }

  /**
   * A program run driven in the worker: the same run as Runtime.runProgram (events and batches,
   * state, pause, step, done with the program's summary), its batches ProgramBatches.
   */
  runProgram(source, options) {
    checkSource('runProgram(source)', source);
    options = checkRunOptions('runProgram(source, options)', options, [...PACE_OPTIONS, ...BUDGET_OPTIONS]);
    checkBudget(options); // a bad cap throws here, as with a local runtime
    return this.#create(null, { program: source }, options);
  }

  #create(scenario, what, { speed, instant, budgetMs, maxSteps, maxMs } = {}) {
    const id = this.#nextId++;
    const post = (method, args) => {
      this.#worker.postMessage({ type: 'call', id, method, args });
      if (method === 'dispose') this.#runs.delete(id);
    };
    const run = new RemoteRun(post, scenario);
    this.#runs.set(id, run);
    this.#worker.postMessage({ type: 'create', id, ...what, options: { speed, instant, budgetMs, maxSteps, maxMs } });
    if (this.#failure) queueMicrotask(() => run.fail(this.#failure));
    return run;
  }

  /** Runtime.simulateProgram in the worker: resolves with the same result. */
  simulateProgram(source, options) {
    // Checked here as a local runtime checks them: what cannot be copied to the worker (a function)
    // would fail in postMessage with a DataCloneError that names no option.
    return this.#checked(() => {
      checkSource('simulateProgram(source)', source);
      const given = checkOptions('simulateProgram(source, options)', options, BUDGET_OPTIONS);
      checkBudget(given);
      return this.#request('simulateProgram', source, given);
    });
  }

  /** Runtime.compare in the worker (a scenario or a program): resolves with the same rows, or rejects with the same error. */
  compare(input, permitCounts) {
    return this.#checked(() => {
      const what = typeof input === 'string' ? input : normalizeScenario(input);
      return this.#request('compare', what, checkPermitCounts(permitCounts));
    });
  }

  /** makeProgramQuestion(id, runtime.simulateProgram(source)), run in the worker: resolves with the question. */
  programQuestion(id, source) {
    return this.#checked(() => this.#request('programQuestion', id, checkSource('programQuestion(id, source)', source)));
  }

  /**
   * The page's comparison of a program (web/ui/compare-view.mjs programComparison): rows and each
   * count's queue over time, or { problem } in words.
   */
  programComparison(source, permitCounts) {
    return this.#request('programComparison', source, permitCounts); // its problems come back as { problem }
  }

  /**
   * Run the lesson once in the worker, so that the engine has optimised the interpreter before the
   * first program of yours runs there (for a host that will run large programs; about 25-120 ms of
   * the worker's time, none of the page's). Resolves with null once done.
   */
  warmUpPrograms() {
    return this.#request('warmUpPrograms');
  }

  /** What `request()` returns, or a promise rejected with what it threw (a bad argument). */
  #checked(request) {
    try {
      return request();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #request(method, ...args) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#requests.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'request', id, method, args });
    });
  }

  #answered({ id, result, error }) {
    const request = this.#requests.get(id);
    this.#requests.delete(id);
    if (error) request?.reject(rebuild(error));
    else request?.resolve(result);
  }

  /** Stop the worker: every run ends with it, and what was asked of it fails. */
  terminate() {
    this.#worker.terminate();
    this.#runs.clear();
    this.#failAll(new Error("the runtime's worker was ended"));
  }
}

/** Start a worker and wait until the runtime has loaded in it. Browsers only (module workers). */
export function loadWorkerRuntime({ workerUrl = new URL('./runtime-worker.mjs', import.meta.url) } = {}) {
  const worker = new Worker(workerUrl, { type: 'module' });
  return new Promise((resolve, reject) => {
    const first = ({ data }) => {
      worker.removeEventListener('message', first);
      if (data.type === 'ready') resolve(new WorkerRuntime(worker, { loaded: true }));
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
