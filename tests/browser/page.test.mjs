// The playground page and its custom element, in a real browser (Debian's Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, shot, injectWasmTraps, recordRunErrors, ready, logLines, runToEnd, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

test('Permits 3, Tasks 5, Duration 2: the lesson, in order and at the right times', async () => {
  const page = await openPage(context, `${server.url}/`);
  await ready(page);
  await page.fill('#permits', '3');
  await page.fill('#tasks', '5');
  await page.fill('#duration', '2');
  await page.selectOption('#speed', '20');
  await runToEnd(page);
  const lines = await logLines(page);
  assert.deepEqual(
    lines.map((l) => l.replace(/ waits: .*/, ' waits')),
    [
      '0.00s Task 1 started',
      '0.00s Task 2 started',
      '0.00s Task 3 started',
      '0.00s note: Task 4 waits',
      '0.00s note: Task 5 waits',
      '2.00s Task 1 finished',
      '2.00s Task 2 finished',
      '2.00s Task 3 finished',
      '2.00s Task 4 started',
      '2.00s Task 5 started',
      '4.00s Task 4 finished',
      '4.00s Task 5 finished',
    ],
  );
  assert.match(
    await page.textContent('#summary'),
    /Total virtual time 4\.00s; ideal ceil\(5\/3\) × duration = 4\.00s; peak concurrency 3 of 3/,
  );
  // New lines are announced from a hidden log region; the drawn rows are not live (they are redrawn).
  assert.equal(await page.getAttribute('#log-live', 'role'), 'log');
  assert.equal(await page.getAttribute('#log-live', 'aria-live'), 'polite');
  await shot(page, 'lesson-done');
  assert.deepEqual(page.problems, []);
});

test('Semaphore(0): a deadlock, explained', async () => {
  const page = await openPage(context, `${server.url}/?permits=0&tasks=3&duration=1&speed=instant`);
  await ready(page);
  await runToEnd(page, 'deadlock');
  const lines = await logLines(page);
  assert.match(lines.at(-1), /^0\.00s note: Deadlock: tasks 1, 2, 3 wait for a permit nobody will release/);
  assert.match(await page.textContent('#summary'), /Semaphore\(0\) starts with no permits at all/);
  assert.match(await page.textContent('#board'), /sem\.locked\(\) is True/);
  await shot(page, 'deadlock');
  assert.deepEqual(page.problems, []);
});

test('a timeout and a failure, from per-task settings in the URL', async () => {
  const custom = encodeURIComponent(JSON.stringify([{ duration: 3 }, { timeout: 1 }, { fail: true, duration: 0.5 }]));
  const page = await openPage(context, `${server.url}/?permits=1&tasks=3&duration=1&speed=instant&custom=${custom}`);
  await ready(page);
  assert.equal(await page.isChecked('#custom'), true);
  await runToEnd(page);
  const lines = await logLines(page);
  assert.ok(
    lines.some((l) => /^1\.00s Task 2 timed out/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /^3\.50s Task 3 failed/.test(l)),
    lines.join('\n'),
  );
  assert.match(await page.textContent('#summary'), /1 finished, 1 timed out, 1 failed/);
  await shot(page, 'timeout-and-failure');
  assert.deepEqual(page.problems, []);
});

test('a shared URL restores every setting', async () => {
  const page = await openPage(context, `${server.url}/`);
  await ready(page);
  await page.fill('#permits', '4');
  await page.fill('#tasks', '9');
  await page.fill('#duration', '0.5');
  await page.check('#bounded');
  await page.selectOption('#speed', '5');
  const shared = page.url();
  assert.match(shared, /permits=4/);
  const again = await openPage(context, shared);
  await ready(again);
  assert.equal(await again.inputValue('#permits'), '4');
  assert.equal(await again.inputValue('#tasks'), '9');
  assert.equal(await again.inputValue('#duration'), '0.5');
  assert.equal(await again.isChecked('#bounded'), true);
  assert.equal(await again.inputValue('#speed'), '5');
  assert.match(await again.textContent('#code-python'), /asyncio\.BoundedSemaphore\(4\)/);
  assert.deepEqual(again.problems, []);
});

test('malformed URL state gives a message and keeps the rest', async () => {
  const page = await openPage(context, `${server.url}/?permits=2&speed=warp&custom=%7Bnot-json`);
  await ready(page);
  assert.equal(await page.inputValue('#permits'), '2');
  const banner = await page.textContent('#banner');
  assert.match(banner, /Speed "warp" in the link is not one of/);
  assert.match(banner, /per-task settings in the link could not be read/);
  assert.deepEqual(page.problems, []);
});

