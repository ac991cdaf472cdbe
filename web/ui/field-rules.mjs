// Every rule for what a learner may type, and every message about it, in one place: the form's
// fields, the per-task rows, the page's URL and a widget's attributes all go through here. The limits
// and the quoting of what was typed are the shared contract's (web/contract.mjs); the words are the
// form's, which names fields by their labels.
//
// Messages use the learner's words: the field's label ("Permits", "Task 2: timeout"), what they
// typed, and what is allowed. Nothing typed is ever thrown away: a bad value stays in its field.

import { quote } from '../contract.mjs';
import { LIMITS, ScenarioError } from '../scenario.mjs';

export const MAX_CUSTOM_TASKS = 50; // rows in "Customise each task"

export const LABELS = Object.freeze({ permits: 'Permits', tasks: 'Tasks', duration: 'Duration', speed: 'Speed' });
const ROW_LABELS = Object.freeze({
  duration: 'duration',
  start: 'start delay',
  timeout: 'timeout',
  fail: 'fails',
  extra_release: 'extra release()',
});

/** A value that cannot run; `field` is the form's key ("permits", "tasks[1].timeout"). */
export class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'FieldError';
    this.field = field;
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const grouped = (n) => n.toLocaleString('en-US');
const quoted = (text) => quote(text.length > 24 ? `${text.slice(0, 24)}…` : text);

/** "Task 2: timeout" for "tasks[1].timeout"; "Permits" for "permits". */
export function fieldLabel(field) {
  const row = /^tasks\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (row) return row[2] ? `Task ${Number(row[1]) + 1}: ${ROW_LABELS[row[2]] ?? row[2]}` : `Task ${Number(row[1]) + 1}`;
  return LABELS[field] ?? field;
}

/**
 * The number in `text` for `field`, or a FieldError saying what is wrong in the learner's words.
 * `kind` is 'count' (a whole number up to LIMITS.maxCount) or 'seconds' (up to LIMITS.maxSeconds).
 */
export function parseField(field, text, kind, { optional = false, max } = {}) {
  const label = fieldLabel(field);
  const typed = String(text ?? '').trim();
  const limit = max ?? (kind === 'count' ? LIMITS.maxCount : LIMITS.maxSeconds);
  const allowed = kind === 'count' ? `a whole number from 0 to ${grouped(limit)}` : `a number of seconds from 0 to ${grouped(limit)}`;
  if (typed === '') {
    if (optional) return null;
    throw new FieldError(field, `${label} is empty: enter ${allowed}.`);
  }
  if (/^[+-]?infinity$/i.test(typed)) throw new FieldError(field, `${label} ${quoted(typed)} is too large: enter ${allowed}.`);
  if (!DECIMAL.test(typed)) throw new FieldError(field, `${label} ${quoted(typed)} is not a number: enter ${allowed}.`);
  const value = Number(typed);
  if (value < 0) throw new FieldError(field, `${label} cannot be negative (you typed ${quoted(typed)}): enter ${allowed}.`);
  if (!(value <= limit)) throw new FieldError(field, `${label} ${quoted(typed)} is too large: enter ${allowed}.`);
  if (kind === 'count' && !Number.isInteger(value))
    throw new FieldError(field, `${label} must be a whole number (you typed ${quoted(typed)}).`);
  return value;
}

/**
 * The scenario the settings describe (the input of normalizeScenario) and every field that is wrong:
 * `{ input, errors }`, input null when there are errors. `settings` holds the fields' text:
 * {permits, tasks, duration, bounded, custom: null | [{duration, start, timeout, fail, extra_release}]}.
 */
export function readScenario(settings) {
  const errors = [];
  const check = (field, text, kind, options) => {
    try {
      return parseField(field, text, kind, options);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      errors.push(error);
      return undefined;
    }
  };
  const custom = settings.custom;
  const permits = check('permits', settings.permits, 'count');
  const tasks = check('tasks', settings.tasks, 'count');
  const duration = check('duration', settings.duration, 'seconds');
  if (custom && tasks > MAX_CUSTOM_TASKS) {
    errors.push(
      new FieldError(
        'tasks',
        `Tasks is ${grouped(tasks)}, but Customise each task covers at most ${MAX_CUSTOM_TASKS} tasks: lower Tasks or turn Customise off.`,
      ),
    );
  }
  const input = { permits, bounded: Boolean(settings.bounded), duration, tasks };
  // One task per row, as many as Tasks says: rows past it are not run, missing rows are plain tasks.
  if (custom && errors.length === 0) input.tasks = Array.from({ length: tasks }, (_, i) => customTask(i, custom[i] ?? {}, check));
  return { input: errors.length ? null : input, errors };
}

function customTask(index, row, check) {
  const field = (name) => `tasks[${index}].${name}`;
  const task = {};
  const duration = check(field('duration'), row.duration, 'seconds', { optional: true });
  if (duration !== null && duration !== undefined) task.duration = duration; // empty: follows Duration
  const start = check(field('start'), row.start, 'seconds', { optional: true });
  if (start) task.start = start;
  const timeout = check(field('timeout'), row.timeout, 'seconds', { optional: true });
  if (timeout !== null && timeout !== undefined) task.timeout = timeout;
  if (row.fail === true) task.fail = true;
  if (row.extra_release === true) task.extra_release = true;
  return task;
}

/** A ScenarioError (from the API's own checks) in the learner's words. */
export function learnerError(error) {
  if (error instanceof FieldError) return error;
  if (error instanceof ScenarioError) return new FieldError(error.field, `${fieldLabel(error.field)}: ${error.message}`);
  throw error;
}
