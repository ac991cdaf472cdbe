// Layout (issue #12): at 1280×800 the log is beside the controls and in view without scrolling; on a
// 360 px phone the log comes right under Run; nothing in the controls is cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, ready, runToEnd, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

test('1280×800: the log is next to the controls and visible without scrolling', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await ready(page);
  await runToEnd(page);
  const controls = await page.locator('#controls').boundingBox();
  const log = await page.locator('#log').boundingBox();
  assert.ok(log.x >= controls.x + controls.width, 'the log is beside the controls');
  assert.ok(log.y < 300 && log.y + 200 <= 800, `the log is at y=${log.y}`);
  // The speed menu shows its whole label.
  assert.equal(await page.$eval('#speed', (s) => s.scrollWidth <= s.clientWidth + 1), true);
  await shot(page, 'layout-1280');
});

test('360 px: the log comes right under Run, before the board and the timeline', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await page.setViewportSize({ width: 360, height: 800 });
  await ready(page);
  await runToEnd(page);
  const run = await page.locator('#run').boundingBox();
  const log = await page.locator('#log').boundingBox();
  const board = await page.locator('#board').boundingBox();
  assert.ok(log.y > run.y && log.y < board.y, `Run at ${run.y}, log at ${log.y}, board at ${board.y}`);
  assert.ok(log.y < 800, 'the log starts on the first screen');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
  await shot(page, 'layout-360');
});

test("a knob's message wraps in its field: the fields beside it stay where they were while the learner corrects it", async () => {
  const page = await openPage(context, `${server.url}/`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await ready(page);
  const places = () => Promise.all(['#tasks', '#duration'].map((id) => page.locator(id).boundingBox()));
  const before = await places();
  await page.fill('#permits', '-1');
  await page.press('#permits', 'Tab');
  await page.waitForSelector('#permits-error:not(:empty)');
  const after = await places();
  assert.deepEqual(
    after.map((b) => [b.x, b.y]),
    before.map((b) => [b.x, b.y]),
  );
  assert.deepEqual(page.problems, []);
});
