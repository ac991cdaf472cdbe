// The timeline explains itself (issue #12): its axis ends where the run really ends, lanes have
// details on hover and focus, a table says the same in text (deadlocked tasks as stuck), and the
// drawing follows a theme change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { editProgram, enterProgram, openPage, ready, runToEnd, shot, useBrowser } from './browser.mjs';

let server;
let context;
useBrowser((s, c) => ([server, context] = [s, c]));

/** A curated conformance program's source (each is checked against CPython). */
const curated = (name) => readFileSync(new URL(`../conformance/programs/${name}.py`, import.meta.url), 'utf8');

/** A page that has played `source` as an edited program, instantly, to its end. */
async function playedProgram(source) {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  await editProgram(page, source);
  await runToEnd(page);
  return page;
}

/** Whether a line of a downloaded SVG is one of its legend's swatches (12 px squares; a lane is 14 px high). */
const legendSwatch = (line) => line.includes('height="12"');

const tableRows = (page) => page.$$eval('#timeline-rows tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

test('axis = the real end, lane details on hover and by keyboard, and a table of the same data', async () => {
  // Estimated from the settings the run could last 6 s; task 2 times out, so it really ends at 3 s.
  const custom = encodeURIComponent(JSON.stringify([{ duration: 3 }, { timeout: 1 }]));
  const page = await openPage(context, `${server.url}/?permits=1&tasks=2&duration=2&speed=instant&custom=${custom}`);
  await ready(page);
  await runToEnd(page);
  await page.waitForFunction(() =>
    /from 0 to 3\.00s \(the end of the run\)/.test(document.getElementById('timeline').getAttribute('aria-label')),
  );
  await page.locator('#timeline').scrollIntoViewIfNeeded(); // the pointer must be over it, inside the viewport
  const box = await page.locator('#timeline').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 26 + 13); // the second lane
  await page.waitForFunction(() => document.getElementById('timeline-detail').textContent.startsWith('Task 2'));
  assert.equal(await page.textContent('#timeline-detail'), 'Task 2, waited 1.00s, timed out at 1.00s.');
  await page.focus('#timeline');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.textContent('#timeline-detail'), 'Task 1, held a permit 3.00s, finished at 3.00s.');
  await page.click('details.timeline-table summary');
  await page.waitForFunction(() => document.querySelectorAll('#timeline-rows tr').length === 2);
  assert.deepEqual(await tableRows(page), [
    ['Task 1', '0.00s', '–', '3.00s', 'finished at 3.00s'],
    ['Task 2', '0.00s', '1.00s', '–', 'timed out at 1.00s'],
  ]);
  await shot(page, 'timeline-explained');
  assert.deepEqual(page.problems, []);
});

test('deadlocked tasks are stuck until the end; the drawing follows a theme change', async () => {
  const page = await openPage(context, `${server.url}/?permits=0&tasks=2&duration=1&speed=instant&theme=light`);
  await ready(page);
  await runToEnd(page, 'deadlock');
  await page.click('details.timeline-table summary');
  await page.waitForFunction(() => document.querySelectorAll('#timeline-rows tr').length === 2);
  assert.deepEqual(
    (await tableRows(page)).map((r) => r.at(-1)),
    ['stuck (deadlock)', 'stuck (deadlock)'],
  );
  const light = await page.$eval('#timeline', (canvas) => canvas.toDataURL());
  await page.click('#theme');
  await page.waitForFunction((before) => document.getElementById('timeline').toDataURL() !== before, light);
  // In the dark theme the axis text is light: some pixel of the drawing is near white.
  const bright = await page.$eval('#timeline', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4) if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200 && data[i + 3] > 200) return true;
    return false;
  });
  assert.equal(bright, true);
});

