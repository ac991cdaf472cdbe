// The C++ in the page's "The program" view is a real program against core/ (issue #11): the text the
// page displays (web/lesson-program.mjs), compiled natively with g++ and linked with the native build
// of core/, prints the log's program lines in the same order; a deadlock exits 3.
//
//   cmake --build --preset native && node --test tests/conformance/cpp-program.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { programOutput } from '../../web/format.mjs';
import { cppProgram, programText } from '../../web/lesson-program.mjs';
import { loadOurs, root } from './sides.mjs';

const CORE_LIBRARY = path.join(root, 'build/native/libspcore.a');
const dir = mkdtempSync(path.join(tmpdir(), 'sp-cpp-'));

const SCENARIOS = {
  lesson: { permits: 3, tasks: 5, duration: 2 },
  'bounded, ten ties': { permits: 10, tasks: 10, duration: 2, bounded: true },
  'custom: failure, timeouts, start delays, zero durations': {
    permits: 2,
    duration: 1,
    tasks: [{ duration: 1, fail: true }, { duration: 3 }, { timeout: 0.5 }, { start: 0.25, timeout: 2.5 }, { duration: 0 }, { timeout: 0 }],
  },
  deadlock: { permits: 0, tasks: [{ start: 1 }, {}] },
  'extra releases: a BoundedSemaphore raises on the way out of a timeout': {
    permits: 2,
    bounded: true,
    duration: 1,
    tasks: [{ duration: 1, extra_release: true }, { duration: 2, fail: true }, { duration: 3, timeout: 2.5 }, { start: 0.5 }],
  },
};

function compile(name, source) {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.cpp`);
  writeFileSync(file, source);
  const exe = file.replace(/\.cpp$/, '');
  execFileSync('g++', ['-std=c++20', '-O1', '-Wall', '-Werror', `-I${path.join(root, 'core')}`, file, CORE_LIBRARY, '-o', exe], {
    stdio: 'pipe',
  });
  return exe;
}

for (const [name, input] of Object.entries(SCENARIOS)) {
  test(`${name}: the displayed C++ compiles against core/ and prints the log's program lines`, async () => {
    assert.ok(
      existsSync(CORE_LIBRARY),
      `${path.relative(root, CORE_LIBRARY)} is missing: build core natively first (cmake --build --preset native)`,
    );
    const { runtime, normalizeScenario } = await loadOurs();
    const scenario = normalizeScenario(input);
    const trace = runtime.simulate(scenario);
    const source = programText(cppProgram(scenario));
    let exe;
    try {
      exe = compile(name, source);
    } catch (error) {
      assert.fail(`the displayed C++ does not compile:\n${error.stderr}\n--- program ---\n${source}`);
    }
    const result = spawnSync(exe, { encoding: 'utf8', timeout: 30_000 });
    const deadlocked = trace.at(-1).event === 'deadlock';
    assert.equal(result.status, deadlocked ? 3 : 0, `exit status (stderr: ${result.stderr})`);
    const printed = result.stdout.split('\n').slice(0, -1);
    assert.deepEqual(
      printed,
      trace.map(programOutput).filter((line) => line !== null),
      `--- program ---\n${source}`,
    );
  });
}
