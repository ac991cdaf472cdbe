// The log (issues #11 and #12): what Python prints and the playground's notes are told apart by style
// and by a "note:" cue for screen readers; notes can be hidden; "Copy output" copies only what Python
// prints; long lines wrap instead of ending in "…"; each new line is announced once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { startServer } from './server.mjs';
import { editProgram, launch, logLines, openPage, ready, runToEnd, shot } from './browser.mjs';

let server;
let context;
before(async () => {
  server = await startServer();
  context = await launch();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
after(async () => {
  await context?.close();
  await server?.close();
});

const LESSON_OUTPUT = [
  'Task 1 started',
  'Task 2 started',
  'Task 3 started',
  'Task 1 finished',
  'Task 2 finished',
  'Task 3 finished',
  'Task 4 started',
  'Task 5 started',
  'Task 4 finished',
  'Task 5 finished',
];

test('program output and notes look different, say so to screen readers, and notes can be hidden', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&speed=instant`);
  await ready(page);
  await runToEnd(page);
  const rows = await page.$$eval('#log .log-row', (list) =>
    list.map((r) => ({
      out: r.querySelector('.log-out')?.textContent ?? null,
      note: r.querySelector('.log-note')?.textContent ?? null,
      noteStyle: r.querySelector('.log-note') ? getComputedStyle(r.querySelector('.log-note')).fontStyle : null,
      outStyle: r.querySelector('.log-out') ? getComputedStyle(r.querySelector('.log-out')).fontStyle : null,
    })),
  );
  assert.deepEqual(
    rows.filter((r) => r.out).map((r) => r.out),
    LESSON_OUTPUT,
  );
  const notes = rows.filter((r) => r.note);
  assert.deepEqual(
    notes.map((r) => r.note),
    [
      'note: Task 4 waits: all 3 permits are taken, so it joins the queue',
      'note: Task 5 waits: all 3 permits are taken, so it joins the queue',
    ],
  );
  assert.ok(notes.every((r) => r.noteStyle === 'italic') && rows.filter((r) => r.out).every((r) => r.outStyle === 'normal'));
  // The "note:" cue is for screen readers only.
  assert.equal(await page.$eval('#log .log-note .visually-hidden', (e) => e.getBoundingClientRect().width <= 1), true);
  await page.uncheck('#show-notes');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 10);
  assert.deepEqual(
    (await logLines(page)).map((l) => l.slice(6)),
    LESSON_OUTPUT,
  );
  assert.equal(await page.$$eval('#log .log-note', (list) => list.length), 0);
  await page.check('#show-notes');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 12);
  assert.deepEqual(page.problems, []);
});

test('"Copy output" copies exactly what Python prints: one line per printed line, no times, no notes', async () => {
  const custom = encodeURIComponent(JSON.stringify([{ duration: 3 }, { timeout: 1 }, { fail: true, duration: 0.5 }]));
  const page = await openPage(context, `${server.url}/?permits=1&tasks=3&duration=1&speed=instant&custom=${custom}`);
  await ready(page);
  await runToEnd(page);
  await page.click('#copy-output');
  await page.waitForFunction(() => /^Copied/.test(document.getElementById('copy-status').textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, ['Task 1 started', 'Task 2 timed out', 'Task 1 finished', 'Task 3 started', 'Task 3 failed', ''].join('\n'));
  // A failure is printed and explained: both parts are in its row.
  const failed = (await logLines(page)).find((l) => l.includes('Task 3 failed'));
  assert.match(failed, /^3\.50s Task 3 failednote: task 3 raised inside "async with sem", which still released its permit$/);
});

test('long lines wrap at 360 px: the deadlock explanation is all there, nothing cut to "…"', async () => {
  const page = await openPage(context, `${server.url}/?permits=0&tasks=12&duration=1&speed=instant`);
  await page.setViewportSize({ width: 360, height: 800 });
  await ready(page);
  await runToEnd(page, 'deadlock');
  const last = await page.$eval('#log .log-row:last-child', (row) => ({
    text: row.textContent,
    height: row.getBoundingClientRect().height,
    clipped: row.scrollWidth > row.clientWidth,
    overflow: getComputedStyle(row).textOverflow,
  }));
  assert.equal(
    last.text,
    '0.00s note: Deadlock: tasks 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 wait for a permit nobody will release (Python would wait forever)',
  );
  assert.ok(last.height > 30, `the line wraps (${last.height}px tall)`);
  assert.equal(last.clipped, false);
  assert.notEqual(last.overflow, 'ellipsis');
  // The whole row is inside the log's visible box.
  const inside = await page.evaluate(() => {
    const log = document.getElementById('log').getBoundingClientRect();
    const row = document.querySelector('#log .log-row:last-child').getBoundingClientRect();
    return row.top >= log.top - 1 && row.bottom <= log.bottom + 1;
  });
  assert.equal(inside, true);
  await shot(page, 'log-wrap-360');
});

test('each new log line is announced once', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&speed=20`);
  await ready(page);
  await page.evaluate(() => {
    window.announced = [];
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) window.announced.push(node.textContent);
    }).observe(document.querySelector('[role="log"]'), { childList: true, subtree: true, characterData: true });
  });
  await runToEnd(page);
  const announced = await page.evaluate(() => window.announced);
  assert.equal(announced.length, 12, announced.join('\n'));
  assert.equal(new Set(announced).size, 12);
  assert.equal(announced[0], '0.00s Task 1 started');
  assert.equal(announced[3], '0.00s note: Task 4 waits: all 3 permits are taken, so it joins the queue');
});

