// Comparing two traces event by event, and saying where and how they differ.
//
// An event is {t, task, event} plus `waiting` on a deadlock (docs/ARCHITECTURE.md, "Events"). Times
// must be equal as floats, not merely close: both sides run the same arithmetic on the same clock.

export function parseJsonl(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function sameWaiting(a, b) {
  if (a === undefined || b === undefined) return a === b;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id, i) => id === b[i]);
}

export function sameEvent(a, b) {
  return a.t === b.t && a.task === b.task && a.event === b.event && sameWaiting(a.waiting, b.waiting);
}

/** Index of the first event that differs (or that one trace lacks), or -1 when the traces are equal. */
export function firstDifference(ours, cpython) {
  const n = Math.max(ours.length, cpython.length);
  for (let i = 0; i < n; i++) {
    if (i >= ours.length || i >= cpython.length || !sameEvent(ours[i], cpython[i])) return i;
  }
  return -1;
}

function show(event) {
  const { t, task, event: kind, waiting } = event;
  return JSON.stringify(waiting === undefined ? { t, task, event: kind } : { t, task, event: kind, waiting });
}

/** A few events either side of index `at`, numbered, the differing one marked with ">". */
function around(trace, at, radius = 4) {
  const lines = [];
  for (let i = Math.max(0, at - radius); i <= Math.min(trace.length - 1, at + radius); i++) {
    lines.push(`${i === at ? '>' : ' '} #${i} ${show(trace[i])}`);
  }
  if (at >= trace.length) lines.push(`> #${at} (trace ends: ${trace.length} events)`);
  return lines.join('\n');
}

const MAX_SCENARIO_CHARS = 3000;

/** The message for a mismatch: what ran, how to reproduce it, both traces around the first difference. */
export function describeMismatch({ label, scenario, reproduce, ours, cpython, at }) {
  let json = JSON.stringify(scenario);
  if (json.length > MAX_SCENARIO_CHARS) json = `${json.slice(0, MAX_SCENARIO_CHARS)}… (${json.length} chars; use the command below)`;
  return [
    `${label}: the traces differ at event #${at} (ours: ${ours.length} events, CPython: ${cpython.length})`,
    `scenario: ${json}`,
    reproduce ? `reproduce: ${reproduce}` : null,
    'CPython:',
    around(cpython, at),
    'ours:',
    around(ours, at),
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** The JSON Lines contract: keys t, task, event (then waiting, on a deadlock only), in that order. */
export function jsonlKeyProblem(line) {
  const record = JSON.parse(line);
  const keys = Object.keys(record).join(',');
  const wanted = record.event === 'deadlock' ? 't,task,event,waiting' : 't,task,event';
  return keys === wanted ? null : `keys ${keys} (expected ${wanted}) in ${line}`;
}
