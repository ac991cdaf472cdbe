// The scenario a run is made of, checked and completed with defaults (docs/ARCHITECTURE.md).
//
// Everything a user can type reaches the runtime through normalizeScenario(): the page's fields, the
// URL, a widget's attributes, a CLI file. Its errors name the field and the allowed values, so every
// front end can show them as they are.

export const LIMITS = Object.freeze({
  maxCount: 1_000_000, // tasks and permits
  maxSeconds: 1_000_000, // durations, start delays, timeouts
});

export const DEFAULTS = Object.freeze({ permits: 3, bounded: false, duration: 2, tasks: 5 });

const SCENARIO_FIELDS = ['permits', 'bounded', 'duration', 'tasks'];
const TASK_FIELDS = ['duration', 'start', 'fail', 'timeout', 'extra_release'];

/** A scenario that cannot run; `field` is the path of the offending value, e.g. "tasks[2].timeout". */
export class ScenarioError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

function show(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function count(field, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.maxCount) {
    throw new ScenarioError(field, `${field} must be an integer from 0 to ${LIMITS.maxCount} (got ${show(value)})`);
  }
  return value;
}

function seconds(field, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > LIMITS.maxSeconds) {
    throw new ScenarioError(field, `${field} must be a number of seconds from 0 to ${LIMITS.maxSeconds} (got ${show(value)})`);
  }
  return value;
}

function flag(field, value) {
  if (typeof value !== 'boolean') throw new ScenarioError(field, `${field} must be true or false (got ${show(value)})`);
  return value;
}

function plainObject(field, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError(field, `${field} must be an object (got ${show(value)})`);
  }
  return value;
}

function noUnknownFields(field, object, allowed) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const where = field ? `${field}.${key}` : key;
      throw new ScenarioError(where, `unknown field "${where}" (allowed: ${allowed.join(', ')})`);
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
    if (tasks.length > LIMITS.maxCount) {
      throw new ScenarioError('tasks', `tasks must have at most ${LIMITS.maxCount} entries (got ${tasks.length})`);
    }
    tasks = tasks.map((entry, index) => task(index, entry, duration));
  } else if (typeof tasks === 'number') {
    count('tasks', tasks);
  } else {
    throw new ScenarioError('tasks', `tasks must be an integer from 0 to ${LIMITS.maxCount} or a list of task objects (got ${show(tasks)})`);
  }
  return { permits, bounded, duration, tasks };
}

/** Number of tasks in a normalized scenario. */
export function taskCount(scenario) {
  return Array.isArray(scenario.tasks) ? scenario.tasks.length : scenario.tasks;
}

/**
 * The best possible total time, ceil(tasks / permits) * duration, when every task is the same plain
 * task (no start delay, timeout or failure); null when that formula does not apply (permits 0, or
 * tasks that differ).
 */
export function idealTime(scenario) {
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
