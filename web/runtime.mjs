// A loaded runtime: what you can do with one Wasm instance.

import { compareProgram, comparePermits } from './compare.mjs';
import { Run as DrivenRun } from './driver.mjs';
import { normalizeScenario } from './scenario.mjs';
import { Simulation } from './simulation.mjs';
import { checkBudget, simulateProgram, withWords } from './program.mjs';
import { ProgramSimulation } from './program-simulation.mjs';
import { BUDGET_OPTIONS, PACE_OPTIONS, checkOptions, checkPermitCounts, checkSource } from './run-options.mjs';

const RUN_OPTIONS = [...PACE_OPTIONS, 'timers'];

// Node 20 and current browsers have Symbol.dispose; elsewhere `using` polyfills look for this one.
const DISPOSE = Symbol.dispose ?? Symbol.for('Symbol.dispose');

/**
 * A Run (driver.mjs) that can be disposed of: dispose() (or `using run = ...`) stops it and frees its
 * Wasm memory for good. A run that finishes frees that memory by itself once its trace has been
 * delivered (web/simulation.mjs), so dispose() matters only for runs abandoned mid-way.
 */
export class Run extends DrivenRun {
  #disposed = false;

  get disposed() {
    return this.#disposed;
  }

  /** Stop the run and free its memory; afterwards start(), resume() and step() throw. Idempotent. */
  dispose() {
    if (this.#disposed) return;
    const disposed = new Error('the run was disposed before it ended');
    this.abandon(disposed); // the completion a caller may be awaiting
    this.reset(); // the driver's reset frees the simulation
    this.#disposed = true;
    this.abandon(disposed); // and the one reset made: nothing can start this run again
  }

  [DISPOSE]() {
    this.dispose();
  }

  start(options) {
    this.#alive();
    super.start(options);
  }
  resume() {
    this.#alive();
    super.resume();
  }
  step() {
    this.#alive();
    super.step();
  }

  #alive() {
    if (this.#disposed) throw new Error('this run was disposed: create a new one with runtime.createRun()');
  }
}

/** A program run's own summary fields (sim null when the runtime trapped). */
function describeProgram(sim) {
  const raw = sim?.result();
  const own = withWords(
    {
      exitStatus: raw && !raw.budget ? raw.exit : null,
      budget: raw ? raw.budget : false,
      finalLine: raw ? raw.final : null,
      error: raw && raw.error !== '' ? raw.error : null,
      errorAt: raw ? (raw.errorAt ?? []) : [],
      ran: raw ? raw.ran : false,
      output: raw ? raw.output : '',
    },
    sim?.words,
  );
  own.peakConcurrency = sim ? sim.peakHolders() : 0;
  own.counts = sim ? sim.counts() : { created: 0, finished: 0, failed: 0, cancelled: 0 };
  return own;
}

export class Runtime {
  #module;

  constructor(module) {
    this.#module = module;
  }

  /** The whole trace of a scenario at once, on the virtual clock (no waiting): for tests and tools. */
  simulate(input) {
    const sim = new Simulation(this.#module, normalizeScenario(input));
    try {
      const events = [];
      while (!sim.done() && !sim.deadlocked()) {
        sim.runIteration();
        for (const event of sim.takeEvents()) events.push(event);
      }
      for (const event of sim.takeEvents()) events.push(event);
      const failure = sim.failure();
      if (failure) throw new Error(`the runtime failed: ${failure}`);
      return events;
    } finally {
      sim.dispose();
    }
  }

  /**
   * The scenario run once per permit count (null: no semaphore), side by side:
   * [{ permits, endTime, peakConcurrency, meanWait, maxWait }].
   */
  compare(input, permitCounts) {
    if (typeof input === 'string') {
      // A program: compared by varying its first Semaphore(...) argument (null: one nobody waits for).
      checkPermitCounts(permitCounts);
      return compareProgram((source) => this.simulateProgram(source), input, permitCounts);
    }
    const scenario = normalizeScenario(input);
    checkPermitCounts(permitCounts);
    return comparePermits((s) => this.simulate(s), scenario, permitCounts);
  }

  /** A run driven by host timers (see driver.mjs). The scenario is checked now; throws ScenarioError. */
  createRun(input, options) {
    const scenario = normalizeScenario(input);
    options = checkOptions('createRun(scenario, options)', options, RUN_OPTIONS);
    return new Run(() => new Simulation(this.#module, scenario), scenario, options);
  }

  /**
   * Run a program of the playground's Python (a subset of async Python 3.11) at once, on the
   * virtual clock: { output, events, exitStatus, budget, error, finalLine, deadlock, steps }.
   * `options.maxSteps`, `options.maxMs`: a cap on this run (program.mjs checkBudget).
   */
  simulateProgram(source, options) {
    return simulateProgram(this.#module, source, checkOptions('simulateProgram(source, options)', options, BUDGET_OPTIONS));
  }

  /**
   * A program run driven by host timers: the same Run as createRun (events and batches, state,
   * pause, step, done), its events the program's (README "Programs"); `run.scenario` is null.
   * done resolves with { endTime, deadlocked, waiting (stuck task names), exitStatus, budget,
   * finalLine, error, output, tasks, primitives, peakConcurrency, counts }. `options.maxSteps`,
   * `options.maxMs`: a cap on this run (program.mjs checkBudget); over it, budget is true.
   */
  runProgram(source, options) {
    checkSource('runProgram(source)', source);
    options = checkOptions('runProgram(source, options)', options, [...RUN_OPTIONS, ...BUDGET_OPTIONS]);
    const budget = checkBudget(options);
    return new Run(() => new ProgramSimulation(this.#module, source, budget), null, { ...options, describe: describeProgram });
  }

  /** Current size of the Wasm memory in bytes (it only grows). */
  heapBytes() {
    return this.#module.heapBytes();
  }

  /** Bytes of Wasm memory in use by live allocations (it falls again when runs are freed). */
  allocatedBytes() {
    return this.#module.allocatedBytes();
  }

  /** The C++ side of web/contract.mjs (limits, problem codes, event record layout, kind names). */
  contract() {
    return this.#module.contract();
  }
}
