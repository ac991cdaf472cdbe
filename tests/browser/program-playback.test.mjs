// An edited program plays like a scenario (issue #13): Step shows one more event, the board shows
// each Semaphore and Lock of the program with its holders and its queue, the timeline draws a lane
// per task, Step back goes back, and a deadlock ends in the deadlock state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { lessonSource } from '../../bench/lesson_program.mjs';
import { editProgram, logLines, openPage, ready, recordProgramsOnPage, shot, useBrowser, waitForState } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

// Two semaphores in opposite orders and a Lock (a curated conformance program, checked against CPython).
const OPPOSITE = readFileSync(new URL('../conformance/programs/opposite_order_lock.py', import.meta.url), 'utf8');

const board = (page) => page.locator('[data-program-board] .primitive').allInnerTexts();

test("before its first run, an edited program's board waits for the program, not the knobs' semaphore; back to the lesson, it is the knobs' again", async () => {
  const page = await openPage(context, `${server.url}/index.html`);
  await ready(page);
  const knobsBoard = page.locator('.board-state');
  await knobsBoard.waitFor(); // the knobs' Semaphore(3) until the program changes
  await editProgram(page, OPPOSITE);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.waitForSelector('#playground[data-program-run]');
  assert.equal(
    await page.locator('[data-program-board]').innerText(),
    'The program’s Semaphores, Locks and Events show here as it runs (Run or Step).',
  );
  assert.equal(await knobsBoard.isVisible(), false); // not "value 3 of 3": that is not this program's semaphore
  await page.getByRole('button', { name: 'Reset program' }).click();
  await page.waitForSelector('#playground:not([data-program-run])');
  assert.equal(await knobsBoard.isVisible(), true);
  assert.deepEqual(page.problems, []);
});

