// A program of the playground's Python, run step by step by the interpreter in Wasm
// (wasm/program_bindings.cpp, ProgramRun): the program's counterpart of simulation.mjs, with the
// same face towards the driver (driver.mjs), so a program plays on host timers like a scenario.
//
// Its events are the views' vocabulary (python/program_trace.hpp): tasks created and ended, each
// wait on a Semaphore, Lock or Event, each release, each printed line. They are read in bulk as
// packed records (PROGRAM_EVENT_RECORD); the words they refer to (task names, printed text, the
// primitives) arrive as JSON, only what is new since the last take.

import { PROGRAM_EVENT_KINDS, PROGRAM_EVENT_RECORD } from './contract.mjs';

const BYTES = PROGRAM_EVENT_RECORD.bytes;
const F64 = BYTES / 8;
const I32 = BYTES / 4;
const KIND = Object.freeze(Object.fromEntries(PROGRAM_EVENT_KINDS.map((name, i) => [name, i])));
const WITH_PRIMITIVE = new Set(['waiting', 'acquired', 'gave_up', 'released', 'set', 'woken']);

/**
 * What the events' numbers refer to, growing as the run goes: tasks [{ name, function }] and
 * primitives [{ id, type, name, initial, line }] by id - 1, and texts by index.
 */
export class ProgramWords {
  tasks = [];
  primitives = [];
  texts = [];
  #lines;

  constructor(source) {
    this.#lines = source.split('\n');
  }

  add(json) {
    const words = JSON.parse(json);
    for (const [name, fn] of words.tasks) this.tasks.push({ name, function: fn });
    for (const [type, initial, line] of words.primitives) {
      const id = this.primitives.length + 1;
      this.primitives.push({ id, type, name: this.#nameAt(line, type, id), initial, line });
    }
    for (const text of words.texts) this.texts.push(text);
  }

  /** The name the program gives a primitive: the target of the assignment on its line ("sem"). */
  #nameAt(line, type, id) {
    const match = /^\s*([A-Za-z_][\w.]*(?:\[[^\]]*\])?)\s*=[^=]/.exec(this.#lines[line - 1] ?? '');
    return match ? match[1] : `${type} #${id}`;
  }
}

/**
 * A batch of program events, read in place like an EventBatch: time(i), task(i), kind(i), at(i),
 * toArray(). An ending (deadlock, uncaught exception, the playground stopping the program) is the
 * batch's last event, as an object.
 */
export class ProgramBatch {
  #f64;
  #i32;
  #records;
  #ending;

  constructor(records, words, ending = null) {
    this.#records = records.byteLength / BYTES;
    this.#f64 = new Float64Array(records);
    this.#i32 = new Int32Array(records);
    this.words = words;
    this.#ending = ending;
  }

