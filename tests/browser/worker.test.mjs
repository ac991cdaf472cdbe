// The runtime in a Web Worker (web/worker-runtime.mjs): the same trace as on the page's thread, huge
// runs that leave the main thread free, and a reset that drops what was still in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

async function runInWorker(scenario, extra = '') {
  const query = `scenario=${encodeURIComponent(JSON.stringify(scenario))}${extra}`;
  // Under the strict CSP: a module worker from our own origin needs no new permission.
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/worker.html?${query}`);
  await page.waitForFunction(() => document.getElementById('result').textContent !== '', null, { timeout: 120_000 });
  const result = JSON.parse(await page.textContent('#result'));
  assert.deepEqual(page.problems, []);
  await page.close();
  return result;
}

test('a run in the worker gives the same events as the runtime on the page, deadlock included', async () => {
  for (const scenario of [
    { permits: 3, tasks: 5, duration: 2 },
    { permits: 1, tasks: [{ duration: 1, fail: true }, { timeout: 0.5 }, { extra_release: true }, {}] },
    { permits: 0, tasks: 3 },
  ]) {
    const result = await runInWorker(scenario, '&compare');
    assert.equal(result.same, true, JSON.stringify(scenario));
    assert.ok(result.events > 0);
    assert.equal(result.states.at(-1), scenario.permits === 0 ? 'deadlock' : 'done');
  }
});

test('a run created before the worker has loaded the runtime waits for it', async () => {
  const result = await runInWorker({ permits: 2, tasks: 6, duration: 1 }, '&compare&sync');
  assert.equal(result.same, true);
  assert.deepEqual(result.states, ['running', 'done']);
});

// How long the page's thread is blocked meanwhile is a timing figure: npm run bench measures it
// (bench/page_frames.mjs), a loaded test machine would make it flaky here.
test('1,000,000 tasks in the worker: every event arrives, in batches', async () => {
  const result = await runInWorker({ permits: 50, tasks: 1_000_000, duration: 2 });
  assert.equal(result.count, 3_000_000 - 50); // started + finished each, waiting for all but the first 50
  assert.equal(result.summary.counts.finished, 1_000_000);
  assert.ok(result.batches > 10, `${result.batches} batches: the worker must hand over its work in slices`);
});

test('a reset mid-run drops what the worker had in flight: the next run reports exactly its own events', async () => {
  const result = await runInWorker({ permits: 10, tasks: 200_000, duration: 1 }, '&reset');
  assert.equal(result.count, 600_000 - 10);
  assert.equal(result.summary.counts.started, 200_000);
});