test('fifty tasks: one labelled lane each, scrolled under a fixed axis; details follow the scrolled lane', async () => {
  const page = await openPage(context, `${server.url}/?permits=5&tasks=50&duration=1&speed=instant`);
  await ready(page);
  await runToEnd(page);
  await page.$eval('.timeline-scroll', (scroller) => {
    scroller.scrollTop = 20 * 22;
  }); // lanes 21 and on
  await page.locator('#timeline').scrollIntoViewIfNeeded(); // the pointer must be over it, inside the viewport
  const box = await page.locator('#timeline').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 11);
  await page.waitForFunction(() => document.getElementById('timeline-detail').textContent.startsWith('Task 21,'));
  assert.equal(await page.textContent('#timeline-detail'), 'Task 21, waited 4.00s, held a permit 1.00s, finished at 5.00s.');
  // By keyboard, the picked lane scrolls into view.
  await page.focus('#timeline');
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown');
  assert.match(await page.textContent('#timeline-detail'), /^Task 46, /);
  const shown = await page.$eval('.timeline-scroll', (scroller) => scroller.scrollTop);
  assert.ok(shown > 20 * 22, `the timeline scrolled to ${shown}px`);
});

// Each worker holds sem, takes the lock while holding it, lets both go, then comes back for sem
// (a curated conformance program, checked against CPython).
const TWO_PRIMITIVES = curated('lock_inside_semaphore');

test("a program's lanes are exact: every wait and hold on each primitive, in the details and the table", async () => {
  const page = await playedProgram(TWO_PRIMITIVES);
  await page.focus('#timeline');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.textContent('#timeline-detail'),
    'Task-2 worker(), created at 0.00s, held sem 0.00s–2.00s, held lock 1.00s–2.00s, waited for sem 3.00s–4.00s, held sem 4.00s–4.50s, finished at 4.50s.',
  );
  await page.click('details.timeline-table summary');
  await page.waitForFunction(() => document.querySelectorAll('#timeline-rows tr').length >= 3); // then asyncio.run()'s shutdown tasks
  // Waited: every wait added up; held: the time it held anything (sem and the lock at once count once).
  assert.deepEqual((await tableRows(page)).slice(0, 3), [
    ['Task-1 main()', '–', '–', '–', 'finished at 5.50s'],
    ['Task-2 worker()', '0.00s', '1.00s', '2.50s', 'finished at 4.50s'],
    ['Task-3 worker()', '0.00s', '2.00s', '2.50s', 'finished at 5.50s'],
  ]);
  // The SVG download draws the same segments: 2 waits and 6 holds (3 per worker), legend swatches aside.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Timeline as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  const rects = (colour) =>
    svg.split('\n').filter((line) => line.startsWith('<rect') && line.includes(`fill="${colour}"`) && !legendSwatch(line));
  assert.equal(rects('#c77800').length, 2);
  assert.equal(rects('#2a7de1').length, 6);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await shot(page, 'timeline-program-exact');
  assert.deepEqual(page.problems, []);
});

test('a hold taken while holding another (the lock inside sem) is outlined, and the legend says so, on the page and in the SVG', async () => {
  const page = await playedProgram(TWO_PRIMITIVES);
  const inside = page.locator('.timeline-panel .key.inside');
  await inside.waitFor({ state: 'visible' });
  assert.equal(await inside.textContent(), 'outlined: acquired while holding another');
  // A program's holds are of locks too, not only of a semaphore's permits.
  assert.equal(await page.textContent('.timeline-panel .key.holding'), 'holding a permit or lock');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Timeline as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  assert.match(svg, />outlined: acquired while holding another</);
  assert.match(svg, />holding a permit or lock</);
  // Each worker's lock, held inside sem, outlined in its lane's lower half (6 px high; the legend's swatch is 11).
  const outlines = svg.split('\n').filter((line) => line.includes('fill="none"'));
  assert.deepEqual(outlines.map((line) => /height="(\d+)"/.exec(line)[1]).sort(), ['11', '6', '6']);
  // The knobs' lesson holds one thing at a time, a permit: no such key, and its own words.
  const lesson = await openPage(context, `${server.url}/?speed=instant`);
  await ready(lesson);
  await runToEnd(lesson);
  assert.equal(await lesson.locator('.timeline-panel .key.inside').isVisible(), false);
  assert.equal(await lesson.textContent('.timeline-panel .key.holding'), 'holding a permit');
  assert.deepEqual(page.problems, []);
});

