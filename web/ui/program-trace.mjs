// A program run's trace, kept for time travel like a scenario's (trace.mjs), from the program's
// events (runtime.runProgram's batches): the log reads its events, the timeline its lanes, the board
// each primitive at any position.
//
// A task's timeline lane is exact: each of its waits (on a Semaphore, a Lock or an Event, until it
// acquired, was woken or gave up) and each of its holds (from an acquire until that task released
// it), on every primitive, as segments (Segments below); its first wait and first acquire are kept
// too, for the state a task is in at a position. The concurrency strip counts the holders of the
// program's first Semaphore or Lock (the lesson's `sem`). The board (program-board.mjs) shows every
// primitive.

import { exitedBy, stoppedAt } from '../format.mjs';
import { countWhile, grow, TaskState } from './trace.mjs';

const NONE = -1;
const ENDS = { finished: TaskState.finished, failed: TaskState.failed, cancelled: TaskState.cancelled };
const ENDINGS = new Set(['deadlock', 'exception', 'stopped']);
const WAIT_ENDS = new Set(['acquired', 'gave_up', 'woken']);

/**
 * Every wait and hold of every task, in flat typed arrays (a lesson of 100,000 tasks has 200,000 of
 * them): segment s is `state[s]` (waiting or holding) on primitive `primitive[s]` from event
 * `from[s]` to event `to[s]` (NONE while open), and `next[s]` is the task's following segment.
 */
class Segments {
  length = 0;
  state = new Int8Array(64);
  primitive = new Int32Array(64);
  from = new Int32Array(64);
  to = new Int32Array(64);
  next = new Int32Array(64);
  #first = new Int32Array(16).fill(NONE); // per task
  #last = new Int32Array(16).fill(NONE);
  #waiting = new Int32Array(16).fill(NONE); // per task: its open wait (a task awaits one thing at a time)
  #holding = new Map(); // task -> its open holds, newest last
  holdsInside = false; // whether any hold began while its task held something (the lock inside sem)

