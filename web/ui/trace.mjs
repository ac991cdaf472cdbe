// The run's trace, kept for time travel: every event in typed arrays (no object per event), with what
// each view needs at any position derived as the events arrive:
//   - per event: the semaphore's value, how many tasks hold a permit and how many wait, after it;
//   - per task: the index of its waiting, started and ending events (so a task's state at any
//     position is three comparisons), and the permit slot it took;
//   - every SNAPSHOT_EVERY events: who holds which slot, and where the FIFO queue starts.
// Any position then renders in O(SNAPSHOT_EVERY): the snapshot before it plus the events since.
//
// The semaphore's value is derived from the events exactly as CPython 3.11's locks.py moves it:
// acquire without waiting takes a permit; release() gives one back and at once reserves it for the
// first waiter (_wake_up_next), which owns it when it runs ("started"); a reserved waiter that is
// cancelled passes its permit on.

import { EVENT_KINDS } from '../format.mjs';

export const SNAPSHOT_EVERY = 1024;
export const MAX_SLOTS = 64; // permits drawn one by one on the board; more are summarised
const NONE = -1;

export const Kind = Object.freeze(Object.fromEntries(EVENT_KINDS.map((name, i) => [name, i])));
export const TaskState = Object.freeze({
  pending: 0,
  waiting: 1,
  holding: 2,
  finished: 3,
  timeout: 4,
  failed: 5,
  stuck: 6,
  cancelled: 7,
  running: 8,
});

/**
 * How many of the first `length` entries of the sorted `values` pass `test`, a test that holds for a
 * prefix of them (binary search): the trace's "events until t", "printed lines before position".
 * With `from`, the entries before it are taken to pass without being looked at.
 */
