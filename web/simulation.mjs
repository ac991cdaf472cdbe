// A thin wrapper over the Embind Simulation (wasm/bindings.cpp): build it from a normalized scenario,
// drive it, and read its events in bulk straight out of Wasm memory.
//
// Memory: the C++ simulation (a frame per task) is freed by dispose(), or by itself as soon as the run
// has finished and its last events have been taken: from then on the few answers a finished run still
// gives (time, totals, stuck tasks, the semaphore) come from a snapshot taken at that moment.

import { EventBatch } from './event-batch.mjs';
import { EVENT_RECORD, PROBLEMS, problemMessage } from './contract.mjs';
import { EVENT_KINDS } from './format.mjs';
import { ScenarioError } from './scenario.mjs';

const DEADLOCK = EVENT_KINDS.indexOf('deadlock');

export class Simulation {
  #module;
  #sim;
  /** What a finished, freed simulation still answers. */
  #final = null;

  /** @param module the instantiated Emscripten module; @param scenario from normalizeScenario() */
  constructor(module, scenario) {
    this.#module = module;
    const uniform = !Array.isArray(scenario.tasks);
    // Identical tasks cost one call whatever their number; a list costs one call per task.
    this.#sim = new module.Simulation(scenario.permits, scenario.bounded, uniform ? scenario.tasks : 0, scenario.duration);
    if (!uniform) {
      for (const t of scenario.tasks) this.#sim.addTask(t.duration, t.start, t.timeout === null ? -1 : t.timeout, t.fail, t.extra_release);
    }
    const problem = this.#sim.start();
    if (problem !== 0) {
      // normalizeScenario() catches all of these first; this is the C++ core's own check, in the same words.
      const field = this.#sim.problemField();
      const got = this.#sim.problemValue();
      this.dispose();
      throw new ScenarioError(field, problemMessage(PROBLEMS[problem], field, got));
    }
  }

  get time() {
    return this.#final ? this.#final.time : this.#sim.time();
  }
  /** Run up to `budget` callbacks of the current loop iteration; true when the iteration is complete. */
  runOnce(budget = Infinity) {
    return this.#final ? true : this.#sim.runOnce(budget);
  }
  /**
   * One step of a virtual-time run (sp::run_iteration): jump to the next deadline if nothing is ready,
   * then run up to `budget` callbacks of one loop iteration. False when nothing can happen any more.
   */
  runIteration(budget = Infinity) {
    return this.#final ? false : this.#sim.runIteration(budget);
  }
  hasReady() {
    return this.#final ? false : this.#sim.hasReady();
  }
  /** The next timer deadline, or null when no timer is pending. */
  nextDeadline() {
    const t = this.#final ? -1 : this.#sim.nextDeadline();
    return t < 0 ? null : t;
  }
  advanceTo(t) {
    if (!this.#final) this.#sim.advanceTo(t);
  }
  done() {
    return this.#final ? this.#final.done : this.#sim.done();
  }
  /** Why the run failed inside the runtime (e.g. "std::bad_alloc"), or '' if it did not. */
  failure() {
    return this.#final ? this.#final.failure : this.#sim.failure();
  }
  /** True once nothing can happen any more while tasks are unfinished (logs the deadlock event). */
  deadlocked() {
    return this.#final ? this.#final.deadlocked : this.#sim.deadlocked();
  }

  /** Semaphore state for the permit board. */
  semaphore() {
    if (this.#final) return { ...this.#final.semaphore };
    return { value: this.#sim.semaphoreValue(), waiters: this.#sim.semaphoreWaiters(), locked: this.#sim.semaphoreLocked() };
  }

  /** Unfinished task ids, ascending. */
  waitingTasks() {
    if (this.#final) return [...this.#final.waiting];
    const n = this.#sim.waitingCount();
    const base = this.#sim.waitingPointer() >> 2;
    return Array.from(this.#module.HEAP32.subarray(base, base + n));
  }

  /** Events logged since the last takeBatch. */
  pendingEvents() {
    return this.#final ? 0 : this.#sim.eventCount();
  }

  /** The events logged since the last call, oldest first, as an EventBatch (null if none). */
  takeBatch() {
    if (this.#final) return null;
    const n = this.#sim.eventCount();
    let batch = null;
    if (n > 0) {
      const pointer = this.#sim.eventsPointer();
      // Views are taken after running: memory growth replaces the module's buffers.
      const records = this.#module.HEAPU8.slice(pointer, pointer + n * EVENT_RECORD.bytes).buffer;
      // A deadlock ends the run, so it can only be the last event.
      const last = this.#module.HEAP32[(pointer + (n - 1) * EVENT_RECORD.bytes + EVENT_RECORD.kind) >> 2];
      const waiting = last === DEADLOCK ? this.waitingTasks() : null;
      this.#sim.clearEvents();
      batch = new EventBatch(records, waiting);
    }
    if (this.#sim.finished()) this.#freeFinished(); // the whole trace has been read
    return batch;
  }

  /** The events logged since the last call, as plain objects, oldest first. */
  takeEvents() {
    return this.takeBatch()?.toArray() ?? [];
  }

  /** How many events of each kind were logged since the start. */
  counts() {
    if (this.#final) return { ...this.#final.counts };
    const counts = {};
    EVENT_KINDS.forEach((kind, index) => {
      if (index !== DEADLOCK) counts[kind] = this.#sim.count(index);
    });
    return counts;
  }

  /** The most tasks that held a permit at once. */
  peakHolders() {
    return this.#final ? this.#final.peakHolders : this.#sim.peakHolders();
  }

  /** Free the C++ simulation now. Only time() and the totals may be asked afterwards if it had finished. */
  dispose() {
    if (this.#sim) {
      this.#sim.delete();
      this.#sim = null;
    }
  }

  #freeFinished() {
    this.#final = {
      time: this.#sim.time(),
      done: this.#sim.done(),
      deadlocked: !this.#sim.done(),
      failure: this.#sim.failure(),
      semaphore: this.semaphore(),
      waiting: this.waitingTasks(),
      counts: this.counts(),
      peakHolders: this.#sim.peakHolders(),
    };
    this.dispose();
  }
}
