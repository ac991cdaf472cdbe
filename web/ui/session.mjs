// The playback session: one run, its trace, and the one playback clock every view follows.
//
// The runtime produces the trace as fast as it can (an instant run through the public API, in
// time-budgeted slices so the page stays responsive); the session plays that trace back. The
// playback position is a virtual time and the number of events shown at it; views only ever see
// that position, never the runtime's own clock, which may be far ahead. So:
//   - pause freezes the position where it is; resume continues from there;
//   - a speed change keeps the position;
//   - Step shows exactly one more event, Step back one fewer, and a seek goes anywhere (the trace
//     renders any position from its snapshots);
//   - playback can never pass what the runtime has produced: at a deadline the runtime has not
//     reached yet, the position waits for it.

import { taskCount } from '../scenario.mjs';
import { ProgramTrace } from './program-trace.mjs';
import { Trace } from './trace.mjs';
import { WorkerRuntime } from '../worker-runtime.mjs';

// From this many tasks the runtime runs in a Web Worker: its first loop iteration (gather creating
// every task, one step as in CPython, so not split) blocks in proportion to the tasks, and the
// worker's memory is freed at once by ending it. At 100,000 tasks that step held the page's thread
// 115-185 ms on a slow 2-core machine (bench/README.md); below this, a worker's start-up (a second
// Wasm instance) costs more than it saves.
export const WORKER_FROM_TASKS = 50_000;

const APPEND_SLICE = 4096; // events taken into the trace between two looks at the clock
const APPEND_BUDGET_MS = 12;

export class PlaybackSession {
  #run = null;
  #worker = null; // the WorkerRuntime producing a huge run, ended with it (its Wasm memory goes at once)
  #trace;
  #scenario;
  #state = 'idle'; // idle | running | paused | done | deadlock | error
  #position = 0; // virtual seconds shown
  #cursor = 0; // events shown
  #speed;
  #anchorWall = 0; // wall time (ms) at which the position was #anchorPosition
  #anchorPosition = 0;
  #frame = null;
  #pendingSteps = 0;
  #inbox = []; // batches not yet in the trace: [{ batch, from }]
  #listeners = new Set();
  #summary = null;
  #error = null;

