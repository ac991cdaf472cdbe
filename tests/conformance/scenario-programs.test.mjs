// One source of truth (issue #13): the Python program the page shows for a scenario, run by our
// interpreter, prints the lines the compiled scenario path logs, at the same virtual times.
//
// The program comes from web/lesson-program.mjs (the very text the page displays), and its printed
// lines are the trace's program output as the log shows it (programOutput in web/format.mjs);
// waiting and deadlock lines are commentary. Failures, timeouts and extra releases included.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { programOutput } from '../../web/format.mjs';
import { programText, pythonProgram } from '../../web/lesson-program.mjs';
import { loadOurs, randomScenarios } from './sides.mjs';

const SEEDS = Number(process.env.SCENARIO_PROGRAM_SEEDS ?? 150);
const CUSTOM_TASK_LIMIT = 50; // the page's Customise table

function printedLines(trace) {
  return trace.filter((e) => programOutput(e) !== null).map((e) => [e.t, programOutput(e)]);
}

test(`random scenarios 1..${SEEDS}: the page's program, run by our interpreter, prints the scenario's trace`, async () => {
  const [{ runtime, normalizeScenario }, scenarios] = await Promise.all([loadOurs(), randomScenarios(1, SEEDS)]);
  let compared = 0;
  let deadlocks = 0;
  const kinds = new Set();
  for (const [i, input] of scenarios.entries()) {
    const scenario = normalizeScenario(input);
    if (Array.isArray(scenario.tasks) && scenario.tasks.length > CUSTOM_TASK_LIMIT) continue;
    if (!Array.isArray(scenario.tasks) && scenario.tasks > 2000) continue; // the step budget is for learners' programs
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
    for (const e of trace) kinds.add(e.event);
  }
  assert.ok(compared >= SEEDS / 4, `only ${compared} scenarios compared`);
  assert.ok(deadlocks >= 1, 'no deadlocked scenario was compared');
  for (const kind of ['failed', 'timeout', 'extra_release', 'release_error'])
    assert.ok(kinds.has(kind), `no compared scenario has a "${kind}" event`);
});