// gather(return_exceptions=True), then a gather that raises: asyncio.run cancels the task still
// sleeping (a curated conformance program, checked against CPython).
const GATHER_EXCEPTIONS = curated('gather_exceptions');

test("a program's cancelled task: its colour's legend says cancelled, on the page and in the SVG, whose labels do not overlap", async () => {
  const page = await playedProgram(GATHER_EXCEPTIONS);
  assert.match(await page.textContent('.timeline-panel .legend'), /timed out or cancelled/);
  await page.click('details.timeline-table summary');
  await page.waitForFunction(() => [...document.querySelectorAll('#timeline-rows tr')].some((r) => r.textContent.includes('cancelled')));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Timeline as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  assert.match(svg, />timed out or cancelled</);
  // Lay the SVG out in the page and measure its legend's labels.
  const boxes = await page.evaluate((text) => {
    const holder = document.createElement('div');
    holder.innerHTML = text;
    document.body.append(holder);
    // The legend's labels: the texts above the first lane's label (the lanes' labels are right-aligned).
    const texts = [...holder.querySelectorAll('text')];
    const firstLane = Number(texts.find((t) => t.getAttribute('text-anchor') === 'end').getAttribute('y'));
    const labels = texts.filter((t) => Number(t.getAttribute('y')) < firstLane - 13);
    const result = labels.map((t) => {
      const box = t.getBBox();
      return { words: t.textContent, y: box.y, x: box.x, right: box.x + box.width, width: holder.firstElementChild.width.baseVal.value };
    });
    holder.remove();
    return result;
  }, svg);
  // A program's legend has no start delay, and names the thin line of a task alive; it wraps to fit.
  assert.deepEqual(
    boxes.map((b) => b.words),
    ['alive (running, or awaiting a task or sleep)', 'waiting', 'holding a permit or lock', 'finished', 'timed out or cancelled', 'failed'],
  );
  for (let i = 1; i < boxes.length; i++) {
    if (boxes[i].y !== boxes[i - 1].y) continue; // the first of a row
    assert.ok(
      boxes[i - 1].right + 12 < boxes[i].x,
      `"${boxes[i - 1].words}" ends before the swatch of "${boxes[i].words}" (${JSON.stringify(boxes)})`,
    );
  }
  for (const box of boxes) assert.ok(box.right <= box.width, `"${box.words}" fits the SVG's width (${JSON.stringify(box)})`);
  assert.deepEqual(page.problems, []);
});

// Three runners meet at an Event; the first two wait for it, then all finish at once (a curated
// conformance program).
const EVENT_BARRIER = curated('event_barrier');

test('a program task that waited and then finished keeps its wait in the waiting colour (it did not end while waiting)', async () => {
  const page = await playedProgram(EVENT_BARRIER);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // Task-3 (third lane) waited for the event 0.10s–0.30s, then finished: the middle row of its lane.
  const colours = await page.evaluate(() => {
    const canvas = document.getElementById('timeline');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const row = Math.round((2 * 22 + 11) * ratio);
    const data = canvas.getContext('2d').getImageData(0, row, canvas.width, 1).data;
    const hex = (v) => v.toString(16).padStart(2, '0');
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4) seen.add(`#${hex(data[i])}${hex(data[i + 1])}${hex(data[i + 2])}`);
    const css = (name) => getComputedStyle(canvas).getPropertyValue(name).trim().toLowerCase();
    return { seen: [...seen], waiting: css('--waiting'), done: css('--done') };
  });
  assert.ok(colours.seen.includes(colours.waiting), `Task-3's lane shows its wait (${colours.waiting}) among ${colours.seen}`);
  assert.ok(colours.seen.includes(colours.done), `and how it ended (${colours.done})`);
  assert.deepEqual(page.problems, []);
});