  get length() {
    return this.#records + (this.#ending ? 1 : 0);
  }
  /** Stuck task names when this batch ends in a deadlock, else null. */
  get waiting() {
    return this.#ending?.event === 'deadlock' ? this.#ending.tasks.map((t) => t.name) : null;
  }
  /** Virtual time of event i; null outside an event loop. */
  time(i) {
    if (i >= this.#records) return this.#ending.t;
    const t = this.#f64[i * F64];
    return t < 0 ? null : t;
  }
  /** Task id (1 = Task-1) of event i; 0 for the module's code and for an ending. */
  task(i) {
    return i < this.#records ? this.#i32[i * I32 + 2] : 0;
  }
  kind(i) {
    return i < this.#records ? PROGRAM_EVENT_KINDS[this.#i32[i * I32 + 3]] : this.#ending.event;
  }
  /** Primitive id (1-based) of event i, 0 if none. */
  primitive(i) {
    return i < this.#records ? this.#i32[i * I32 + 4] : 0;
  }
  /** The primitive's value after event i; for a print or a failure, its text's index. */
  detail(i) {
    return i < this.#records ? this.#i32[i * I32 + 5] : 0;
  }
  /** The text of a print or a failure (or of an ending), else null. */
  text(i) {
    if (i >= this.#records) return this.#ending.text ?? null;
    const kind = this.#i32[i * I32 + 3];
    return kind === KIND.print || kind === KIND.failed ? this.words.texts[this.detail(i)] : null;
  }

  /** Event i as a plain object (the shape documented in README "Programs"). */
  at(i) {
    if (i >= this.#records) return { ...this.#ending };
    const event = this.kind(i);
    const id = this.task(i);
    const out = { t: this.time(i), event, task: id ? this.words.tasks[id - 1].name : null };
    if (event === 'created') out.function = this.words.tasks[id - 1].function;
    else if (WITH_PRIMITIVE.has(event)) {
      out.primitive = this.primitive(i);
      out.value = this.detail(i);
    } else if (event === 'print' || event === 'failed') out.text = this.text(i);
    return out;
  }

  toArray() {
    const events = new Array(this.length);
    for (let i = 0; i < this.length; i++) events[i] = this.at(i);
    return events;
  }

  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** The ending of a finished program as an event, or null when it simply finished. */
function endingOf(raw) {
  if (raw.deadlock) return { t: raw.time, event: 'deadlock', tasks: raw.stuck };
  if (raw.final !== null) return { t: null, event: 'exception', text: raw.final };
  // Not Python's ending: the playground refused the program or stopped it (step or memory limit).
  if (raw.exit !== 0) return { t: null, event: 'stopped', text: raw.error.trimEnd() };
  return null;
}

export class ProgramSimulation {
  #module;
  #run;
  #words;
  #ending = null; // result_json of the ended program, parsed
  #endingTaken = false;
  #counts = { created: 0, finished: 0, failed: 0, cancelled: 0 };
  #holders = []; // per primitive: how many tasks hold it now
  #peak = 0;
  #time = 0;

  constructor(module, source) {
    if (typeof source !== 'string') throw new TypeError('a program must be a string of Python source');
    this.#module = module;
    this.#words = new ProgramWords(source);
    this.#run = new module.ProgramRun(source);
  }

  get words() {
    return this.#words;
  }
  get time() {
    return this.#run ? this.#run.time() : this.#time;
  }
  hasReady() {
    return this.#run ? this.#run.hasReady() : false;
  }
  nextDeadline() {
    const t = this.#run ? this.#run.nextDeadline() : -1;
    return t < 0 ? null : t;
  }
  advanceTo(t) {
    this.#run?.advanceTo(t);
  }
  /** One unit of work: the module's code up to asyncio.run(), or one loop iteration. */
  runOnce() {
    if (this.#run && !this.#run.ended()) this.#run.advance();
    return true;
  }
  /** Like runOnce, jumping to the next deadline first when nothing is ready. */
  runIteration() {
    if (!this.#run || this.#run.ended()) return false;
    return this.#run.advance();
  }
  done() {
    return this.#ended() && !this.#result().deadlock;
  }
  deadlocked() {
    if (this.#run && !this.#run.ended() && !this.#run.hasReady() && this.#run.nextDeadline() < 0) this.#run.advance();
    return this.#ended() && this.#result().deadlock !== null;
  }
  /** A program's failure is its result (a traceback, a deadlock), never the runtime's: always ''. */
  failure() {
    return '';
  }
  /** How the program ended: result_json's object ({ output, exit, final, deadlock, stuck, error, steps, ... }). */
  result() {
    return this.#ended() ? this.#result() : null;
  }
  counts() {
    return { ...this.#counts };
  }
  /** The most tasks that held one semaphore or lock at once. */
  peakHolders() {
    return this.#peak;
  }
  semaphore() {
    return null;
  }

  /** The events since the last call as a ProgramBatch (null if none). */
  takeBatch() {
    const run = this.#run;
    if (!run) return null;
    this.#words.add(run.takeWords());
    const n = run.eventCount();
    const pointer = run.eventsPointer();
    const records = this.#module.HEAPU8.slice(pointer, pointer + n * BYTES).buffer;
    run.clearEvents();
    let ending = null;
    if (run.ended() && !this.#endingTaken) {
      this.#endingTaken = true;
      ending = endingOf(this.#result());
    }
    if (n === 0 && !ending) return null;
    const batch = new ProgramBatch(records, this.#words, ending);
    this.#count(batch, n);
    if (this.#endingTaken) this.dispose();
    return batch;
  }

  dispose() {
    if (!this.#run) return;
    this.#time = this.#run.time();
    if (this.#run.ended()) this.#result();
    this.#run.delete();
    this.#run = null;
  }

  #ended() {
    return this.#run ? this.#run.ended() : this.#ending !== null;
  }

  #result() {
    this.#ending ??= JSON.parse(this.#run.resultJson());
    return this.#ending;
  }

  #count(batch, n) {
    for (let i = 0; i < n; i++) {
      const kind = batch.kind(i);
      if (kind in this.#counts) this.#counts[kind] += 1;
      const p = batch.primitive(i);
      if (kind === 'acquired') {
        this.#holders[p] = (this.#holders[p] ?? 0) + 1;
        this.#peak = Math.max(this.#peak, this.#holders[p]);
      } else if (kind === 'released' && this.#holders[p] > 0) this.#holders[p] -= 1;
    }
  }
}