export function countWhile(values, length, test, from = 0) {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(values[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A typed array `size` long holding `array`'s values first. */
export function grow(array, size) {
  const bigger = new array.constructor(size);
  bigger.set(array);
  return bigger;
}

export class Trace {
  length = 0;
  deadlock = null; // { t, waiting } once the run ends in a deadlock
  ended = false; // the producer has delivered the last event
  endTime = 0; // virtual time of the last event known (the run's end once `ended`)

  constructor(taskCount, permits) {
    this.taskCount = taskCount;
    this.permits = permits;
    this.slots = Math.min(permits, MAX_SLOTS);
    // Each task logs at most three events (waiting, started, how it ended), plus one deadlock: the
    // arrays are made once at their final size (growing them would copy tens of MB mid-run).
    const capacity = 3 * taskCount + 1;
    this.time = new Float64Array(capacity);
    this.task = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.valueAfter = new Int32Array(capacity);
    this.holdersAfter = new Int32Array(capacity);
    this.queuedAfter = new Int32Array(capacity);
    const perTask = () => new Int32Array(taskCount + 1).fill(NONE);
    this.waitAt = perTask();
    this.startAt = perTask();
    this.endAt = perTask();
    this.slotOf = perTask();
    this.waitOrder = new Int32Array(taskCount); // task ids in the order they joined the queue
    this.waitCount = 0;
    this.outputIndex = new Int32Array(2 * taskCount + 1); // events that print a line (the log without commentary)
    this.outputCount = 0;
    this.peak = 0;
    // Live bookkeeping while the events arrive.
    this.#value = permits;
    // Free slots as bits (at most 64: two words), so the lowest free slot is found in O(1).
    this.#free = [
      this.slots >= 32 ? -1 : (2 ** this.slots - 1) | 0,
      this.slots >= 64 ? -1 : this.slots > 32 ? (2 ** (this.slots - 32) - 1) | 0 : 0,
    ];
    this.#holderOfSlot = new Int32Array(this.slots);
    this.#snapshots = [];
  }

  #value;
  #holding = 0;
  #queued = 0;
  #queueHead = 0; // position in waitOrder of the first task still queued
  #wakeHead = 0; // position in waitOrder before which every task is reserved or gone
  #reserved = new Set(); // woken waiters that own a permit but have not run yet
  #free;
  #holderOfSlot;
  #snapshots; // [{ holderOfSlot, queueHead }] at positions 0, K, 2K, ...

  /** Append events [from, to) of a batch as they left the runtime (an EventBatch). */
  append(batch, from = 0, to = batch.length) {
    this.#reserve(this.length + to - from);
    for (let i = from; i < to; i++) {
      this.#add(batch.time(i), batch.task(i), Kind[batch.kind(i)]);
    }
    if (batch.waiting && to === batch.length) this.deadlock = { t: this.endTime, waiting: batch.waiting };
  }

  #reserve(size) {
    if (size <= this.time.length) return;
    const capacity = Math.max(size, this.time.length * 2);
    for (const name of ['time', 'task', 'kind', 'valueAfter', 'holdersAfter', 'queuedAfter']) this[name] = grow(this[name], capacity);
  }

  #add(t, task, kind) {
    const index = this.length;
    if (index % SNAPSHOT_EVERY === 0) this.#snapshots.push({ holderOfSlot: this.#holderOfSlot.slice(), queueHead: this.#queueHead });
    this.time[index] = t;
    this.task[index] = task;
    this.kind[index] = kind;
    this.endTime = t;
    this.#move(task, kind, index);
    this.valueAfter[index] = this.#value;
    this.holdersAfter[index] = this.#holding;
    this.queuedAfter[index] = this.#queued;
    if (kind !== Kind.waiting && kind !== Kind.deadlock) {
      if (this.outputCount === this.outputIndex.length) this.outputIndex = grow(this.outputIndex, this.outputCount * 2);
      this.outputIndex[this.outputCount++] = index;
    }
    this.length = index + 1;
  }

  #move(task, kind, index) {
    switch (kind) {
      case Kind.waiting:
        this.waitAt[task] = index;
        this.waitOrder[this.waitCount++] = task;
        this.#queued += 1;
        break;
      case Kind.started:
        this.#acquire(task, index);
        break;
      case Kind.finished:
      case Kind.failed:
      case Kind.timeout:
        this.#end(task, index);
        break;
      case Kind.extra_release: // sem.release() with nothing acquired: +1, and the next waiter is woken
        this.#value += 1;
        this.#wakeNext();
        break;
      case Kind.release_error:
        this.#releaseFailed(task, index);
        break;
      default:
        break;
    }
  }

  #acquire(task, index) {
    this.startAt[task] = index; // first: the queue reads it
    if (this.waitAt[task] !== NONE) this.#leaveQueue();
    if (this.#reserved.has(task)) {
      this.#reserved.delete(task); // its permit was taken for it by release()
      if (this.#value > 0) this.#wakeNext();
    } else {
      this.#value -= 1;
    }
    this.#holding += 1;
    if (this.#holding > this.peak) this.peak = this.#holding;
    const full = this.#free[0] === 0 && this.#free[1] === 0;
    if (full && this.slots < MAX_SLOTS) this.#addSlot(); // a holder above the start (extra release)
    const slot = this.#takeLowestFreeSlot();
    if (slot !== NONE) {
      this.slotOf[task] = slot;
      this.#holderOfSlot[slot] = task;
    }
  }

  /**
   * BoundedSemaphore.release() raised ValueError before changing _value (its value had reached the
   * bound, the initial value). Either in `async with`'s exit, the error replacing a failure or a
   * timeout in flight (the task still holds: it ends here, releasing nothing), or right after the
   * task printed "finished": then it was that exit's release if the value was already at the bound
   * (undo the release counted at "finished"), else the extra release (nothing changed).
   */
  #releaseFailed(task, index) {
    const end = this.endAt[task];
    if (this.startAt[task] !== NONE && end === NONE) return this.#end(task, index, { released: false });
    const before = end > 0 ? this.valueAfter[end - 1] : this.permits;
    if (end === index - 1 && this.kind[end] === Kind.finished && before >= this.permits) {
      this.#value -= 1;
      this.valueAfter[end] = this.#value; // "finished" never moved it: the board must not show it above the bound
    }
    return undefined;
  }

  /** One more permit slot, for a holder above the start (after an extra release()). */
  #addSlot() {
    this.#holderOfSlot = grow(this.#holderOfSlot, this.slots + 1);
    this.#free[this.slots >> 5] |= 1 << (this.slots & 31);
    this.slots += 1;
  }

  /** `released`: false when the task's release() raised (a BoundedSemaphore past its bound). */
  #end(task, index, { released = true } = {}) {
    this.endAt[task] = index;
    if (this.startAt[task] !== NONE) {
      this.#holding -= 1;
      const slot = this.slotOf[task];
      if (slot !== NONE) {
        this.#holderOfSlot[slot] = 0;
        this.#free[slot >> 5] |= 1 << (slot & 31);
      }
      if (released) {
        this.#value += 1; // release()
        this.#wakeNext();
      }
    } else if (this.waitAt[task] !== NONE) {
      this.#leaveQueue();
      if (this.#reserved.delete(task)) {
        this.#value += 1; // woken but cancelled before it ran: the permit goes to the next waiter
        this.#wakeNext();
      }
    }
  }

  /** The lowest free permit slot, now taken, or NONE (the board shows holders in permit order). */
  #takeLowestFreeSlot() {
    for (let word = 0; word < 2; word++) {
      const bits = this.#free[word];
      if (bits === 0) continue;
      const bit = 31 - Math.clz32(bits & -bits);
      this.#free[word] = bits & ~(1 << bit);
      return word * 32 + bit;
    }
    return NONE;
  }

  /** _wake_up_next(): reserve a permit for the first waiter that has none yet. */
  #wakeNext() {
    for (let p = Math.max(this.#wakeHead, this.#queueHead); p < this.waitCount; p++) {
      const n = this.waitOrder[p];
      this.#wakeHead = p; // everything before p is reserved or has left the queue
      if (this.#isQueued(n, this.length + 1) && !this.#reserved.has(n)) {
        this.#reserved.add(n);
        this.#value -= 1;
        this.#wakeHead = p + 1;
        return;
      }
    }
  }

  #leaveQueue() {
    this.#queued -= 1;
    while (this.#queueHead < this.waitCount && !this.#isQueued(this.waitOrder[this.#queueHead], this.length + 1)) this.#queueHead += 1;
  }

  /** Is `task` in the semaphore's queue once `position` events have happened? */
  #isQueued(task, position) {
    const w = this.waitAt[task];
    if (w === NONE || w >= position) return false;
    const s = this.startAt[task];
    const e = this.endAt[task];
    return (s === NONE || s >= position) && (e === NONE || e >= position);
  }

  /** A task's state once `position` events have happened. */
  taskState(task, position) {
    const e = this.endAt[task];
    if (e !== NONE && e < position) {
      const k = this.kind[e];
      return k === Kind.finished ? TaskState.finished : k === Kind.timeout ? TaskState.timeout : TaskState.failed;
    }
    const s = this.startAt[task];
    if (s !== NONE && s < position) return TaskState.holding;
    const w = this.waitAt[task];
    if (w !== NONE && w < position) return this.deadlock && position >= this.length ? TaskState.stuck : TaskState.waiting;
    return TaskState.pending;
  }

  /** The event at `index` as the plain object of the public API ({t, task, event}, waiting for a deadlock). */
  event(index) {
    const event = { t: this.time[index], task: this.task[index], event: EVENT_KINDS[this.kind[index]] };
    if (this.kind[index] === Kind.deadlock) event.waiting = this.deadlock ? [...this.deadlock.waiting] : [];
    return event;
  }

  /** How many events happened at or before virtual time `t` (binary search). */
  countUntil(t) {
    return countWhile(this.time, this.length, (time) => time <= t);
  }

  /** How many printed lines (program output) there are among the first `position` events. */
  outputsBefore(position) {
    return countWhile(this.outputIndex, this.outputCount, (index) => index < position);
  }

  /**
   * The semaphore and its permits once `position` events have happened: value, holders by slot,
   * the first `limit` waiters in FIFO order, how many wait and hold. O(SNAPSHOT_EVERY + limit).
   */
  semaphoreAt(position, limit = 24) {
    const before = position - 1;
    const value = before >= 0 ? this.valueAfter[before] : this.permits;
    const holding = before >= 0 ? this.holdersAfter[before] : 0;
    const queued = before >= 0 ? this.queuedAfter[before] : 0;
    const snapshot = this.#snapshots[Math.floor(Math.max(0, before) / SNAPSHOT_EVERY)] ?? {
      holderOfSlot: new Int32Array(this.slots),
      queueHead: 0,
    };
    const holderOfSlot = new Int32Array(this.slots); // slots added since the snapshot start free
    holderOfSlot.set(snapshot.holderOfSlot);
    for (let i = Math.floor(Math.max(0, before) / SNAPSHOT_EVERY) * SNAPSHOT_EVERY; i < position; i++) {
      const n = this.task[i];
      const slot = this.slotOf[n];
      if (slot === NONE) continue;
      if (this.kind[i] === Kind.started) holderOfSlot[slot] = n;
      else if (this.startAt[n] !== NONE && this.startAt[n] < i && this.endAt[n] === i) holderOfSlot[slot] = 0;
    }
    const waiters = [];
    for (let p = snapshot.queueHead; p < this.waitCount && waiters.length < limit; p++) {
      const n = this.waitOrder[p];
      if (this.waitAt[n] >= position) break;
      if (this.#isQueued(n, position)) waiters.push(n);
    }
    // Permits release() took from sem._value for woken waiters that have not run yet (first in line).
    const reserved = Math.max(0, this.permits - holding - value);
    // locked(): no permit left, or somebody is queued (newcomers do not overtake the queue).
    return { value, holding, queued, reserved, holderOfSlot, waiters, locked: value === 0 || queued > 0 };
  }
}
