// A program of the playground's Python, run step by step by the interpreter in Wasm
// (wasm/program_bindings.cpp, ProgramRun): the program's counterpart of simulation.mjs, with the
// same face towards the driver (driver.mjs), so a program plays on host timers like a scenario.
//
// Its events are the views' vocabulary (python/program_trace.hpp): tasks created and ended, each
// wait on a Semaphore, Lock or Event, each release, each printed line. A take (PROGRAM_TAKE_FIELDS)
// says where the events and texts new since the last take are in Wasm memory: the events are copied
// as packed records (PROGRAM_EVENT_RECORD), the texts decoded as UTF-8 in one piece per table, and a
// text (a printed line, a task's name) is sliced out only when someone asks for it.

import {
  MAX_PROGRAM_BYTES,
  PROGRAM_EVENT_KINDS,
  PROGRAM_EVENT_RECORD,
  PROGRAM_TAKE_FIELDS,
  PROGRAM_TEXT_KINDS,
  programTooLong,
} from './contract.mjs';
import { BATCH_EVENTS } from './driver.mjs';
import { checkSource } from './run-options.mjs';

const BYTES = PROGRAM_EVENT_RECORD.bytes;
const F64 = BYTES / 8;
const I32 = BYTES / 4;
const KIND = Object.freeze(Object.fromEntries(PROGRAM_EVENT_KINDS.map((name, i) => [name, i])));
/** By kind number: whether its detail indexes a text in the words (PROGRAM_TEXT_KINDS). */
const HAS_TEXT = PROGRAM_EVENT_KINDS.map((name) => PROGRAM_TEXT_KINDS.includes(name));
// The kind shares its i32 with the event's line: the kind below LINE_SHIFT bits, the line above.
const LINE_SHIFT = PROGRAM_EVENT_RECORD.lineShift;
const KIND_MASK = (1 << LINE_SHIFT) - 1;
const TAKE = Object.freeze(Object.fromEntries(PROGRAM_TAKE_FIELDS.map((name, i) => [name, i])));
const utf8 = new TextDecoder();
const encoder = new TextEncoder();
// Loop iterations per runOnce while work is ready: short enough for the driver's time budget.
const READY_ITERATIONS = 32;

/** A growing list of 32-bit integers, appended a typed array at a time. */
class IntList {
  array = new Int32Array(64);
  length = 0;

  push(values) {
    if (this.length + values.length > this.array.length) {
      const grown = new Int32Array(Math.max(this.array.length * 2, this.length + values.length));
      grown.set(this.array.subarray(0, this.length));
      this.array = grown;
    }
    this.array.set(values, this.length);
    this.length += values.length;
  }
}

/**
 * Texts that arrive a take at a time as one decoded string each (a chunk): entry i ends at ends[i]
 * (UTF-16 code units from the start of all the text) and starts `gap` units after entry i - 1 ends
 * (1 for printed lines: the newline between them). A take holds whole entries only.
 */
class TextTable {
  #gap;
  #chunks = []; // { text, base (units before it), first (its first entry) }
  #ends = new IntList();
  #units = 0;
  #joined = null;

  constructor(gap) {
    this.#gap = gap;
  }

  get length() {
    return this.#ends.length;
  }

  /** One take: its bytes (a view of Wasm memory, decoded now) and the new entries' ends. */
  append(bytes, ends) {
    if (bytes.length > 0) {
      const text = utf8.decode(bytes);
      this.#chunks.push({ text, base: this.#units, first: this.#ends.length });
      this.#units += text.length;
      this.#joined = null;
    }
    this.#ends.push(ends);
  }

  at(i) {
    const ends = this.#ends.array;
    const start = i === 0 ? 0 : ends[i - 1] + this.#gap;
    if (start === ends[i]) return '';
    const chunk = this.#chunkOf(i);
    return chunk.text.slice(start - chunk.base, ends[i] - chunk.base);
  }

  /** All the text so far, in one string. */
  text() {
    this.#joined ??= this.#chunks.map((c) => c.text).join('');
    return this.#joined;
  }

  /** The last chunk whose first entry is at most i: the one holding entry i (usually the last). */
  #chunkOf(i) {
    const chunks = this.#chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].first <= i) lo = mid;
      else hi = mid - 1;
    }
    return chunks[lo];
  }
}

