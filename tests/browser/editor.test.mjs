// "The program" made editable (issue #13), under the strict CSP: the editor loads only when asked,
// an error shows at its line and in words, a fixed program runs and its printed lines reach the log,
// a share link reopens it, a malformed link says so, and the knobs follow a lesson-shaped program.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { editProgram, enterProgram, logLines, openEditor, openPage, pasteProgram, ready, runToEnd, shot, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

const editorText = (page) => page.locator('#editor-host .cm-content').innerText();

test('a program with a SyntaxError does not run, and the page says so instead of "finished"', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await page.locator('#speed').selectOption('instant');
  await openEditor(page);
  const box = page.getByRole('textbox', { name: 'Python program' });
  await box.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('print("the end"');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#program-error:has-text("SyntaxError")');
  // Python reads the whole file first: not even the lesson's lines above the error ran.
  const status = "Not run: SyntaxError: '(' was never closed (line 15). Fix the program, then press Run.";
  await page.waitForFunction((text) => document.querySelector('#status').textContent === text, status);
  assert.deepEqual(await logLines(page), [
    "0.00s note: the program did not run: Python found SyntaxError: '(' was never closed before running any of it",
  ]);
  assert.equal(await page.locator('#summary').textContent(), "The program did not run: SyntaxError: '(' was never closed.");
  // Nothing ran: nothing to step back through or scrub, and no trace to download; the program still is.
  for (const name of ['Step back', 'Trace as JSON Lines', 'Trace as CSV', 'Timeline as SVG']) {
    assert.equal(await page.getByRole('button', { name }).isDisabled(), true, name);
  }
  assert.equal(await page.locator('#scrubber').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Program as .py' }).isDisabled(), false);
  await page.locator('#run').focus();
  await page.keyboard.press('Home'); // nowhere to go: the ending stays on show
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('#position').textContent(), 'event 1 of 1 · 0.00s');
  assert.equal(await page.locator('#status').textContent(), status);
  assert.deepEqual(page.problems, []);
});

test("a block written with braces: Python's error, and under it the playground's note on the habit", async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await page.locator('#speed').selectOption('instant');
  const source = [
    'import asyncio',
    'sem = asyncio.Semaphore(3)',
    'async def limited_task(n):',
    '    async with sem {',
    '        print(f"Task {n} started")',
    '        await asyncio.sleep(2)',
    '    }',
    'asyncio.run(limited_task(1))',
  ].join('\n');
  await editProgram(page, source);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#program-error .habit-note');
  // Python's words first (where its parser gave up), then the commentary, styled apart, in the same alert.
  const python = 'Line 5: SyntaxError: invalid syntax. Perhaps you forgot a comma?';
  const note =
    "Playground note: line 4 opens a block with '{'. Python ends the line with ':' and indents the block; it has no braces around blocks.";
  assert.equal(await page.locator('#program-error').textContent(), python + note);
  assert.equal(await page.locator('#program-error .habit-note').textContent(), note);
  assert.equal(await page.locator('#program-error .habit-note').evaluate((n) => getComputedStyle(n).fontStyle), 'italic');
  // Python's question mark ends the summary's sentence (it read "... forgot a comma?.").
  assert.equal(
    await page.locator('#summary').textContent(),
    'The program did not run: SyntaxError: invalid syntax. Perhaps you forgot a comma?',
  );
  assert.deepEqual(page.problems, []);
});

