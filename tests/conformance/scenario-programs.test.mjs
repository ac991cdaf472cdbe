// One source of truth (issue #13): the Python program the page shows for a scenario, run by our
// interpreter, prints the lines the compiled scenario path logs, at the same virtual times.
//
// The program comes from web/lesson-program.mjs (the very text the page displays). Its printed lines
// are the trace's started / finished / timeout events; waiting is commentary, not output. Scenarios
// with a failing task are left out: the page's program raises RuntimeError out of gather() (ending
// the program) where the scenario logs "failed" and carries on, so the two are different programs.
// So are lists of more than 12 tasks: the page shows the first 12 rows and "# ... N more".

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { programText, pythonProgram } from '../../web/lesson-program.mjs';
import { loadOurs, randomScenarios } from './sides.mjs';

const SEEDS = Number(process.env.SCENARIO_PROGRAM_SEEDS ?? 150);
const PRINTED = { started: 'started', finished: 'finished', timeout: 'timed out' };

function printedLines(trace) {
  return trace.filter((e) => e.event in PRINTED).map((e) => [e.t, `Task ${e.task} ${PRINTED[e.event]}`]);
}

test(`random scenarios 1..${SEEDS} without failures: the page's program prints the scenario's trace`, async () => {
  const [{ runtime, normalizeScenario }, scenarios] = await Promise.all([loadOurs(), randomScenarios(1, SEEDS)]);
  let compared = 0;
  let deadlocks = 0;
  for (const [i, input] of scenarios.entries()) {
    const scenario = normalizeScenario(input);
    if (Array.isArray(scenario.tasks) && scenario.tasks.some((t) => t.fail)) continue;
    if (Array.isArray(scenario.tasks) && scenario.tasks.length > 12) continue;
    if (!Array.isArray(scenario.tasks) && scenario.tasks > 2000) continue;  // the step budget is for learners' programs
    const source = programText(pythonProgram(scenario));
    const trace = runtime.simulate(scenario);
    const result = runtime.simulateProgram(source);
    const ours = result.events.filter((e) => e.event === 'print').map((e) => [e.t, e.text]);
    const label = `seed ${i + 1}: ${JSON.stringify(input).slice(0, 300)}\n--- program ---\n${source}`;
    assert.deepEqual(ours, printedLines(trace), label);
    const deadlocked = trace.at(-1)?.event === 'deadlock';
    assert.equal(result.exitStatus, deadlocked ? 3 : 0, `${label}\n${result.error}`);
    compared += 1;
    if (deadlocked) deadlocks += 1;
  }
  assert.ok(compared >= SEEDS / 4, `only ${compared} scenarios compared`);
  assert.ok(deadlocks >= 1, 'no deadlocked scenario was compared');
});
