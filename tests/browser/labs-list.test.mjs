// The labs, read-only (issue #14): opening the list by keyboard loads every lab of web/labs.mjs with
// its goal, hint, program and solution (running them waits for the Python interpreter).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, ready, useBrowser } from './browser.mjs';
import { labs } from '../../web/labs.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

test('the labs list opens by keyboard and shows each lab: title, goal, hint, program, solution', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  assert.equal(await page.locator('#labs-list li').count(), 0, 'loaded only when opened');
  await page.focus('#labs summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#labs-list li.lab');
  assert.deepEqual(
    await page.locator('#labs-list .lab h4').allTextContents(),
    labs.map((lab) => lab.title),
  );
  const first = page.locator('#labs-list .lab').first();
  assert.equal(await first.locator('p').first().textContent(), labs[0].goal);
  assert.equal(await first.locator('details').nth(0).locator('p').isVisible(), false, 'the hint waits behind its disclosure');
  await first.locator('details').nth(0).locator('summary').click();
  assert.equal(await first.locator('details').nth(0).locator('p').textContent(), labs[0].hint);
  await first.locator('details').nth(2).locator('summary').click();
  assert.equal(await first.locator('details').nth(2).locator('code').textContent(), labs[0].solution);
  assert.deepEqual(page.problems, []);
});