test('a log taller than any browser allows: 300,000 lines in a bounded height, every line reachable', async () => {
  const page = await openPage(context, `${server.url}/?permits=50&tasks=100000&duration=1&speed=instant`);
  await ready(page);
  await runToEnd(page);
  const total = 100000 * 2 + 99950;
  const scroll = () => page.$eval('#log', (log) => ({ height: log.scrollHeight, top: log.scrollTop, client: log.clientHeight }));
  assert.ok((await scroll()).height <= 1_000_000, 'the scroller stays far below the 33,554,430 px cap');
  const lastRow = () => page.$eval('#log .log-row:last-child', (r) => r.textContent);
  const last = await lastRow(); // which task finishes last among the ties at 2000 s is the runtime's business (#11)
  assert.match(last, /^2000\.00s Task \d+ finished$/);
  // Home and End inside the log, and a scroll to the middle.
  await page.focus('#log');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('#log .log-row')?.textContent === '0.00s Task 1 started');
  await page.keyboard.press('End');
  await page.waitForFunction((text) => document.querySelector('#log .log-row.current:last-child')?.textContent === text, last);
  const inView = await page.evaluate(() => {
    const log = document.getElementById('log').getBoundingClientRect();
    const row = document.querySelector('#log .log-row:last-child').getBoundingClientRect();
    return row.bottom <= log.bottom + 1 && row.top >= log.top;
  });
  assert.equal(inView, true, 'the last line is in view');
  await page.$eval('#log', (log) => {
    log.scrollTop = (log.scrollHeight - log.clientHeight) / 2;
  });
  // Half way down the scroller is half way through the events (the 150,000th is at about 500 s).
  await page.waitForFunction(() => /^[45]\d\d\.00s/.test(document.querySelector('#log .log-row')?.textContent ?? ''));
  assert.equal(await page.textContent('#position'), `event ${total} of ${total} · 2000.00s`);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(nodes < 1500, `${nodes} DOM nodes`);
});

test('a million tasks run in a Web Worker: the whole trace arrives, the last of 2,999,950 lines is shown', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?permits=50&tasks=1000000&duration=1&speed=instant`);
  await ready(page);
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await runToEnd(page);
  assert.ok(
    workers.some((url) => url.endsWith('/web/runtime-worker.mjs')),
    `workers: ${workers}`,
  );
  assert.equal(await page.textContent('#position'), 'event 2999950 of 2999950 · 20000.00s');
  assert.match(
    await page.textContent('#summary'),
    /Total virtual time 20000\.00s; ideal ceil\(1000000\/50\) × duration = 20000\.00s; peak concurrency 50 of 50 permits; 1000000 finished/,
  );
  assert.match(await page.$eval('#log .log-row.current:last-child', (r) => r.textContent), /^20000\.00s Task \d+ finished$/);
  // Time travel works on the worker's trace too.
  await page.focus('#step');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 0);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#log .log-row')?.textContent === '0.00s Task 1 started');
  await shot(page, 'million-tasks-step-1');
  assert.deepEqual(page.problems, []);
});

test('a program that ends in an uncaught exception: the log shows every line and ends with the exception', async () => {
  // The exception has no virtual time (it ends the program outside the loop); the log once failed
  // to draw it (formatTime(null)) and stopped there, short of the run's last lines.
  const page = await openPage(context, `${server.url}/csp/index.html?speed=instant`);
  await ready(page);
  const program =
    'import asyncio\n\nasync def main():\n    for n in range(40):\n        print("line", n)\n        await asyncio.sleep(0.5)\n    raise ValueError("the end")\n\nasyncio.run(main())\n';
  await editProgram(page, program);
  await page.click('#run');
  await page.waitForSelector('#playground[data-state="done"]', { timeout: 30000 });
  await page.waitForFunction(() => /ValueError: the end/.test(document.querySelector('#log .log-row.current')?.textContent ?? ''));
  const last = await page.locator('#log .log-row').last().textContent();
  assert.match(last, /^20\.00s note: the program stopped with an uncaught exception: ValueError: the end$/);
  assert.equal(await page.locator('#log .log-window.at-end').count(), 1, 'the log is at its end');
  assert.deepEqual(page.problems, []);
});
