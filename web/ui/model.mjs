// What the page knows about a run, derived only from its events: each task's state and times, who
// holds which permit, the FIFO queue of waiters, and the concurrency over time.

export const TaskState = Object.freeze({ pending: 0, waiting: 1, holding: 2, finished: 3, timeout: 4, failed: 5 });

export class RunModel {
  constructor(taskCount, permits) {
    this.taskCount = taskCount;
    this.permits = permits;
    this.state = new Uint8Array(taskCount + 1);
    this.waitStart = new Float64Array(taskCount + 1).fill(NaN);
    this.holdStart = new Float64Array(taskCount + 1).fill(NaN);
    this.end = new Float64Array(taskCount + 1).fill(NaN);
    this.slotOf = new Int32Array(taskCount + 1).fill(-1);
    // Which task holds permit slot i (0 = free). Slots are a teaching aid: asyncio does not number
    // permits, so a freed slot simply goes to the next task that starts.
    this.shown = Math.min(permits, 64);
    this.holderOfSlot = new Int32Array(this.shown);
    this.freeSlots = [];
    for (let i = this.shown - 1; i >= 0; i--) this.freeSlots.push(i);
    this.queue = []; // waiting task ids in FIFO order (from queueHead on)
    this.queueHead = 0;
    this.leftQueue = new Set();
    this.holding = 0;
    this.peak = 0;
    this.concurrency = [[0, 0]]; // [t, holders] steps
    this.now = 0;
    this.last = null;
    this.deadlock = null;
  }

  apply(events) {
    for (const e of events) this.#apply(e);
  }

  #apply(e) {
    this.now = e.t;
    this.last = e;
    const n = e.task;
    switch (e.event) {
      case 'waiting':
        this.state[n] = TaskState.waiting;
        this.waitStart[n] = e.t;
        this.queue.push(n);
        break;
      case 'started':
        if (this.state[n] === TaskState.waiting) this.#leaveQueue(n);
        this.state[n] = TaskState.holding;
        this.holdStart[n] = e.t;
        if (this.freeSlots.length) {
          const slot = this.freeSlots.pop();
          this.slotOf[n] = slot;
          this.holderOfSlot[slot] = n;
        }
        this.#setHolding(e.t, this.holding + 1);
        break;
      case 'finished':
      case 'failed':
      case 'timeout': {
        const wasHolding = this.state[n] === TaskState.holding;
        if (this.state[n] === TaskState.waiting) this.#leaveQueue(n);
        this.state[n] = TaskState[e.event];
        this.end[n] = e.t;
        if (wasHolding) {
          const slot = this.slotOf[n];
          if (slot >= 0) {
            this.holderOfSlot[slot] = 0;
            this.freeSlots.push(slot);
          }
          this.#setHolding(e.t, this.holding - 1);
        }
        break;
      }
      case 'deadlock':
        this.deadlock = e;
        break;
      default:
        break;
    }
  }

  #leaveQueue(n) {
    if (this.queue[this.queueHead] === n) {
      this.queueHead += 1;
      while (this.leftQueue.has(this.queue[this.queueHead])) this.leftQueue.delete(this.queue[this.queueHead++]);
    } else {
      this.leftQueue.add(n);
    }
  }

  #setHolding(t, holders) {
    this.holding = holders;
    if (holders > this.peak) this.peak = holders;
    const last = this.concurrency[this.concurrency.length - 1];
    if (last[0] === t) last[1] = holders;
    else this.concurrency.push([t, holders]);
  }

  /** The first `limit` waiters still queued, in FIFO order. */
  waiters(limit) {
    const out = [];
    for (let i = this.queueHead; i < this.queue.length && out.length < limit; i++) {
      const n = this.queue[i];
      if (!this.leftQueue.has(n)) out.push(n);
    }
    return out;
  }

  queueLength() {
    return this.queue.length - this.queueHead - this.leftQueue.size;
  }
}
