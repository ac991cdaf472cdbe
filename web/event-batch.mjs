// A batch of events as they come out of the runtime: one copy of the packed records, read in place.
//
// The runtime logs each event as a packed record (struct Event in core/event.hpp; the layout is
// EVENT_RECORD in web/contract.mjs: 16 bytes, f64 time, i32 task id, i32 kind). Copying a batch is one memcpy; reading it needs no object per event, so a
// consumer of a million events (a chart, a benchmark, a counter) pays only for what it reads.
// at(i), iteration and toArray() give the plain {t, task, event} objects of the 'events' API.

import { EVENT_RECORD } from './contract.mjs';
import { EVENT_KINDS } from './format.mjs';

const EVENT_BYTES = EVENT_RECORD.bytes;
// Element indices of record i's fields: i * stride + offset, in the f64 and i32 views.
const F64_STRIDE = EVENT_RECORD.bytes / 8;
const I32_STRIDE = EVENT_RECORD.bytes / 4;
const TIME = EVENT_RECORD.time / 8;
const TASK = EVENT_RECORD.task / 4;
const KIND = EVENT_RECORD.kind / 4;

export class EventBatch {
  #f64;
  #i32;
  #length;
  #waiting;

  /**
   * @param {ArrayBuffer} records `length` packed records (the batch owns this copy)
   * @param {number[] | null} waiting for a batch that ends with a deadlock: the stuck task ids
   */
  constructor(records, waiting = null) {
    this.#length = records.byteLength / EVENT_BYTES;
    this.#f64 = new Float64Array(records);
    this.#i32 = new Int32Array(records);
    this.#waiting = waiting;
  }

  get length() {
    return this.#length;
  }
  /** Virtual time of event i, in seconds. */
  time(i) {
    return this.#f64[i * F64_STRIDE + TIME];
  }
  /** Task id of event i (0 for a deadlock). */
  task(i) {
    return this.#i32[i * I32_STRIDE + TASK];
  }
  /** Kind of event i: 'waiting', 'started', 'finished', 'timeout', 'failed' or 'deadlock'. */
  kind(i) {
    return EVENT_KINDS[this.#i32[i * I32_STRIDE + KIND]];
  }
  /** Task ids still unfinished at the deadlock, or null if this batch has no deadlock event. */
  get waiting() {
    return this.#waiting;
  }

  /** Event i as a plain object: {t, task, event}, plus `waiting` for a deadlock. */
  at(i) {
    const event = { t: this.time(i), task: this.task(i), event: this.kind(i) };
    if (event.event === 'deadlock') event.waiting = [...this.#waiting];
    return event;
  }

  toArray() {
    const events = new Array(this.#length);
    for (let i = 0; i < this.#length; i++) events[i] = this.at(i);
    return events;
  }

  *[Symbol.iterator]() {
    for (let i = 0; i < this.#length; i++) yield this.at(i);
  }
}
