// Where the page runs edited programs: Run, "Compare permit counts" and "Predict first" alike.
//
// The rule (issue #13: "the page never blocks the main thread for more than 100 ms, at any task
// count", and the lesson's first event within ~5 ms of Run):
//   - A program is first tried on the page's own runtime under a small budget (speculative-run.mjs
//     PAGE_BUDGET: 100,000 steps, 30 ms): in idle time once the learner's text settles, or inside the
//     Run press for a text not tried yet. Runs are deterministic, so a program that ends within it has
//     ended exactly as anywhere: Run plays that run, with no worker round-trip (the lesson's first
//     event a millisecond or two after Run). The budget only decides where a program runs, never what
//     it prints: a run over it is dropped unseen.
//   - A program over the budget runs in a Web Worker (web/worker-runtime.mjs), from the start. Its size
//     is unknown before it runs, and one loop iteration cannot be split (the lesson at 100,000 tasks
//     spends ~111 ms in the iteration where gather creates every task), so the budget is checked inside
//     the interpreter (steps, built-ins' work, the clock), not between iterations. No task-count
//     threshold, unlike the knobs' scenarios (session.mjs WORKER_FROM_TASKS), whose size is known before.
//   - "Compare permit counts" and "Predict first" run a program several times or before the playback:
//     always in the worker.
//   - One worker per playground, started warm ahead of need: when the learner first edits the
//     program (or a link or a lab opens one), long before Run, so a big Run finds the runtime loaded
//     and the first event costs a message, not a Wasm start-up. It is reused for every later run,
//     comparison and prediction. A Run over the budget while it still loads waits for it, off the
//     page's thread.
//   - Its Wasm memory never shrinks: after a run, a worker past MAX_KEPT_HEAP_BYTES is ended (the
//     memory goes at once) and a fresh one started in idle time. A worker that failed is replaced.
//   - Where Worker does not exist, or a worker cannot start, the page's own runtime runs programs,
//     whole.
// The widget and the page share this (app.mjs makes one per playground).

import { makeProgramQuestion } from '../predict.mjs';
import { WorkerRuntime } from '../worker-runtime.mjs';
import { programComparison } from './compare-view.mjs';
import { PAGE_BUDGET, SpeculativeRun, tryOnPage } from './speculative-run.mjs';

/** The page's program worker: warmed up for programs as soon as it starts (null where there is no Worker). */
function programWorker() {
  if (typeof Worker === 'undefined') return null;
  const worker = new WorkerRuntime();
  worker.warmUpPrograms().catch(() => {}); // a worker that cannot start says so to the runs that need it
  return worker;
}

// A fresh worker's runtime takes ~20 MB; a 100,000-task program leaves ~110 MB behind. Past this, a
// reused worker would hold more memory than a new one costs to start.
export const MAX_KEPT_HEAP_BYTES = 256 * 1024 * 1024;

const idle = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));

export class ProgramHost {
  #local; // () => Promise<Runtime>: the page's own runtime, for where Worker is unavailable
  #makeWorker;
  #budget;
  #worker = null;
  #wanted = null; // the text on show (prepare)
  #tried = null; // tryOnPage's answer for it, made ahead of Run

  /**
   * `local()`: the page's runtime (a promise); `makeWorker()`: a new WorkerRuntime, or null where
   * Worker is unavailable; `budget`: what a program may take on the page's thread (PAGE_BUDGET).
   */
  constructor(local, makeWorker = programWorker, budget = PAGE_BUDGET) {
    this.#local = local;
    this.#makeWorker = makeWorker;
    this.#budget = budget;
  }

  /** Start the worker now if there is none, so it has loaded by the time a program runs. */
  warm() {
    this.#worker ??= this.#makeWorker();
  }

  /** Whether programs run in a worker. */
  get inWorker() {
    this.warm();
    return this.#worker !== null;
  }

  /** What runs programs over the page's budget, comparisons and predictions: the warm worker (once it has loaded), else the page's runtime. */
  async runtime() {
    this.warm();
    const worker = this.#worker;
    if (worker && (await worker.ready)) return worker;
    if (worker) {
      // A worker that cannot start (say a course page's CSP has no worker-src for us) will not start
      // next time either: programs run on the page's runtime from now on.
      worker.terminate();
      this.#worker = null;
      this.#makeWorker = () => null;
    }
    return this.#local();
  }

  /**
   * What a Run plays a program from (the rule above): `runProgram(source)` as a runtime's, at instant
   * speed, giving a SpeculativeRun, or the page's runtime itself where there is no worker.
   */
  async player() {
    const local = await this.#local();
    if (!this.inWorker) return local;
    return {
      runProgram: (source) =>
        new SpeculativeRun(
          source,
          () => this.#triedOnPage(local, source),
          () => this.runtime(),
        ),
    };
  }

  /**
   * The learner's text settled on `source` (null: the knobs' program): try it on the page in idle
   * time, so that a Run of it has nothing left to run in the press.
   */
  prepare(source) {
    this.#wanted = source;
    if (this.#tried?.source !== source) this.#tried = null;
    if (source === null) return;
    idle(async () => {
      if (this.#wanted !== source || this.#tried !== null || !this.inWorker) return;
      try {
        this.#triedOnPage(await this.#local(), source);
      } catch {
        // a trap: the Run press tries again, and says so
      }
    });
  }

  /** tryOnPage's answer about `source`: the one kept if it is about that text, else made now (and kept while the text is on show). */
  #triedOnPage(local, source) {
    if (this.#tried?.source === source) return this.#tried;
    const tried = tryOnPage(local, source, this.#budget);
    if (this.#wanted === source) this.#tried = tried;
    return tried;
  }

  /** The question of "Predict first" about `source` (predict.mjs makeProgramQuestion, from a run of it). */
  async question(id, source) {
    const runtime = await this.runtime();
    return runtime instanceof WorkerRuntime
      ? runtime.programQuestion(id, source)
      : makeProgramQuestion(id, runtime.simulateProgram(source));
  }

  /** The comparison's figures (compare-view.mjs programComparison). */
  async comparison(source, permitCounts) {
    const runtime = await this.runtime();
    if (runtime instanceof WorkerRuntime) return runtime.programComparison(source, permitCounts);
    return programComparison((text) => runtime.simulateProgram(text), source, permitCounts);
  }

  /** A run has ended or been reset: a worker holding much memory is ended, a fresh one warmed in idle time. */
  released() {
    if (this.#worker && this.#worker.heapBytes() > MAX_KEPT_HEAP_BYTES) this.#replace();
  }

  /** The worker failed (a trap, out of memory): replaced by a fresh one. */
  failed() {
    if (this.#worker) this.#replace();
  }

  #replace() {
    this.#worker?.terminate();
    this.#worker = null;
    idle(() => this.warm());
  }

  dispose() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#makeWorker = () => null;
  }
}