/** The colours drawn along the middle row of the timeline's lane `lane` (0 the first), and the theme's. */
async function laneColours(page, lane) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate((lane) => {
    const canvas = document.getElementById('timeline');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const data = canvas.getContext('2d').getImageData(0, Math.round((lane * 22 + 11) * ratio), canvas.width, 1).data;
    const hex = (v) => v.toString(16).padStart(2, '0');
    const seen = new Map(); // colour -> how many pixels
    for (let i = 0; i < data.length; i += 4) {
      const colour = `#${hex(data[i])}${hex(data[i + 1])}${hex(data[i + 2])}`;
      seen.set(colour, (seen.get(colour) ?? 0) + 1);
    }
    const css = (name) => getComputedStyle(canvas).getPropertyValue(name).trim().toLowerCase();
    return { seen: Object.fromEntries(seen), holding: css('--holding'), done: css('--done') };
  }, lane);
}

test('after a run, a finished task still shows when it held a permit (blue), with a cap saying it finished, as the SVG does', async () => {
  // The knobs' lesson (a scenario's lanes) and the same lesson as an edited program (a program's lanes).
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  await runToEnd(page);
  const program = await playedProgram(curated('lesson'));
  for (const [name, p] of [
    ['knobs', page],
    ['program', program],
  ]) {
    const { seen, holding, done } = await laneColours(p, 0);
    // Task 1 held a permit for the first half of the run: about half of the lane's width is blue.
    assert.ok((seen[holding] ?? 0) > 100, `${name}: the first lane shows its hold in ${holding} (${JSON.stringify(seen)})`);
    assert.ok(
      (seen[done] ?? 0) > 0 && seen[done] < (seen[holding] ?? 0) / 10,
      `${name}: and a narrow ${done} cap (${JSON.stringify(seen)})`,
    );
    assert.deepEqual(p.problems, []);
  }
});

test('with two semaphores, the concurrency strip names the one it counts; with one, it needs no name; with none, it says so', async () => {
  const page = await openPage(context, `${server.url}/?speed=instant`);
  await ready(page);
  // What the timeline's canvas writes: the strip's labels are drawn, not in the DOM.
  await page.evaluate(() => {
    window.timelineTexts = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      if (this.canvas.id === 'timeline') window.timelineTexts.push(String(text));
      return fillText.call(this, text, ...rest);
    };
  });
  const stripLabels = async () => {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const texts = await page.evaluate(() => window.timelineTexts.splice(0));
    return texts.slice(texts.lastIndexOf('held'), texts.lastIndexOf('held') + 2);
  };
  await editProgram(page, curated('opposite_order')); // a = Semaphore(1), b = Semaphore(1)
  await runToEnd(page, 'deadlock');
  assert.deepEqual(await stripLabels(), ['held', 'a']);
  await enterProgram(page, page, curated('lesson'));
  await runToEnd(page);
  assert.deepEqual(await stripLabels(), ['held', '3']); // the label, then the strip's scale
  // Only an Event: nothing to count, and the strip says so instead of an empty "held" scale.
  await enterProgram(page, page, curated('event_barrier'));
  await runToEnd(page);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const texts = await page.evaluate(() => window.timelineTexts.splice(0));
  assert.ok(!texts.includes('held'), 'no "held" label');
  assert.ok(texts.includes('The program has no Semaphore or Lock: no permits to count.'));
  assert.deepEqual(page.problems, []);
});

