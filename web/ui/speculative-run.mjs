// A program's run for the page's playback, tried on the page's own runtime first (program-host.mjs
// says why). Runs are deterministic, so a program that ends within the attempt's budget has ended
// exactly as it would anywhere: that attempt IS the run, played with no worker round-trip. A program
// over the budget (runProgram's maxSteps and maxMs: a run ending with `budget: true`) is dropped,
// never shown, and run again from the start where big programs run (the worker). Either way the
// session sees one Run: its batches, errors and done, start, reset and now.
//
// The attempt can be made ahead of Run (tryOnPage, when the learner's text settles): a Run of the
// same text then plays it at once, or goes straight to the worker, with nothing to run in the press.

import { RunListeners } from '../run-listeners.mjs';

/**
 * The attempt's cap. maxSteps decides deterministically (the lesson up to ~2,400 tasks fits, the
 * lesson's 5 take 271 steps; 100,000 steps take ~10 ms here), maxMs bounds the page's thread on a
 * slow or busy machine, loose enough that a stall of the machine rarely sends a small program to
 * the worker; together they keep the Run press well under the page's 100 ms rule.
 */
export const PAGE_BUDGET = Object.freeze({ maxSteps: 100_000, maxMs: 30 });

// The page plays every program at instant speed (session.mjs): the only runs an attempt stands for.
const PLAYED = Object.freeze({ instant: true });
const ENDED = new Set(['done', 'deadlock']);

/**
 * `source` run on `local` (the page's Runtime) within `budget`, inside this call: { source, ended }
 * where ended is the run ({ batches, summary }) if it ended within the budget, else null. Throws
 * what the runtime failed with (a trap).
 */
export function tryOnPage(local, source, budget = PAGE_BUDGET) {
  const attempt = local.runProgram(source, { ...PLAYED, ...budget, budgetMs: Infinity });
  const batches = [];
  let failure = null;
  attempt.on('batch', (batch) => batches.push(batch));
  attempt.on('error', (error) => {
    failure = error;
  });
  attempt.start({ now: true }); // maxMs ends it within this call
  const summary = ENDED.has(attempt.state) ? attempt.summary() : null;
  attempt.dispose(); // its Wasm memory too
  if (failure) throw failure;
  return { source, ended: summary && !summary.budget ? { batches, summary } : null };
}

export class SpeculativeRun {
  #source;
  #tryOnPage;
  #elsewhere;
  #listeners = new RunListeners();
  #ended = null; // the page's run, when it ended within the budget
  #run = null; // else the run elsewhere
  #resolve;
  #reset = false;

  /**
   * `tryOnPage()`: tryOnPage's answer about `source` (made ahead of Run, or now), called by start();
   * `elsewhere()`: a promise of where programs over the budget run (the warm WorkerRuntime).
   */
  constructor(source, tryOnPage, elsewhere) {
    this.#source = source;
    this.#tryOnPage = tryOnPage;
    this.#elsewhere = elsewhere;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  on(type, listener) {
    return this.#listeners.on(type, listener);
  }

  /** Where the run has reached (virtual seconds): every event before it has been delivered. */
  now() {
    return this.#ended ? this.#ended.summary.endTime : (this.#run?.now() ?? 0);
  }

  /** Play the page's run of the program; over the budget, start it elsewhere. */
  start() {
    let tried;
    try {
      tried = this.#tryOnPage();
    } catch (error) {
      this.#listeners.emit('error', error); // the page's runtime trapped: not the program's size
      return;
    }
    if (!tried.ended) return void this.#startElsewhere();
    this.#ended = tried.ended;
    for (const batch of tried.ended.batches) this.#listeners.deliver(batch);
    this.#resolve(tried.ended.summary);
  }

  /** Stop delivering; a run elsewhere drops what it still had in flight. */
  reset() {
    this.#reset = true;
    this.#run?.reset();
  }

  async #startElsewhere() {
    let run;
    try {
      const runtime = await this.#elsewhere();
      if (this.#reset) return;
      run = runtime.runProgram(this.#source, PLAYED);
    } catch (error) {
      this.#listeners.emit('error', error);
      return;
    }
    this.#run = run;
    run.on('batch', (batch) => this.#listeners.deliver(batch));
    run.on('error', (error) => this.#listeners.emit('error', error));
    // A failure is the 'error' above; a run reset or disposed before its end has no summary.
    run.done.then(
      (summary) => this.#resolve(summary),
      () => {},
    );
    run.start();
  }
}
