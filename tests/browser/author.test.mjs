// For course authors (issue #14): lock= and hide= on the page's link and as a widget's attributes
// (live, with predict), under the strict CSP. Locked knobs are read-only with their reason and Run,
// Step, Step back still work; a locked program cannot be edited (a lab's editor is read-only); hidden
// views are not drawn and leave no room; unknown names are one line naming the option and what is
// allowed; nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, ready, runToEnd, shot, useBrowser, waitForState } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

const box = (locator) => locator.boundingBox();

test('?lock=program,knobs&hide=timeline,board: read-only knobs with their reason, no editing, hidden views not drawn', async () => {
  const page = await openPage(
    context,
    `${server.url}/csp/index.html?permits=2&tasks=4&duration=1&lock=program,knobs&hide=timeline,board,bogus`,
  );
  await ready(page);
  assert.equal(
    await page.locator('#banner').textContent(),
    'hide: "bogus" in the link is not one of log, summary, board, timeline, program, compare, downloads, labs; it is ignored.',
  );

  // Knobs: read-only (focusable, read by screen readers), described by the visible reason.
  const reason = page.locator('#knobs-locked');
  assert.equal(await reason.isVisible(), true);
  assert.match(await reason.textContent(), /^Set by the course/);
  for (const label of ['Permits', 'Tasks', 'Duration']) {
    const field = page.getByRole('textbox', { name: label, exact: true });
    assert.equal(await field.evaluate((input) => input.readOnly), true, label);
    assert.match(await field.getAttribute('aria-describedby'), /\bknobs-locked\b/);
    await field.focus();
    await page.keyboard.type('9');
    assert.equal(await field.evaluate((input) => document.activeElement === input || input.getRootNode().activeElement === input), true);
  }
  assert.deepEqual(await page.$$eval('#permits, #tasks, #duration', (inputs) => inputs.map((i) => i.value)), ['2', '4', '1']);
  const bounded = page.getByRole('checkbox', { name: 'Bounded' });
  assert.equal(await bounded.getAttribute('aria-disabled'), 'true');
  await bounded.click({ force: true }); // as a learner would, though it says it is unavailable
  await page.getByText('Bounded', { exact: true }).click({ force: true });
  await bounded.focus();
  await page.keyboard.press('Space');
  assert.equal(await bounded.isChecked(), false, 'a click, its label or Space change nothing');
  // Screen readers still read each one with its value, and the checkbox as unavailable.
  const tree = await page.locator('#controls').ariaSnapshot();
  for (const line of ['textbox "Permits": "2"', 'textbox "Tasks": "4"', 'checkbox "Bounded" [disabled]', 'paragraph: "Set by the course:'])
    assert.ok(tree.includes(line), `${line} in\n${tree}`);

  // The program: no "Edit the program", its reason instead.
  assert.equal(await page.getByRole('button', { name: 'Edit the program' }).count(), 0);
  assert.equal(await page.locator('#program-locked').isVisible(), true);
  assert.equal(await page.locator('#program-locked').textContent(), 'Set by the course: the program cannot be edited here.');

  // Hidden views: gone, and not drawn (the board's permits are never filled in).
  assert.equal(await page.locator('.timeline-panel').isVisible(), false);
  assert.equal(await page.locator('.board-panel').isVisible(), false);
  // Speed stays the learner's; Run, Step back and Step work.
  await page.locator('#speed').selectOption('instant');
  await runToEnd(page);
  assert.equal(await page.locator('#log .log-row').count(), 10); // 8 printed lines and 2 notes: tasks 3 and 4 wait
  assert.equal(await page.locator('.board-panel [data-permits] li').count(), 0, 'the hidden board was not drawn');
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.match(await page.locator('#position').textContent(), /^event 9 of 10/);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.match(await page.locator('#position').textContent(), /^event 10 of 10/);

  // No gap where they were: the program comes right under the log and the controls.
  const log = await box(page.locator('.log-panel'));
  const code = await box(page.locator('.code-panel'));
  assert.ok(code.y - (log.y + log.height) <= 21, `the program starts ${code.y - (log.y + log.height)} px under the log`);
  // The address bar keeps the course's options; a link to the full playground is free of them.
  assert.match(page.url(), /&lock=program,knobs&hide=timeline,board,bogus$/);
  await shot(page, 'author-locked-hidden-page');
  assert.deepEqual(page.problems, []);
});

