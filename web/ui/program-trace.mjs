// A program run's trace, kept for time travel like a scenario's (trace.mjs), from the program's
// events (runtime.runProgram's batches): the log reads its events, the timeline its lanes, the board
// each primitive at any position.
//
// The timeline's lanes read a task the way they read a scenario's: when it first waited, when it
// first acquired, how it ended. Its concurrency strip counts the holders of the program's first
// Semaphore or Lock (the lesson's `sem`). The board (program-board.mjs) shows every primitive.

import { countWhile, grow, TaskState } from './trace.mjs';

const NONE = -1;
const ENDS = { finished: TaskState.finished, failed: TaskState.failed, cancelled: TaskState.cancelled };
const ENDINGS = new Set(['deadlock', 'exception', 'stopped']);

export class ProgramTrace {
  length = 0;
  deadlock = null; // { t, waiting } once the run ends in a deadlock
  ended = false;
  endTime = 0;
  taskCount = 0;
  permits = 1; // the first Semaphore's or Lock's start value, for the concurrency strip
  peak = 0;
  words = null; // ProgramWords: task names and functions, primitives
  ending = null; // the ending event (deadlock, exception, stopped), if any

  #batches = []; // the ProgramBatches appended, read in place
  // Per event: which batch holds it, where in it, and its task id (0: the module's code).
  #at = { batchOf: new Int32Array(1024), offsetOf: new Int32Array(1024), ids: new Int32Array(1024) };
  #strip = 0; // primitive id the strip counts (0 until the program creates one)
  #holders = 0;
  #board = null; // primitivesAt's state at its last position: { position, states }
  time = new Float64Array(1024);
  holdersAfter = new Int32Array(1024);
  waitAt = new Int32Array(16).fill(NONE);
  startAt = new Int32Array(16).fill(NONE);
  endAt = new Int32Array(16).fill(NONE);
  createdAt = new Int32Array(16).fill(NONE);
  endKind = [];
  outputIndex = [];

  /**
   * Append events [from, to) of a ProgramBatch. The batch is kept and read in place: an event becomes
   * an object only when a view asks for it (event(index)), so 700,000 events make no 700,000 objects
   * for the collector to carry while the page plays.
   */
  append(batch, from = 0, to = batch.length) {
    this.words = batch.words;
    if (this.#batches.at(-1) !== batch) this.#batches.push(batch); // the session appends a big batch in slices
    const number = this.#batches.length - 1;
    for (let i = from; i < to; i++) this.#add(batch, i, number);
  }

  #add(batch, i, number) {
    const index = this.length;
    if (index === this.time.length) {
      for (const name of ['time', 'holdersAfter', 'batchOf', 'offsetOf', 'ids']) this.#grow(name, index * 2);
    }
    const kind = batch.kind(i);
    const id = batch.task(i);
    const t = batch.time(i) ?? this.endTime; // a line printed outside asyncio.run() has no virtual time
    this.time[index] = t;
    this.endTime = t;
    if (id > 0) this.#task(id, kind, index);
    this.#count(kind, batch.primitive(i));
    this.holdersAfter[index] = this.#holders;
    this.#at.batchOf[index] = number;
    this.#at.offsetOf[index] = i;
    this.#at.ids[index] = id;
    this.length = index + 1;
    if (kind === 'print') this.outputIndex.push(index);
    if (ENDINGS.has(kind)) this.ending = this.event(index);
    if (kind === 'deadlock') this.deadlock = { t, waiting: this.ending.tasks.map((s) => s.name) };
  }

