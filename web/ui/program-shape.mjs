// Does an edited program still have the lesson's shape? Then the knobs can be read back from it
// (Semaphore(N) or BoundedSemaphore(N), sleep(D), range(1, M)) and stay in sync. The test is exact:
// the numbers read back must give back the very same text (web/lesson-program.mjs), so any other
// change (a new line, a renamed variable) means the knobs no longer describe the program.

import { pythonProgram, programText } from '../lesson-program.mjs';

/** The program the knobs describe, for a normalized scenario. */
export function knobProgram(scenario) {
  return programText(pythonProgram(scenario));
}

/** The knobs as form text ({permits, tasks, duration, bounded}) if `source` is the lesson's program, else null. */
export function readKnobs(source) {
  const sem = /^sem = asyncio\.(Bounded)?Semaphore\((\d+)\)$/m.exec(source);
  const sleep = /^ {8}await asyncio\.sleep\(([0-9.e+-]+)\)$/m.exec(source);
  const range = /range\(1, (\d+)\)\)\)$/m.exec(source);
  if (!sem || !sleep || !range) return null;
  const scenario = { permits: Number(sem[2]), bounded: Boolean(sem[1]), duration: Number(sleep[1]), tasks: Number(range[1]) - 1 };
  if (!Number.isFinite(scenario.duration) || scenario.tasks < 0) return null;
  if (knobProgram(scenario) !== source) return null;
  return {
    permits: String(scenario.permits),
    tasks: String(scenario.tasks),
    duration: String(scenario.duration),
    bounded: scenario.bounded,
  };
}
