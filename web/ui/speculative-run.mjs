// A program's run for the page's playback, tried on the page's own runtime first (program-host.mjs
// says why). Runs are deterministic, so a program that ends within the attempt's budget has ended
// exactly as it would anywhere: that attempt IS the run, played with no worker round-trip. A program
// over the budget (runProgram's maxSteps and maxMs: a run ending with `budget: true`) is dropped,
// never shown, and run again from the start where big programs run (the worker). Either way the
// session sees one Run: its batches, errors and done, start, reset and now.

import { RunListeners } from '../run-listeners.mjs';

/**
 * The attempt's cap. maxSteps decides deterministically (the lesson up to ~2,400 tasks fits, the
 * lesson's 5 take 271 steps; 100,000 steps take ~10 ms here), maxMs bounds the page's thread on a
 * slow or busy machine, loose enough that a stall of the machine rarely sends a small program to
 * the worker; together they keep the Run press well under the page's 100 ms rule.
 */
export const PAGE_BUDGET = Object.freeze({ maxSteps: 100_000, maxMs: 30 });

const ENDED = new Set(['done', 'deadlock']);

export class SpeculativeRun {
  #local;
  #elsewhere;
  #source;
  #options;
  #budget;
  #listeners = new RunListeners();
  #run = null; // whose events are delivered: the attempt that ended within budget, or the fallback's
  #resolve;
  #reset = false;

  /**
   * `local`: the page's Runtime; `elsewhere()`: a promise of where programs over the budget run (the
   * warm WorkerRuntime); `options`: runProgram's, for both runs; `budget`: the attempt's cap.
   */
  constructor(local, elsewhere, source, options = {}, budget = PAGE_BUDGET) {
    this.#local = local;
    this.#elsewhere = elsewhere;
    this.#source = source;
    this.#options = options;
    this.#budget = budget;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  on(type, listener) {
    return this.#listeners.on(type, listener);
  }

  /** Where the run has reached (virtual seconds): every event before it has been delivered. */
  now() {
    return this.#run?.now() ?? 0;
  }

  /** Try the program here, inside this call; over the budget, start it again elsewhere. */
  start() {
    const attempt = this.#local.runProgram(this.#source, { ...this.#options, ...this.#budget, budgetMs: Infinity });
    const held = [];
    attempt.on('batch', (batch) => held.push(batch));
    attempt.on('error', (error) => this.#listeners.emit('error', error)); // the page's runtime trapped: not the program's size
    attempt.start({ now: true }); // maxMs ends it within this call
    if (ENDED.has(attempt.state) && !attempt.summary().budget) {
      this.#run = attempt;
      for (const batch of held) this.#listeners.deliver(batch);
      this.#resolve(attempt.summary());
    } else {
      attempt.dispose(); // its Wasm memory too
      if (attempt.state !== 'error') this.#startElsewhere();
    }
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
      run = runtime.runProgram(this.#source, this.#options);
    } catch (error) {
      this.#listeners.emit('error', error);
      return;
    }
    this.#run = run;
    run.on('batch', (batch) => this.#listeners.deliver(batch));
    run.on('error', (error) => this.#listeners.emit('error', error));
    run.done.then((summary) => this.#resolve(summary));
    run.start();
  }
}
