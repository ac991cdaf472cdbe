// The timeline's concurrency strip: the most tasks holding at once in each pixel column.
//
// A column's height is the most holders at any moment of its time range: the count it starts with
// (after the last event left of it) and the count after each event in it. Worked out per column
// from the events with a binary search and a range maximum, a frame costs about (columns x log
// events), whatever the run's length: the strip is redrawn every frame while a run grows, and its
// time axis (and so every column's range) changes with each frame until the run ends.

import { countWhile } from './trace.mjs';

const BLOCK = 64; // events per block of the range maxima (a power of two)
const SHIFT = Math.log2(BLOCK);

/**
 * The most holders over runs of events: one maximum per block of BLOCK events, extended as a trace
 * grows. A trace's holdersAfter never changes once written, so what is folded in stays true.
 */
export class HolderMaxima {
  #blocks = new Int32Array(1024);
  #folded = 0; // events folded into #blocks

  constructor(trace) {
    this.trace = trace;
  }

  /** Fold in the events up to `length` (the trace's holdersAfter may be a bigger array by now). */
  extend(length) {
    const holders = this.trace.holdersAfter;
    for (let i = this.#folded; i < length; i++) {
      const block = i >> SHIFT;
      if (block >= this.#blocks.length) {
        const bigger = new Int32Array(this.#blocks.length * 2);
        bigger.set(this.#blocks);
        this.#blocks = bigger;
      }
      this.#blocks[block] = (i & (BLOCK - 1)) === 0 ? holders[i] : Math.max(this.#blocks[block], holders[i]);
    }
    this.#folded = Math.max(this.#folded, length);
  }

  /** The most holders after events [from, to) (folded in already); -1 for none. */
  max(from, to) {
    const holders = this.trace.holdersAfter;
    let most = -1;
    let i = from;
    for (; i < to && (i & (BLOCK - 1)) !== 0; i++) most = Math.max(most, holders[i]);
    for (; i + BLOCK <= to; i += BLOCK) most = Math.max(most, this.#blocks[i >> SHIFT]);
    for (; i < to; i++) most = Math.max(most, holders[i]);
    return most;
  }
}

/**
 * The strip's columns up to the position: a Float32Array of `width + 1`, zero right of
 * floor(x(position)). `maxima` covers the trace's first `cursor` events (the ones up to the
 * position); `x` maps a virtual time to a pixel column, increasing with the time.
 */
export function stripColumns(maxima, cursor, x, width, position) {
  const { time, holdersAfter } = maxima.trace;
  maxima.extend(cursor);
  const columns = new Float32Array(Math.ceil(width) + 1);
  const until = Math.min(columns.length - 1, Math.floor(x(position)));
  let done = 0; // events left of the column
  for (let c = 0; c <= until; c++) {
    const before = done > 0 ? holdersAfter[done - 1] : 0; // held as the column's range begins
    const end = countWhile(time, cursor, (t) => Math.floor(x(t)) <= c, done); // the first event right of it
    columns[c] = Math.max(before, maxima.max(done, end));
    done = end;
  }
  return columns;
}
