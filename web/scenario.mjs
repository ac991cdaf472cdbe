// The scenario a run is made of, checked and completed with defaults (docs/ARCHITECTURE.md).
//
// Everything a user can type reaches the runtime through normalizeScenario(): the page's fields, the
// URL, a widget's attributes, a CLI file. Its errors name the field and the allowed values, so every
// front end can show them as they are.

import { A_SCENARIO, checkArgument, isScenario } from './arguments.mjs';
import { DEFAULTS, LIMITS, SCENARIO_FIELDS, TASK_FIELDS, problemMessage } from './contract.mjs';

export { LIMITS, DEFAULTS };

/** A scenario that cannot run; `field` is the path of the offending value, e.g. "tasks[2].timeout". */
export class ScenarioError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

const reject = (problem, field, got) => new ScenarioError(field, problemMessage(problem, field, got));

function count(field, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.maxCount) {
    throw reject('count', field, value);
  }
  return value;
}

function seconds(field, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > LIMITS.maxSeconds) {
    throw reject('seconds', field, value);
  }
  return value;
}

function flag(field, value) {
  if (typeof value !== 'boolean') throw reject('boolean', field, value);
  return value;
}

function plainObject(field, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw reject('object', field, value);
  return value;
}

function noUnknownFields(field, object, allowed) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const where = field ? `${field}.${key}` : key;
      throw reject('unknown-field', where, allowed);
    }
  }
}

function task(index, input, defaultDuration) {
  const field = `tasks[${index}]`;
  plainObject(field, input);
  noUnknownFields(field, input, TASK_FIELDS);
  return {
    duration: input.duration === undefined ? defaultDuration : seconds(`${field}.duration`, input.duration),
    start: input.start === undefined ? 0 : seconds(`${field}.start`, input.start),
    fail: input.fail === undefined ? false : flag(`${field}.fail`, input.fail),
    timeout: input.timeout === undefined || input.timeout === null ? null : seconds(`${field}.timeout`, input.timeout),
    extra_release: input.extra_release === undefined ? false : flag(`${field}.extra_release`, input.extra_release),
  };
}

/**
 * Check a scenario and fill in the defaults. Returns
 * `{permits, bounded, duration, tasks}` where `tasks` is a count (identical tasks) or an array of
 * `{duration, start, fail, timeout, extra_release}` (timeout null = none). Throws ScenarioError.
 */
export function normalizeScenario(input = {}) {
  plainObject('scenario', input);
  noUnknownFields('', input, SCENARIO_FIELDS);
  const permits = input.permits === undefined ? DEFAULTS.permits : count('permits', input.permits);
  const bounded = input.bounded === undefined ? DEFAULTS.bounded : flag('bounded', input.bounded);
  const duration = input.duration === undefined ? DEFAULTS.duration : seconds('duration', input.duration);
  let tasks = input.tasks === undefined ? DEFAULTS.tasks : input.tasks;
  if (Array.isArray(tasks)) {
    if (tasks.length > LIMITS.maxCount) throw reject('too-many-tasks', 'tasks', tasks.length);
    // Array.from, not map: map skips the holes of a sparse list ([, {}]), which must be rejected.
    tasks = Array.from(tasks, (entry, index) => task(index, entry, duration));
  } else if (typeof tasks === 'number') {
    count('tasks', tasks);
  } else {
    throw reject('tasks', 'tasks', tasks);
  }
  return { permits, bounded, duration, tasks };
}

/** Number of tasks in a normalized scenario. */
export function taskCount(scenario) {
  checkArgument('taskCount(scenario)', 'scenario', scenario, isScenario, A_SCENARIO);
  return Array.isArray(scenario.tasks) ? scenario.tasks.length : scenario.tasks;
}

/**
 * The best possible total time, ceil(tasks / permits) * duration, when every task is the same plain
 * task (no start delay, timeout or failure); null when that formula does not apply (permits 0, or
 * tasks that differ).
 */
export function idealTime(scenario) {
  checkArgument('idealTime(scenario)', 'scenario', scenario, isScenario, A_SCENARIO);
  const n = taskCount(scenario);
  if (n === 0) return 0;
  if (scenario.permits === 0) return null;
  let duration = scenario.duration;
  if (Array.isArray(scenario.tasks)) {
    duration = scenario.tasks[0].duration;
    const plain = scenario.tasks.every((t) => t.duration === duration && t.start === 0 && !t.fail && t.timeout === null);
    if (!plain) return null;
  }
  return Math.ceil(n / scenario.permits) * duration;
}
