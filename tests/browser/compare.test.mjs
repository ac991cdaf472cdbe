// Compare permit counts (issue #14): the lesson for permits 1..5 and with no semaphore, as charts
// drawn in SVG by our code and as a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { editProgram, openPage, ready, recordProgramsOnPage, shot, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

const tableRows = (page) => page.$$eval('#compare-rows tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

// Ten downloads, three at a time: an edited program of the lesson's shape with other names.
const DOWNLOADS = readFileSync(new URL('./fixtures/downloads.py', import.meta.url), 'utf8');

test('?compare=1..5 shows the lesson with permits 1..5: total times 10, 6, 4, 4, 2 s, and 2 s with no semaphore', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?compare=1..5`);
  await ready(page);
  await page.waitForSelector('#compare-rows tr');
  const rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ['1', '2', '3', '4', '5', 'no semaphore'],
  );
  assert.deepEqual(
    rows.map((r) => r[1]),
    ['10', '6', '4', '4', '2', '2'],
  );
  assert.deepEqual(
    rows.map((r) => r[2]),
    ['1', '2', '3', '4', '5', '5'],
  );
  assert.deepEqual(
    rows.map((r) => r[4]),
    ['8', '4', '2', '2', '0', '0'],
  );
  // Waiting in line over time: one sparkline per row, on one scale, its figures in words.
  const sparks = await page.$$eval('#compare-rows svg.queue-spark', (svgs) => svgs.map((s) => s.getAttribute('aria-label')));
  assert.deepEqual(sparks, [
    'at most 4 waiting, at 0.00s; the line is empty by 8.00s',
    'at most 3 waiting, at 0.00s; the line is empty by 4.00s',
    'at most 2 waiting, at 0.00s; the line is empty by 2.00s',
    'at most 1 waiting, at 0.00s; the line is empty by 2.00s',
    'nobody waits',
    'nobody waits',
  ]);
  // The total-time chart: one bar per count, its value written above it, labelled axes.
  const chart = page.locator('#compare-charts figure').first();
  assert.equal(await chart.locator('figcaption').textContent(), 'Total time');
  assert.deepEqual(await chart.locator('text.value').allTextContents(), ['10', '6', '4', '4', '2', '2']);
  assert.equal(await chart.locator('rect').count(), 6);
  const heights = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
  assert.ok(
    heights[0] > heights[1] && heights[1] > heights[2] && heights[2] === heights[3] && heights[3] > heights[4],
    `bar heights ${heights}`,
  );
  assert.deepEqual(await chart.locator('text.axis-title').allTextContents(), ['permits', 'seconds']);
  assert.match(await chart.locator('svg title').textContent(), /^Total time: 1 10, 2 6, 3 4, 4 4, 5 2, none 2$/);
  assert.equal(await page.locator('#compare-charts figure').count(), 4);
  await page.locator('#compare-view').scrollIntoViewIfNeeded();
  await shot(page, 'compare-1-to-5');
  assert.deepEqual(page.problems, []);
});

test('the button compares what the form says, by keyboard; a change of settings redraws it', async () => {
  const page = await openPage(context, `${server.url}/?permits=2&tasks=4&duration=1`);
  await ready(page);
  assert.equal(await page.isVisible('#compare-view'), false);
  await page.focus('#compare-open');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#compare-rows tr');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-title');
  let rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[1]),
    ['4', '2', '2', '1', '1'],
  );
  await page.waitForFunction(() => /compare=1\.\.4/.test(location.search));
  await page.fill('#duration', '3');
  await page.waitForFunction(() => document.querySelector('#compare-rows tr td')?.textContent === '12');
  rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => r[1]),
    ['12', '6', '6', '3', '3'],
  );
  assert.deepEqual(page.problems, []);
});

test('an edited program is compared by varying its first Semaphore(...), in the worker: ten downloads, three at a time', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  await recordProgramsOnPage(page);
  await editProgram(page, DOWNLOADS);
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.click('#compare-open');
  await page.waitForSelector('#compare-note:has-text("Your program")');
  const rows = await tableRows(page);
  // The form says 3 permits and 5 tasks: counts 1..5; each count is the program's own total time.
  assert.deepEqual(
    rows.map((r) => [r[0], r[1], r[2]]),
    [
      ['1', '10', '1'],
      ['2', '5', '2'],
      ['3', '4', '3'],
      ['4', '3', '4'],
      ['5', '2', '5'],
      ['no semaphore', '1', '10'],
    ],
  );
  await page.locator('#compare-view').scrollIntoViewIfNeeded();
  await shot(page, 'compare-program');
  const onPage = await page.evaluate(() => window.programsOnPage.filter((source) => source.includes('download')));
  assert.deepEqual(onPage, [], "the program's runs (one per count) were made in the page's program worker");
  assert.deepEqual(page.problems, []);
});

test('a compared program that deadlocks with some counts says so, in the note and in its total time', async () => {
  const page = await openPage(context, `${server.url}/index.html`);
  await ready(page);
  // Two semaphores taken in opposite orders: with one permit on the first, the classic deadlock; with two, no deadlock.
  await editProgram(page, readFileSync(new URL('../conformance/programs/opposite_order.py', import.meta.url), 'utf8'));
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.click('#compare-open');
  // The note says "Running ..." while the runs go on (a loaded machine can show it after "Your program").
  await page.waitForSelector('#compare-note:has-text("ends in a deadlock")');
  assert.match(await page.textContent('#compare-note'), /With 1 permit it ends in a deadlock \(CPython would wait forever\)\.$/);
  const rows = await tableRows(page);
  assert.match(rows[0][1], /^[\d.]+ \(deadlock\)$/);
  assert.doesNotMatch(rows[1][1], /deadlock/);
  assert.deepEqual(page.problems, []);
});
