// The example course page (issue #14, examples/course.html) from dist/ under the strict CSP: five
// playground elements (one a lab, one locked with views hidden) and a frame; it hears a prediction from an element (DOM event) and
// from the frame (postMessage), a deadlock's 'done' and a completed lab. `npm test` builds dist/ before the browser tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { startServer } from './server.mjs';
import { launch, openPage, shot } from './browser.mjs';
import { labs } from '../../web/labs.mjs';

const root = new URL('../../', import.meta.url);

let server;
let context;
before(async () => {
  for (const file of ['course.html', 'course.mjs']) {
    const built = readFileSync(new URL(`dist/examples/${file}`, root), 'utf8');
    assert.equal(built, readFileSync(new URL(`examples/${file}`, root), 'utf8'), `dist/examples/${file} is stale: run npm run build`);
  }
  server = await startServer();
  context = await launch();
});
after(async () => {
  await context?.close();
  await server?.close();
});

const heard = (page) => page.$$eval('#heard li', (items) => items.map((li) => li.textContent));

test('the course page hears predictions from an element and from a frame, and a deadlock, from dist/ under a strict CSP', async () => {
  const page = await openPage(context, `${server.url}/csp/dist/examples/course.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  assert.equal(await page.locator('semaphore-playground').count(), 5);

  const first = page.locator('#predict-total');
  assert.equal(await first.getByLabel('Your prediction', { exact: true }).isVisible(), true);
  await first.getByLabel('Your prediction', { exact: true }).fill('10');
  await first.locator('#speed').selectOption('instant');
  await first.locator('#run').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#heard li')].some((li) => li.dataset.kind === 'prediction'));
  assert.ok(
    (await heard(page)).includes(
      'Playground 1: predict the total time: predicted 10 for “How many seconds will the whole run take?” (the run: 4), not right',
    ),
    (await heard(page)).join('\n'),
  );

  await page.locator('#no-permits #run').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#heard li')].some((li) => /deadlock/.test(li.textContent)));
  assert.ok((await heard(page)).includes('Playground 3: no permits: the run ended in a deadlock (tasks 1, 2, 3 stuck)'));

  const frame = page.frameLocator('#frame');
  await frame.getByLabel('Your prediction', { exact: true }).fill('1, 2, 3');
  await frame.locator('#run').click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('#heard li')].filter((li) => li.dataset.kind === 'prediction').length === 2,
  );
  assert.ok(
    (await heard(page)).includes(
      'Playground 4: finishing order, in a frame: predicted 1, 2, 3 for “In what order will the tasks print "finished"?” (the run: 1, 2, 3), right',
    ),
    (await heard(page)).join('\n'),
  );
  // The lab element: its goal and program are there; with the solution pasted in, Run meets the goal.
  const lab = page.locator('#lab-downloads');
  await lab.locator('#lab-title:has-text("Ten downloads, three at a time")').waitFor();
  const box = lab.getByRole('textbox', { name: 'Python program' });
  await box.focus();
  await page.keyboard.press('Control+A');
  await box.evaluate(
    (content, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    labs.find((l) => l.id === 'downloads').solution,
  );
  await lab.locator('#run').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#heard li')].some((li) => li.dataset.kind === 'lab-complete'));
  assert.ok(
    (await heard(page)).includes(
      'Playground 5: a lab, ten downloads: completed the lab “downloads” (at most 3 at once; done at 4 s instead of 1 s)',
    ),
    (await heard(page)).join('\n'),
  );

  // The frame sized itself to its content from the height it posted.
  const height = await page.$eval('#frame', (f) => f.style.height);
  assert.match(height, /^\d+px$/);
  await shot(page, 'course-page');
  assert.deepEqual(page.problems, []);
});
