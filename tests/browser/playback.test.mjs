// One playback clock (issue #12): pause keeps the position, Resume continues from it, speed changes
// keep it; Step shows one event with a one-line narration, Step back and the scrubber move every view
// together; ← → Home End; a link opens at an event (?at=N). And long waits really wait (#15, defect 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, ready, logLines, waitForState, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

/** The playback position the page shows: { event, of, t } from "event 4 of 12 · 0.00s". */
async function position(page) {
  const text = await page.textContent('#position');
  const match = /^event (\d+) of (\d+)(?: so far)? · ([\d.]+)s$/.exec(text);
  assert.ok(match, `position reads "${text}"`);
  return { event: Number(match[1]), of: Number(match[2]), t: Number(match[3]) };
}

/** Let `n` animation frames pass (the playback clock moves once per frame). */
function frames(page, n) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
        next(count);
      }),
    n,
  );
}

/** Record the shown position at every frame until the run ends; returns the times seen. */
function recordPositions(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        const root = document.getElementById('playground');
        const sample = () => {
          const match = /· ([\d.]+)s$/.exec(document.getElementById('position').textContent);
          if (match) seen.push(Number(match[1]));
          if (root.dataset.state === 'done') resolve(seen);
          else requestAnimationFrame(sample);
        };
        sample();
      }),
  );
}

const nonDecreasing = (list) => list.every((t, i) => i === 0 || t >= list[i - 1]);

test('Pause keeps the playback position, the button says Resume, and Resume continues from there', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2`);
  await ready(page);
  await page.click('#run');
  await page.waitForFunction(() => /· (1\.[2-9]\d|[23]\.\d\d)s$/.test(document.getElementById('position').textContent));
  await page.click('#pause');
  await waitForState(page, 'paused');
  const paused = await position(page);
  // Where the click lands depends on how busy the machine is (CI once paused at 2.2 s), so what
  // must stay shown is derived from the paused time: 5 events at 0 s, 5 more at 2 s, 2 at 4 s.
  assert.ok(paused.t >= 1.2 && paused.t < 4, `paused at ${paused.t}s`);
  const shown = paused.t < 2 ? 5 : 10;
  assert.equal(await page.textContent('#pause'), 'Resume');
  assert.equal(await page.isEnabled('#pause'), true);
  assert.equal((await logLines(page)).length, shown, `the ${shown} events up to ${paused.t}s stay shown`);
  await frames(page, 40); // a learner looks at the paused run: nothing moves
  assert.deepEqual(await position(page), paused);
  await shot(page, 'playback-paused');
  const resumed = Date.now();
  const positions = recordPositions(page);
  await page.click('#pause');
  assert.equal(await page.textContent('#pause'), 'Pause');
  const seen = await positions;
  const took = (Date.now() - resumed) / 1000;
  assert.ok(seen[0] >= paused.t, `after Resume the position went back to ${seen[0]}s`);
  assert.ok(nonDecreasing(seen), 'the position never moves back');
  // Only the rest of the run is played: 4 s minus where it was paused (not the whole 4 s again).
  assert.ok(took < 4 - paused.t + 1.5, `the rest of the run took ${took.toFixed(2)} s`);
  assert.equal((await logLines(page)).length, 12);
  assert.deepEqual(page.problems, []);
});

test('a speed change keeps the position', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&speed=0.25`);
  await ready(page);
  await page.click('#run');
  await page.waitForFunction(() => /· 0\.[3-9]\ds$/.test(document.getElementById('position').textContent));
  const before = await position(page);
  const positions = recordPositions(page);
  await page.selectOption('#speed', '20');
  const seen = await positions;
  assert.ok(seen[0] >= before.t && nonDecreasing(seen), `positions after the change: ${seen.slice(0, 8).join(', ')} …`);
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'done');
});

