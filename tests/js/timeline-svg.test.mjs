// The downloaded timeline (web/ui/timeline-svg.mjs) draws a program's lanes as the page's canvas does
// (web/ui/timeline.mjs): a task's thin line while it is alive, its waits and holds, and a cap saying
// how it ended, in the same colours, each named in the legend.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime } from '../../web/semaphore-playground.mjs';
import { ProgramTrace } from '../../web/ui/program-trace.mjs';
import { timelineSvg } from '../../web/ui/timeline-svg.mjs';

const runtime = await loadRuntime();
const COLOUR = { line: '#c9ccd4', waiting: '#c77800', holding: '#2a7de1', finished: '#2e9e5b', timeout: '#9b3fc0' };

async function svgOf(source) {
  const trace = new ProgramTrace();
  const run = runtime.runProgram(source, { instant: true });
  run.on('batch', (batch) => trace.append(batch));
  run.start();
  await run.done;
  return timelineSvg(trace, null);
}

/** The rectangles of the lane labelled `name`: [{ x, width, height, fill }], left to right. */
function lane(svg, name) {
  const label = new RegExp(`<text x="[\\d.]+" y="(\\d+)" text-anchor="end">${name}</text>`).exec(svg);
  assert.ok(label, `a lane labelled ${name}`);
  const top = Number(label[1]) - 13; // a label sits 13 px below its lane's top
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="(\d+)" fill="([^"]+)"/g)]
    .filter((m) => Number(m[2]) >= top && Number(m[2]) < top + 18 && m[4] !== '12')
    .map((m) => ({ x: Number(m[1]), width: Number(m[3]), height: Number(m[4]), fill: m[5] }))
    .sort((a, b) => a.x - b.x);
}

// Task-2 (the acquire() wait_for wraps in a task) waits for sem until wait_for gives up at 1 s and
// cancels it; CPython's events for it (tests/conformance/program_events.py) are the same.
const CANCELLED_WAITER = `import asyncio
sem = asyncio.Semaphore(0)
async def main():
    try:
        await asyncio.wait_for(sem.acquire(), timeout=1)
    except asyncio.TimeoutError:
        print("gave up")
asyncio.run(main())
`;

test("a program's task cancelled while waiting: its wait in the cancelled colour and a cap, as on the page", async () => {
  const svg = await svgOf(CANCELLED_WAITER);
  const waiter = lane(svg, 'Task-2');
  assert.ok(
    waiter.some((r) => r.fill === COLOUR.timeout && r.width > 100),
    JSON.stringify(waiter),
  ); // the wait, 0 s to 1 s
  assert.ok(!waiter.some((r) => r.fill === COLOUR.waiting), JSON.stringify(waiter));
  assert.equal(waiter.at(-1).fill, COLOUR.timeout); // the cap at its end
  assert.equal(waiter.at(-1).width, 3);
  assert.match(svg, />timed out or cancelled</);
});

test("a program's task alive, holding nothing, is the lane's thin line, named in the legend", async () => {
  const svg = await svgOf(CANCELLED_WAITER);
  const main = lane(svg, 'Task-1');
  assert.ok(
    main.some((r) => r.fill === COLOUR.line && r.height < 14 && r.width > 500),
    JSON.stringify(main),
  );
  assert.equal(main.at(-1).fill, COLOUR.finished);
  assert.match(svg, />alive \(running, or awaiting a task or sleep\)</);
  assert.doesNotMatch(svg, />start delay</);
});