test('URL input is never rendered as HTML, stays in its field, and is named there', async () => {
  const page = await openPage(context, `${server.url}/?permits=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
  await ready(page);
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
  assert.equal(await page.inputValue('#permits'), '<img src=x onerror=alert(1)>');
  assert.equal(
    await page.textContent('#permits-error'),
    'Permits "<img src=x onerror=alert…" is not a number: enter a whole number from 0 to 1,000,000.',
  );
  // No program for settings that are not valid: the program's view says so instead of staying blank.
  assert.equal(await page.textContent('#code-python'), 'The program appears here once the settings above are valid.');
  await page.fill('#permits', '2');
  assert.match(await page.textContent('#code-python'), /asyncio\.Semaphore\(2\)/);
});

test('bad input shows an inline message next to the field and does not start a run', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  await page.fill('#permits', '-1');
  assert.match(await page.textContent('#permits-error'), /^Permits cannot be negative \(you typed "-1"\)/);
  assert.equal(await page.getAttribute('#permits', 'aria-invalid'), 'true');
  await page.focus('#reset');
  await page.click('#run');
  await page.waitForFunction(() => document.activeElement?.id === 'permits'); // Run sends the focus to what is wrong
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
  assert.deepEqual(await logLines(page), []);
  assert.equal(await page.inputValue('#permits'), '-1'); // what the user typed is kept
  // Nothing claims the run is ready, and the board does not describe a semaphore the settings cannot make.
  assert.equal(await page.textContent('#status'), 'Fix the settings marked above, then press Run.');
  const boardText = async () => (await page.innerText('#board')).replace(/\s+/g, ' ').trim();
  assert.equal(await boardText(), 'Permit board The board appears once the settings above are valid.');
  await page.fill('#permits', '2');
  assert.equal(await page.textContent('#status'), 'Ready. Run plays the program; Step shows it one event at a time.');
  // The board is drawn in the next animation frame (web/ui/frame.mjs), the status line at once.
  await page.waitForFunction(() => document.querySelector('#board').innerText.includes('value 2 of 2'));
  assert.match(await boardText(), /value 2 of 2: 0 permits held .* Waiting in line \(FIFO\) nobody is waiting$/);
  await page.fill('#permits', '-1');
  await page.fill('#duration', '');
  assert.match(await page.textContent('#duration-error'), /^Duration is empty/);
  await shot(page, 'bad-input');
});

test('keyboard only: fields, Ctrl+Enter to run, Space on Reset', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  await page.focus('body');
  // Tab order: theme toggle, then Permits.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'permits');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('4');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#playground[data-state="done"]');
  assert.match(await page.textContent('#summary'), /peak concurrency 2 of 2/);
  await page.focus('#reset');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
  assert.deepEqual(page.problems, []);
});

// The frame budget (no main-thread task over 100 ms) is a timing goal: bench/page_frames.mjs measures
// it at 10,000, 100,000 and 1,000,000 tasks. On this shared 2-core machine a timed assertion here failed
// when other builds held the load average near 8, so this test checks what does not depend on load.
test('10,000 tasks at full speed: every event arrives and the DOM stays bounded', async () => {
  const page = await openPage(context, `${server.url}/?permits=50&tasks=10000&duration=1&speed=instant`);
  await ready(page);
  await runToEnd(page);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.equal(await page.textContent('#position'), `event ${10000 * 2 + 9950} of ${10000 * 2 + 9950} · 200.00s`);
  // The log holds ~30,000 lines but only the rows in view exist; everything else is fixed-size.
  assert.ok(domNodes < 1500, `${domNodes} DOM nodes`);
  await shot(page, 'ten-thousand-tasks');
  assert.deepEqual(page.problems, []);
});

test('the custom element works from one script include, twice on a page with a strict CSP header', async () => {
  const page = await openPage(context, `${server.url}/csp/embed-example.html`);
  const widgets = page.locator('semaphore-playground');
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  assert.equal(await widgets.count(), 2);
  const events = [];
  await page.exposeFunction('recordWidgetEvent', (type) => events.push(type));
  await page.evaluate(() => {
    for (const type of ['events', 'state', 'done'])
      document.addEventListener(`semaphore-playground:${type}`, () => window.recordWidgetEvent(type));
  });
  const first = widgets.nth(0);
  assert.equal(await first.locator('#permits').inputValue(), '2');
  await first.locator('#speed').selectOption('instant');
  await first.locator('#run').click();
  await page.waitForFunction(() => document.querySelector('semaphore-playground').dataset.state === 'done');
  assert.match(await first.locator('#summary').textContent(), /Total virtual time 3\.00s/);
  const second = widgets.nth(1);
  await second.locator('#run').click();
  await page.waitForFunction(() => document.querySelectorAll('semaphore-playground')[1].dataset.state === 'deadlock');
  assert.ok(events.includes('done') && events.includes('events'));
  await shot(page, 'custom-elements');
  assert.deepEqual(
    page.problems.filter((p) => !/iframe|frame-ancestors/.test(p)),
    [],
  );
});

test('?embed gives the compact layout with an "open full playground" link, and posts events to the parent', async () => {
  const page = await openPage(context, `${server.url}/embed-example.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#playground[data-ready="true"]').waitFor();
  assert.equal(await frame.locator('#open-full').isVisible(), true);
  assert.match(await frame.locator('#open-full').getAttribute('href'), /permits=1/);
  const messages = page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        window.addEventListener('message', (e) => {
          if (e.data?.source === 'semaphore-playground') seen.push(e.data.type);
          if (e.data?.type === 'done') resolve(seen);
        });
      }),
  );
  await frame.locator('#speed').selectOption('instant');
  await frame.locator('#run').click();
  const seen = await messages;
  assert.ok(seen.includes('events') && seen.includes('state'), seen.join(','));
});

