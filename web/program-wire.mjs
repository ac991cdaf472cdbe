// A program run's batches across the Worker boundary (issue #13: edited programs run in a Web Worker,
// web/runtime-worker.mjs, the page only reads their events). Both sides of one wire format:
//
//   { records, words, ending }
//   records: ArrayBuffer of the batch's events in PROGRAM_EVENT_RECORD layout (web/contract.mjs),
//            transferred, not copied;
//   words:   what the batch's events refer to that the page has not had yet: the new tasks
//            { names: [task name], functions: [its call] } (flat lists of strings: 100,000 tasks clone
//            in ~12 ms, as pairs in ~80), the new primitives [{ id, type, name, initial, line }], and
//            the texts the batch's prints and failures show: lineAt/lines, textAt/texts (index, text);
//   ending:  the batch's ending event (deadlock, exception, stopped) as an object, or null.
//
// Only the public reading API of a ProgramBatch (time, task, kind, primitive, detail, at, words) is
// used, so how a batch leaves Wasm stays program-simulation.mjs's own business.

import { PROGRAM_EVENT_KINDS, PROGRAM_EVENT_RECORD } from './contract.mjs';
import { ProgramBatch, TaskWords } from './program-simulation.mjs';

const BYTES = PROGRAM_EVENT_RECORD.bytes;
const KIND_NUMBER = new Map(PROGRAM_EVENT_KINDS.map((name, i) => [name, i]));

/** The worker's side: packs batches of one run, sending each word once. */
export class ProgramBatchPacker {
  #words = null; // the run's ProgramWords the counters below refer to (a reset brings new ones)
  #sent = { tasks: 0, primitives: 0 };

  /** The message for `batch` and the buffers to transfer with it. */
  pack(batch) {
    const n = KIND_NUMBER.has(batch.kind(batch.length - 1)) ? batch.length : batch.length - 1;
    const records = new ArrayBuffer(n * BYTES);
    const f64 = new Float64Array(records);
    const i32 = new Int32Array(records);
    for (let i = 0; i < n; i++) {
      f64[(i * BYTES) / 8] = batch.time(i) ?? -1; // the records' "outside an event loop"
      const at = (i * BYTES) / 4;
      i32[at + PROGRAM_EVENT_RECORD.task / 4] = batch.task(i);
      i32[at + PROGRAM_EVENT_RECORD.kind / 4] = KIND_NUMBER.get(batch.kind(i));
      i32[at + PROGRAM_EVENT_RECORD.primitive / 4] = batch.primitive(i);
      i32[at + PROGRAM_EVENT_RECORD.detail / 4] = batch.detail(i);
    }
    const ending = n < batch.length ? batch.at(n) : null;
    return { message: { records, words: this.#newWords(batch.words, batch, n), ending }, transfer: [records] };
  }

  #newWords(words, batch, n) {
    if (words !== this.#words) {
      this.#words = words;
      this.#sent = { tasks: 0, primitives: 0 };
    }
    const names = [];
    const functions = [];
    for (let id = this.#sent.tasks + 1; id <= words.taskCount; id++) {
      names.push(words.taskName(id));
      functions.push(words.taskFunction(id));
    }
    const delta = {
      names,
      functions,
      primitives: words.primitives.slice(this.#sent.primitives),
      lineAt: [],
      lines: [],
      textAt: [],
      texts: [],
    };
    for (let i = 0; i < n; i++) {
      const kind = batch.kind(i);
      if (kind === 'print') {
        delta.lineAt.push(batch.detail(i));
        delta.lines.push(batch.text(i));
      } else if (kind === 'failed') {
        delta.textAt.push(batch.detail(i));
        delta.texts.push(batch.text(i));
      }
    }
    this.#sent = { tasks: words.taskCount, primitives: words.primitives.length };
    return delta;
  }
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
  /** A failure's text (a failed event's detail). */
  text(i) {
    return this.#texts.get(i);
  }
}