/**
 * A run's tasks as objects, from what each kind of words answers (taskCount, taskName(id),
 * taskFunction(id)): the Wasm-side ProgramWords here and the page's ProgramBatchUnpacker
 * (program-wire.mjs).
 */
export class TaskWords {
  /** Task `id` (1-based): { name, function }, or undefined if there is no such task yet. */
  task(id) {
    if (!(id >= 1 && id <= this.taskCount)) return undefined;
    return { name: this.taskName(id), function: this.taskFunction(id) };
  }
  /** Every task so far, [{ name, function }] by id - 1 (made now: ask for task(id) when you need one). */
  tasks() {
    return Array.from({ length: this.taskCount }, (_, i) => this.task(i + 1));
  }
}

/**
 * What the events' numbers refer to, growing as the run goes: tasks by id (task(id): { name,
 * function }), primitives [{ id, type, name, initial, line }] by id - 1, printed lines and failures'
 * texts by index. Texts are sliced out of the decoded takes when asked for.
 */
export class ProgramWords extends TaskWords {
  primitives = [];
  #words = new TextTable(0);
  #output = new TextTable(1);
  #tasks = new IntList(); // per task: its name's and its function's word
  #names = []; // task names already sliced out, by id
  #lines;

  constructor(source) {
    super();
    this.#lines = source.split('\n');
  }