test('grouped lanes (100,000 tasks): the lane labels never overlap, the first group’s included', async () => {
  const page = await openPage(context, `${server.url}/?permits=50&tasks=100000&duration=1&speed=instant`);
  await ready(page);
  await page.evaluate(() => {
    window.laneLabels = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      if (this.canvas.id === 'timeline' && x === 2 && /^Task /.test(text)) window.laneLabels.push([String(text), y]);
      return fillText.call(this, text, x, y, ...rest);
    };
  });
  await runToEnd(page);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // The last drawing's labels: each drawing writes them top to bottom, so it starts where y goes back up.
  const labels = await page.evaluate(() => {
    const all = window.laneLabels;
    let start = all.length - 1;
    while (start > 0 && all[start - 1][1] < all[start][1]) start -= 1;
    return all.slice(start);
  });
  assert.ok(labels.length >= 5, `${labels.length} labels`);
  for (let i = 1; i < labels.length; i++) {
    assert.ok(
      labels[i][1] - labels[i - 1][1] >= 13,
      `${labels[i - 1][0]} at ${labels[i - 1][1]} and ${labels[i][0]} at ${labels[i][1]} overlap`,
    );
  }
  assert.deepEqual(page.problems, []);
});

test("a program's time.sleep(): the loop's block is shaded across the lanes, named in the legend, the lane's details and the SVG", async () => {
  const page = await playedProgram(curated('time_sleep_blocks'));
  await page.locator('.timeline-panel .key.blocked').waitFor({ state: 'visible' });
  assert.equal(await page.textContent('.timeline-panel .key.blocked'), 'loop blocked by time.sleep()');
  // Task-3 (limited_task(1)) blocks the loop first, 0.00s to 0.50s.
  await page.focus('#timeline');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.match(
    await page.textContent('#timeline-detail'),
    /^Task-3 limited_task\(1.*, blocked the whole loop 0\.00s–0\.50s in time\.sleep\(\), /,
  );
  // The shading is drawn: a pixel of lane 1 (main's, which holds nothing) inside the block is tinted, one after it is not.
  const tint = await page.evaluate(() => {
    const canvas = document.getElementById('timeline');
    const g = canvas.getContext('2d');
    const r = window.devicePixelRatio || 1;
    const width = canvas.width / r;
    const x = (t, span) => 64 + (t / span) * (width - 64 - 10);
    const span = Number(/from 0 to ([\d.]+)s/.exec(canvas.getAttribute('aria-label'))[1]);
    const at = (t) => [...g.getImageData(Math.round(x(t, span) * r), Math.round(4 * r), 1, 1).data];
    return { inside: at(0.25), after: at(2.9) };
  });
  assert.notDeepEqual(tint.inside, tint.after, `inside ${tint.inside}, after ${tint.after}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Timeline as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  assert.match(svg, />loop blocked by time\.sleep\(\)</);
  assert.equal(svg.split('\n').filter((line) => line.includes('fill="rgba(214, 58, 58, 0.16)"') && !legendSwatch(line)).length, 6);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await shot(page, 'timeline-blocked');
  // The lesson has no block: no such key.
  const lesson = await openPage(context, `${server.url}/?speed=instant`);
  await ready(lesson);
  await runToEnd(lesson);
  assert.equal(await lesson.locator('.timeline-panel .key.blocked').isVisible(), false);
  assert.deepEqual(page.problems, []);
});

test("a program's legend names its lanes' thin line (a task alive, holding nothing) and has no start delay, which programs do not have", async () => {
  const page = await playedProgram(curated('lock'));
  await page.locator('.timeline-panel .key.alive').waitFor({ state: 'visible' });
  assert.equal(await page.textContent('.timeline-panel .key.alive'), 'alive (running, or awaiting a task or sleep)');
  assert.equal(await page.locator('.timeline-panel .key.delay').isVisible(), false);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Timeline as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  assert.doesNotMatch(svg, />start delay</);
  // The knobs' scenarios have start delays and no such line.
  const lesson = await openPage(context, `${server.url}/?speed=instant`);
  await ready(lesson);
  await runToEnd(lesson);
  assert.equal(await lesson.locator('.timeline-panel .key.alive').isVisible(), false);
  assert.equal(await lesson.locator('.timeline-panel .key.delay').isVisible(), true);
  assert.deepEqual(page.problems, []);
});
