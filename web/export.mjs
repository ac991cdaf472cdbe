// Exports of a run (issue #14): the trace as JSON Lines or CSV, and the program as a .py file that
// runs in real Python and prints the same lines (the displayed program, see lesson-program.mjs).
// Each text format reads back into the same trace.

import { eventToJson } from './format.mjs';
import { programText, pythonProgram } from './lesson-program.mjs';

const CSV_HEADER = 't,task,event,waiting';

export function traceToJsonl(trace) {
  return trace.map((e) => `${eventToJson(e)}\n`).join('');
}

export function traceFromJsonl(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** CSV with a header; `waiting` (the stuck task ids of a deadlock) is space-separated, else empty. */
export function traceToCsv(trace) {
  const rows = trace.map((e) => `${e.t},${e.task},${e.event},${e.event === 'deadlock' ? e.waiting.join(' ') : ''}`);
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

export function traceFromCsv(text) {
  const [header, ...rows] = text.trimEnd().split('\n');
  if (header !== CSV_HEADER) throw new Error(`not a Semaphore Playground trace: the header must be "${CSV_HEADER}"`);
  return rows.map((row) => {
    const [t, task, event, waiting] = row.split(',');
    const e = { t: Number(t), task: Number(task), event };
    if (event === 'deadlock') e.waiting = waiting === '' ? [] : waiting.split(' ').map(Number);
    return e;
  });
}

/** The scenario's program as a Python file: `python3 program.py` prints the log's program lines. */
export function programFile(scenario) {
  return programText(pythonProgram(scenario));
}
