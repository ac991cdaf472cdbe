// Bounded shows its point (issue #12, item 7): a per-task "extra release()" lets a Semaphore go above
// its start (more holders than permits), and makes a BoundedSemaphore raise ValueError, logged.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, ready, logLines, runToEnd, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

// The board draws in the next animation frame: wait for what it should say (a wrong value times out).
const boardSays = (page, pattern) =>
  page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#board [data-available]').textContent), pattern.source);

test('Permits 2, task 1 with an extra release(): three hold at once, value 3 of 2; Bounded raises ValueError', async () => {
  const page = await openPage(context, `${server.url}/?permits=2&tasks=5&duration=2&speed=instant`);
  await ready(page);
  await page.click('details.advanced summary');
  await page.check('#custom');
  const box = page.getByRole('checkbox', { name: 'Task 1 calls sem.release() once more after async with' });
  await box.check();
  await page.waitForFunction(() => /extra_release/.test(decodeURIComponent(location.search)));
  assert.deepEqual(JSON.parse(new URL(page.url()).searchParams.get('custom'))[0], { start: 0, extra_release: true });
  assert.match(await page.textContent('#code-python'), /release\(\)/);

  await runToEnd(page);
  await boardSays(page, /^value 3 of 2 \(above its start/);
  assert.match(await page.textContent('#summary'), /peak concurrency 3 of 2/);
  const lines = await logLines(page);
  assert.ok(
    lines.some((l) => /^2\.00s Task 1 released againnote: sem\.release\(\) without an acquire/.test(l)),
    lines.join('\n'),
  );

  // The moment task 5 starts: three tasks hold a permit of a Semaphore(2).
  const started5 = lines.findIndex((l) => l.startsWith('2.00s Task 5 started'));
  await page.focus('#step');
  await page.keyboard.press('Home');
  for (let i = 0; i <= started5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((n) => document.getElementById('position').textContent.startsWith(`event ${n} `), started5 + 1);
  await boardSays(page, /^value 0 of 2: 3 permits held/);
  const holders = await page.$$eval('#board [data-permits] li.held', (items) => items.map((li) => li.textContent));
  assert.deepEqual(holders, ['1: Task 3', '2: Task 4', '3 (above the start): Task 5']);
  await shot(page, 'bounded-extra-release-semaphore');

  await page.check('#bounded');
  await runToEnd(page);
  const bounded = await logLines(page);
  const error = bounded.find((l) => /BoundedSemaphore released too many times/.test(l));
  assert.match(
    error,
    /^4\.00s Task 5: BoundedSemaphore released too many timesnote: a BoundedSemaphore never goes above its initial value: release\(\) raised ValueError in task 5$/,
  );
  await boardSays(page, /^value 2 of 2: 0 permits held/);
  assert.match(await page.textContent('#code-python'), /BoundedSemaphore\(2\)/);
  await shot(page, 'bounded-extra-release-bounded');
  assert.deepEqual(page.problems, []);
});

test('the link carries the extra release: ?custom= opens with the box ticked and runs it', async () => {
  const custom = encodeURIComponent(JSON.stringify([{}, { extra_release: true }, {}]));
  const page = await openPage(context, `${server.url}/?permits=1&tasks=3&duration=1&speed=instant&custom=${custom}`);
  await ready(page);
  assert.equal(await page.isChecked('[data-task="2"][data-field="extra_release"]'), true);
  assert.equal(await page.isChecked('[data-task="1"][data-field="extra_release"]'), false);
  await runToEnd(page);
  assert.ok((await logLines(page)).some((l) => l.startsWith('2.00s Task 2 released again')));
  await boardSays(page, /^value 2 of 1/);
});