test('light and dark themes, and a 320 px wide screen', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await page.setViewportSize({ width: 320, height: 800 });
  await ready(page);
  await runToEnd(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, 'narrow-light');
  await page.click('#theme');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await shot(page, 'narrow-dark');
  assert.deepEqual(page.problems, []);
});

test('dist/ works from a static server: the page, and the single-file runtime from a course page on another path', async () => {
  const page = await openPage(context, `${server.url}/dist/index.html?speed=instant&tasks=2`);
  await ready(page);
  await runToEnd(page);
  assert.match(await page.textContent('#summary'), /2 finished/);
  const wasmRequests = [];
  const course = await context.newPage();
  course.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
  });
  await course.goto(`${server.url}/tests/browser/fixtures/course/lesson.html`);
  await course.waitForSelector('body[data-ready="true"]');
  assert.equal(
    await course.textContent('#trace'),
    [
      '0.00s Task 1 started',
      '0.00s Task 2 started',
      '0.00s Task 3 waits: all 2 permits are taken, so it joins the queue',
      '1.00s Task 1 finished',
      '1.00s Task 2 finished',
      '1.00s Task 3 started',
      '2.00s Task 3 finished',
    ].join('\n'),
  );
  assert.deepEqual(wasmRequests, [], 'the single-file build needs no .wasm request');
  assert.deepEqual(page.problems, []);
});

// The fault-injection tests below break the page's own runtime. A browser with a Worker runs a
// scenario of 200,000 tasks in it (web/ui/session.mjs WORKER_FROM_TASKS), and smaller ones never grow
// the Wasm memory, so these pages have no Worker, as in a browser without one: the page runs it all.
const withoutWorker = (page) => page.addInitScript(() => delete window.Worker);
const trapsWithoutWorker = async (page) => {
  await withoutWorker(page);
  await injectWasmTraps(page);
};

