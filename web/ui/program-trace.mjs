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
    return this.words?.task(id)?.name ?? `Task-${id}`;
  }

  /** "Task-2 limited_task(1)": a lane's name. */
  taskLabel(id) {
    const task = this.words?.task(id);
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
   * holders: [task ids], waiters: [task ids] }], holders and waiters in the order they came.
   */
  primitivesAt(position) {
    const list = (this.words?.primitives ?? []).map((p) => ({ ...p, value: p.initial, holders: [], waiters: [] }));
    for (let i = 0; i < position && i < this.length; i++) {
      const e = this.#events[i];
      const p = e.primitive ? list[e.primitive - 1] : null;
      if (!p) continue;
      const id = this.#ids[i];
      p.value = e.value;
      if (e.event === 'waiting') p.waiters.push(id);
      else if (e.event === 'acquired' || e.event === 'gave_up' || e.event === 'woken') {
        p.waiters = p.waiters.filter((w) => w !== id);
        if (e.event === 'acquired') p.holders.push(id);
      } else if (e.event === 'released') {
        const k = p.holders.indexOf(id); // release() by a task that holds none is an extra release
        if (k !== -1) p.holders.splice(k, 1);
      }
    }
    return list;
  }
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
