// Every lab (web/labs.mjs) in OUR interpreter (runtime.simulateProgram, the Wasm module the page
// uses): the starting program misses the lab's goal and the solution meets it, as in CPython
// (tests/conformance/labs.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { labs } from '../../web/labs.mjs';
import { checkLab } from '../../web/lab-check.mjs';

const wasmBinary = readFileSync(new URL('../../web/generated/semaphore_runtime.wasm', import.meta.url));
const runtime = await loadRuntime({ wasmBinary });

for (const lab of labs) {
  test(`lab "${lab.id}" in the playground's interpreter: the program misses the goal, the solution meets it`, () => {
    const start = runtime.simulateProgram(lab.program);
    const solved = runtime.simulateProgram(lab.solution);
    assert.notEqual(start.exitStatus, 2, `the interpreter does not support the program: ${start.error}`);
    assert.notEqual(solved.exitStatus, 2, `the interpreter does not support the solution: ${solved.error}`);
    const before = checkLab(lab, start);
    const after = checkLab(lab, solved);
    assert.equal(before.met, false, `the starting program already meets the goal: ${before.reason}`);
    assert.equal(after.met, true, `the solution misses the goal: ${after.reason}\n${solved.output}${solved.error ?? ''}`);
    assert.equal(typeof before.reason, 'string');
  });
}