test('Step shows one event with a narration; Step back, ← → Home End and the scrubber move every view', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2`);
  await ready(page);
  await page.click('#step');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 1);
  assert.deepEqual(await logLines(page), ['0.00s Task 1 started']);
  assert.equal(await page.textContent('#status'), 'Event 1 of 12 at 0.00s: Task 1 acquires a permit: value 3 → 2, waiting [].');
  assert.match(await page.textContent('#code-python .current'), /print\(f"Task \{n\} started"\)/);
  for (let n = 2; n <= 4; n++) {
    await page.click('#step');
    await page.waitForFunction((count) => document.querySelectorAll('#log .log-row').length === count, n);
  }
  assert.equal(await page.textContent('#status'), 'Event 4 of 12 at 0.00s: Task 4 joins the queue: value 0 → 0, waiting [4].');
  assert.match(await page.textContent('#board'), /value 0 of 3: 3 permits held/);
  assert.match(await page.textContent('#board [data-queue]'), /next: Task 4/);
  await shot(page, 'playback-step-4');

  await page.click('#back');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 3);
  assert.match(await page.textContent('#board [data-queue]'), /nobody is waiting/);
  assert.match(await page.textContent('#status'), /^Event 3 of 12 at 0\.00s: Task 3 acquires a permit: value 1 → 0/);
  await shot(page, 'playback-step-back');

  // Every step is exactly one more line: the lesson's 12 lines take 12 steps.
  await page.focus('#step');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 0);
  for (let n = 1; n <= 12; n++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((count) => document.querySelectorAll('#log .log-row').length === count, n);
  }
  await waitForState(page, 'done');
  assert.match(await page.textContent('#summary'), /Total virtual time 4\.00s/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 11);
  assert.deepEqual(await position(page), { event: 11, of: 12, t: 4 });
  await page.keyboard.press('End');
  await waitForState(page, 'done');

  // The scrubber: a range over every event, operated by keyboard.
  await page.focus('#scrubber');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 0);
  for (let n = 0; n < 6; n++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 6);
  assert.deepEqual(await position(page), { event: 6, of: 12, t: 2 });
  assert.equal(await page.getAttribute('#scrubber', 'aria-valuetext'), 'event 6 of 12 · 2.00s');
  // Task 1's release handed its permit to Task 4 at once: still in line (sem._waiters) but woken.
  assert.match(await page.textContent('#status'), /Task 1 finishes and its release hands the permit to Task 4, first in line: value 0 → 0/);
  assert.match(await page.textContent('#board'), /value 0 of 3: 2 permits held, 1 reserved for a woken waiter/);
  assert.deepEqual(await page.$$eval('#board [data-queue] li', (items) => items.map((li) => li.textContent)), [
    'Task 4: woken, a release handed it a permit',
    'next: Task 5',
  ]);
  // The timeline moves with the position, in the same step (it used to stay blank, then lag a step).
  await page.waitForFunction(() => /now at 2\.00s/.test(document.getElementById('timeline').getAttribute('aria-label')));
  assert.deepEqual(page.problems, []);
});

test('a link opens the run paused at an event (?at=N)', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&at=9`);
  await ready(page);
  await waitForState(page, 'paused');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 9);
  assert.deepEqual(await position(page), { event: 9, of: 12, t: 2 });
  assert.match(await page.textContent('#status'), /^Event 9 of 12 at 2\.00s: Task 4 wakes up holding the permit a release handed it/);
  await page.click('#pause'); // Resume plays the rest
  await waitForState(page, 'done');
  assert.equal((await logLines(page)).length, 12);
});

test('a long wait at 0.25x really waits: a 1,000,000 s task does not finish in seconds (#15, defect 2)', async () => {
  const page = await openPage(context, `${server.url}/?permits=1&tasks=1&duration=1000000&speed=0.25`);
  await ready(page);
  const started = Date.now();
  await page.click('#run');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length === 1);
  await frames(page, 90); // about 1.5 s on a quiet machine, longer on a busy one
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'running');
  const now = await position(page);
  // At 0.25x the playback clock moves a quarter of the real time that passed, measured rather than assumed.
  const played = ((Date.now() - started) / 1000) * 0.25;
  assert.ok(now.t > 0 && now.t < played + 0.25, `after ${(played * 4).toFixed(2)} s at 0.25x the position is ${now.t}s`);
  assert.deepEqual(await logLines(page), ['0.00s Task 1 started']);
});
