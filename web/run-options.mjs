// The options of the runtime's methods (createRun, runProgram, simulateProgram), checked before
// anything runs: a typo (`sped: 2`) or a wrong type (`instant: 'no'`, which is truthy) would
// otherwise start a run with values the caller did not mean, silently.

import { LIMITS, MIN_SPEED, quote, show } from './contract.mjs';
import { ScenarioError } from './scenario.mjs';

export const PACE_OPTIONS = Object.freeze(['speed', 'instant', 'budgetMs']);
export const BUDGET_OPTIONS = Object.freeze(['maxSteps', 'maxMs']);

/**
 * `options` of `method` as given: undefined (none) or an object whose keys are in `allowed`; an
 * option set to undefined counts as not given. Throws TypeError naming the method and the option.
 */
export function checkOptions(method, options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${method}: options must be an object (got ${show(options)})`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key) && options[key] !== undefined) {
      throw new TypeError(`${method}: unknown option ${quote(key)} (allowed: ${allowed.join(', ')})`);
    }
  }
  return options;
}

/** A run's pace: speed (virtual seconds per real second), or instant; budgetMs per slice of work. */
export function checkPace({ speed = 1, instant = false, budgetMs = 8 } = {}) {
  if (typeof instant !== 'boolean') throw new TypeError(`instant must be true or false (got ${show(instant)})`);
  // NaN would never end a slice: an instant run of a million tasks would hold the thread to the end.
  if (typeof budgetMs !== 'number' || !(budgetMs >= 0)) {
    throw new RangeError(`budgetMs must be a number of milliseconds from 0, or Infinity (got ${show(budgetMs)})`);
  }
  return { speed: instant ? Infinity : checkSpeed(speed), budgetMs };
}

const MAX_COMPARED = 32;

/** compare()'s permit counts: 1 to 32 of them, each an integer in the scenario's range or null (no semaphore). */
export function checkPermitCounts(counts) {
  if (!Array.isArray(counts) || counts.length === 0 || counts.length > MAX_COMPARED) {
    throw new ScenarioError(
      'permitCounts',
      `permitCounts must be a list of 1 to ${MAX_COMPARED} permit counts (null: no semaphore) (got ${show(counts)})`,
    );
  }
  counts.forEach((p, i) => {
    if (p !== null && !(Number.isInteger(p) && p >= 0 && p <= LIMITS.maxCount)) {
      throw new ScenarioError(
        `permitCounts[${i}]`,
        `permitCounts[${i}] must be an integer from 0 to ${LIMITS.maxCount}, or null for no semaphore (got ${show(p)})`,
      );
    }
  });
  return counts;
}

/** A program's source, as `method` takes it ('runProgram(source)'): a string, or TypeError. */
export function checkSource(method, source) {
  if (typeof source !== 'string') throw new TypeError(`${method}: source must be a string of Python source (got ${show(source)})`);
  return source;
}

/** The host timers a run may be given (tests give fake ones): { setTimeout, clearTimeout, now }. */
export function checkTimers(timers) {
  const ok =
    timers !== null && typeof timers === 'object' && ['setTimeout', 'clearTimeout', 'now'].every((f) => typeof timers[f] === 'function');
  if (!ok) throw new TypeError(`timers must be an object with the functions setTimeout, clearTimeout and now (got ${show(timers)})`);
  return timers;
}

/** start()'s options: { now } (a boolean). */
export function checkStart(options) {
  if (options === undefined) return { now: false };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`start(options): options must be an object (got ${show(options)})`);
  }
  const { now = false } = options;
  if (typeof now !== 'boolean') throw new TypeError(`start(options): now must be true or false (got ${show(now)})`);
  return { now };
}

/** A run's speed: virtual seconds per real second, from MIN_SPEED, or Infinity (instant). */
export function checkSpeed(speed) {
  if (typeof speed !== 'number' || !(speed >= MIN_SPEED)) {
    throw new RangeError(
      `speed must be a number of virtual seconds per real second, at least ${MIN_SPEED}, or Infinity (got ${show(speed)})`,
    );
  }
  return speed;
}
