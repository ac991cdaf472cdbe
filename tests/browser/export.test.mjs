// Downloads (issue #14): the trace as JSON Lines and CSV read back to the run's trace, the program as
// a .py file that real Python runs to the same printed lines, and the timeline as an SVG file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { openPage, ready, runToEnd, logLines, useBrowser } from './browser.mjs';
import { traceFromCsv, traceFromJsonl } from '../../web/export.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

const SETTINGS =
  'permits=2&tasks=5&duration=0.5&speed=instant&custom=' +
  encodeURIComponent(JSON.stringify([{ timeout: 0.25 }, { fail: true }, {}, { extra_release: true }, {}]));

test('the trace downloads as JSON Lines and CSV, and both read back to the trace the page shows', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?${SETTINGS}`);
  await ready(page);
  assert.equal(await page.isDisabled('#export-jsonl'), true, 'nothing to save before a run');
  await runToEnd(page);
  const jsonl = await downloaded(page, 'Trace as JSON Lines');
  assert.equal(jsonl.name, 'semaphore_trace.jsonl');
  const events = traceFromJsonl(jsonl.text);
  // The page's trace: its log, line for line (time, then the printed line or the note), and its length.
  const lines = await logLines(page);
  assert.equal(events.length, lines.length);
  assert.match(await page.textContent('#position'), new RegExp(`^event ${events.length} of ${events.length}`));
  events.forEach((e, i) => assert.ok(lines[i].startsWith(`${e.t.toFixed(2)}s `), `${JSON.stringify(e)} vs ${lines[i]}`));
  assert.deepEqual(
    events.map((e) => `${e.task} ${e.event}`).filter((s) => /timeout|failed|extra_release/.test(s)),
    ['1 timeout', '2 failed', '4 extra_release'],
  );
  // ...and the runtime's own trace of the same settings, event for event.
  const simulated = await page.evaluate(async () => {
    const { loadRuntime } = await import('/web/semaphore-playground.mjs');
    const custom = JSON.parse(new URLSearchParams(location.search).get('custom'));
    return (await loadRuntime()).simulate({ permits: 2, duration: 0.5, tasks: custom });
  });
  assert.deepEqual(events, simulated);
  const csv = await downloaded(page, 'Trace as CSV');
  assert.equal(csv.name, 'semaphore_trace.csv');
  assert.deepEqual(traceFromCsv(csv.text), simulated);
  assert.match(await page.textContent('#export-status'), new RegExp(`Saved the trace of the run on show \\(${events.length} events\\)`));
  assert.deepEqual(page.problems, []);
});

test('the program downloads as a .py file that python3 runs to the lines the log printed', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?${SETTINGS}`);
  await ready(page);
  await runToEnd(page);
  const py = await downloaded(page, 'Program as .py');
  assert.equal(py.name, 'semaphore_lesson.py');
  const printed = execFileSync('python3', ['-c', py.text], { encoding: 'utf8', timeout: 20000 }).trimEnd().split('\n');
  const output = await page.$$eval('#log .log-out', (spans) => spans.map((s) => s.textContent));
  assert.deepEqual(printed, output);
  assert.ok(printed.includes('Task 4 released again'));
});

test('the timeline downloads as an SVG file: one labelled lane per task, a time axis', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?${SETTINGS}`);
  await ready(page);
  await runToEnd(page);
  const svg = await downloaded(page, 'Timeline as SVG');
  assert.equal(svg.name, 'semaphore_timeline.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    return { error: doc.querySelector('parsererror')?.textContent ?? null, title: doc.querySelector('title')?.textContent, texts };
  }, svg.text);
  assert.equal(parsed.error, null);
  assert.equal(parsed.title, 'Timeline: 5 tasks, Semaphore(2), 1.25 s');
  assert.deepEqual(
    parsed.texts.filter((t) => t.startsWith('Task ')),
    ['Task 1', 'Task 2', 'Task 3', 'Task 4', 'Task 5'],
  );
  assert.ok(parsed.texts.includes('0.00s') && parsed.texts.includes('1.20s'), parsed.texts.join(' '));
});

test('a timeline too big for a file says so instead of saving one', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?permits=100&tasks=1001&duration=1&speed=instant`);
  await ready(page);
  await runToEnd(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await page.getByRole('button', { name: 'Timeline as SVG', exact: true }).click();
  await page.waitForFunction(() =>
    /draws up to 1000 tasks, one lane each; this run has 1001/.test(document.getElementById('export-status').textContent),
  );
  assert.equal(downloads, 0);
  const jsonl = await downloaded(page, 'Trace as JSON Lines');
  assert.equal(traceFromJsonl(jsonl.text).length, 2 * 1001 + 901); // started and finished each, and 901 waits
});
