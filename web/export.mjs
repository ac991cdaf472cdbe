// Exports of a run (issue #14): the trace as JSON Lines or CSV, and the program as a .py file that
// runs in real Python and prints the same lines (the displayed program, see lesson-program.mjs).
// Each text format reads back into the same trace.

import { AN_EVENT, A_SCENARIO, checkArgument, checkTrace, isEvent, isScenario, isText } from './arguments.mjs';
import { eventToJson } from './format.mjs';
import { programText, pythonProgram } from './lesson-program.mjs';

const CSV_HEADER = 't,task,event,waiting';

export function traceToJsonl(trace) {
  checkTrace('traceToJsonl(trace)', trace);
  return trace.map((e) => `${eventToJson(e)}\n`).join('');
}

export function traceFromJsonl(text) {
  checkArgument('traceFromJsonl(text)', 'text', text, isText, 'a string of JSON Lines');
  const events = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch (error) {
      throw new SyntaxError(`traceFromJsonl(text): line ${i + 1} is not JSON: ${error.message}`);
    }
    events.push(checkArgument('traceFromJsonl(text)', `line ${i + 1}`, event, isEvent, AN_EVENT));
  }
  return events;
}

/** CSV with a header; `waiting` (the stuck task ids of a deadlock) is space-separated, else empty. */
export function traceToCsv(trace) {
  checkTrace('traceToCsv(trace)', trace);
  const rows = trace.map((e) => `${e.t},${e.task},${e.event},${e.event === 'deadlock' ? e.waiting.join(' ') : ''}`);
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

export function traceFromCsv(text) {
  checkArgument('traceFromCsv(text)', 'text', text, isText, 'a string of CSV');
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
  checkArgument('programFile(scenario)', 'scenario', scenario, isScenario, A_SCENARIO);
  return programText(pythonProgram(scenario));
}
