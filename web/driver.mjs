// Runs a simulation on the host's timers, the way a browser page or Node needs it.
//
// - At most one host timer is outstanding at any moment, whatever the number of tasks: the driver
//   asks the loop for its next deadline and sleeps until then, or yields with a 0 ms timer.
// - Ready work runs in batches inside a time budget (budgetMs), so a page stays responsive even when
//   one loop iteration has 100,000 callbacks; the iteration simply continues in the next batch.
// - Virtual time never comes from the wall clock: the clock jumps exactly to each deadline, so the
//   trace is the same at any speed. `speed` is virtual seconds per real second; Infinity = instant.
// - Events reach subscribers in batches, one call per batch: 'batch' listeners get the EventBatch as
//   it left Wasm, 'events' listeners an array of plain objects (decoded only if someone listens).
//   The summary's totals are kept by the runtime, so nothing here has to look at each event. A
//   batch is delivered at the end of each time budget, or sooner once BATCH_EVENTS wait.

import { RunListeners } from './run-listeners.mjs';
import { checkPace, checkSpeed, checkStart, checkTimers } from './run-options.mjs';
import { idealTime, taskCount } from './scenario.mjs';

const CALLBACKS_PER_CHECK = 512; // how many callbacks run between two looks at the clock
// A batch is delivered once this many events wait in Wasm, even inside the time budget (an instant
// run with budgetMs Infinity is one tick): the runtime's event buffer then stays this small and is
// reused, instead of growing with the run (at 700,000 events, 17 MB more memory touched and copied
// on every doubling).
export const BATCH_EVENTS = 1 << 16;
// Hosts cannot wait longer than 2^31 - 1 ms in one timer (a longer delay fires at once, with a
// TimeoutOverflowWarning in Node): long waits are chained from timers no longer than this.
export const MAX_TIMER_MS = 2 ** 30;
// A host timer may fire a little before performance.now() says its delay has passed; a deadline that
// close is due (waiting again would cost a clamped 1-4 ms timer for nothing).
const TIMER_SLACK_MS = 1;

const hostTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
  now: () => performance.now(),
};

export class Run {
  #createSimulation;
  #scenario;
  #describe;
  #timers;
  #budgetMs;
  #speed;
  #sim = null;
  #timer = null;
  #listeners = new RunListeners();
  #state = 'idle';
  #doneResolve;
  #doneReject;
  #done;
  // Real-time pacing: the wall time at which virtual time `anchorVirtual` was reached.
  #anchorWall = 0;
  #anchorVirtual = 0;
  #pendingDeadline = null;
  // The playback position while not running: pause freezes it, resume continues from it.
  #position = 0;
  // Summary bookkeeping (the counts come from the runtime)
  #waiting = [];
  #endTime = 0;

