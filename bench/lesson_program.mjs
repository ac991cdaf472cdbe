// The lesson program of the page (web/lesson-program.mjs) as the "lesson" benchmark runs it: N tasks,
// 3 permits, sleep(0), and what a run of it must print. Shared by run.mjs (CPython's side) and
// js_cases.mjs (the Wasm side).
import { createHash } from 'node:crypto';

import { pythonProgram } from '../web/lesson-program.mjs';

/** The page's lesson text for `tasks` tasks holding one of `permits` permits for `duration` s. */
export function lessonSource(tasks, { permits = 3, duration = 0 } = {}) {
  const lines = pythonProgram({ permits, tasks, duration, bounded: false }).map(([text]) => text);
  return `${lines.join('\n')}\n`;
}

/**
 * What the output shows: the most tasks between "started" and "finished" at once, how many
 * finished, and a digest to compare two runs' output by.
 */
export function lessonOutcome(output) {
  let holders = 0;
  let maxConcurrency = 0;
  let completed = 0;
  for (const line of output.split('\n')) {
    if (line.endsWith(' started')) maxConcurrency = Math.max(maxConcurrency, ++holders);
    if (line.endsWith(' finished')) {
      holders -= 1;
      completed += 1;
    }
  }
  return { max_concurrency: maxConcurrency, completed, output_sha256: createHash('sha256').update(output).digest('hex') };
}
