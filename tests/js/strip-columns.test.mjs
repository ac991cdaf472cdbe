// The timeline's concurrency strip (web/ui/strip-columns.mjs): per pixel column, the most tasks
// holding at once, worked out per frame with a binary search and block maxima. Checked against the
// plain walk over every event that the timeline did before (and redid from the first event each
// frame while a run grew, as the time axis changed with it).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HolderMaxima, stripColumns } from '../../web/ui/strip-columns.mjs';

/** The walk over every event: fill each column an event's holders count spans. */
function walkedColumns(trace, cursor, x, width, position) {
  const columns = new Float32Array(Math.ceil(width) + 1);
  const fill = (from, to, holders) => {
    for (let c = Math.max(0, Math.floor(from)); c <= Math.min(columns.length - 1, Math.floor(to)); c++)
      if (holders > columns[c]) columns[c] = holders;
  };
  let holders = 0;
  for (let i = 0; i < cursor; i++) {
    const at = x(trace.time[i]);
    fill(x(i > 0 ? trace.time[i - 1] : 0), at, holders);
    holders = trace.holdersAfter[i];
    fill(at, at, holders);
  }
  fill(x(cursor > 0 ? trace.time[cursor - 1] : 0), x(position), holders);
  const until = Math.min(columns.length - 1, Math.floor(x(position)));
  columns.fill(0, until + 1); // the strip draws up to the position only
  return columns;
}

/** A random run: sorted times (with ties and bursts), holders moving by one, as a semaphore's do. */
function randomTrace(seed, length, permits) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const time = new Float64Array(length + 7); // bigger than the run, as a growing trace's arrays are
  const holdersAfter = new Int32Array(length + 7);
  let t = 0;
  let holders = 0;
  for (let i = 0; i < length; i++) {
    if (random() < 0.3) t += random() < 0.1 ? random() * 50 : random() * 0.5;
    const step = random() < 0.5 ? 1 : -1;
    holders = Math.min(permits, Math.max(0, holders + step));
    time[i] = t;
    holdersAfter[i] = holders;
  }
  return { time, holdersAfter, length, end: t };
}

test('the strip has the same columns as the walk over every event, for runs, widths and positions', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const trace = randomTrace(seed, seed * 37, 1 + (seed % 7));
    const width = 100 + seed * 13;
    const maxima = new HolderMaxima(trace);
    // The cursor moves forward and back (a replay), the span grows as a running trace's does.
    for (const fraction of [0.1, 0.5, 1, 0.3, 1]) {
      const cursor = Math.floor(trace.length * fraction);
      const position = cursor > 0 ? trace.time[cursor - 1] + (seed % 3) * 0.25 : 0;
      const span = Math.max(trace.end * fraction, position) || 1;
      const x = (t) => 64 + (t / span) * (width - 64 - 10);
      assert.deepEqual(
        stripColumns(maxima, cursor, x, width, position),
        walkedColumns(trace, cursor, x, width, position),
        `seed ${seed}, cursor ${cursor}`,
      );
    }
  }
});

test('block maxima answer any range, across block edges, and say -1 for an empty one', () => {
  const trace = randomTrace(7, 1000, 50);
  const maxima = new HolderMaxima(trace);
  maxima.extend(600);
  maxima.extend(1000); // extended in two steps, as batches arrive
  for (const [from, to] of [
    [0, 0],
    [0, 1],
    [63, 65],
    [64, 128],
    [5, 999],
    [0, 1000],
    [130, 131],
    [500, 700],
  ]) {
    const expected = to > from ? Math.max(...trace.holdersAfter.subarray(from, to)) : -1;
    assert.equal(maxima.max(from, to), expected, `[${from}, ${to})`);
  }
});
