// Issue #13: a lab opened as the page loads (?lab=ID, or a widget's lab="ID") mounts the editor below
// the fold, where CodeMirror measures nothing: its line numbers then stood on estimated 14–22 px rows
// beside 20 px lines. Every gutter row must stand exactly beside its line, without scrolling to it
// first (a full-page screenshot, a printout or the first frame of a scroll shows the page as it is).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, ready, shot, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

/** Each line number's row against its line's box: [number, top difference, row height, line height]. */
function rows(host) {
  return host.evaluate(async (element) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))); // CodeMirror's measure runs in a frame
    const root = element.shadowRoot;
    const lines = [...root.querySelectorAll('.cm-content .cm-line')];
    const numbers = [...root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter(
      (g) => g.textContent !== '' && g.style.visibility !== 'hidden', // the first is CodeMirror's hidden width probe
    );
    return lines.map((line, i) => {
      const a = line.getBoundingClientRect();
      const b = numbers[i]?.getBoundingClientRect();
      return [numbers[i]?.textContent, b ? Math.round((b.top - a.top) * 10) / 10 : null, b?.height, a.height];
    });
  });
}

function assertAligned(measured, where) {
  assert.ok(measured.length > 10, `${where}: the lab's program has its lines (${measured.length})`);
  const wrong = measured.filter(([number, dTop, rowHeight, lineHeight], i) => {
    return number !== String(i + 1) || dTop === null || Math.abs(dTop) > 0.5 || Math.abs(rowHeight - lineHeight) > 0.5;
  });
  assert.deepEqual(wrong, [], `${where}: [number, top difference, gutter row height, line height] of misplaced rows`);
}

test('a lab opened by the page’s link: the line numbers stand beside their lines before any scrolling (#13)', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html?lab=downloads`);
  await ready(page);
  const host = page.locator('#editor-host');
  await host.locator('.cm-content').waitFor();
  const box = await host.boundingBox();
  assert.ok(box.y > 900, `the editor is below the fold of a 900 px window (at ${box.y} px): the case of the bug`);
  assertAligned(await rows(host), 'below the fold');
  await shot(page, 'lab-by-link-gutter');
  // Scrolled to, it stays right; so does an editor opened by its button, in view (the case that always worked).
  await host.scrollIntoViewIfNeeded();
  assertAligned(await rows(host), 'scrolled into view');
  assert.deepEqual(page.problems, []);
});

test('on a phone, where long lines wrap: each wrapped line’s number stands at its first row, its row as tall as the line (#13)', async () => {
  const page = await openPage(context, 'about:blank');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${server.url}/csp/index.html?lab=two-semaphores`);
  await ready(page);
  const host = page.locator('#editor-host');
  await host.locator('.cm-content').waitFor();
  const measured = await rows(host);
  assert.ok(
    measured.some(([, , , lineHeight]) => lineHeight > 30),
    'some lines wrap',
  );
  assertAligned(measured, 'a 360 px window');
  await page.close();
});

test('a lab in a widget far down a course page: aligned before the learner scrolls to it (#13)', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/labs.html`);
  const element = page.locator('#lab-element');
  await element.locator('#editor-host .cm-content').waitFor();
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '1500px'; // CSSOM, allowed by the CSP: the element now starts below the fold
    document.body.prepend(spacer);
  });
  // A fresh element below the fold mounts its lab there.
  await page.evaluate(() => {
    const next = document.createElement('semaphore-playground');
    next.id = 'below';
    next.setAttribute('lab', 'fifo');
    next.setAttribute('label', 'FIFO, below the fold');
    document.body.append(next);
  });
  const below = page.locator('#below');
  await below.locator('#editor-host .cm-content').waitFor();
  const box = await below.locator('#editor-host').boundingBox();
  assert.ok(box.y > 900, `below the fold (at ${box.y} px)`);
  assertAligned(await rows(below.locator('#editor-host')), 'a widget below the fold');
  assert.deepEqual(page.problems, []);
});
