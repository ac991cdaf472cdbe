// A program run's batches across the Worker boundary (issue #13: edited programs run in a Web Worker,
// web/runtime-worker.mjs, the page only reads their events). Both sides of one wire format:
//
//   { records, words, ending, now }
//   records: ArrayBuffer of the batch's events in PROGRAM_EVENT_RECORD layout (web/contract.mjs),
//            transferred, not copied; at most MESSAGE_EVENTS of them: a bigger batch (the iteration of
//            a gather() of 100,000 tasks makes 100,000 events at once) goes as several messages,
//            each read on the page in a task of its own (one message took the page 70-126 ms);
//   words:   what the batch's events refer to that the page has not had yet: the new tasks
//            { names: [task name], functions: [its call] } (flat lists of strings: 100,000 tasks clone
//            in ~12 ms, as pairs in ~80), the new primitives [{ id, type, name, initial, line }], and
//            the texts the batch's prints and failures show: lineAt/lines, textAt/texts (index, text);
//   ending:  the batch's ending event (deadlock, exception, stopped) as an object, or null (in the last
//            message of a batch only);
//   now:     the virtual time every event before which has arrived (the run's time with the last
//            message of a batch, the time of its last event before that).
//
// Only the public reading API of a ProgramBatch (time, task, kind, line, primitive, detail, at, words) is
// used, so how a batch leaves Wasm stays program-simulation.mjs's own business.

import { PROGRAM_EVENT_KINDS, PROGRAM_EVENT_RECORD, PROGRAM_TEXT_KINDS } from './contract.mjs';
import { ProgramBatch, TaskWords } from './program-simulation.mjs';

const BYTES = PROGRAM_EVENT_RECORD.bytes;
const KIND_NUMBER = new Map(PROGRAM_EVENT_KINDS.map((name, i) => [name, i]));
/** Events a message carries at most: reading 16,384 on the page takes a few ms. */
export const MESSAGE_EVENTS = 1 << 14;

/** The worker's side: packs batches of one run, sending each word once. */
export class ProgramBatchPacker {
  #words = null; // the run's ProgramWords the counters below refer to (a reset brings new ones)
  #sent = { tasks: 0, primitives: 0 };

  /** The messages for `batch`, whose run has reached virtual time `now`, each with the buffers to transfer. */
  pack(batch, now) {
    const n = KIND_NUMBER.has(batch.kind(batch.length - 1)) ? batch.length : batch.length - 1;
    const messages = [];
    for (let from = 0; from === 0 || from < n; from += MESSAGE_EVENTS) {
      const to = Math.min(n, from + MESSAGE_EVENTS);
      const last = to === n;
      const records = packRecords(batch, from, to);
      messages.push({
        message: {
          records,
          words: this.#newWords(batch.words, batch, from, to, last),
          ending: last && n < batch.length ? batch.at(n) : null,
          now: last ? now : (batch.time(to - 1) ?? 0),
        },
        transfer: [records],
      });
    }
    return messages;
  }

  /** What events [from, to) of `batch` refer to that was not sent yet (everything left, with the last message). */
  #newWords(words, batch, from, to, last) {
    if (words !== this.#words) {
      this.#words = words;
      this.#sent = { tasks: 0, primitives: 0 };
    }
    const tasks = last ? words.taskCount : lastTask(batch, from, to, this.#sent.tasks);
    const { names, functions } = taskWords(words, this.#sent.tasks + 1, tasks);
    const { lineAt, lines, textAt, texts } = eventTexts(batch, from, to);
    const primitives = words.primitives.slice(this.#sent.primitives);
    this.#sent = { tasks, primitives: words.primitives.length };
    return { names, functions, primitives, lineAt, lines, textAt, texts };
  }
}

// Each loop over a batch is a function of its own: V8 optimises a long loop while it runs (on-stack
// replacement), and a loop inside a bigger function made it optimise that function again and again
// (the rest of it not run yet when the loop was compiled), a compile of ~30 ms each time on the
// worker's core (bench/README.md, eleventh round).

/** The highest task id that events [from, to) of `batch` name, or `known` if higher. */
function lastTask(batch, from, to, known) {
  let tasks = known;
  for (let i = from; i < to; i++) tasks = Math.max(tasks, batch.task(i));
  return tasks;
}

/** The names and functions of tasks `first` to `last` (ids). */
function taskWords(words, first, last) {
  const names = [];
  const functions = [];
  for (let id = first; id <= last; id++) {
    names.push(words.taskName(id));
    functions.push(words.taskFunction(id));
  }
  return { names, functions };
}

/** The printed lines, failures' and blocks' texts of events [from, to), each with its index in the run's words. */
function eventTexts(batch, from, to) {
  const lineAt = [];
  const lines = [];
  const textAt = [];
  const texts = [];
  for (let i = from; i < to; i++) {
    const kind = batch.kind(i);
    if (kind === 'print') {
      lineAt.push(batch.detail(i));
      lines.push(batch.text(i));
    } else if (PROGRAM_TEXT_KINDS.includes(kind)) {
      textAt.push(batch.detail(i));
      texts.push(batch.text(i));
    }
  }
  return { lineAt, lines, textAt, texts };
}

/** Events [from, to) of `batch` as PROGRAM_EVENT_RECORDs. */
function packRecords(batch, from, to) {
  const records = new ArrayBuffer((to - from) * BYTES);
  const f64 = new Float64Array(records);
  const i32 = new Int32Array(records);
  for (let i = from; i < to; i++) {
    const k = i - from;
    f64[(k * BYTES) / 8] = batch.time(i) ?? -1; // the records' "outside an event loop"
    const at = (k * BYTES) / 4;
    i32[at + PROGRAM_EVENT_RECORD.task / 4] = batch.task(i);
    i32[at + PROGRAM_EVENT_RECORD.kind / 4] = KIND_NUMBER.get(batch.kind(i)) | (batch.line(i) << PROGRAM_EVENT_RECORD.lineShift);
    i32[at + PROGRAM_EVENT_RECORD.primitive / 4] = batch.primitive(i);
    i32[at + PROGRAM_EVENT_RECORD.detail / 4] = batch.detail(i);
  }
  return records;
}

/**
 * The page's side: the words of one run, growing with each batch, read through the interface a
 * ProgramBatch and the page's ProgramTrace use (program-simulation.mjs ProgramWords: taskName,
 * taskFunction, task, tasks, taskCount, line, text, primitives); and the batches.
 */
export class ProgramBatchUnpacker extends TaskWords {
  primitives = [];
  #names = [];
  #functions = [];
  #lines = [];
  #texts = new Map();

  /** A ProgramBatch from a packed message (its words taken in first). */
  unpack({ records, words, ending }) {
    for (let k = 0; k < words.names.length; k++) {
      this.#names.push(words.names[k]);
      this.#functions.push(words.functions[k]);
    }
    for (const p of words.primitives) this.primitives.push(p);
    words.lineAt.forEach((index, k) => (this.#lines[index] = words.lines[k]));
    words.textAt.forEach((index, k) => this.#texts.set(index, words.texts[k]));
    return new ProgramBatch(records, this, ending);
  }

  get taskCount() {
    return this.#names.length;
  }
  taskName(id) {
    return this.#names[id - 1];
  }
  taskFunction(id) {
    return this.#functions[id - 1];
  }
  /** Printed line i (a print event's detail). */
  line(i) {
    return this.#lines[i];
  }
  /** A failure's or a block's text (a failed or blocked event's detail). */
  text(i) {
    return this.#texts.get(i);
  }
}
