// Programs of the playground's Python: run by the C++ interpreter (python/) in the Wasm module.
//
// The module returns one JSON object per run (python/program.hpp, result_json); this file turns it
// into the public result { output, events, exitStatus, error, deadlock }. Times are virtual seconds;
// a line printed outside asyncio.run() has t = null.

/** The public shape of a program run, from the runtime's JSON. */
export function programResult(json) {
  const raw = JSON.parse(json);
  return resultOf(
    raw,
    raw.lines.map(([t, text]) => ({ t, event: 'print', text })),
  );
}

// The printed lines from the output in one piece and each line's time (NaN: null), as
// runProgramParts gives them: a last line without a newline has t null.
function printEvents(text, times) {
  const events = new Array(times.length); // one line per newline: no array of lines in between
  let start = 0;
  for (let i = 0; i < times.length; i++) {
    const end = text.indexOf('\n', start);
    events[i] = { t: Number.isNaN(times[i]) ? null : times[i], event: 'print', text: text.slice(start, end) };
    start = end + 1;
  }
  if (start < text.length) events.push({ t: null, event: 'print', text: text.slice(start) });
  return events;
}

function resultOf(raw, events) {
  let deadlock = null;
  if (raw.deadlock) {
    deadlock = { t: raw.time, tasks: raw.stuck };
    events.push({ t: raw.time, event: 'deadlock', tasks: raw.stuck });
  } else if (raw.final !== null) {
    events.push({ t: null, event: 'exception', text: raw.final });
  } else if (raw.exit !== 0) {
    // Not Python's ending: the playground refused the program or stopped it (step or memory limit).
    events.push({ t: null, event: 'stopped', text: raw.error.trimEnd() });
  }
  return {
    output: raw.output,
    events,
    exitStatus: raw.exit,
    error: raw.error === '' ? null : raw.error,
    finalLine: raw.final,
    deadlock,
    steps: raw.steps,
  };
}

/**
 * Run a whole program at once (instant: the virtual clock jumps from deadline to deadline). The
 * printed text comes out of the module in one piece, not inside the JSON: a run of 100,000 tasks
 * prints 200,000 lines, and escaping and parsing them cost more than running the program.
 */
export function simulateProgram(module, source) {
  if (typeof source !== 'string') throw new TypeError('simulateProgram(source): source must be a string');
  const { json, text, times } = module.runProgramParts(source);
  const raw = JSON.parse(json);
  raw.output = text;
  return resultOf(raw, printEvents(text, times));
}

/** One JSON Lines record per event, keys in a fixed order: {"t", "event", "text"} or {"t", "event", "tasks"}. */
export function programEventToJson(event) {
  if (event.event === 'deadlock') return JSON.stringify({ t: event.t, event: 'deadlock', tasks: event.tasks });
  return JSON.stringify({ t: event.t, event: event.event, text: event.text });
}