  /**
   * `runtime`: a loaded Runtime; `speed`: virtual seconds per second, Infinity for instant. Plays
   * `scenario`, or with `program` (Python source; scenario null) that program (runtime.runProgram):
   * then `runtime` is where the page plays programs from (program-host.mjs player: on the page within
   * a budget, else its warm worker), whose runs the session resets but never ends.
   */
  constructor(runtime, scenario, speed, program = null) {
    this.#scenario = scenario;
    this.#speed = speed;
    if (program !== null) {
      this.#trace = new ProgramTrace();
      this.#run = runtime.runProgram(program, { instant: true });
    } else {
      this.#trace = new Trace(taskCount(scenario), scenario.permits);
      const inWorker = typeof Worker !== 'undefined' && taskCount(scenario) >= WORKER_FROM_TASKS;
      if (inWorker) this.#worker = new WorkerRuntime();
      this.#run = (this.#worker ?? runtime).createRun(scenario, { instant: true });
    }
    this.#run.on('batch', (batch) => this.#received(batch));
    this.#run.on('error', (error) => this.#failed(error));
    // A failure reaches #failed through 'error'; a run reset or disposed before its end has no summary.
    this.#run.done.then(
      (summary) => this.#produced(summary),
      () => {},
    );
  }

  /** The scenario played, or null for a program. */
  get scenario() {
    return this.#scenario;
  }
  get trace() {
    return this.#trace;
  }
  get state() {
    return this.#state;
  }
  get cursor() {
    return this.#cursor;
  }
  get position() {
    return this.#position;
  }
  get summary() {
    return this.#summary;
  }
  get error() {
    return this.#error;
  }

  /** `listener(session)` after every change of what the views should show (at most once per frame while playing). */
  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Start producing and playing (or start paused at event `at`, for a link that opens there). */
  start({ at = null } = {}) {
    this.#run.start();
    if (this.#state === 'error') return; // the runtime failed at once (a trap while building the run)
    if (at === null) {
      this.#setState('running');
      this.#anchor();
      this.#loop();
    } else {
      this.#setState('paused');
      this.#pendingSteps = at;
      this.#emit();
    }
  }

  pause() {
    if (this.#state !== 'running') return;
    this.#advanceClock();
    this.#setState('paused');
    this.#emit();
  }

  resume() {
    if (this.#state !== 'paused') return;
    if (this.#atEnd()) return this.#finish();
    this.#setState('running');
    this.#anchor();
    this.#loop();
    this.#emit();
  }

  setSpeed(speed) {
    if (this.#state === 'running') this.#advanceClock(); // the position at the old pace
    this.#speed = speed;
    this.#anchor();
  }

  /** Show one more event (waiting for the runtime to produce it if need be). */
  step() {
    if (this.#state === 'running') this.pause();
    if (this.#state === 'error' || this.#state === 'idle') return;
    if (this.#cursor < this.#trace.length) {
      this.#seekTo(this.#cursor + 1);
    } else if (!this.#trace.ended) {
      this.#pendingSteps += 1; // shown when the events arrive
    }
  }

  stepBack() {
    if (this.#state === 'running') this.pause();
    if (this.#state === 'error' || this.#state === 'idle' || this.#cursor === 0) return;
    this.#seekTo(this.#cursor - 1);
  }

  /** Show the first `cursor` events (clamped to what is known), paused there. */
  seek(cursor) {
    if (this.#state === 'error' || this.#state === 'idle') return;
    if (this.#state === 'running') this.pause();
    this.#seekTo(Math.max(0, Math.min(cursor, this.#trace.length)));
  }

  /** Stop producing and playing; free the run's memory. */
  dispose() {
    this.#stopLoop();
    this.#listeners.clear();
    this.#free();
    this.#run = null;
  }

  // --- producing ----------------------------------------------------------------------------------

  /** Free the run's memory: reset the run, and end its worker if it has one. */
  #free() {
    try {
      this.#run?.reset();
    } catch {
      // a trapped runtime cannot free anything; the instance is replaced anyway
    }
    this.#worker?.terminate();
    this.#worker = null;
  }

  // Batches are taken into the trace in slices of APPEND_SLICE events, one host task each, so a
  // worker's big batches never make one long task on the page.
  #received(batch) {
    this.#inbox.push({ batch, from: 0 });
    if (this.#inbox.length === 1) this.#drain();
  }

  #drain() {
    if (!this.#run) return;
    const started = performance.now();
    while (this.#inbox.length && performance.now() - started < APPEND_BUDGET_MS) {
      const item = this.#inbox[0];
      const to = Math.min(item.batch.length, item.from + APPEND_SLICE);
      this.#trace.append(item.batch, item.from, to);
      item.from = to;
      if (to === item.batch.length) this.#inbox.shift();
    }
    if (this.#pendingSteps > 0) this.#stepPending();
    else if (this.#state === 'running' && this.#speed === Infinity) this.#loop();
    if (this.#inbox.length) setTimeout(() => this.#drain(), 0);
    else if (this.#summary && !this.#trace.ended) this.#produced(this.#summary);
  }

  #produced(summary) {
    if (!this.#run) return;
    this.#summary = summary;
    if (this.#inbox.length) return; // ends once the last batch is in the trace (#drain calls again)
    this.#free(); // the trace has every event: the runtime's memory for this run is freed now
    this.#trace.ended = true;
    this.#trace.endTime = summary.endTime;
    if (this.#pendingSteps > 0) this.#stepPending();
    if (this.#state === 'running') this.#loop();
    else if (this.#state === 'paused' && this.#atEnd()) this.#finish();
    else this.#emit();
  }

  #failed(error) {
    this.#error = error;
    this.#stopLoop();
    this.#setState('error');
    this.#emit();
  }

  /** Show the steps asked for before their events were produced, as far as they are known now. */
  #stepPending() {
    const target = Math.min(this.#cursor + this.#pendingSteps, this.#trace.length);
    if (target === this.#cursor && !this.#trace.ended) return;
    this.#pendingSteps -= target - this.#cursor;
    if (this.#trace.ended) this.#pendingSteps = 0;
    this.#seekTo(target);
  }

  // --- the playback clock -------------------------------------------------------------------------

  #seekTo(cursor) {
    this.#cursor = cursor;
    this.#position = cursor > 0 ? this.#trace.time[cursor - 1] : 0;
    if (this.#state !== 'paused' && this.#state !== 'error') this.#setState('paused');
    if (this.#atEnd()) return this.#finish();
    this.#emit();
  }

  #anchor() {
    this.#anchorWall = performance.now();
    this.#anchorPosition = this.#position;
  }

  /** Move the position with the wall clock, never past what the runtime has produced. */
  #advanceClock() {
    const trace = this.#trace;
    // Every event before this time is in the trace (batches still in the inbox are not).
    const produced = trace.ended || this.#inbox.length ? trace.endTime : this.#run.now();
    const wanted =
      this.#speed === Infinity ? Infinity : this.#anchorPosition + ((performance.now() - this.#anchorWall) / 1000) * this.#speed;
    this.#position = Math.max(this.#position, Math.min(wanted, produced));
    this.#cursor = Math.max(this.#cursor, trace.countUntil(this.#position));
  }

  #loop() {
    if (this.#frame !== null) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      if (this.#state !== 'running') return;
      this.#advanceClock();
      if (this.#atEnd()) return this.#finish();
      this.#emit();
      // At instant speed nothing moves until more events arrive (#received asks again).
      if (this.#speed !== Infinity || this.#cursor < this.#trace.length) this.#loop();
    });
  }

  #stopLoop() {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
  }

  #atEnd() {
    return this.#trace.ended && this.#cursor >= this.#trace.length && this.#position >= this.#trace.endTime;
  }

  #finish() {
    this.#stopLoop();
    this.#position = this.#trace.endTime;
    this.#cursor = this.#trace.length;
    this.#setState(this.#trace.deadlock ? 'deadlock' : 'done');
    this.#emit();
  }

  #setState(state) {
    this.#state = state;
  }

  #emit() {
    for (const listener of this.#listeners) {
      try {
        listener(this);
      } catch (error) {
        // A view's bug is not the runtime's failure: report it without stopping the run.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
