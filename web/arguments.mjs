// The public helpers' arguments (formatEvent, traceFromJsonl, programFile, makeProgramQuestion, ...),
// checked where they enter: a wrong one is a TypeError naming the call, the argument and what it
// takes, in one line, instead of "Cannot read properties of null (reading 't')" from somewhere inside.
// The checks look at the shape only (cheap: some are called once per event); values are the
// callers' (normalizeScenario checks a scenario's).

import { show } from './contract.mjs';

/** `value` if `ok(value)`, else a TypeError: "call: name must be takes (got ...)". */
export function checkArgument(call, name, value, ok, takes) {
  if (!ok(value)) throw new TypeError(`${call}: ${name} must be ${takes} (got ${show(value)})`);
  return value;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An event of a run: an object whose `event` names its kind. */
export const isEvent = (value) => isObject(value) && typeof value.event === 'string';
export const AN_EVENT = 'an event object ({ t, task, event, ... })';

/** A trace: a list of events. */
export const isTrace = (value) => Array.isArray(value);
export const A_TRACE = 'a list of events';

/** `trace` if it is a list of events, else a TypeError naming `trace` or the first item that is not one. */
export function checkTrace(call, trace, name = 'trace') {
  checkArgument(call, name, trace, isTrace, A_TRACE);
  const bad = trace.findIndex((event) => !isEvent(event));
  if (bad >= 0) checkArgument(call, `${name}[${bad}]`, trace[bad], isEvent, AN_EVENT);
  return trace;
}

/** A scenario as normalizeScenario returns it: permits a number, tasks a count or a list. */
export const isScenario = (value) =>
  isObject(value) && typeof value.permits === 'number' && (typeof value.tasks === 'number' || Array.isArray(value.tasks));
export const A_SCENARIO = 'a scenario as normalizeScenario returns it';

/** A simulateProgram result: its events and primitives lists. */
export const isProgramResult = (value) => isObject(value) && Array.isArray(value.events) && Array.isArray(value.primitives);
export const A_PROGRAM_RESULT = "a program's result, as runtime.simulateProgram returns it";

export const isText = (value) => typeof value === 'string';