test('edit the program: an error at its line, fixed, run, shared by link and reopened', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  const editorLoads = [];
  page.on('request', (r) => r.url().endsWith('/web/generated/editor.mjs') && editorLoads.push(r.url()));
  await ready(page);
  assert.deepEqual(editorLoads, [], 'the first page does not load the editor');

  await page.locator('#speed').selectOption('instant'); // the program plays like a scenario: at once here
  await openEditor(page);
  assert.equal(editorLoads.length, 1, 'the editor loads when the learner chooses to edit');
  const box = page.getByRole('textbox', { name: 'Python program' });
  assert.equal(await box.count(), 1, 'the editor is a labelled text box');
  assert.match(await editorText(page), /sem = asyncio\.Semaphore\(3\)/);
  // Styled through adopted stylesheets: the error mark's theme rule exists, and the CSP saw no <style>.
  assert.equal(await page.locator('#editor-host').evaluate((host) => host.shadowRoot.adoptedStyleSheets.length > 0), true);

  await box.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('print(oops)');
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#program-error:has-text("NameError")');
  assert.equal(await page.locator('#program-error').textContent(), "Line 15: NameError: name 'oops' is not defined");
  assert.equal(await page.locator('#editor-host .cm-error-line').innerText(), 'print(oops)', 'the error is marked at its line');
  await page.waitForSelector('#log .log-row:has-text("NameError")');
  const failed = await logLines(page);
  assert.match(failed.at(-1), /note: the program stopped with an uncaught exception: NameError: name 'oops' is not defined/);
  assert.equal(
    await page.locator('#status').textContent(),
    "Finished with an uncaught exception, NameError: name 'oops' is not defined. Step back, the scrubber or ← → replay any moment of the run.",
  );
  // The lesson ran first (10 printed lines), then line 15 raised: the exception is commentary, not output.
  assert.equal(await page.locator('#log .log-row').last().locator('.log-out').count(), 0);
  await page.getByLabel('Show explanations').uncheck(); // only what Python printed
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 10);
  assert.equal(await page.locator('#log .log-row .log-out').count(), 10);
  await page.getByLabel('Show explanations').check();
  await shot(page, 'editor-error');

  await box.focus();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'print(oops)'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('print("all done")');
  await page.keyboard.press('Control+Enter'); // runs from inside the editor, inserts nothing
  await page.waitForSelector('#log .log-row:has-text("all done")');
  assert.equal(await page.locator('#program-error').textContent(), '');
  assert.equal(await page.locator('#editor-host .cm-error-line').count(), 0, 'the mark goes with the error');
  await page.getByLabel('Show explanations').uncheck();
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 11);
  const lines = await logLines(page);
  assert.equal(lines.length, 11);
  assert.deepEqual(lines.slice(0, 3), ['0.00s Task 1 started', '0.00s Task 2 started', '0.00s Task 3 started']);
  assert.deepEqual(lines.slice(-2), ['4.00s Task 5 finished', '4.00s all done']);
  assert.equal(await page.locator('#log .log-row .log-out').count(), 11, 'every printed line is program output');
  assert.match(await editorText(page), /print\("all done"\)\n?$/, 'Ctrl+Enter inserted no line');

  await page.getByRole('button', { name: 'Copy link to this program' }).click();
  await page.waitForSelector('#share-status:has-text("program=")');
  const link = /(http\S+)/.exec(await page.locator('#share-status').textContent())[1];
  assert.match(link, /[?&]program=[A-Za-z0-9_-]+/);
  assert.equal(
    new URL(page.url()).searchParams.get('program'),
    new URL(link).searchParams.get('program'),
    'the address bar carries it too',
  );
  await shot(page, 'editor-fixed');

  const reopened = await openPage(context, link); // the link keeps the page's own /csp/ path
  await ready(reopened);
  await reopened.locator('#editor-host .cm-content').waitFor();
  assert.equal(await editorText(reopened), await editorText(page));
  await reopened.locator('#speed').selectOption('instant');
  await reopened.getByLabel('Show explanations').uncheck();
  await reopened.getByRole('button', { name: 'Run', exact: true }).click();
  await reopened.waitForSelector('#log .log-row:has-text("all done")');
  assert.deepEqual(await logLines(reopened), lines);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(reopened.problems, []);
});

