// A thin wrapper over the Embind Simulation (wasm/bindings.cpp): build it from a normalized scenario,
// drive it, and read its events in bulk straight out of Wasm memory.

import { EventBatch, EVENT_BYTES } from './event-batch.mjs';
import { EVENT_KINDS } from './format.mjs';

const DEADLOCK = EVENT_KINDS.indexOf('deadlock');

export class Simulation {
  #module;
  #sim;

  /** @param module the instantiated Emscripten module; @param scenario from normalizeScenario() */
  constructor(module, scenario) {
    this.#module = module;
    const uniform = !Array.isArray(scenario.tasks);
    // Identical tasks cost one call whatever their number; a list costs one call per task.
    this.#sim = new module.Simulation(scenario.permits, scenario.bounded, uniform ? scenario.tasks : 0, scenario.duration);
    if (!uniform) {
      for (const t of scenario.tasks) this.#sim.addTask(t.duration, t.start, t.timeout === null ? -1 : t.timeout, t.fail, t.extra_release);
    }
    const error = this.#sim.start();
    if (error) {
      this.dispose();
      throw new Error(`the runtime rejected the scenario: ${error}`);
    }
  }

  get time() { return this.#sim.time(); }
  /** Run up to `budget` callbacks of the current loop iteration; true when the iteration is complete. */
  runOnce(budget = Infinity) { return this.#sim.runOnce(budget); }
  hasReady() { return this.#sim.hasReady(); }
  /** The next timer deadline, or null when no timer is pending. */
  nextDeadline() {
    const t = this.#sim.nextDeadline();
    return t < 0 ? null : t;
  }
  advanceTo(t) { this.#sim.advanceTo(t); }
  done() { return this.#sim.done(); }
  /** Why the run failed inside the runtime (e.g. "std::bad_alloc"), or '' if it did not. */
  failure() { return this.#sim.failure(); }
  /** True once nothing can happen any more while tasks are unfinished (logs the deadlock event). */
  deadlocked() { return this.#sim.deadlocked(); }

  /** Semaphore state for the permit board. */
  semaphore() {
    return { value: this.#sim.semaphoreValue(), waiters: this.#sim.semaphoreWaiters(), locked: this.#sim.semaphoreLocked() };
  }

  /** Unfinished task ids, ascending. */
  waitingTasks() {
    const n = this.#sim.waitingCount();
    const base = this.#sim.waitingPointer() >> 2;
    return Array.from(this.#module.HEAP32.subarray(base, base + n));
  }

  /** The events logged since the last call, oldest first, as an EventBatch (null if none). */
  takeBatch() {
    const n = this.#sim.eventCount();
    if (n === 0) return null;
    const pointer = this.#sim.eventsPointer();
    // Views are taken after running: memory growth replaces the module's buffers.
    const records = this.#module.HEAPU8.slice(pointer, pointer + n * EVENT_BYTES).buffer;
    // A deadlock ends the run, so it can only be the last event.
    const last = this.#module.HEAP32[(pointer + (n - 1) * EVENT_BYTES + 12) >> 2];
    const waiting = last === DEADLOCK ? this.waitingTasks() : null;
    this.#sim.clearEvents();
    return new EventBatch(records, waiting);
  }

  /** The events logged since the last call, as plain objects, oldest first. */
  takeEvents() {
    return this.takeBatch()?.toArray() ?? [];
  }

  /** How many events of each kind were logged since the start. */
  counts() {
    const counts = {};
    EVENT_KINDS.forEach((kind, index) => { if (index !== DEADLOCK) counts[kind] = this.#sim.count(index); });
    return counts;
  }

  /** The most tasks that held a permit at once. */
  peakHolders() { return this.#sim.peakHolders(); }

  dispose() {
    if (this.#sim) {
      this.#sim.delete();
      this.#sim = null;
    }
  }
}
