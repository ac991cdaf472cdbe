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

  #events = [];
  #ids = []; // task id of each event (0: the module's code)
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

  /** Append events [from, to) of a ProgramBatch. */
  append(batch, from = 0, to = batch.length) {
    this.words = batch.words;
    for (let i = from; i < to; i++) this.#add(batch.at(i), batch.task(i));
  }

  #add(event, id) {
    const index = this.length;
    if (index === this.time.length) {
      this.time = grow(this.time, index * 2);
      this.holdersAfter = grow(this.holdersAfter, index * 2);
    }
    const t = event.t ?? this.endTime; // a line printed outside asyncio.run() has no virtual time
    event.t = t;
    this.time[index] = t;
    this.endTime = t;
    if (id > 0) this.#task(id, event.event, index);
    if (event.primitive) event.on = this.words.primitives[event.primitive - 1]?.name;
    this.#count(event);
    this.holdersAfter[index] = this.#holders;
    if (event.event === 'print') this.outputIndex.push(index);
    if (ENDINGS.has(event.event)) this.ending = event;
    if (event.event === 'deadlock') this.deadlock = { t, waiting: event.tasks.map((s) => s.name) };
    this.#events.push(event);
    this.#ids.push(id);
    this.length = index + 1;
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
  #count(event) {
    if (!this.#strip && event.primitive) {
      const p = this.words.primitives[event.primitive - 1];
      if (p && p.type !== 'Event') {
        this.#strip = p.id;
        this.permits = Math.max(1, p.initial);
      }
    }
    if (event.primitive !== this.#strip || !this.#strip) return;
    if (event.event === 'acquired') this.#holders += 1;
    else if (event.event === 'released' && this.#holders > 0) this.#holders -= 1;
    this.peak = Math.max(this.peak, this.#holders);
  }

  event(index) {
    return this.#events[index];
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
    for (let i = this.#board.position; i < to; i++) {
      const e = this.#events[i];
      if (!e.primitive) continue;
      const p = (states[e.primitive - 1] ??= { value: 0, holders: new Map(), waiters: new Set() });
      const id = this.#ids[i];
      p.value = e.value;
      if (e.event === 'waiting') p.waiters.add(id);
      else if (e.event === 'acquired' || e.event === 'gave_up' || e.event === 'woken') {
        p.waiters.delete(id);
        if (e.event === 'acquired') p.holders.set(id, (p.holders.get(id) ?? 0) + 1);
      } else if (e.event === 'released' && p.holders.has(id)) {
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