  #grow(name, size) {
    if (name === 'time' || name === 'holdersAfter') this[name] = grow(this[name], size);
    else this.#at[name] = grow(this.#at[name], size);
  }

  #task(id, kind, index) {
    if (id > this.taskCount) {
      this.taskCount = id;
      if (id >= this.waitAt.length)
        for (const name of ['waitAt', 'startAt', 'endAt', 'createdAt']) this[name] = grow(this[name], id * 2).fill(NONE, this[name].length);
    }
    // A lane draws the task running from its creation, its wait before its first acquire, then its
    // holding (a later wait, for a second primitive while it holds the first, shows as holding; a
    // deadlock marks the lane stuck).
    if (kind === 'created') this.createdAt[id] = index;
    if (kind === 'waiting') {
      if (this.waitAt[id] === NONE && this.startAt[id] === NONE) this.waitAt[id] = index;
    } else if (kind === 'acquired' && this.startAt[id] === NONE) {
      this.startAt[id] = index;
    }
    if (kind in ENDS) {
      this.endAt[id] = index;
      this.endKind[id] = ENDS[kind];
    }
  }

  /** Holders of the strip's primitive: the first Semaphore or Lock the program created. */
  #count(kind, primitive) {
    if (!this.#strip && primitive) {
      const p = this.words.primitives[primitive - 1];
      if (p && p.type !== 'Event') {
        this.#strip = p.id;
        this.permits = Math.max(1, p.initial);
      }
    }
    if (primitive !== this.#strip || !this.#strip) return;
    if (kind === 'acquired') this.#holders += 1;
    else if (kind === 'released' && this.#holders > 0) this.#holders -= 1;
    this.peak = Math.max(this.peak, this.#holders);
  }

  /** Event `index` as an object (runProgram's shape; `t` never null here, `on`: its primitive's name). */
  event(index) {
    const event = this.#batches[this.#at.batchOf[index]].at(this.#at.offsetOf[index]);
    event.t = this.time[index];
    if (event.primitive) event.on = this.words.primitives[event.primitive - 1]?.name;
    return event;
  }

  /** "Task-2": a lane's short name. */
  taskName(id) {
    return this.words?.tasks[id - 1]?.name ?? `Task-${id}`;
  }

  /** "Task-2 limited_task(1)": a lane's name. */
  taskLabel(id) {
    const task = this.words?.tasks[id - 1];
    return task ? `${task.name} ${task.function}` : `Task-${id}`;
  }

  /**
   * A task's state once `position` events have happened. A task that waits on nothing of the board
   * (main() awaiting gather, say) is running from its creation; at a deadlock every unfinished task
   * is stuck, as the deadlock names them.
   */
  taskState(task, position) {
    const e = this.endAt[task];
    if (e !== NONE && e < position) return this.endKind[task];
    if (this.deadlock && position >= this.length) return TaskState.stuck;
    const s = this.startAt[task];
    if (s !== NONE && s < position) return TaskState.holding;
    const w = this.waitAt[task];
    if (w !== NONE && w < position) return TaskState.waiting;
    const c = this.createdAt[task];
    return c !== NONE && c < position ? TaskState.running : TaskState.pending;
  }

  countUntil(t) {
    return countWhile(this.time, this.length, (time) => time <= t);
  }

  outputsBefore(position) {
    return countWhile(this.outputIndex, this.outputIndex.length, (index) => index < position);
  }

  /**
   * Every primitive once `position` events have happened: [{ id, type, name, initial, value,
   * holders: [task ids], waiters: [task ids], holding, waiting }], holders and waiters in the order
   * they came, the first `shown` of each (holding and waiting count them all).
   * Playback moves forward: the state at the last position asked is kept and carried on from, and
   * holders and waiters are ordered sets, so a run of 100,000 tasks queued on one semaphore costs
   * each frame only its new events (an earlier position is recounted from the start).
   */
  primitivesAt(position, shown = Infinity) {
    const to = Math.min(position, this.length);
    if (!this.#board || this.#board.position > to) this.#board = { position: 0, states: [] };
    const { states } = this.#board;
    const { batchOf, offsetOf, ids } = this.#at;
    for (let i = this.#board.position; i < to; i++) {
      const batch = this.#batches[batchOf[i]];
      const k = offsetOf[i];
      const primitive = batch.primitive(k);
      if (!primitive) continue;
      const p = (states[primitive - 1] ??= { value: 0, holders: new Map(), waiters: new Set() });
      const id = ids[i];
      const kind = batch.kind(k);
      p.value = batch.detail(k); // the primitive's value after the event
      if (kind === 'waiting') p.waiters.add(id);
      else if (kind === 'acquired' || kind === 'gave_up' || kind === 'woken') {
        p.waiters.delete(id);
        if (kind === 'acquired') p.holders.set(id, (p.holders.get(id) ?? 0) + 1);
      } else if (kind === 'released' && p.holders.has(id)) {
        // release() by a task that holds none is an extra release: nobody stops holding
        const held = p.holders.get(id) - 1;
        if (held === 0) p.holders.delete(id);
        else p.holders.set(id, held);
      }
    }
    this.#board.position = to;
    return (this.words?.primitives ?? []).map((p, k) => {
      const state = states[k];
      const holders = state ? holdersInOrder(state.holders, shown) : [];
      const waiters = state ? first(state.waiters, shown) : [];
      return {
        ...p,
        value: state ? state.value : p.initial,
        holders,
        waiters,
        holding: state ? sum(state.holders.values()) : 0,
        waiting: state ? state.waiters.size : 0,
      };
    });
  }
}

/** The first `n` task ids holding a primitive, a task that holds it twice named twice. */
function holdersInOrder(holders, n) {
  const ids = [];
  for (const [id, times] of holders) for (let k = 0; k < times && ids.length < n; k++) ids.push(id);
  return ids;
}

/** The first `n` values of a set: a frame names a dozen of 100,000 waiters, and copies no more. */
function first(set, n) {
  const out = [];
  for (const value of set) {
    if (out.length >= n) break;
    out.push(value);
  }
  return out;
}

function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** The playground's words for how a program ended, or null when it simply finished. */
export function programEnding(summary) {
  if (summary.deadlocked)
    return `Deadlock at ${summary.endTime}s: ${summary.waiting.join(', ')} can never go on (Python would wait forever).`;
  if (summary.finalLine) return `The program stopped with an uncaught exception: ${summary.finalLine}`;
  if (summary.exitStatus !== 0) return (summary.error ?? '').trim();
  return null;
}

/** The line a SyntaxError, an uncaught exception or a refusal points at (the innermost), or null. */
export function errorLine(result) {
  if (result.exitStatus === 0 || result.deadlock || result.deadlocked) return null;
  const lines = [...(result.error ?? '').matchAll(/line (\d+)/g)];
  return lines.length ? Number(lines.at(-1)[1]) : null;
}
