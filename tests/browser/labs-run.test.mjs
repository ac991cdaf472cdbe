// Labs in the page (issue #14): ?lab=ID opens a lab, its starting program fails the check and its
// solution, entered into the editor, passes it; the verdicts are the lab's own check over OUR
// interpreter's run (computed here in Node with the same Wasm module); progress survives a reload;
// an element and a frame announce completion to the course page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { enterProgram, openPage, ready, shot, useBrowser } from './browser.mjs';
import { labs } from '../../web/labs.mjs';
import { checkLab, verdictText } from '../../web/lab-check.mjs';
import { loadRuntime } from '../../web/semaphore-playground.mjs';

const runtime = await loadRuntime({ wasmBinary: readFileSync(new URL('../../web/generated/semaphore_runtime.wasm', import.meta.url)) });
/** The verdict the page must show for `source`: the lab's check over our interpreter's run, here in Node. */
const verdict = (lab, source) => verdictText(checkLab(lab, runtime.simulateProgram(source)));

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

async function runAndVerdict(scope, met) {
  // The program plays like a scenario (1x by default): the verdict comes when the playback ends.
  await scope.locator('#speed').selectOption('instant');
  await scope.getByRole('button', { name: /^Run( again)?$/ }).click();
  const element = scope.locator(`#lab-verdict[data-met="${met}"]`);
  await element.waitFor();
  return element.textContent();
}

// Every lab of web/labs.mjs, in the page: its start misses the goal, its solution meets it.
const IDS = labs.map((lab) => lab.id);

test('each lab fails with its starting program and passes with its solution; progress survives a reload', async () => {
  const page = await openPage(context, `${server.url}/csp/index.html`);
  await ready(page);
  for (const id of IDS) {
    const lab = labs.find((l) => l.id === id);
    // The lab's program worker may still be loading its runtime (Run no longer waits for it: the
    // page runs a small program itself); a navigation would cut its download off.
    await page.waitForLoadState('networkidle');
    await page.goto(`${server.url}/csp/index.html?lab=${id}`);
    await ready(page);
    await page.waitForSelector(`#lab-title:has-text("${lab.title}")`);
    assert.equal(await page.locator('#lab-goal').textContent(), lab.goal);
    assert.equal(await page.locator('#lab-hint').isVisible(), false, 'the hint waits behind its disclosure');
    assert.equal(await page.locator('#lab-solution').isVisible(), false, 'so does the solution');
    await page.locator('#editor-host .cm-content').waitFor();
    assert.equal(await runAndVerdict(page, false), verdict(lab, lab.program));
    if (id === 'forget-release') await shot(page, 'lab-not-yet');
    await enterProgram(page, page, lab.solution);
    assert.equal(await runAndVerdict(page, true), verdict(lab, lab.solution));
    assert.equal(new URL(page.url()).searchParams.get('lab'), id, 'the link reopens the lab');
  }
  await shot(page, 'lab-met');

  await page.goto(`${server.url}/csp/index.html`);
  await ready(page);
  await page.locator('#labs summary').click();
  await page.waitForSelector('#labs-list li.lab');
  for (const lab of labs) {
    const status = await page.locator(`#labs-list li[data-lab="${lab.id}"] .lab-status`).textContent();
    assert.equal(status, IDS.includes(lab.id) ? 'Completed' : 'Not completed yet', lab.id);
  }
  // The list opens a lab by keyboard (a new page: wait until this one has its runtime, or its
  // download would be cut off by the navigation).
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Open the lab “A timeout while queued”' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#lab-title:has-text("A timeout while queued")');
  await page.waitForFunction(() => document.activeElement?.id === 'lab-title'); // the lab's heading takes the focus
  assert.match(await page.locator('#editor-host .cm-content').innerText(), /async def limited_task\(n, patience\)/);
  assert.deepEqual(page.problems, []);
});

test('a lab in an element and in a frame: lab-complete as a bubbling DOM event and as a postMessage', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/labs.html`);
  const element = page.locator('#lab-element');
  await element.locator('#lab-title:has-text("Release twice")').waitFor();
  await element.locator('#speed').selectOption('instant');
  assert.equal(
    await runAndVerdict(element, false),
    verdict(
      labs.find((l) => l.id === 'release-twice'),
      labs.find((l) => l.id === 'release-twice').program,
    ),
  );
  assert.deepEqual(await page.evaluate(() => window.heard), [], 'nothing is announced before the goal is met');
  await enterProgram(element, page, labs.find((l) => l.id === 'release-twice').solution);
  await runAndVerdict(element, true);
  await page.waitForFunction(() => window.heard.length === 1);

  const frame = page.frameLocator('#lab-frame');
  await frame.locator('#lab-title:has-text("Forget to release")').waitFor();
  await enterProgram(frame, page, labs.find((l) => l.id === 'forget-release').solution);
  await runAndVerdict(frame, true);
  await page.waitForFunction(() => window.heard.length === 2);
  assert.deepEqual(await page.evaluate(() => window.heard), [
    { how: 'event', target: 'lab-element', lab: 'release-twice', reason: 'the extra release raised ValueError' },
    { how: 'message', lab: 'forget-release', reason: 'goal met' },
  ]);
  assert.deepEqual(page.problems, []);
});