test('hide=log: the board takes its place, the summary stands under the status line; with the board hidden too, one column', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?permits=2&tasks=4&duration=1&speed=instant&hide=log`);
  await ready(page);
  assert.equal(await page.locator('.log-panel').isVisible(), false);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(page, 'done');
  assert.equal(await page.locator('#log .log-row').count(), 0, 'the hidden log was not drawn');
  const summary = page.locator('#summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^Total virtual time 2\.00s/);
  const [controls, board, status, sum] = await Promise.all(
    ['#controls', '.board-panel', '#status', '#summary'].map((s) => box(page.locator(s))),
  );
  assert.ok(board.x > controls.x + controls.width, 'the board is beside the controls');
  assert.ok(Math.abs(board.y - controls.y) < 2);
  assert.ok(sum.y >= status.y + status.height && sum.y - (status.y + status.height) <= 12, 'the summary is under the status line');

  await page.goto(`${server.url}/csp/index.html?permits=2&tasks=4&duration=1&speed=instant&hide=log,board`);
  await ready(page);
  const wide = await box(page.locator('#controls'));
  const top = await box(page.locator('.top'));
  assert.ok(wide.width > top.width - 30, `one column: the controls are ${wide.width} px of ${top.width}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForState(page, 'done');
  const timeline = await box(page.locator('.timeline-panel'));
  const under = await box(page.locator('#summary'));
  assert.ok(timeline.y - (under.y + under.height) <= 21, 'the timeline follows the summary, no gap');
  assert.deepEqual(page.problems, []);
});