test('two semaphores in opposite orders: stepped event by event, the board and timeline follow, it ends in a deadlock', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await editProgram(page, OPPOSITE);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');

  await page.getByRole('button', { name: 'Step', exact: true }).click(); // runs nothing yet: shows the first event
  await page.waitForSelector('#playground[data-program-run][data-state="paused"]');
  for (let i = 0; i < 9; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  // The board draws on the next animation frame: wait for the tenth event's board (three cards, b held).
  await page.waitForFunction(() => {
    const cards = document.querySelectorAll('[data-program-board] .primitive');
    return cards.length === 3 && cards[1].innerText.includes('Held by: Task-3');
  });
  const cards = await board(page);
  assert.match(cards[0], /a = asyncio\.Semaphore\(1\)/);
  assert.match(cards[0], /Held by: Task-2 one\(\)/);
  assert.match(cards[1], /b = asyncio\.Semaphore\(1\)/);
  assert.match(cards[1], /Held by: Task-3 two\(\)/);
  assert.match(cards[2], /lock = asyncio\.Lock\(\)/);
  assert.match(await page.locator('#log').innerText(), /the lock is free/);
  assert.doesNotMatch(await page.locator('#log').innerText(), /one has both/);
  await shot(page, 'program-stepped');

  await page.keyboard.press('End');
  await page.waitForSelector('#playground[data-state="deadlock"]');
  // The board draws on the next animation frame, after the state: wait for that frame's queue of `a`.
  await page.waitForFunction(() =>
    document.querySelector('[data-program-board] .primitive')?.innerText.includes('Waiting (first in line first): Task-3'),
  );
  const end = await board(page);
  assert.match(end[0], /value 0 of 1/);
  assert.match(end[0], /Waiting \(first in line first\): Task-3 two\(\)/);
  assert.match(end[1], /Waiting \(first in line first\): Task-2 one\(\)/);
  assert.match(end[2], /locked\(\) is False: free/);
  assert.match(await page.locator('#summary').textContent(), /Deadlock at 1s/);
  assert.match(await page.locator('#timeline').getAttribute('aria-label'), /Timeline of [4-9] tasks/);
  await page.locator('details.timeline-table summary').click();
  await page.waitForSelector('#timeline-rows tr');
  const rows = await page.locator('#timeline-rows tr').allInnerTexts();
  assert.ok(
    rows.some((r) => r.startsWith('Task-2 one()')),
    `the table names each lane after its task and coroutine: ${rows.join(' | ')}`,
  );
  // main() awaits gather(), nothing of the board: it ran from 0 s, never asked, and is stuck with the rest.
  const main = rows.find((r) => r.startsWith('Task-1 main()')).split('\t');
  assert.deepEqual(main.slice(1), ['–', '–', '–', 'stuck (deadlock)']);
  assert.match(
    rows.find((r) => r.startsWith('Task-4 bystander()')),
    /finished at 0\.00s/,
  );
  await shot(page, 'program-deadlock');

  // The downloads are the program's: its own trace as JSON Lines (CSV says why not), the program as written.
  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Trace as JSON Lines' }).click()]);
  const lines = readFileSync(await jsonl.path(), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(jsonl.suggestedFilename(), 'program_trace.jsonl');
  assert.deepEqual(lines[0], { t: 0, event: 'created', task: 'Task-1', line: 28, function: 'main()' });
  assert.deepEqual(
    lines.find((e) => e.event === 'waiting'),
    { t: 1, event: 'waiting', task: 'Task-2', line: 12, primitive: 2, value: 0 },
  );
  assert.equal(lines.at(-1).event, 'deadlock');
  await page.getByRole('button', { name: 'Trace as CSV' }).click();
  await page.waitForSelector('#export-status:has-text("downloads as JSON Lines")');
  const [py] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Program as .py' }).click()]);
  assert.equal(readFileSync(await py.path(), 'utf8'), OPPOSITE);

  await page.getByRole('button', { name: 'Step back' }).click();
  await page.waitForSelector('#playground[data-state="paused"]');
  assert.deepEqual(page.problems, []);
});

/** The next animation frame, after which the views have drawn what the session holds. */
const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

// Issue #13 (web/ui/program-host.mjs): Run tries an edited program on the page's own runtime within a
// small budget and plays that run when it ended, with no worker round-trip; a bigger program runs in
// the playground's worker, the page only reading its events. How soon the first event shows and how
// long the page's thread is blocked are timing figures: npm run bench measures them
// (bench/page_frames.mjs).
test("the edited lesson plays from the page's own run, within its budget: the worker runs nothing", async () => {
  const source = lessonSource(5, { permits: 3, duration: 1 }).replace('finished")', 'done")'); // not the knobs' program
  const expected = (await loadRuntime()).simulateProgram(source);
  const page = await openPage(context, `${server.url}/csp/index.html?speed=instant`);
  await ready(page);
  await recordProgramsOnPage(page);
  await editProgram(page, source);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.click('#run');
  await waitForState(page, 'done');
  await nextFrame(page);
  assert.deepEqual(await page.evaluate(() => [window.programsTriedOnPage.length, window.programsInWorker.length]), [1, 0]);
  assert.deepEqual(await page.evaluate(() => window.programsOnPage), []);
  // The log draws the rows in view (the end): each is the run's own line, in order.
  const printed = (await logLines(page)).filter((row) => !row.includes('note:')).map((row) => row.replace(/^\S+ /, ''));
  assert.ok(printed.length >= 3);
  assert.deepEqual(printed, expected.output.trimEnd().split('\n').slice(-printed.length));
  assert.equal(
    await page.locator('#summary').textContent(),
    `The program finished at ${expected.events.at(-1).t}s (virtual time); 10 lines printed.`,
  );
  assert.deepEqual(page.problems, []);
});

test('an edited program of 100,000 tasks plays through the worker: the whole log and the summary', async () => {
  const source = lessonSource(100_000, { permits: 1_000, duration: 1 }).replace('finished")', 'done")'); // not the knobs' program
  const expected = (await loadRuntime()).simulateProgram(source);
  const page = await openPage(context, `${server.url}/csp/index.html?speed=instant`);
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await ready(page);
  await recordProgramsOnPage(page);
  await editProgram(page, source);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  assert.ok(
    workers.some((url) => url.endsWith('/web/runtime-worker.mjs')),
    `the worker starts when the program is edited, before Run: ${workers}`,
  );
  // Frames keep coming while the worker runs it: the page's thread is never held for the whole run.
  await page.evaluate(() => {
    window.framesDuringRun = 0;
    const count = () => {
      window.framesDuringRun += 1;
      if (document.getElementById('playground').dataset.state !== 'done') requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  });
  await page.click('#run');
  await waitForState(page, 'done', 120_000);
  await page.waitForSelector('#log .log-window.at-end .log-row.current:last-child');
  const printed = expected.output.trimEnd().split('\n');
  assert.equal(printed.length, 200_000);
  assert.equal(
    await page.locator('#summary').textContent(),
    `The program finished at ${expected.events.at(-1).t}s (virtual time); 200000 lines printed.`,
  );
  const lastPrint = (await logLines(page)).findLast((row) => !row.includes('note:'));
  assert.equal(lastPrint, `100.00s ${printed.at(-1)}`);
  assert.ok((await page.evaluate(() => window.framesDuringRun)) >= 3, 'the page painted frames during the run');
  // The page only tried it, within its budget, and dropped that attempt: the worker ran it whole.
  assert.equal(await page.evaluate(() => window.programsOnPage.filter((s) => s.includes('done")')).length), 0);
  assert.equal(await page.evaluate(() => window.programsTriedOnPage.filter((s) => s.includes('done")')).length), 1);
  assert.equal(await page.evaluate(() => window.programsInWorker.filter((s) => s.includes('done")')).length), 1);
  // Time travel on the worker's trace: Home shows the start again.
  await page.keyboard.press('Home');
  await waitForState(page, 'paused');
  await shot(page, 'program-100k-worker');
  assert.deepEqual(page.problems, []);
});

// Stepping an edited program points at the line that made each event, as the read-only code view does
// for the knobs' lesson: the event's line comes from the runtime (checked against CPython by the
// conformance suite), and an edit clears the mark, since the text is no longer the program that ran.
test('stepping an edited program marks the line that made each event in the editor; an edit clears it', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await editProgram(page, OPPOSITE);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  const lines = OPPOSITE.split('\n');
  const expected = (await loadRuntime()).simulateProgram(OPPOSITE).events;
  const marked = page.locator('.cm-event-line');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 8; i++) {
    await step.click();
    const { line } = expected[i];
    assert.ok(line > 0, `event ${i + 1} has a line`);
    await page.waitForFunction(
      (text) => document.querySelector('#editor-host')?.shadowRoot?.querySelector('.cm-event-line')?.textContent === text,
      lines[line - 1],
    );
    assert.equal(await marked.count(), 1);
  }
  assert.equal(await marked.getAttribute('aria-description'), 'made the latest event');
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.waitForFunction(
    (text) => document.querySelector('#editor-host')?.shadowRoot?.querySelector('.cm-event-line')?.textContent === text,
    lines[expected[6].line - 1],
  );
  await shot(page, 'program-step-line');
  // An edit: the text is another program now, and the mark goes.
  await page.getByRole('textbox', { name: 'Python program' }).press('End');
  await page.keyboard.type(' ');
  await page.waitForFunction(() => !document.querySelector('#editor-host')?.shadowRoot?.querySelector('.cm-event-line'));
  assert.deepEqual(page.problems, []);
});

test("the knobs' lesson stepped with the editor open: the editor marks the line the code view highlights", async () => {
  const page = await openPage(context, `${server.url}/index.html?permits=1&tasks=2`);
  await ready(page);
  await page.getByRole('button', { name: 'Edit the program' }).click();
  await page.waitForSelector('.cm-content');
  const markedAs = (text) =>
    page.waitForFunction(
      ([want]) => document.querySelector('#editor-host')?.shadowRoot?.querySelector('.cm-event-line')?.textContent.trim() === want,
      [text],
    );
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click(); // Task 1 started
  await markedAs('print(f"Task {n} started")');
  await step.click(); // Task 2 waits
  await markedAs('async with sem:');
  assert.equal((await page.locator('#code-python .code-line.current').textContent()).trim(), 'async with sem:');
  assert.deepEqual(page.problems, []);
});