  /** Task `id`'s event `kind` at event `index`. */
  add(id, kind, primitive, index) {
    if (!primitive) return;
    this.#room(id);
    if (kind === 'waiting') this.#waiting[id] = this.#open(id, TaskState.waiting, primitive, index);
    else if (WAIT_ENDS.has(kind) && this.#waiting[id] !== NONE) {
      this.to[this.#waiting[id]] = index;
      this.#waiting[id] = NONE;
    }
    if (kind === 'acquired') {
      const holds = this.#holding.get(id) ?? [];
      if (holds.length) this.holdsInside = true;
      holds.push(this.#open(id, TaskState.holding, primitive, index));
      this.#holding.set(id, holds);
    } else if (kind === 'released') this.#close(id, primitive, index);
  }

  /** Task `id`'s segments, in the order they began: [state, primitive, from, to] by index. */
  *of(id) {
    for (let s = id < this.#first.length ? this.#first[id] : NONE; s !== NONE; s = this.next[s]) yield s;
  }

  #open(id, state, primitive, index) {
    const s = this.length++;
    if (s === this.state.length) for (const name of ['state', 'primitive', 'from', 'to', 'next']) this[name] = grow(this[name], s * 2);
    this.state[s] = state;
    this.primitive[s] = primitive;
    this.from[s] = index;
    this.to[s] = NONE;
    this.next[s] = NONE;
    if (this.#last[id] === NONE) this.#first[id] = s;
    else this.next[this.#last[id]] = s;
    this.#last[id] = s;
    return s;
  }

  /** A release ends the releasing task's newest hold of it; one by a task holding none is an extra release. */
  #close(id, primitive, index) {
    const holds = this.#holding.get(id);
    const k = holds ? holds.findLastIndex((s) => this.primitive[s] === primitive) : -1;
    if (k === -1) return;
    this.to[holds[k]] = index;
    holds.splice(k, 1);
    if (!holds.length) this.#holding.delete(id);
  }

  #room(id) {
    if (id < this.#first.length) return;
    const size = id * 2;
    this.#first = grow(this.#first, size).fill(NONE, this.#first.length);
    this.#last = grow(this.#last, size).fill(NONE, this.#last.length);
    this.#waiting = grow(this.#waiting, size).fill(NONE, this.#waiting.length);
  }
}

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

  /** Whether the program never ran a line (a SyntaxError, a refusal): its one event is that ending. */
  get ranNothing() {
    return this.ending?.ran === false;
  }
  // Each time.sleep() inside asyncio.run(): the loop was blocked from `from` to `to` (seconds) by task
  // `task`, whose event `index` it is. Nothing runs meanwhile: the timeline shades it across every lane.
  blocks = [];

  /** Whether a task acquired something while it held something else (the lock inside sem): the timeline outlines such holds. */
  get holdsInside() {
    return this.#segments.holdsInside;
  }

  #batches = []; // the ProgramBatches appended, read in place
  // Per batch: the index its event 0 has here. A batch's events come in order and together (in slices
  // of one batch, then the next), so event `index` is event index - start of the last batch starting
  // at or before it: nothing per event to grow (and copy) as 700,000 events arrive.
  #starts = [];
  #strip = 0; // primitive id the strip counts (0 until the program creates one)
  #holders = 0;
  #board = null; // primitivesAt's state at its last position before the end: { position, states }
  // Every primitive's state after the last event, moved on as each event arrives: the session appends
  // in budgeted slices, so a gather's 100,000 waits are counted across them, not all in the frame
  // that first shows the board (42 ms of it at 100,000 tasks; bench/README.md, eleventh round).
  #live = [];
  time = new Float64Array(1024);
  holdersAfter = new Int32Array(1024);
  waitAt = new Int32Array(16).fill(NONE);
  startAt = new Int32Array(16).fill(NONE);
  endAt = new Int32Array(16).fill(NONE);
  createdAt = new Int32Array(16).fill(NONE);
  endKind = [];
  outputIndex = [];
  #segments = new Segments();

  /**
   * Append events [from, to) of a ProgramBatch. The batch is kept and read in place: an event becomes
   * an object only when a view asks for it (event(index)), so 700,000 events make no 700,000 objects
   * for the collector to carry while the page plays.
   */
  append(batch, from = 0, to = batch.length) {
    this.words = batch.words;
    if (this.#batches.at(-1) !== batch) {
      // the session appends a big batch in slices
      this.#batches.push(batch);
      this.#starts.push(this.length - from);
    }
    for (let i = from; i < to; i++) this.#add(batch, i);
  }

  #add(batch, i) {
    const index = this.length;
    if (index === this.time.length) {
      this.time = grow(this.time, index * 2);
      this.holdersAfter = grow(this.holdersAfter, index * 2);
    }
    const kind = batch.kind(i);
    const id = batch.task(i);
    const t = batch.time(i) ?? this.endTime; // a line printed outside asyncio.run() has no virtual time
    this.time[index] = t;
    this.endTime = t;
    const primitive = batch.primitive(i);
    if (id > 0) {
      this.#task(id, kind, index);
      this.#segments.add(id, kind, primitive, index);
    }
    this.#count(kind, primitive);
    if (primitive) playPrimitive(this.#live, primitive, id, kind, batch.detail(i));
    this.holdersAfter[index] = this.#holders;
    this.length = index + 1;
    if (kind === 'print') this.outputIndex.push(index);
    if (kind === 'blocked' && id > 0) this.blocks.push({ task: id, index, from: t, to: t + Number(this.words.text(batch.detail(i))) });
    if (ENDINGS.has(kind)) this.ending = this.event(index);
    if (kind === 'deadlock') this.deadlock = { t, waiting: this.ending.tasks.map((s) => s.name) };
  }

  /** The number of the batch holding event `index` (a binary search over the batches' starts). */
  #batchOf(index) {
    return countWhile(this.#starts, this.#starts.length, (start) => start <= index) - 1;
  }

  #task(id, kind, index) {
    if (id > this.taskCount) {
      this.taskCount = id;
      if (id >= this.waitAt.length)
        for (const name of ['waitAt', 'startAt', 'endAt', 'createdAt']) this[name] = grow(this[name], id * 2).fill(NONE, this[name].length);
    }
    // A task's state at a position (taskState): running from its creation, waiting from its first
    // wait until its first acquire, then holding until it ends (a deadlock makes it stuck). The lane
    // itself draws every wait and hold (Segments).
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

  /** False while the program has created no Semaphore or Lock: the strip has nothing to count. */
  get countsHolders() {
    return this.#strip !== 0;
  }

  /** What the strip says while it has nothing to count (countsHolders false), and why. */
  get nothingCounted() {
    if (this.ending?.ran === false) return 'The program did not run: no permits to count.';
    const names = this.words?.primitives.filter((p) => p.type !== 'Event').map((p) => p.name) ?? [];
    if (names.length) return `No task has acquired ${names.join(' or ')} yet: no permits to count.`;
    return 'The program has no Semaphore or Lock: no permits to count.';
  }

  /**
   * The name of the primitive the strip counts ("a") when the program has more than one Semaphore or
   * Lock, so the strip says which it shows; null when there is only one.
   */
  get stripName() {
    const counted = this.words?.primitives.filter((p) => p.type !== 'Event') ?? [];
    return this.#strip && counted.length > 1 ? this.words.primitives[this.#strip - 1].name : null;
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
    const number = this.#batchOf(index);
    const batch = this.#batches[number];
    const offset = index - this.#starts[number];
    const event = batch.at(offset);
    event.t = this.time[index];
    if (event.primitive) {
      const primitive = this.words.primitives[event.primitive - 1];
      event.on = primitive?.name;
      // For the notes only (a Lock is locked or unlocked, not a value): not in an exported event.
      Object.defineProperty(event, 'onType', { value: primitive?.type, enumerable: false });
    }
    if (event.event === 'acquired') {
      // For the notes only: an acquire that ended a wait got a permit a release handed it.
      Object.defineProperty(event, 'afterWait', { value: this.#endsWait(batch.task(offset), index), enumerable: false });
    }
    if (event.event in ENDS) {
      // For the notes only, as onType: a task that ends holding what it acquired (the forgotten release).
      Object.defineProperty(event, 'stillHolding', { value: this.#heldAt(batch.task(offset), index), enumerable: false });
    }
    return event;
  }

  /** Whether event `index` of task `id` ends a wait of it. */
  #endsWait(id, index) {
    const segments = this.#segments;
    for (const s of segments.of(id)) if (segments.state[s] === TaskState.waiting && segments.to[s] === index) return true;
    return false;
  }

  /** What task `id` still holds just after event `index`: [{ name, type, count }], by primitive. */
  #heldAt(id, index) {
    const held = new Map();
    const segments = this.#segments;
    for (const s of segments.of(id)) {
      if (segments.from[s] > index) break;
      if (segments.state[s] !== TaskState.holding || (segments.to[s] !== NONE && segments.to[s] <= index)) continue;
      const p = this.words.primitives[segments.primitive[s] - 1];
      const entry = held.get(p) ?? { name: p?.name, type: p?.type, count: 0 };
      entry.count += 1;
      held.set(p, entry);
    }
    return [...held.values()];
  }

  /** The loop's blocks (time.sleep) begun before `position` events: [{ task, from, to }], times in seconds. */
  blocksBefore(position) {
    return this.blocks.filter((b) => b.index < position);
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

  /**
   * Task `task`'s waits and holds begun before `position`, in the order they began:
   * [{ state: TaskState.waiting | TaskState.holding, primitive: its name, from, to, inside }], times
   * in seconds, `to` null while it is still open at the position; `inside`: it began while the task
   * held something (the lock taken inside `async with sem`, the wait for a second semaphore).
   */
  segmentsOf(task, position) {
    const segments = this.#segments;
    const out = [];
    const open = []; // the task's holds not yet ended where this segment starts, by segment
    for (const s of segments.of(task)) {
      const from = segments.from[s];
      if (from >= position) break;
      const to = segments.to[s];
      // Segments come in the order they start: a hold ended by this one's start has ended for every
      // later one too, so it is dropped (a task's 200,000 turns at a lock stay linear, not quadratic).
      let kept = 0;
      for (const h of open) if (segments.to[h] === NONE || segments.to[h] > from) open[kept++] = h;
      open.length = kept;
      out.push({
        state: segments.state[s],
        primitive: this.words.primitives[segments.primitive[s] - 1]?.name ?? `#${segments.primitive[s]}`,
        from: this.time[from],
        to: to !== NONE && to < position ? this.time[to] : null,
        inside: kept > 0,
      });
      if (segments.state[s] === TaskState.holding) open.push(s);
    }
    return out;
  }

  countUntil(t) {
    return countWhile(this.time, this.length, (time) => time <= t);
  }

  outputsBefore(position) {
    return countWhile(this.outputIndex, this.outputIndex.length, (index) => index < position);
  }

  /**
   * At a deadlock, who holds what the stuck tasks wait for: one sentence per Semaphore or Lock that
   * has both waiters and holders, in the order the program made them ("sem is held by Task-2 and
   * Task-3, which ended without releasing it"; "a is held by Task-2, stuck too": the opposite-order
   * deadlock's cycle); [] without a deadlock. The first `shown` holders are named.
   */
  deadlockHolders(shown = 3) {
    if (!this.deadlock) return [];
    const sentences = [];
    for (const p of this.primitivesAt(this.length, shown)) {
      if (p.type === 'Event' || p.waiting === 0 || p.holding === 0) continue;
      const ids = [...new Set(p.holders)];
      const ended = ids.map((id) => this.endAt[id] !== NONE);
      const all = ended.every(Boolean);
      const none = !ended.some(Boolean);
      // Each holder's state is named only when they differ; else one clause says it for all.
      const names = ids.map((id, k) => this.taskName(id) + (all || none ? '' : ended[k] ? ' (ended)' : ' (stuck)'));
      if (p.holding > p.holders.length) names.push(`${p.holding - p.holders.length} more`);
      const why = all ? ', which ended without releasing it' : none ? ', stuck too' : '';
      sentences.push(`${p.name} is held by ${listed(names)}${why}`);
    }
    return sentences;
  }

  /**
   * Every primitive once `position` events have happened: [{ id, type, name, initial, value,
   * holders: [task ids], waiters: [task ids], holding, waiting }], holders and waiters in the order
   * they came, the first `shown` of each (holding and waiting count them all).
   * At the end (where an instant run's playback is) it is the state kept as the events arrived.
   * Before it, playback moves forward: the state at the last position asked is kept and carried on
   * from, and holders and waiters are ordered sets, so a run of 100,000 tasks queued on one semaphore
   * costs each frame only its new events (an earlier position is recounted from the start).
   */
  primitivesAt(position, shown = Infinity) {
    const to = Math.min(position, this.length);
    const states = to === this.length ? this.#live : this.#boardAt(to);
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

  /** The primitives' states after event `to` - 1 (before the end), carried on from the last asked. */
  #boardAt(to) {
    if (!this.#board || this.#board.position > to) this.#board = { position: 0, states: [] };
    const { states } = this.#board;
    let number = this.#batchOf(this.#board.position);
    for (let i = this.#board.position; i < to; i++) {
      while (number + 1 < this.#starts.length && this.#starts[number + 1] <= i) number += 1;
      const batch = this.#batches[number];
      const k = i - this.#starts[number];
      const primitive = batch.primitive(k);
      if (primitive) playPrimitive(states, primitive, batch.task(k), batch.kind(k), batch.detail(k));
    }
    this.#board.position = to;
    return states;
  }
}

/**
 * One event on primitive `primitive` (1-based) moves its state in `states`: its value after the event
 * (`detail`), its holders (task id -> times held) and its waiters, in the order they came.
 */
function playPrimitive(states, primitive, id, kind, detail) {
  const p = (states[primitive - 1] ??= { value: 0, holders: new Map(), waiters: new Set() });
  p.value = detail;
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

/** "Task-2, Task-3 and Task-4": names in a sentence. */
function listed(names) {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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
  if (summary.ran === false && summary.exitStatus)
    // 1 or 2: a SyntaxError, a refusal
    return `The program did not run: ${summary.finalLine ?? (summary.error ?? '').trim()}`;
  if (summary.deadlocked) {
    const held = summary.held?.length ? `: ${summary.held.join('; ')}` : '';
    return `Deadlock at ${summary.endTime}s: ${summary.waiting.join(', ')} can never go on (Python would wait forever)${held}.`;
  }
  if (exitedBy(summary.finalLine)) return `The program exited with status ${summary.exitStatus} (${summary.finalLine}).`;
  if (summary.finalLine) return `The program stopped with an uncaught exception: ${summary.finalLine}`;
  if (summary.exitStatus !== 0) return stoppedSentence(summary.error);
  return null;
}

/** A run the playground stopped, as a sentence: "The playground stopped … , at line 5." */
export function stoppedSentence(error) {
  const sentence = stoppedAt(error);
  return fullStop(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`);
}

/** The text ended as a sentence: a '.' unless it ends in one, or in Python's '?' ("Perhaps you forgot a comma?"). */
export function fullStop(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The line a SyntaxError, an uncaught exception or a refusal points at (the innermost), or null:
 * a traceback's `File "<program>", line N` or a refusal's closing "(line N)", never a number in a
 * message ("expected an indented block after 'if' statement on line 1" is about line 1's opener).
 */
export function errorLine(result) {
  if (result.exitStatus === 0 || result.deadlock || result.deadlocked) return null;
  const error = result.error ?? '';
  const located = [...error.matchAll(/File "<program>", line (\d+)/g)];
  const refused = [...error.matchAll(/\(line (\d+)\)$/gm)];
  const last = located.at(-1) ?? refused.at(-1);
  return last ? Number(last[1]) : null;
}
