// Accessibility (issue #12): axe-core finds no violation in any state a learner meets: before a run,
// mid-run (paused), done, a deadlock, the dark theme, the embedded page, and two widgets on one page.
// axe is injected into the page, which our Content-Security-Policy forbids: this context alone
// bypasses the CSP (every other test runs under it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';

import { startServer } from './server.mjs';
import { launch, openPage, ready, runToEnd, waitForState } from './browser.mjs';
import { encodeProgram } from '../../web/ui/program-link.mjs';

let server;
let context;
before(async () => {
  server = await startServer();
  context = await launch({ bypassCSP: true });
});
after(async () => {
  await context?.close();
  await server?.close();
});

async function assertNoViolations(page, state) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  assert.deepEqual(report, [], `axe in the ${state} state`);
}

test('no axe violations: initial, mid-run (paused), done', async () => {
  const page = await openPage(context, `${server.url}/?permits=3&tasks=5&duration=2&speed=2`);
  await ready(page);
  await assertNoViolations(page, 'initial');
  await page.click('#run');
  await page.waitForFunction(() => document.querySelectorAll('#log .log-row').length >= 5);
  await page.click('#pause');
  await waitForState(page, 'paused');
  await assertNoViolations(page, 'mid-run');
  await page.click('#pause');
  await waitForState(page, 'done');
  await page.waitForSelector('#log .log-window.at-end .log-row.current:last-child');
  await assertNoViolations(page, 'done');
});

test('no axe violations: deadlock, dark theme', async () => {
  const page = await openPage(context, `${server.url}/?permits=0&tasks=3&duration=1&speed=instant&theme=dark`);
  await ready(page);
  await runToEnd(page, 'deadlock');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await assertNoViolations(page, 'dark deadlock');
  // The toggle's name stays "Dark theme"; whether it is on is its pressed state.
  assert.equal(await page.textContent('#theme'), 'Dark theme');
  assert.equal(await page.getAttribute('#theme', 'aria-pressed'), 'true');
  await page.click('#theme');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  assert.equal(await page.getAttribute('#theme', 'aria-pressed'), 'false');
  await assertNoViolations(page, 'light deadlock');
});

test("no axe violations: an edited program's stderr block, open, in both themes", async () => {
  const source =
    'import asyncio\n\nasync def w(n):\n    raise ValueError(n)\n\nasync def main():\n    asyncio.create_task(w(1))\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n';
  const page = await openPage(context, `${server.url}/?program=${await encodeProgram(source)}&speed=instant`);
  await ready(page);
  await page.locator('#editor-host .cm-content:has-text("create_task")').waitFor(); // the link's program, opened
  await runToEnd(page);
  await page.click('#stderr summary');
  assert.match(await page.textContent('#stderr pre'), /^Task exception was never retrieved\n/);
  await assertNoViolations(page, 'stderr open');
  await page.click('#theme');
  await assertNoViolations(page, 'stderr open, dark');
  // Back from the shutdown's tasks (asyncio's own code: no line) to where asyncio.run() made them: line 10 marked.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step back' }).click();
  await page.locator('#editor-host .cm-event-line:has-text("asyncio.run(main())")').waitFor();
  await assertNoViolations(page, 'stepped back, a line marked, dark');
  await page.click('#theme');
  await assertNoViolations(page, 'stepped back, a line marked, light');
});

test('no axe violations: the embedded page, and two widgets on one page', async () => {
  const embed = await openPage(context, `${server.url}/?embed&permits=2&tasks=6&duration=1&speed=instant`);
  await ready(embed);
  await runToEnd(embed);
  await assertNoViolations(embed, 'embed');
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/column.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  await page.locator('#second').locator('#run').click();
  await page.waitForFunction(() => document.getElementById('second').dataset.state === 'deadlock');
  await assertNoViolations(page, 'two widgets');
});

test('no axe violations: a course’s locks and hidden views (issue #14), on the page, in a lab and in a widget', async () => {
  const page = await openPage(context, `${server.url}/?permits=2&tasks=4&duration=1&speed=instant&lock=program,knobs&hide=timeline,board`);
  await ready(page);
  await assertNoViolations(page, 'locked and hidden, before a run');
  await runToEnd(page);
  await assertNoViolations(page, 'locked and hidden, done');
  const lab = await openPage(context, `${server.url}/?lab=downloads&lock=program&hide=log,compare,downloads`);
  await ready(lab);
  await lab.locator('#editor-host .cm-content[aria-readonly="true"]').waitFor();
  await assertNoViolations(lab, 'a lab, its program locked, the log hidden');
  const widgets = await openPage(context, `${server.url}/tests/browser/fixtures/column.html`);
  await widgets.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  await widgets.evaluate(() => {
    const first = document.getElementById('first');
    first.setAttribute('lock', 'knobs');
    first.setAttribute('hide', 'log timeline');
    first.setAttribute('predict', 'peak');
  });
  await assertNoViolations(widgets, 'a widget locked, with views hidden and a question');
});
