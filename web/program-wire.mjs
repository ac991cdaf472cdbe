// A program run's batches across the Worker boundary (issue #13: edited programs run in a Web Worker,
// web/runtime-worker.mjs, the page only reads their events). Both sides of one wire format:
//
//   { records, words, ending }
//   records: ArrayBuffer of the batch's events in PROGRAM_EVENT_RECORD layout (web/contract.mjs),
//            transferred, not copied;
//   words:   what the batch's events refer to that the page has not had yet
//            { names: [task name], functions: [its call], primitives: [{ id, type, name, initial, line }],
//              texts: [text] } (flat lists of strings: 100,000 new tasks clone in ~12 ms, as pairs in ~80);
//   ending:  the batch's ending event (deadlock, exception, stopped) as an object, or null.
//
// Only the public reading API of a ProgramBatch (time, task, kind, primitive, detail, at, words) is
// used, so how a batch leaves Wasm stays program-simulation.mjs's own business.

import { PROGRAM_EVENT_KINDS, PROGRAM_EVENT_RECORD } from './contract.mjs';
import { ProgramBatch } from './program-simulation.mjs';

const BYTES = PROGRAM_EVENT_RECORD.bytes;
const KIND_NUMBER = new Map(PROGRAM_EVENT_KINDS.map((name, i) => [name, i]));

/** The worker's side: packs batches of one run, sending each word once. */
export class ProgramBatchPacker {
  #words = null; // the run's ProgramWords the counters below refer to (a reset brings new ones)
  #sent = { tasks: 0, primitives: 0, texts: 0 };

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
    return { message: { records, words: this.#newWords(batch.words), ending }, transfer: [records] };
  }

  #newWords(words) {
    if (words !== this.#words) {
      this.#words = words;
      this.#sent = { tasks: 0, primitives: 0, texts: 0 };
    }
    const sent = this.#sent;
    const tasks = words.tasks.slice(sent.tasks);
    const delta = {
      names: tasks.map((t) => t.name),
      functions: tasks.map((t) => t.function),
      primitives: words.primitives.slice(sent.primitives),
      texts: words.texts.slice(sent.texts),
    };
    this.#sent = { tasks: words.tasks.length, primitives: words.primitives.length, texts: words.texts.length };
    return delta;
  }
}

/**
 * The page's side: the words of one run, growing with each batch (the shape a ProgramBatch and the
 * page's ProgramTrace read: tasks [{ name, function }], primitives, texts), and the batches.
 */
export class ProgramBatchUnpacker {
  tasks = [];
  primitives = [];
  texts = [];

  /** A ProgramBatch from a packed message (its words taken in first). */
  unpack({ records, words, ending }) {
    words.names.forEach((name, i) => this.tasks.push({ name, function: words.functions[i] }));
    for (const p of words.primitives) this.primitives.push(p);
    for (const text of words.texts) this.texts.push(text);
    return new ProgramBatch(records, this, ending);
  }
}
