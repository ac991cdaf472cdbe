// Programs of the playground's Python: run by the C++ interpreter (python/) in the Wasm module.
//
// simulateProgram runs a whole program at once (the virtual clock jumps from deadline to deadline)
// through the same ProgramSimulation a paced run uses (program-simulation.mjs), and returns the
// public result { output, events, exitStatus, budget, error, errorAt, finalLine, deadlock, steps,
// ran, tasks, primitives }.
// Times are virtual seconds; an event outside asyncio.run() has t = null.

import { ProgramSimulation } from './program-simulation.mjs';
import { AN_EVENT, checkArgument, isEvent } from './arguments.mjs';
import { show } from './contract.mjs';
import { checkSource } from './run-options.mjs';

/**
 * The public result from the interpreter's ending (result_json, python/program.hpp), the events and
 * the words they refer to (ProgramWords).
 */
export function programResult(raw, events, words) {
  const result = {
    output: raw.output,
    events,
    exitStatus: raw.budget ? null : raw.exit,
    budget: raw.budget,
    error: raw.error === '' ? null : raw.error,
    errorAt: raw.errorAt ?? [],
    finalLine: raw.final,
    deadlock: raw.deadlock ? { t: raw.time, tasks: raw.stuck } : null,
    steps: raw.steps,
    ran: raw.ran,
  };
  return withWords(result, words);
}

/**
 * Adds `tasks` ([{ name, function }] by id - 1) and `primitives` from `words` (none without them).
 * The tasks are made on first read: a run of 100,000 tasks has 100,000 of them and most callers never
 * look; reading, spreading, cloning or JSON gives a plain array as before.
 */
export function withWords(result, words) {
  let tasks = null;
  Object.defineProperty(result, 'tasks', {
    get: () => (tasks ??= words ? words.tasks() : []),
    set: (value) => {
      tasks = value;
    },
    enumerable: true,
    configurable: true,
  });
  result.primitives = words ? words.primitives.map((p) => ({ ...p })) : [];
  return result;
}

/**
 * Run a whole program at once (instant: the virtual clock jumps from deadline to deadline). The
 * printed text comes out of the module in one piece, not inside the JSON: a run of 100,000 tasks
 * prints 200,000 lines, and escaping and parsing them cost more than running the program.
 */
export function simulateProgram(module, source, options = {}) {
  checkSource('simulateProgram(source)', source);
  const sim = new ProgramSimulation(module, source, checkBudget(options));
  try {
    while (sim.runIteration()) {
      // the events wait in Wasm memory; one take at the end reads them all in bulk
    }
    const events = [];
    for (let batch = sim.takeBatch(); batch !== null; batch = sim.takeBatch()) {
      for (let i = 0; i < batch.length; i++) events.push(batch.at(i));
    }
    return programResult(sim.result(), events, sim.words);
  } finally {
    sim.dispose();
  }
}

/**
 * The cap a caller may put on one run of a program: { maxSteps, maxMs } of `options`, checked (0:
 * none). maxSteps counts bytecode steps plus one per item a built-in goes through (deterministic:
 * a program under it runs exactly as without it); maxMs is wall-clock time, looked at every few
 * thousand steps. A run over either ends with `budget: true` and exitStatus null: not an outcome of
 * the program, but "too big for this budget" (the page then runs it in its worker).
 */
export function checkBudget({ maxSteps = 0, maxMs = 0 } = {}) {
  if (!(Number.isSafeInteger(maxSteps) && maxSteps >= 0)) {
    throw new RangeError(`maxSteps must be a whole number of steps, 0 for no cap (got ${show(maxSteps)})`);
  }
  if (!(typeof maxMs === 'number' && maxMs >= 0 && Number.isFinite(maxMs))) {
    throw new RangeError(`maxMs must be a number of milliseconds, 0 for no cap (got ${show(maxMs)})`);
  }
  return { maxSteps, maxMs };
}

/** One JSON Lines record per event, keys in a fixed order: t, event, task, then the event's own fields. */
export function programEventToJson(event) {
  checkArgument('programEventToJson(event)', 'event', event, isEvent, AN_EVENT);
  return JSON.stringify(event);
}