test('a loop that never ends stops at the step limit, marked at its line in the editor, the line said once', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await page.locator('#speed').selectOption('instant');
  await editProgram(
    page,
    'import asyncio\n\nasync def main():\n    total = 0\n    while True:\n        total += 1\n\nasyncio.run(main())\n',
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#program-error:has-text("steps without finishing")', { timeout: 60_000 });
  // The stop is at whichever of the loop's instructions reaches the limit: the `while` line or its body's.
  const error = await page.locator('#program-error').textContent();
  const line = Number(/^Line (\d+): /.exec(error)?.[1]);
  assert.ok(line === 5 || line === 6, `a line of the loop: ${error}`);
  assert.equal(
    error,
    `Line ${line}: the playground stopped the program after 100,000,000 steps without finishing (an endless loop that never awaits?)`,
  );
  const marked = await page.locator('#editor-host .cm-error-line').innerText();
  assert.equal(marked, line === 5 ? '    while True:' : '        total += 1', 'the loop is marked');
  assert.deepEqual(page.problems, []);
});

test('a malformed program= in a link is a clear message: the other settings kept, nothing run', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?permits=4&program=not*base64`);
  await ready(page);
  await page.waitForSelector('#banner:has-text("could not be read")');
  assert.match(
    await page.locator('#banner').textContent(),
    /The program in the link could not be read: .*The link's other settings are kept\./,
  );
  assert.equal(await page.locator('#permits').inputValue(), '4');
  assert.equal(await page.locator('#log .log-row').count(), 0, 'nothing ran');
  await page.locator('#tasks').fill('6'); // the link follows the settings, and still carries what it could not read
  await page.waitForFunction(() => new URL(location.href).searchParams.get('tasks') === '6');
  assert.equal(new URL(page.url()).searchParams.get('program'), 'not*base64');
  const garbled = await openPage(context, `${server.url}/csp/index.html?program=AAAA`);
  await ready(garbled);
  await garbled.waitForSelector('#banner:has-text("not a compressed program")');
  assert.deepEqual([...page.problems, ...garbled.problems], []);
});

test('the knobs follow a program of the lesson’s shape, both ways, and Reset program brings it back', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await openEditor(page);
  await page.locator('#editor-host .cm-line', { hasText: 'Semaphore(3)' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2');
  await page.waitForFunction(() => document.querySelector('#permits').value === '2');
  assert.match(await page.locator('#program-sync').textContent(), /The knobs follow this program: Semaphore\(2\), 5 tasks/);
  assert.equal(new URL(page.url()).searchParams.get('program'), null, 'a lesson-shaped program is the knobs: no program= in the link');

  await page.locator('#tasks').fill('7');
  await page.waitForFunction(() =>
    document.querySelector('#editor-host').shadowRoot.querySelector('.cm-content').innerText.includes('range(1, 8)'),
  );
  // Unedited, Run takes the scenario path: the board and the timeline play the run.
  await page.locator('#speed').selectOption('instant');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#playground[data-state="done"]');
  assert.equal(await page.locator('#playground').getAttribute('data-program-run'), null);

  await page.locator('#editor-host .cm-line', { hasText: 'asyncio.run(main())' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' # mine');
  await page.waitForSelector('#program-sync:has-text("do not describe it")');
  await page.getByRole('button', { name: 'Reset program' }).click();
  await page.waitForSelector('#program-sync:has-text("The knobs follow this program: Semaphore(2), 7 tasks")');
  assert.doesNotMatch(await editorText(page), /# mine/);

  // Keyboard: Tab indents inside the editor; Escape, then Tab, moves on to the next control.
  const box = page.getByRole('textbox', { name: 'Python program' });
  await box.focus();
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('#program-sync').textContent.includes('do not describe it'));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-open');
  assert.deepEqual(page.problems, []);
});

test("an error's mark and words go with the first change to the text, and a fix back to the lesson's shape runs without them; Reset program clears the old program's run", async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await page.locator('#speed').selectOption('instant');
  await openEditor(page);
  // Break the lesson (a missing ':'), run: the error at line 5.
  await page.locator('#editor-host .cm-line', { hasText: 'async def limited_task(n):' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForSelector('#program-error:has-text("SyntaxError")');
  assert.equal(await page.locator('#editor-host .cm-error-line').count(), 1);
  // Typed back: the error described the old text, so it goes at once, before any Run.
  const lineEnd = async () => {
    await page.locator('#editor-host .cm-line', { hasText: 'async def limited_task(n)' }).click();
    await page.keyboard.press('End');
  };
  await lineEnd();
  await page.keyboard.type(':');
  await page.waitForFunction(() => document.querySelector('#program-error').textContent === '');
  assert.equal(await page.locator('#editor-host .cm-error-line').count(), 0);
  // Broken again, run, fixed: the lesson's shape runs as the scenario, with no error left from before.
  await page.keyboard.press('Backspace');
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForSelector('#program-error:has-text("SyntaxError")');
  await lineEnd();
  await page.keyboard.type(':');
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForSelector('#playground[data-state="done"]');
  assert.equal(await page.locator('#editor-host .cm-error-line').count(), 0);
  assert.equal(await page.locator('#program-error').textContent(), '');
  // A program's deadlock, then Reset program: the run of a program no longer on show is not left on screen.
  await enterProgram(page, page, 'import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n');
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForSelector('#playground[data-state="deadlock"]');
  await page.getByRole('button', { name: 'Reset program' }).click();
  await page.waitForFunction(() => document.querySelector('#summary').textContent === '');
  assert.equal(await page.locator('#log .log-row').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).count(), 1);
  assert.deepEqual(page.problems, []);
});

test('a program over 1,000 lines shows without colours, said under the label, and colours return below it', async () => {
  // CodeMirror's background parse of a long document ran in 100 ms slices on the page's thread
  // (bench/page_frames.mjs program-long-source).
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await openEditor(page);
  const coloured = () => page.locator('#editor-host').evaluate((host) => host.shadowRoot.querySelectorAll('.cm-line span').length > 0);
  assert.equal(await coloured(), true, 'the lesson is coloured');
  assert.equal(await page.locator('#editor-plain').isHidden(), true);

  await pasteProgram(page, page, `import asyncio\n${'x = [1, 2, 3]\n'.repeat(1500)}`);
  await page.waitForSelector('#editor-plain:not([hidden])');
  assert.equal(
    await page.locator('#editor-plain').textContent(),
    'Shown without colours: this program has over 1,000 lines, and colouring them would slow the page.',
  );
  assert.equal(await coloured(), false, 'plain text');
  // It scrolls inside the editor, which stays within the window's height, instead of making the page
  // 30,000 px long; Ctrl+End still reaches the last line.
  const editorHeight = () => page.locator('#editor-host').evaluate((host) => host.shadowRoot.querySelector('.cm-editor').offsetHeight);
  const windowHeight = await page.evaluate(() => window.innerHeight);
  assert.ok((await editorHeight()) <= Math.max(48 * 16, 0.8 * windowHeight) + 2, `editor ${await editorHeight()} px high`);
  await page.getByRole('textbox', { name: 'Python program' }).focus();
  await page.keyboard.press('Control+End');
  await page.waitForFunction(() => document.querySelector('#editor-host').shadowRoot.querySelector('.cm-scroller').scrollTop > 20000);

  await page.getByRole('button', { name: 'Reset program' }).click();
  await page.waitForSelector('#editor-plain[hidden]', { state: 'attached' });
  await page.waitForFunction(() => document.querySelector('#editor-host').shadowRoot.querySelectorAll('.cm-line span').length > 0);
  assert.deepEqual(page.problems, []);
});

test('Edit the program with settings that are not valid says why the editor is empty and keeps what was typed', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?permits=-1`);
  await ready(page);
  await openEditor(page);
  assert.equal(await editorText(page), '\n');
  assert.equal(
    await page.locator('#program-sync').textContent(),
    'The settings above are not valid, so there is no lesson program to start from: fix them and press Reset program, or write a program here.',
  );
  assert.equal(await page.inputValue('#permits'), '-1'); // what the learner typed stays
  await page.locator('#permits').fill('2');
  await page.getByRole('button', { name: 'Reset program' }).click();
  await page.waitForSelector('#program-sync:has-text("The knobs follow this program: Semaphore(2), 5 tasks")');
  assert.deepEqual(page.problems, []);
});