  /** What one take added (`take`: the take's fields as a Uint32Array; `heap`: the module's memory). */
  add(take, heap) {
    const i32 = (pointer, count) => new Int32Array(heap.buffer, pointer, count);
    this.#output.append(
      heap.subarray(take[TAKE.output], take[TAKE.output] + take[TAKE.outputBytes]),
      i32(take[TAKE.lineEnds], take[TAKE.lines]),
    );
    this.#words.append(
      heap.subarray(take[TAKE.words], take[TAKE.words] + take[TAKE.wordBytes]),
      i32(take[TAKE.wordEnds], take[TAKE.wordCount]),
    );
    this.#tasks.push(i32(take[TAKE.tasks], 2 * take[TAKE.taskCount]));
    const primitives = i32(take[TAKE.primitives], 3 * take[TAKE.primitiveCount]);
    for (let i = 0; i < primitives.length; i += 3) {
      const id = this.primitives.length + 1;
      const type = this.#words.at(primitives[i]);
      const line = primitives[i + 2];
      this.primitives.push({ id, type, name: this.#nameAt(line, type, id), initial: primitives[i + 1], line });
    }
  }

  /** How many tasks so far. */
  get taskCount() {
    return this.#tasks.length / 2;
  }
  /** Task `id`'s name ("Task-2"). */
  taskName(id) {
    return (this.#names[id] ??= this.#words.at(this.#tasks.array[2 * (id - 1)]));
  }
  /** Task `id`'s function and arguments ("limited_task(1)"). */
  taskFunction(id) {
    return this.#words.at(this.#tasks.array[2 * (id - 1) + 1]);
  }
  /** A word: a failure's text (a failed event's detail). */
  text(i) {
    return this.#words.at(i);
  }
  /** Printed line i (a print event's detail), without its newline. */
  line(i) {
    return this.#output.at(i);
  }
  /** Everything printed so far, stdout exactly. */
  get output() {
    return this.#output.text();
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
    return i < this.#records ? PROGRAM_EVENT_KINDS[this.#i32[i * I32 + 3] & KIND_MASK] : this.#ending.event;
  }
  /** The program's line (1-based) that made event i: where the views point; 0 when none (an ending: its own). */
  line(i) {
    return i < this.#records ? this.#i32[i * I32 + 3] >>> LINE_SHIFT : 0;
  }
  /** Primitive id (1-based) of event i, 0 if none. */
  primitive(i) {
    return i < this.#records ? this.#i32[i * I32 + 4] : 0;
  }
  /** The primitive's value after event i; for a print, a failure or a block, its text's index. */
  detail(i) {
    return i < this.#records ? this.#i32[i * I32 + 5] : 0;
  }
  /** The text of a print, a failure or a block (or of an ending), else null. */
  text(i) {
    if (i >= this.#records) return this.#ending.text ?? null;
    const kind = this.#i32[i * I32 + 3] & KIND_MASK;
    if (kind === KIND.print) return this.words.line(this.detail(i));
    return HAS_TEXT[kind] ? this.words.text(this.detail(i)) : null;
  }

  /**
   * Event i as a plain object (the shape documented in README "Programs"), made in one literal per
   * kind: a run can make 700,000 of them.
   */
  at(i) {
    if (i >= this.#records) return { ...this.#ending };
    const i32 = this.#i32;
    const kind = i32[i * I32 + 3] & KIND_MASK;
    const line = i32[i * I32 + 3] >>> LINE_SHIFT;
    const id = i32[i * I32 + 2];
    const t = this.time(i);
    const event = PROGRAM_EVENT_KINDS[kind];
    const task = id ? this.words.taskName(id) : null;
    if (HAS_TEXT[kind]) return { t, event, task, line, text: this.words.text(i32[i * I32 + 5]) };
    switch (kind) {
      case KIND.created:
        return { t, event, task, line, function: this.words.taskFunction(id) };
      case KIND.finished:
      case KIND.cancelled:
        return { t, event, task, line };
      case KIND.print:
        return { t, event, task, line, text: this.words.line(i32[i * I32 + 5]) };
      default: // the primitive events
        return { t, event, task, line, primitive: i32[i * I32 + 4], value: i32[i * I32 + 5] };
    }
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
  // ran: false when no line ran (a SyntaxError, a refusal): the log says "did not run", not "stopped".
  const notRun = raw.ran ? {} : { ran: false };
  if (raw.final !== null) return { t: null, event: 'exception', text: raw.final, ...notRun };
  // Not Python's ending: the playground refused the program or stopped it (step or memory limit, or
  // the caller's budget: maxSteps, maxMs).
  if (raw.exit !== 0) return { t: null, event: 'stopped', text: raw.error.trimEnd(), ...notRun };
  return null;
}

const COUNTED_UNITS = 1 << 16; // UTF-16 units encoded at a time by programBytes

/**
 * The size of `source` as the interpreter counts it (Limits::source), without holding its encoding:
 * its UTF-8 bytes (a lone surrogate as the U+FFFD it becomes), less a leading byte order mark, each
 * \r\n one byte. Encoded a slice at a time into one small buffer (in native code: a loop over the
 * units in JavaScript took 0.8 s for 200 MB, this 0.1-0.5 s).
 */
function programBytes(source) {
  const buffer = new Uint8Array(3 * COUNTED_UNITS + 3);
  let bytes = 0;
  for (let at = 0; at < source.length;) {
    let end = Math.min(at + COUNTED_UNITS, source.length);
    if ((source.charCodeAt(end - 1) & 0xfc00) === 0xd800) end += 1; // never split a surrogate pair
    bytes += encoder.encodeInto(source.slice(at, end), buffer).written;
    at = end;
  }
  for (let i = source.indexOf('\r\n'); i !== -1; i = source.indexOf('\r\n', i + 2)) bytes -= 1;
  return source.charCodeAt(0) === 0xfeff ? bytes - 3 : bytes;
}

/**
 * The interpreter's ending for a source past MAX_PROGRAM_BYTES (result_json of its refusal, but for
 * `steps`: none), or null. A string of n units has at most 3n such bytes, so a short one is not even
 * counted; a long one is refused here, before it is made well-formed, split into lines, encoded and
 * copied into Wasm (a 200 MB string took 38 s to be refused there).
 */
function refusalOfSize(source) {
  if (source.length * 3 <= MAX_PROGRAM_BYTES) return null;
  const bytes = programBytes(source);
  if (bytes <= MAX_PROGRAM_BYTES) return null;
  const error = `${programTooLong(bytes)}\n`;
  return {
    output: '',
    final: null,
    deadlock: null,
    exit: 2, // refused, as the interpreter refuses it
    stuck: [],
    error,
    errorAt: [[0, 0]],
    time: 0,
    steps: 0,
    ran: false,
    budget: false,
  };
}

export class ProgramSimulation {
  #module;
  #run;
  #words;
  #ending = null; // result_json of the ended program, parsed
  #endingTaken = false;
  #counts = { created: 0, finished: 0, failed: 0, cancelled: 0 };
  #peak = 0;
  #time = 0;

  /** `budget`: { maxSteps, maxMs } (checkBudget), the run's cap; none by default. */
  constructor(module, source, { maxSteps = 0, maxMs = 0 } = {}) {
    checkSource('a program', source);
    this.#module = module;
    const refused = refusalOfSize(source);
    if (refused !== null) {
      this.#words = new ProgramWords('');
      this.#ending = refused;
      return;
    }
    // A lone surrogate (a JavaScript string can hold one; a UTF-8 file cannot) becomes U+FFFD: Embind's
    // UTF-8 encoder would join it with the character after it, which then vanished from the program.
    source = source.toWellFormed();
    this.#words = new ProgramWords(source);
    this.#run = new module.ProgramRun(source, maxSteps, maxMs);
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
  /**
   * One unit of work (the module's code up to asyncio.run(), or one loop iteration), then more
   * iterations while work is ready, up to READY_ITERATIONS: one call into Wasm instead of a dozen
   * for a program whose iterations take microseconds (the lesson's 100,000 tasks take 66,000). It
   * stops sooner once a batch's worth of events (BATCH_EVENTS) waits for the driver to take.
   */
  runOnce() {
    if (this.#run && !this.#run.ended()) this.#run.advanceReady(READY_ITERATIONS, BATCH_EVENTS);
    return true;
  }
  /** Events run since the last takeBatch. */
  pendingEvents() {
    return this.#run ? this.#run.pendingEvents() : 0;
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
  /**
   * How the program ended: result_json's object ({ output, exit, final, deadlock, stuck, error,
   * steps, ... }); its output is what the batches taken so far printed (all of it once the ending is taken).
   */
  result() {
    return this.#ended() ? this.#result() : null;
  }
  /** Totals over the events taken so far. */
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
    if (!run) {
      // A program refused before it reached Wasm (refusalOfSize): its ending, once.
      if (this.#ending === null || this.#endingTaken) return null;
      this.#endingTaken = true;
      return new ProgramBatch(new ArrayBuffer(0), this.#words, endingOf(this.#ending));
    }
    const records = this.#take();
    let ending = null;
    if (run.ended() && !this.#endingTaken) {
      this.#endingTaken = true;
      ending = endingOf(this.#result());
    }
    if (records.byteLength === 0 && !ending) return null;
    const batch = new ProgramBatch(records, this.#words, ending);
    if (this.#endingTaken) this.dispose();
    return batch;
  }

  dispose() {
    if (!this.#run) return;
    this.#time = this.#run.time();
    if (this.#run.ended()) {
      this.#result();
      if (!this.#endingTaken) this.#take(); // the rest of the output, for result()
    }
    this.#run.delete();
    this.#run = null;
  }

  /** One take: the new texts into the words, the totals; returns the new event records (a copy). */
  #take() {
    const pointer = this.#run.take();
    const heap = this.#module.HEAPU8; // after the call: a call that grows the memory replaces the views
    const take = new Uint32Array(heap.buffer, pointer, PROGRAM_TAKE_FIELDS.length);
    const records = heap.slice(take[TAKE.events], take[TAKE.events] + take[TAKE.eventCount] * BYTES).buffer;
    this.#words.add(take, heap);
    const counts = new Int32Array(take.buffer, take.byteOffset, take.length);
    this.#counts = {
      created: counts[TAKE.created],
      finished: counts[TAKE.finished],
      failed: counts[TAKE.failed],
      cancelled: counts[TAKE.cancelled],
    };
    this.#peak = counts[TAKE.peakHolders];
    return records;
  }

  #ended() {
    return this.#run ? this.#run.ended() : this.#ending !== null;
  }

  #result() {
    if (this.#ending === null) {
      const raw = JSON.parse(this.#run.resultJson());
      const words = this.#words;
      // The output is not in the JSON: it is the printed text the takes brought (ProgramWords).
      Object.defineProperty(raw, 'output', { get: () => words.output, enumerable: true });
      this.#ending = raw;
    }
    return this.#ending;
  }
}
