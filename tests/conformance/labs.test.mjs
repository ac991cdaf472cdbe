// The labs (web/labs.mjs, issue #14), run by CPython on the virtual clock: each starting program
// misses its goal and each solution meets it, by the lab's own check.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { labs } from '../../web/labs.mjs';
import { runPrograms } from './sides.mjs';

/** A program_reference.py result (via sides.runPrograms) as a check reads it: { output, deadlock, error }. */
function asResult(run) {
  return { output: run.lines.map(([, text]) => `${text}\n`).join(''), deadlock: run.end === 'deadlock', error: run.error };
}

const runs = runPrograms(labs.flatMap((lab) => [lab.program, lab.solution]));
runs.catch(() => {});

test('the labs have unique ids and say what to do', () => {
  assert.ok(labs.length >= 9);
  assert.equal(new Set(labs.map((l) => l.id)).size, labs.length);
  for (const lab of labs) for (const key of ['title', 'goal', 'hint', 'program', 'solution']) assert.ok(lab[key], `${lab.id}.${key}`);
});

labs.forEach((lab, i) => {
  test(`lab "${lab.id}": the starting program misses the goal, the solution meets it (CPython)`, async () => {
    const results = await runs;
    const start = lab.check(asResult(results[2 * i]));
    const solved = lab.check(asResult(results[2 * i + 1]));
    assert.equal(start.met, false, `the starting program already meets the goal: ${start.reason}`);
    assert.equal(solved.met, true, `the solution misses the goal: ${solved.reason}\n${asResult(results[2 * i + 1]).output}`);
    assert.equal(typeof start.reason, 'string');
  });
});
