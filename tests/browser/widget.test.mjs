// Embedding (issue #12, and #15 defect 8): a widget fits a 480 px column in one column, its attributes
// are live (theme too), removing it stops and frees its run; the iframe posts its height and its
// "Open the full playground" link carries the current settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

async function widgetsReady(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
}

test('two widgets in a 480 px column: one column each, nothing wider than the column', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/column.html`);
  await widgetsReady(page);
  const first = page.locator('#first');
  await first.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('first').dataset.state === 'done');
  const box = (selector) => first.locator(selector).boundingBox();
  const controls = await box('#controls');
  const log = await box('.log-panel');
  assert.ok(log.y >= controls.y + controls.height - 1, 'the log comes under the controls, not beside them');
  assert.ok(Math.abs(log.x - controls.x) < 2);
  const widths = await page.evaluate(() =>
    [...document.querySelectorAll('semaphore-playground')].map((w) => w.shadowRoot.querySelector('.playground').scrollWidth),
  );
  assert.ok(
    widths.every((w) => w <= 480),
    `content widths ${widths}`,
  );
  assert.equal(await page.evaluate(() => document.getElementById('second').dataset.theme), 'dark');
  await shot(page, 'widgets-480-column');
  assert.deepEqual(page.problems, []);
});

test('attributes are live: permits, theme; a run on show keeps running and the change applies on the next Run', async () => {
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/column.html`);
  await widgetsReady(page);
  const first = page.locator('#first');
  await page.evaluate(() => document.getElementById('first').setAttribute('permits', '5'));
  assert.equal(await first.locator('#permits').inputValue(), '5');
  assert.match(await first.locator('#code-python').textContent(), /Semaphore\(5\)/);
  await page.evaluate(() => document.getElementById('first').setAttribute('theme', 'dark'));
  assert.equal(await page.evaluate(() => document.getElementById('first').dataset.theme), 'dark');
  await page.evaluate(() => document.getElementById('first').setAttribute('theme', 'light'));
  assert.equal(await page.evaluate(() => document.getElementById('first').dataset.theme), 'light');
  await first.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('first').dataset.state === 'done');
  assert.match(await first.locator('#summary').textContent(), /peak concurrency 5 of 5/);
  await page.evaluate(() => document.getElementById('first').setAttribute('tasks', '2'));
  assert.equal(await first.locator('#pending').isVisible(), true);
  assert.match(await first.locator('#summary').textContent(), /peak concurrency 5 of 5/);
});

test('a removed widget stops its run (#15, defect 8)', async () => {
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/column.html`);
  await widgetsReady(page);
  await page.evaluate(() => {
    const widget = document.getElementById('first');
    widget.setAttribute('speed', '1');
    widget.setAttribute('tasks', '200');
    window.afterRemoval = 0;
    widget.addEventListener('semaphore-playground:events', () => {
      if (!widget.isConnected) window.afterRemoval += 1;
    });
  });
  const first = page.locator('#first');
  await first.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('first').dataset.state === 'running');
  await page.evaluate(() => {
    window.removed = document.getElementById('first');
    window.removed.remove();
  });
  assert.equal(await page.evaluate(() => window.removed.dataset.state), 'removed');
  // Two seconds of the run's time pass in frames; a live run would have sent events (a deadline every 1 s).
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const start = performance.now();
        const next = () => (performance.now() - start > 2200 ? resolve() : requestAnimationFrame(next));
        next();
      }),
  );
  assert.equal(await page.evaluate(() => window.afterRemoval), 0);
  // Put back, it mounts afresh and works.
  await page.evaluate(() => document.querySelector('.column').append(window.removed));
  await page.waitForFunction(() => window.removed.dataset.ready === 'true');
  assert.equal(await page.evaluate(() => window.removed.dataset.state), 'idle');
  assert.deepEqual(page.problems, []);
});

test('the iframe posts its height, takes a theme from the link, and "Open the full playground" carries the settings', async () => {
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/frame.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#playground[data-ready="true"]').waitFor();
  await page.waitForFunction(() => window.frameHeights.length > 0);
  const height = await page.evaluate(() => window.frameHeights.at(-1));
  const content = await frame.locator('html').evaluate((html) => html.scrollHeight);
  assert.equal(height, content);
  // web/embed-host.mjs sized the frame to it: nothing clipped, no second scrollbar.
  await page.waitForFunction((h) => document.querySelector('iframe').clientHeight === h, content);
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'dark');
  await frame.locator('#permits').fill('4');
  assert.match(await frame.locator('#open-full').getAttribute('href'), /permits=4&tasks=3&duration=1.*theme=dark/);
  assert.doesNotMatch(await frame.locator('#open-full').getAttribute('href'), /embed/);
});
