// A deterministic stand-in for setTimeout/clearTimeout/performance.now, injected into the driver:
// it counts how many host timers are outstanding and lets a test move time by hand.
export class FakeTimers {
  #now = 0;
  #next = 1;
  #pending = new Map(); // id -> { due, fn }
  maxOutstanding = 0;
  requestedDelays = [];
  /** Milliseconds that each now() call advances, to simulate work taking time (budget tests). */
  msPerNow = 0;

  setTimeout = (fn, ms) => {
    const id = this.#next++;
    this.#pending.set(id, { due: this.#now + ms, fn });
    this.requestedDelays.push(ms);
    this.maxOutstanding = Math.max(this.maxOutstanding, this.#pending.size);
    return id;
  };

  clearTimeout = (id) => {
    this.#pending.delete(id);
  };

  now = () => {
    const t = this.#now;
    this.#now += this.msPerNow;
    return t;
  };

  /** Let `ms` of host time pass without firing anything (a learner looking at a paused run). */
  advance(ms) {
    this.#now += ms;
  }

  get outstanding() {
    return this.#pending.size;
  }

  /** Fire the earliest timer (moving the clock to it); false when none is pending. */
  fireNext() {
    let best = null;
    for (const [id, timer] of this.#pending) {
      if (best === null || timer.due < best[1].due) best = [id, timer];
    }
    if (best === null) return false;
    this.#pending.delete(best[0]);
    this.#now = Math.max(this.#now, best[1].due);
    best[1].fn();
    return true;
  }

  /** Fire the earliest timer now, before its due time (hosts may: chained or throttled timers). */
  fireEarly() {
    const [id, timer] = [...this.#pending].sort((a, b) => a[1].due - b[1].due)[0] ?? [];
    if (id === undefined) return false;
    this.#pending.delete(id);
    timer.fn();
    return true;
  }

  /** Fire timers until none is left (or `limit` fired). Returns how many fired. */
  runAll(limit = 1_000_000) {
    let fired = 0;
    while (fired < limit && this.fireNext()) fired += 1;
    return fired;
  }
}
