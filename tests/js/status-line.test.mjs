// The status line once an edited program is done says how it ended: "Finished" only for a program
// that ran to its end, since a learner reads it first (web/ui/controls.mjs programDoneText).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { programDoneText } from '../../web/ui/controls.mjs';
import { errorLine } from '../../web/ui/program-trace.mjs';

const runtime = await loadRuntime();
const REPLAY = 'Step back, the scrubber or ← → replay any moment of the run.';
const statusOf = (source) => programDoneText(runtime.simulateProgram(source));

test('a program that ran to its end is finished; one that raised names its exception', () => {
  assert.equal(statusOf('print("hi")\n'), `Finished. ${REPLAY}`);
  // exit() ends a program as python3 does, with no traceback: an exit status, not a failure.
  assert.equal(statusOf('print("hi")\nexit(3)\n'), `Exited with status 3 (SystemExit: 3). ${REPLAY}`);
  assert.equal(statusOf('raise SystemExit\n'), `Exited with status 0 (SystemExit). ${REPLAY}`);
  assert.equal(statusOf('print("hi")\nx = y\n'), `Finished with an uncaught exception, NameError: name 'y' is not defined. ${REPLAY}`);
});

test('a program stopped before any line ran is "Not run", with the line of its SyntaxError', () => {
  assert.equal(statusOf('print("hi")\nprint(\n'), "Not run: SyntaxError: '(' was never closed (line 2). Fix the program, then press Run.");
  assert.equal(
    statusOf('class A:\n    pass\n'),
    'Not run: the playground does not support `class` statements (line 1). Fix the program, then press Run.',
  );
  // Python's words already name the line: said once. Another line in them is not the error's.
  const block = "IndentationError: expected an indented block after 'with' statement on line 2";
  assert.equal(statusOf('async def main():\n    async with sem:\n'), `Not run: ${block}. Fix the program, then press Run.`);
  assert.equal(
    statusOf('if True:\n\n\n'),
    "Not run: IndentationError: expected an indented block after 'if' statement on line 1 (line 3). Fix the program, then press Run.",
  );
});

test('a program the playground stopped (its step or output limit) says so, not "Finished"', () => {
  assert.equal(
    statusOf('while True:\n    pass\n'),
    `The playground stopped the program after 100,000,000 steps without finishing (an endless loop that never awaits?), at line 1. ${REPLAY}`,
  );
  assert.equal(
    statusOf('while True:\n    print("spam" * 100)\n'),
    `The playground stopped the program after it printed 32 MB (an endless loop that prints?), at line 2. ${REPLAY}`,
  );
});

test("the line an error points at is its traceback's or refusal's, never a number in its message", () => {
  const lineOf = (source) => errorLine(runtime.simulateProgram(source));
  assert.equal(lineOf('if True:\n\n\n'), 3); // "... after 'if' statement on line 1"
  assert.equal(lineOf('x = [1,\n  2)\n'), 2); // "... opening parenthesis '[' on line 1"
  assert.equal(lineOf('print(1)\n\nraise ValueError("bad line 1")\n'), 3);
  assert.equal(lineOf('async def main():\n    x = 1\n    print(y)\n\nimport asyncio\nasyncio.run(main())\n'), 3);
  assert.equal(lineOf('x = 1\nclass A:\n    pass\n'), 2);
  assert.equal(lineOf('print("fine")\n'), null);
});