test('lock=knobs reaches each task’s row; hide=compare runs no comparison a link asks for', async () => {
  const custom = encodeURIComponent(JSON.stringify([{ timeout: 1 }, { fail: true }]));
  const page = await openPage(
    context,
    `${server.url}/csp/index.html?permits=1&tasks=2&custom=${custom}&lock=knobs&compare=1..3&hide=compare,downloads`,
  );
  await ready(page);
  const timeout = page.getByRole('textbox', { name: 'Task 1 timeout (s), empty for none' });
  assert.equal(await timeout.inputValue(), '1');
  assert.equal(await timeout.evaluate((i) => i.readOnly), true);
  const fails = page.getByRole('checkbox', { name: 'Task 2 fails inside the critical section' });
  assert.equal(await fails.getAttribute('aria-disabled'), 'true');
  await fails.click({ force: true });
  assert.equal(await fails.isChecked(), true, 'unchanged');
  assert.equal(await page.getByRole('checkbox', { name: 'Customise each task' }).getAttribute('aria-disabled'), 'true');
  await page.waitForTimeout(500); // a comparison from the link would have run by now
  assert.equal(await page.locator('#compare-rows tr').count(), 0, 'no comparison was run');
  assert.equal(await page.getByRole('button', { name: 'Compare permit counts' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Trace as CSV' }).count(), 0);
  assert.equal(await page.locator('.learn-panel').isVisible(), true, 'the labs are still there');
  assert.deepEqual(page.problems, []);
});

test('a lab with lock=program: its editor is read-only, Run still checks it; hide=program leaves a lab on show', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?lab=downloads&lock=program&hide=program`);
  await ready(page);
  const editor = page.getByRole('textbox', { name: 'Python program' });
  await editor.waitFor();
  assert.equal(await editor.getAttribute('aria-readonly'), 'true');
  const before = await editor.innerText();
  await editor.click();
  await page.keyboard.type('oops');
  await page.keyboard.press('Backspace');
  assert.equal(await editor.innerText(), before, 'typing changes nothing');
  assert.equal(await page.getByRole('button', { name: 'Reset program' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Copy link to this program' }).count(), 0);
  assert.equal(await page.locator('#program-locked').isVisible(), true);
  assert.equal(await page.locator('.code-panel').isVisible(), true, 'hide=program leaves a lab’s program on show');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('#lab-verdict[data-met="false"]').waitFor();
  assert.deepEqual(page.problems, []);
});

test('a widget: lock, hide and predict are live; bad values are one line and fixing them clears it; nothing typed is lost', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/column.html`);
  await page.waitForFunction(() => document.getElementById('first')?.dataset.ready === 'true');
  const first = page.locator('#first');
  const set = (name, value) =>
    page.evaluate(
      ([n, v]) => (v === null ? document.getElementById('first').removeAttribute(n) : document.getElementById('first').setAttribute(n, v)),
      [name, value],
    );

  // lock="knobs": read-only at once; the course's own attributes still set them; removed, editable again.
  await first.locator('#tasks').fill('7'); // typed by the learner before the lock
  await set('lock', 'knobs');
  assert.equal(await first.locator('#permits').evaluate((i) => i.readOnly), true);
  assert.equal(await first.locator('#knobs-locked').isVisible(), true);
  assert.equal(await first.locator('#tasks').inputValue(), '7', 'what the learner typed stays');
  await set('permits', '3');
  assert.equal(await first.locator('#permits').inputValue(), '3');
  await set('lock', 'knobs everything');
  assert.equal(
    await first.locator('#banner').textContent(),
    'lock: "everything" in the attributes is not one of program, knobs; it is ignored.',
  );
  assert.equal(await first.locator('#permits').evaluate((i) => i.readOnly), true, 'the known name still applies');
  await set('lock', null);
  assert.equal(await first.locator('#banner').isVisible(), false, 'fixed: the message goes');
  assert.equal(await first.locator('#permits').evaluate((i) => i.readOnly), false);
  assert.equal(await first.locator('#knobs-locked').isVisible(), false);
  await first.locator('#permits').fill('2');

  // lock="program" while the learner edits a lab: the text stays, read-only; unlocked, editable again.
  await page.evaluate(() => {
    const lab = document.createElement('semaphore-playground');
    lab.id = 'lab';
    lab.setAttribute('lab', 'fifo');
    document.querySelector('.column').append(lab);
  });
  const lab = page.locator('#lab');
  const editor = lab.getByRole('textbox', { name: 'Python program' });
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# mine');
  await page.evaluate(() => document.getElementById('lab').setAttribute('lock', 'program'));
  assert.equal(await editor.getAttribute('aria-readonly'), 'true');
  assert.match(await editor.innerText(), /# mine/);
  assert.equal(await lab.getByRole('button', { name: 'Reset program' }).count(), 0);
  assert.equal(await lab.locator('#program-locked').isVisible(), true);
  await page.evaluate(() => document.getElementById('lab').removeAttribute('lock'));
  assert.equal(await editor.getAttribute('aria-readonly'), null);
  assert.match(await editor.innerText(), /# mine/);
  assert.equal(await lab.getByRole('button', { name: 'Reset program' }).isVisible(), true);

  // hide: live both ways; a view shown again is drawn for the run on show.
  await set('hide', 'log timeline');
  assert.equal(await first.locator('.log-panel').isVisible(), false);
  assert.equal(await first.locator('.timeline-panel').isVisible(), false);
  await first.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('first').dataset.state === 'done');
  assert.equal(await first.locator('#log .log-row').count(), 0);
  assert.equal(await first.locator('#summary').isVisible(), true);
  await set('hide', null);
  await first.locator('#log .log-window.at-end .log-row.current:last-child').waitFor();
  assert.match(await first.locator('#log .log-row').last().textContent(), /Task 6 finished$/, 'the log, shown again, is at the run’s end');
  assert.equal(await first.locator('.timeline-panel').isVisible(), true);
  assert.equal(
    await first.locator('#summary').evaluate((p) => p.closest('.log-panel') !== null),
    true,
    'the summary is back under the log',
  );

  // predict: set, switched, removed, wrong; each before the next Run.
  await set('predict', 'total-time');
  assert.equal(await first.getByRole('checkbox', { name: 'Predict first' }).isChecked(), true);
  assert.equal(await first.getByLabel('Question').inputValue(), 'total-time');
  await first.getByRole('button', { name: 'Run again' }).click();
  assert.match(await first.locator('#predict-error').textContent(), /./, 'Run waits for an answer');
  await set('predict', 'peak');
  assert.equal(await first.getByLabel('Question').inputValue(), 'peak');
  assert.match(await first.locator('#predict-text').textContent(), /^At most how many tasks will hold the semaphore/);
  await set('predict', 'nonsense');
  assert.match(
    await first.locator('#predict-result').textContent(),
    /^predict="nonsense" is not a question here; choose one of: total-time, /,
  );
  await set('predict', null);
  assert.equal(await first.getByRole('checkbox', { name: 'Predict first' }).isChecked(), false);
  assert.equal(await first.locator('#predict-result').textContent(), '', 'the message about the wrong value goes');
  await first.getByRole('button', { name: 'Run again' }).click();
  await page.waitForFunction(() => document.getElementById('first').dataset.state === 'done');
  assert.deepEqual(page.problems, []);
});

test('a locked and hidden widget as a course page shows it (examples/course.html)', async () => {
  const page = await openPage(context, `${server.url}/csp/examples/course.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  const widget = page.locator('semaphore-playground[lock][hide]');
  assert.equal(await widget.count(), 1);
  assert.equal(await widget.locator('#knobs-locked').isVisible(), true);
  assert.equal(await widget.locator('#banner').isVisible(), false, 'the example’s options are all valid');
  await widget.scrollIntoViewIfNeeded();
  await widget.screenshot({ path: new URL('./artifacts/author-course-widget.png', import.meta.url).pathname });
  assert.deepEqual(page.problems, []);
});
