// Predict, then run (issue #14): a question before Run, the reveal after it (expected, right or wrong),
// the playback moved to the first difference, and the prediction event from a widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { editProgram, openPage, ready, recordProgramsOnPage, shot, useBrowser, waitForState } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

const result = (page) => page.textContent('#predict-result');

// Ten downloads, three at a time: an edited program of the lesson's shape with other names.
const DOWNLOADS = readFileSync(new URL('./fixtures/downloads.py', import.meta.url), 'utf8');

test('a right answer: ?predict=total-time asks before Run, and the end of the run says so', async () => {
  const page = await openPage(context, `${server.url}/?predict=total-time&speed=instant`);
  await ready(page);
  assert.equal(await page.isChecked('#predict-on'), true);
  const field = page.getByLabel('Your prediction', { exact: true });
  assert.equal(await field.isVisible(), true);
  assert.equal(await page.textContent('#predict-text'), 'How many seconds will the whole run take?');
  await field.fill('4');
  await field.press('Enter'); // Enter in the field runs, as in every field of the form
  await waitForState(page, 'done');
  await page.waitForFunction(() => /^Right!/.test(document.getElementById('predict-result').textContent));
  assert.match(await result(page), /You said 4\.00s; the run says 4\.00s\./);
  assert.match(await page.textContent('#position'), /^event 12 of 12/);
  assert.match(page.url(), /predict=total-time/);
  assert.deepEqual(page.problems, []);
});

test('a wrong answer: the reveal points at the first difference and the playback moves there', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  assert.equal(await page.isVisible('#predict-answer'), false);
  await page.getByLabel('Predict first').check();
  await page.getByLabel('Question').selectOption('finish-order');
  assert.equal(await page.textContent('#predict-text'), 'In what order will the tasks print "finished"?');
  await page.waitForFunction(() => /predict=finish-order/.test(location.search));

  // Unreadable or empty: one line next to the field, and no run.
  await page.getByLabel('Your prediction', { exact: true }).fill('first, then');
  await page.click('#run');
  await page.waitForFunction(() => document.activeElement?.id === 'predict-answer');
  assert.equal(await page.textContent('#predict-error'), 'Your prediction: expected task numbers in order, such as "1, 3, 2"');
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
  await page.getByLabel('Your prediction', { exact: true }).fill('');
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('predict-error').textContent !== '');
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');

  await page.getByLabel('Your prediction', { exact: true }).fill('1, 2, 3, 5, 4');
  await page.click('#run');
  await page.waitForFunction(() => /^Not quite\./.test(document.getElementById('predict-result').textContent));
  assert.match(await result(page), /You said 1, 2, 3, 5, 4; the run says 1, 2, 3, 4, 5\./);
  assert.match(await result(page), /event 11, 4\.00s Task 4 finished/);
  // Every view is at that event: the scrubber, the log's current line, the state.
  await page.waitForFunction(() => document.getElementById('scrubber').value === '11');
  await waitForState(page, 'paused');
  assert.match(await page.textContent('#position'), /^event 11 of 12/);
  await page.waitForFunction(() => document.querySelector('#log .log-row.current')?.textContent.startsWith('4.00s Task 4 finished'));
  assert.equal(await page.getAttribute('#predict-answer', 'aria-invalid'), null);

  await shot(page, 'predict-wrong-reveal');
  // After moving on, a button shows that moment again; Reset clears the reveal with the run.
  await page.focus('#step');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.getElementById('scrubber').value === '12');
  await page.getByRole('button', { name: 'Show event 11 again', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('scrubber').value === '11');
  await page.click('#reset');
  await page.waitForFunction(() => document.getElementById('predict-result').textContent === '');
  assert.equal(await page.locator('#predict-goto').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('a widget with predict="peak" dispatches a bubbling semaphore-playground:prediction event', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/column.html`);
  await page.waitForFunction(() => document.querySelector('semaphore-playground')?.dataset.ready === 'true');
  await page.evaluate(() => {
    window.predictions = [];
    document.body.addEventListener('semaphore-playground:prediction', (event) =>
      window.predictions.push({ target: event.target.id, ...event.detail }),
    );
    const widget = document.createElement('semaphore-playground');
    Object.entries({ id: 'asked', permits: '2', tasks: '4', duration: '1', speed: 'instant', predict: 'peak' }).forEach(([k, v]) =>
      widget.setAttribute(k, v),
    );
    document.body.append(widget);
  });
  const widget = page.locator('#asked');
  await page.waitForFunction(() => document.getElementById('asked').dataset.ready === 'true');
  assert.match(
    await widget.locator('#predict-text').textContent(),
    /At most how many tasks will hold the semaphore at the same time\? \(It starts with 2 permits\.\)/,
  );
  await widget.getByLabel('Your prediction', { exact: true }).fill('4');
  await widget.locator('#run').click();
  await page.waitForFunction(() => window.predictions.length === 1);
  const [detail] = await page.evaluate(() => window.predictions);
  assert.deepEqual(
    { target: detail.target, question: detail.question, answer: detail.answer, expected: detail.expected, correct: detail.correct },
    { target: 'asked', question: 'peak', answer: 4, expected: 2, correct: false },
  );
  assert.match(await widget.locator('#predict-result').textContent(), /^Not quite\./);
  assert.deepEqual(page.problems, []);
});

test('an edited program gets its own question, made in the worker: asked at Run, answered, revealed at the first difference', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant&predict=total-time`);
  await ready(page);
  await recordProgramsOnPage(page);
  await editProgram(page, DOWNLOADS);
  await page.waitForSelector('#predict-text:has-text("Press Run to see the question about your program")');
  await page.click('#run'); // the first Run shows the question about this program, and runs nothing
  await page.waitForSelector('#predict-error:has-text("Answer this question about your program")');
  assert.equal(await page.textContent('#predict-text'), 'How many seconds will the whole run take?');
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');

  await page.getByLabel('Question').selectOption('peak');
  await page.waitForSelector('#predict-text:has-text("Press Run")');
  await page.click('#run');
  await page.waitForSelector(
    '#predict-text:has-text("At most how many tasks will hold limit at the same time? (It starts with 3 permits.)")',
  );
  await page.getByLabel('Your prediction', { exact: true }).fill('10');
  await page.click('#run');
  await page.waitForFunction(() => /^Not quite\./.test(document.getElementById('predict-result').textContent));
  assert.match(await result(page), /You said 10; the run says 3\./);
  // Where it parts: the end of the run (the most holders never passed 3), shown in the views.
  assert.match(await result(page), /Where it parts from your prediction: event \d+/);
  await waitForState(page, 'paused');
  await shot(page, 'predict-program-reveal');

  await page.getByLabel('Question').selectOption('finish-order');
  await page.click('#run');
  await page.waitForSelector('#predict-text:has-text("In what order will the tasks end? (Give their numbers: 2 for Task-2.)")');
  await page.getByLabel('Your prediction', { exact: true }).fill('2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1');
  await page.click('#run');
  await page.waitForFunction(() => /^Right!/.test(document.getElementById('predict-result').textContent));
  const onPage = await page.evaluate(() => window.programsOnPage.filter((source) => source.includes('download')));
  assert.deepEqual(onPage, [], 'the questions were made in the worker, and no run went over the budget on the page');
  const tried = await page.evaluate(() => window.programsTriedOnPage.filter((source) => source.includes('download')));
  assert.equal(tried.length, 1, 'tried once on the page, within its budget: both Runs played that run');
  assert.deepEqual(await page.evaluate(() => window.programsInWorker.filter((source) => source.includes('download'))), []);
  assert.deepEqual(page.problems, []);
});