test('what Python writes to stderr (a traceback, "Task exception was never retrieved") is shown once the run has ended', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?speed=instant`);
  await ready(page);
  const forgotten = [
    'import asyncio',
    '',
    'async def worker(n):',
    '    await asyncio.sleep(0.1)',
    '    raise ValueError(f"worker {n} failed")',
    '',
    'async def main():',
    '    for i in range(2):',
    '        asyncio.create_task(worker(i))',
    '    await asyncio.sleep(1)',
    '    print("main done")',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
  await editProgram(page, forgotten);
  await runToEnd(page);
  const stderr = page.locator('#stderr');
  assert.equal(await stderr.isVisible(), true);
  assert.equal(await stderr.locator('summary').textContent(), 'What Python also writes to stderr: 2 messages');
  const text = await stderr.locator('pre').textContent();
  assert.equal(text.match(/^Task exception was never retrieved$/gm)?.length, 2);
  assert.match(
    text,
    /future: <Task finished name='Task-2' coro=<worker\(\) done, defined at <program>:3> exception=ValueError\('worker 0 failed'\)>/,
  );
  assert.equal(text.trimEnd().split('\n').at(-1), 'ValueError: worker 1 failed');
  // An uncaught exception: Python's whole traceback.
  await enterProgram(page, page, 'import asyncio\n\nasync def main():\n    asyncio.BoundedSemaphore(1).release()\n\nasyncio.run(main())\n');
  await runToEnd(page);
  assert.equal(await stderr.locator('summary').textContent(), 'What Python also writes to stderr: the traceback');
  assert.match(
    await stderr.locator('pre').textContent(),
    /^Traceback \(most recent call last\):\n {2}File "<program>", line 6, in <module>\n {4}asyncio\.run\(main\(\)\)\n/,
  );
  // A deadlock: what python3 wrote before it hung, not the playground's report of the deadlock.
  await enterProgram(
    page,
    page,
    'import asyncio\n\nasync def w():\n    pass\n\nasync def main():\n    w()\n    lock = asyncio.Lock()\n    await lock.acquire()\n    await lock.acquire()\n\nasyncio.run(main())\n',
  );
  await runToEnd(page, 'deadlock');
  assert.equal(await stderr.locator('summary').textContent(), 'What Python also writes to stderr: 1 message');
  assert.equal(
    await stderr.locator('pre').textContent(),
    "<program>:7: RuntimeWarning: coroutine 'w' was never awaited\n  w()\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
  );
  // A program that writes nothing on stderr (the lesson): no block.
  await page.getByRole('button', { name: 'Reset program' }).click();
  await runToEnd(page);
  assert.equal(await stderr.isVisible(), false);
  assert.deepEqual(page.problems, []);
});

test('while the edited program is not of the lesson’s shape, the controls say that its knobs do not change it (Speed still does)', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  const note = page.locator('#knobs-unused');
  assert.equal(await note.isVisible(), false);
  await openEditor(page);
  assert.equal(await note.isVisible(), false, 'the lesson as shown: the knobs follow it');
  await enterProgram(page, page, 'import asyncio\n\nasync def main():\n    print("hi")\n\nasyncio.run(main())\n');
  await note.waitFor({ state: 'visible' });
  assert.equal(
    await note.textContent(),
    'Permits, Tasks, Duration and Bounded do not change the edited program below (it is not the lesson’s shape); Speed does. Reset program brings the lesson back.',
  );
  await page.getByRole('button', { name: 'Reset program' }).click();
  await note.waitFor({ state: 'hidden' });
  assert.deepEqual(page.problems, []);
});