test('out of memory inside Wasm: the page says what happened, keeps the settings, and Reset works without reloading', async () => {
  const page = await openPage(context, `${server.url}/?permits=10&tasks=200000&duration=1&speed=instant`, { beforeLoad: withoutWorker });
  await ready(page);
  // Fault injection: the Wasm memory refuses to grow, as when the browser is out of memory.
  await page.evaluate(() => {
    window.realGrow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = function grow() {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
  });
  await page.click('#run');
  await page.waitForSelector('#playground[data-state="error"]', { timeout: 20000 });
  assert.match(await page.textContent('#banner'), /The runtime stopped: the runtime failed.*Your settings are kept; press Reset/);
  assert.equal(await page.inputValue('#tasks'), '200000');
  await shot(page, 'out-of-memory');
  await page.evaluate(() => {
    WebAssembly.Memory.prototype.grow = window.realGrow;
  });
  await page.click('#reset');
  await page.fill('#tasks', '5');
  await runToEnd(page);
  assert.match(await page.textContent('#summary'), /5 finished/);
  page.problems.length = 0; // the injected failure was logged to the console on purpose
});

test('attribute input is shown as text only, and a widget with bad input leaves the other one working', async () => {
  const page = await openPage(context, `${server.url}/csp/tests/browser/fixtures/widgets.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  const bad = page.locator('#bad');
  // Nothing from the attributes became markup anywhere, in the page or in the shadow roots.
  assert.equal(
    await page.evaluate(() =>
      [document, ...[...document.querySelectorAll('semaphore-playground')].map((w) => w.shadowRoot)].reduce(
        (n, root) => n + root.querySelectorAll('img').length,
        0,
      ),
    ),
    0,
  );
  const banner = await bad.locator('#banner').textContent();
  assert.ok(banner.includes('Speed "warp" in the attributes is not one of'), banner);
  // Bad values stay in their fields, each named in the learner's terms; the first one is shown.
  assert.equal(await bad.locator('#permits').inputValue(), '<img src=x onerror=alert(1)>');
  assert.equal(await bad.locator('#tasks').inputValue(), '-3');
  assert.equal(await bad.locator('#duration').inputValue(), 'NaN');
  assert.match(await bad.locator('#permits-error').textContent(), /^Permits "<img src=x onerror=alert…" is not a number/);
  assert.match(await bad.locator('#tasks-error').textContent(), /^Tasks cannot be negative \(you typed "-3"\)/);
  assert.match(await bad.locator('#duration-error').textContent(), /^Duration "NaN" is not a number/);
  await bad.locator('#reset').focus();
  await bad.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('bad').shadowRoot.activeElement?.id === 'permits');
  assert.equal(await page.evaluate(() => document.getElementById('bad').dataset.state), 'idle');
  const good = page.locator('#good');
  await good.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('good').dataset.state === 'done');
  assert.match(await good.locator('#summary').textContent(), /Total virtual time 2\.00s/);
  assert.deepEqual(page.problems, []);
});

test('a runtime fault in one widget leaves the other widget on the page working', async () => {
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/fault-isolation.html`, { beforeLoad: withoutWorker });
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  // Each widget has its own Wasm instance. Refusing memory growth makes only the big run fail.
  await page.evaluate(() => {
    window.realGrow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = function grow() {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
  });
  await page.locator('#big').locator('#run').click();
  await page.waitForFunction(() => document.getElementById('big').dataset.state === 'error', null, { timeout: 20000 });
  assert.match(await page.locator('#big').locator('#banner').textContent(), /The runtime stopped/);
  await page.locator('#small').locator('#run').click();
  await page.waitForFunction(() => document.getElementById('small').dataset.state === 'done');
  assert.match(await page.locator('#small').locator('#summary').textContent(), /2 finished/);
  await page.evaluate(() => {
    WebAssembly.Memory.prototype.grow = window.realGrow;
  });
});

// A real trap: the engine raises WebAssembly.RuntimeError while executing Wasm (see injectWasmTraps).
function assertTrap(errors) {
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const [error] = errors;
  assert.equal(error.wasmRuntimeError, true, JSON.stringify(error));
  assert.match(error.message, /null function/);
  assert.match(error.topFrame, /semaphore_runtime\.wasm:wasm-function\[\d+\]/, 'raised in Wasm code, not by JavaScript');
}

test('a Wasm trap, mid-run and at the start of a run: the page says so, keeps what was typed, and Reset works without reloading', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`, { beforeLoad: trapsWithoutWorker });
  const { problems } = page;
  await ready(page);
  await page.waitForFunction(() => window.wasmInstances.length === 1);
  await recordRunErrors(page);
  await page.fill('#permits', '10');
  await page.fill('#tasks', '200000');
  await page.fill('#duration', '1');
  const href = () => page.evaluate(() => location.href);
  const typedUrl = await href();
  assert.match(typedUrl, /permits=10&tasks=200000&duration=1/);

  // 1. The runtime traps in the middle of the run, inside a call the driver makes.
  await page.evaluate(() => {
    window.trapAtNextGrowth = true;
  });
  await page.click('#run');
  await page.waitForSelector('#playground[data-state="error"]', { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.trapFired), true);
  assertTrap(await page.evaluate(() => window.runErrors));
  assert.match(
    await page.textContent('#banner'),
    /^The runtime stopped: the runtime crashed inside WebAssembly \(null function\)\. Your settings are kept; press Reset to start a fresh runtime\.$/,
  );
  assert.equal(await page.isVisible('#banner'), true);
  assert.match(await page.textContent('#status'), /stopped with an error/);
  await page.waitForTimeout(300); // a few animation frames: the views must not call into the trapped instance
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'error');
  assert.equal(await page.inputValue('#permits'), '10');
  assert.equal(await page.inputValue('#tasks'), '200000');
  assert.equal(await page.inputValue('#duration'), '1');
  assert.equal(await href(), typedUrl);
  await shot(page, 'wasm-trap');
  assert.deepEqual(problems, []);

  await page.click('#reset');
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'idle');
  assert.equal(await page.isVisible('#banner'), false);
  await page.fill('#tasks', '5');
  await runToEnd(page);
  assert.match(await page.textContent('#summary'), /5 finished/);
  const instances = await page.evaluate(() => window.wasmInstances.length);
  assert.equal(instances, 2, 'the trapped instance was replaced, not reused');

  // 2. The runtime traps at the first call of a run (constructing the simulation): the banner stays
  // until the user acts; nothing starts a run on the fresh runtime by itself.
  await page.evaluate(() => window.emptyFunctionTable(window.wasmInstances.at(-1)));
  await page.click('#run');
  await page.waitForSelector('#playground[data-state="error"]');
  await page.waitForFunction((n) => window.wasmInstances.length === n + 1, instances); // the fresh runtime is loaded
  await page.waitForTimeout(300);
  assert.equal(await page.getAttribute('#playground', 'data-state'), 'error');
  assert.match(await page.textContent('#banner'), /^The runtime stopped: the runtime crashed inside WebAssembly \(null function\)\./);
  assertTrap((await page.evaluate(() => window.runErrors)).slice(1));
  assert.equal(await page.inputValue('#tasks'), '5');
  await page.click('#reset');
  await runToEnd(page);
  assert.match(await page.textContent('#summary'), /5 finished/);
  assert.deepEqual(problems, []);
});

test('a Wasm trap in one widget leaves a run in progress in the other widget untouched', async () => {
  const page = await openPage(context, `${server.url}/tests/browser/fixtures/fault-isolation.html`, { beforeLoad: trapsWithoutWorker });
  const { problems } = page;
  await page.waitForFunction(() => [...document.querySelectorAll('semaphore-playground')].every((w) => w.dataset.ready === 'true'));
  await page.waitForFunction(() => window.wasmInstances.length === 2); // one instance per widget
  await recordRunErrors(page);
  const big = page.locator('#big');
  const small = page.locator('#small');
  const state = (id) => page.evaluate((which) => document.getElementById(which).dataset.state, id);

  // 2 virtual seconds at 0.25x: 8 s, still running when the other traps (at 1x a loaded CI machine
  // took over 2 s to bring the 200,000-task run to its memory growth).
  await small.locator('#speed').selectOption('0.25');
  await small.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('small').dataset.state === 'running');
  await page.evaluate(() => {
    window.trapAtNextGrowth = true;
  }); // only the 200,000-task run grows its memory
  await big.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('big').dataset.state === 'error', null, { timeout: 20000 });
  assert.equal(await state('small'), 'running');
  assertTrap(await page.evaluate(() => window.runErrors));
  assert.match(
    await big.locator('#banner').textContent(),
    /^The runtime stopped: the runtime crashed inside WebAssembly \(null function\)\. Your settings are kept/,
  );
  assert.equal(await big.locator('#tasks').inputValue(), '200000');
  assert.equal(await big.locator('#permits').inputValue(), '10');

  await page.waitForFunction(() => document.getElementById('small').dataset.state === 'done', null, { timeout: 20000 });
  assert.match(await small.locator('#summary').textContent(), /Total virtual time 2\.00s.*2 finished/);
  assert.equal(await small.locator('#banner').isVisible(), false);
  await shot(page, 'wasm-trap-widgets');

  // The trapped widget recovers with Reset, without reloading the page.
  await big.locator('#reset').click();
  await big.locator('#tasks').fill('5');
  await big.locator('#run').click();
  await page.waitForFunction(() => document.getElementById('big').dataset.state === 'done');
  assert.match(await big.locator('#summary').textContent(), /5 finished/);
  assert.equal(await state('big'), 'done');
  assert.deepEqual(problems, []);
});
