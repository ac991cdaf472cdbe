// Settings that say what will run (issue #12) and bad input that never runs (issue #15, defect 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, ready, waitForState, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

/** Press Run on settings that are wrong: the focus goes to the first wrong field and nothing runs. */
async function runIsRefused(page, field) {
  await page.focus('#reset');
  await page.click('#run');
  await page.waitForFunction((id) => document.activeElement?.id === id || document.activeElement?.dataset?.field === id, field);
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
  assert.equal(await page.$$eval('#log .log-row', (rows) => rows.length), 0);
}

test('editing during a run changes neither the program shown nor the link; Run becomes Restart and applies it', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&speed=0.25`);
  await ready(page);
  await page.click('#run');
  await waitForState(page, 'running');
  await page.fill('#permits', '1');
  assert.match(await page.textContent('#code-python'), /asyncio\.Semaphore\(3\)/);
  assert.match(page.url(), /permits=3/);
  assert.equal(await page.isVisible('#pending'), true);
  assert.match(await page.textContent('#pending'), /apply on the next Run/);
  assert.equal(await page.textContent('#run'), 'Restart');
  assert.match(await page.textContent('#board'), /value \d of 3/);
  await shot(page, 'settings-pending');
  await page.click('#run');
  await page.waitForFunction(() => /Semaphore\(1\)/.test(document.getElementById('code-python').textContent));
  assert.equal(await page.isVisible('#pending'), false);
  assert.match(page.url(), /permits=1/);
  assert.deepEqual(page.problems, []);
});

test('custom rows follow Duration unless edited; errors name the row as the learner sees it', async () => {
  const page = await openPage(context, `${server.url}/?permits=2&tasks=3&duration=2`);
  await ready(page);
  await page.click('details.advanced summary');
  await page.check('#custom');
  assert.deepEqual(await page.$$eval('#custom-rows [data-field="duration"]', (inputs) => inputs.map((i) => i.value)), ['2', '2', '2']);
  await page.fill('#duration', '3');
  assert.deepEqual(await page.$$eval('#custom-rows [data-field="duration"]', (inputs) => inputs.map((i) => i.value)), ['3', '3', '3']);
  await page.fill('[data-task="2"][data-field="duration"]', '5');
  await page.fill('#duration', '4');
  assert.deepEqual(await page.$$eval('#custom-rows [data-field="duration"]', (inputs) => inputs.map((i) => i.value)), ['4', '5', '4']);
  assert.match(await page.textContent('#custom-note'), /Up to 50 tasks/);
  await page.fill('[data-task="2"][data-field="timeout"]', '-1');
  assert.match(await page.textContent('#custom-error'), /^Task 2: timeout cannot be negative \(you typed "-1"\)/);
  assert.equal(await page.getAttribute('[data-task="2"][data-field="timeout"]', 'aria-invalid'), 'true');
  await runIsRefused(page, 'timeout');
  await page.fill('[data-task="2"][data-field="timeout"]', '1');
  await page.fill('#tasks', '60');
  assert.match(await page.textContent('#tasks-error'), /Customise each task covers at most 50 tasks/);
  await runIsRefused(page, 'tasks');
  await shot(page, 'settings-custom-errors');
});

test('the run follows the rows: a task that times out, with its row duration kept', async () => {
  const custom = encodeURIComponent(JSON.stringify([{}, { timeout: 1 }, { duration: 0.5 }]));
  const page = await openPage(context, `${server.url}/?permits=1&tasks=3&duration=2&speed=instant&custom=${custom}`);
  await ready(page);
  assert.deepEqual(await page.$$eval('#custom-rows [data-field="duration"]', (inputs) => inputs.map((i) => i.value)), ['2', '2', '0.5']);
  await page.click('#run');
  await waitForState(page, 'done');
  assert.match(await page.textContent('#summary'), /Total virtual time 2\.50s/);
});

for (const [name, query, field, message] of [
  ['tasks below zero beside custom rows', 'tasks=-3&custom=[{},{}]', 'tasks', /^Tasks cannot be negative \(you typed "-3"\)/],
  ['a fractional tasks beside custom rows', 'tasks=3.5&custom=[{},{},{}]', 'tasks', /^Tasks must be a whole number \(you typed "3\.5"\)/],
  ['1e999 permits', 'permits=1e999', 'permits', /^Permits "1e999" is too large: enter a whole number from 0 to 1,000,000/],
  ['Infinity permits', 'permits=Infinity', 'permits', /^Permits "Infinity" is too large/],
  ['hexadecimal permits', 'permits=0x10', 'permits', /^Permits "0x10" is not a number/],
  ['markup in permits', 'permits=%3Cscript%3E', 'permits', /^Permits "<script>" is not a number/],
  ['an infinite custom duration', 'tasks=1&custom=[{"duration":1e999}]', 'duration', /^Task 1: duration "Infinity" is too large/],
]) {
  test(`bad input in the link never runs, stays in its field and is named: ${name} (#15, defect 6)`, async () => {
    const page = await openPage(context, `${server.url}/?speed=instant&${query}`);
    await ready(page);
    const error = field === 'duration' && query.includes('custom') ? '#custom-error' : `#${field}-error`;
    assert.match(await page.textContent(error), message);
    if (!query.includes('custom=[{"duration"')) {
      const typed = decodeURIComponent(new URLSearchParams(query).get(field));
      assert.equal(await page.inputValue(`#${field}`), typed, 'what was typed is kept');
    }
    await runIsRefused(page, field);
    await page.click('#step'); // Step does not start a run either
    await page.waitForFunction((id) => document.activeElement?.id === id || document.activeElement?.dataset?.field === id, field);
    assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
    assert.deepEqual(page.problems, []);
  });
}