  /**
   * `createSimulation()` makes what runs (a scenario's Simulation or a ProgramSimulation); `scenario`
   * is what the run reports it runs; `describe(sim)` gives the summary's own fields (sim null when the
   * runtime trapped), by default a scenario's.
   */
  constructor(createSimulation, scenario, { timers = hostTimers, describe, ...pace } = {}) {
    this.#createSimulation = createSimulation;
    this.#scenario = scenario;
    this.#describe = describe ?? ((sim) => describeScenario(scenario, sim));
    this.#timers = checkTimers(timers);
    ({ speed: this.#speed, budgetMs: this.#budgetMs } = checkPace(pace));
    this.#newCompletion();
  }

  get state() {
    return this.#state;
  }
  get scenario() {
    return this.#scenario;
  }
  get speed() {
    return this.#speed;
  }
  /**
   * Resolves with the Summary when the run ends (done or deadlock); rejects when it cannot end: it
   * failed (the error an 'error' listener gets), or was reset or disposed before it ended. A reset
   * starts a new one.
   */
  get done() {
    return this.#done;
  }

  /**
   * Subscribe to 'events' (an array of event objects), 'batch' (an EventBatch: the same events,
   * read in place), 'state' (the new state) or 'error'. Returns an unsubscribe function.
   */
  on(type, listener) {
    return this.#listeners.on(type, listener);
  }

  /**
   * Start (or resume) producing. `now: true` runs the first slice inside this call instead of on a
   * 0 ms host timer, which a page may delay by a frame: an instant run that fits in budgetMs has
   * ended, its events delivered, when start returns.
   */
  start(options) {
    const { now } = checkStart(options);
    if (this.#state === 'running') return;
    if (this.#state === 'done' || this.#state === 'deadlock' || this.#state === 'error') this.reset();
    if (!this.#ensureSimulation()) return;
    if (!this.#guard(() => this.#reanchor(this.#position))) return; // reads the clock: the first call of a resumed run
    this.#setState('running');
    if (now) this.#tick();
    else this.#schedule(0);
  }

  pause() {
    if (this.#state !== 'running') return;
    this.#position = this.now(); // where the run is, also between two deadlines
    this.#cancelTimer();
    this.#setState('paused');
  }

  resume() {
    if (this.#state !== 'paused' && this.#state !== 'idle') return;
    this.start();
  }

  /** Exactly one loop iteration (moving the clock to the next deadline first if nothing is ready). */
  step() {
    if (this.#state === 'done' || this.#state === 'deadlock' || this.#state === 'error') return;
    if (this.#state === 'running') this.pause();
    if (!this.#ensureSimulation()) return;
    if (this.#state === 'idle') this.#setState('paused');
    this.#guard(() => {
      const sim = this.#sim;
      if (!sim.done() && !sim.deadlocked()) sim.runIteration(Infinity); // the next deadline, then one iteration
      this.#position = sim.time;
      this.#flush();
      this.#checkEnd();
    });
  }

  /** Stop, free the simulation, and go back to idle. start() runs the scenario again from the beginning. */
  reset() {
    this.#cancelTimer();
    if (this.#sim) {
      try {
        this.#sim.dispose();
      } catch {
        // A trapped module cannot free anything; the next run creates a new simulation anyway.
      }
    }
    this.#sim = null;
    this.#waiting = [];
    this.#endTime = 0;
    this.#pendingDeadline = null;
    this.#position = 0;
    if (this.#state === 'running' || this.#state === 'paused') this.#doneReject(new Error('the run was reset before it ended'));
    if (
      this.#state === 'done' ||
      this.#state === 'deadlock' ||
      this.#state === 'error' ||
      this.#state === 'running' ||
      this.#state === 'paused'
    ) {
      this.#newCompletion();
    }
    this.#setState('idle');
  }

  setSpeed(speed) {
    const checked = speed === Infinity ? Infinity : checkSpeed(speed);
    const position = this.now(); // at the old pace, before the pending deadline is forgotten
    this.#speed = checked;
    if (this.#state === 'running') {
      // Re-plan the one pending timer for the new pace from where the run is now.
      this.#cancelTimer();
      this.#reanchor(position);
      this.#schedule(0);
    }
  }

  /**
   * The playback position (virtual seconds): between deadlines it moves with the wall clock, capped
   * at the next deadline; a paused run stays where it was paused.
   */
  now() {
    if (!this.#sim) return 0;
    if (this.#state !== 'running') return this.#position; // also after an error: a trapped runtime is never called again
    const t = this.#sim.time;
    if (this.#speed === Infinity) return t;
    // Just resumed (the first tick is pending) or working through ready callbacks: no further on
    // than where it was resumed.
    if (this.#pendingDeadline === null) return Math.max(t, this.#anchorVirtual);
    const elapsed = ((this.#timers.now() - this.#anchorWall) / 1000) * this.#speed;
    return Math.min(this.#pendingDeadline, Math.max(t, this.#anchorVirtual + elapsed));
  }

  /** The semaphore's state now (value, waiters, locked), or null before the run starts. */
  semaphore() {
    return this.#sim && this.#state !== 'error' ? this.#sim.semaphore() : null;
  }

  // --- the loop ------------------------------------------------------------------------------

  #tick() {
    this.#timer = null;
    if (this.#state !== 'running') return;
    this.#guard(() => {
      const sim = this.#sim;
      const started = this.#timers.now();
      for (;;) {
        if (this.#checkEnd()) return;
        if (!sim.hasReady()) {
          const deadline = sim.nextDeadline();
          if (deadline === null) continue; // checkEnd reports the deadlock
          if (deadline > sim.time) {
            // Wait for the host's clock to reach the deadline, unless it already has: browsers make
            // a chain of timers wait at least 4 ms each, so dense deadlines would fall behind. A
            // timer firing is no proof that the time has passed (long waits are chained), so the
            // clock is asked every time.
            if (this.#speed !== Infinity && this.#wallTimeOf(deadline) - TIMER_SLACK_MS > this.#timers.now()) {
              this.#flush();
              if (this.#state === 'running') this.#waitFor(deadline); // a listener may have paused the run
              return;
            }
            sim.advanceTo(deadline);
          }
        }
        // An iteration moves the timers due by now to the ready queue, then runs (part of) it.
        sim.runOnce(CALLBACKS_PER_CHECK);
        if (sim.pendingEvents() >= BATCH_EVENTS) {
          this.#flush();
          if (this.#state !== 'running') return; // a listener paused or reset the run
        }
        if (this.#timers.now() - started >= this.#budgetMs) {
          this.#flush();
          if (this.#state === 'running') this.#schedule(0); // let the host breathe (paint, input), then carry on
          return;
        }
      }
    });
  }

  /** The host time (ms) at which the run reaches virtual time `t`, at the current pace. */
  #wallTimeOf(t) {
    return this.#anchorWall + ((t - this.#anchorVirtual) / this.#speed) * 1000;
  }

  /** One host timer towards `deadline` (a link of a chain when the wait is longer than MAX_TIMER_MS). */
  #waitFor(deadline) {
    const remaining = Math.max(0, this.#wallTimeOf(deadline) - this.#timers.now());
    this.#schedule(Math.min(remaining, MAX_TIMER_MS), deadline);
  }

  #schedule(ms, deadline = null) {
    this.#cancelTimer();
    this.#pendingDeadline = deadline;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#pendingDeadline = null;
      this.#tick();
    }, ms);
  }

  #cancelTimer() {
    if (this.#timer !== null) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#pendingDeadline = null;
  }

  #reanchor(virtual = this.#sim ? this.#sim.time : 0) {
    this.#anchorWall = this.#timers.now();
    this.#anchorVirtual = virtual;
  }

  /** True (and finishes the run) once the simulation is done or deadlocked. */
  #checkEnd() {
    const sim = this.#sim;
    if (!sim) return true;
    const done = sim.done();
    const deadlocked = !done && !sim.hasReady() && sim.deadlocked();
    if (!done && !deadlocked) return false;
    const failure = done ? sim.failure() : '';
    if (failure) throw new Error(`the runtime failed: ${failure}`); // e.g. out of memory: not a result

    this.#flush();
    this.#endTime = sim.time;
    this.#position = sim.time;
    this.#cancelTimer();
    this.#setState(done ? 'done' : 'deadlock');
    this.#doneResolve(this.summary());
    return true;
  }

  #flush() {
    const batch = this.#sim.takeBatch();
    if (batch === null) return;
    if (batch.waiting) this.#waiting = batch.waiting;
    this.#listeners.deliver(batch);
  }

  /** Totals so far: endTime, deadlocked, waiting, and what describe() adds (ideal, peakConcurrency, counts, ...). */
  summary() {
    // A runtime that trapped cannot be asked any more: its totals are lost with it.
    const sim = this.#sim && this.#state !== 'error' ? this.#sim : null;
    // Copied as property descriptors, not spread: a field made on first read (a program's tasks) stays so.
    const summary = Object.defineProperties({ endTime: this.#endTime }, Object.getOwnPropertyDescriptors(this.#describe(sim)));
    summary.deadlocked = this.#state === 'deadlock';
    summary.waiting = [...this.#waiting];
    return summary;
  }

  #ensureSimulation() {
    if (this.#sim) return true;
    return this.#guard(() => {
      this.#sim = this.#createSimulation();
      this.#reanchor(0);
    });
  }

  // A trap or an out-of-memory abort inside Wasm must not leave the run half alive.
  #guard(fn) {
    try {
      fn();
      return true;
    } catch (thrown) {
      // A C++ exception that escaped Wasm arrives as a WebAssembly.Exception with no message.
      const error = thrown instanceof Error ? thrown : new Error(`the runtime failed (${String(thrown)})`);
      this.#position = this.#anchorVirtual; // the last position known without asking the runtime
      this.#cancelTimer();
      this.#setState('error');
      this.#doneReject(error);
      if (this.#listeners.emit('error', error) === 0)
        queueMicrotask(() => {
          throw error;
        });
      return false;
    }
  }

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#listeners.emit('state', state);
  }

  /** Rejects the completion of a run that will never end (disposed): nothing can start it again. */
  abandon(reason) {
    this.#doneReject(reason);
  }

  #newCompletion() {
    this.#done = new Promise((resolve, reject) => {
      this.#doneResolve = resolve;
      this.#doneReject = reject;
    });
    // Handled here too: a run whose done nobody awaits may fail or be disposed without an
    // unhandled rejection ending the process; an awaiting caller still gets the error.
    this.#done.catch(() => {});
  }
}

/** A scenario run's own summary fields. */
function describeScenario(scenario, sim) {
  return {
    ideal: idealTime(scenario),
    tasks: taskCount(scenario),
    permits: scenario.permits,
    peakConcurrency: sim ? sim.peakHolders() : 0,
    counts: sim ? sim.counts() : { waiting: 0, started: 0, finished: 0, timeout: 0, failed: 0 },
  };
}
