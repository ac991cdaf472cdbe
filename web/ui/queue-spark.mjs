// How many tasks wait in the semaphore's line over time, for the comparison table: one small step
// chart per permit count (an SVG sparkline drawn by our code), on one time and count scale for every
// row so the rows compare at a glance, with the figures in words as its accessible name.

import { formatTime } from '../format.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const W = 140;
const H = 28;

// Points kept per series: a quarter of a pixel apart at its own scale (a shared, wider one only
// narrows them), so 100,000 tasks draw (and cross from a worker) as ~1,700 points, not 300,000.
const COLUMNS = 4 * W;

/**
 * [[t, waiting]] after each event of a trace (event objects), thinned to what the sparkline can show;
 * the longest line and when; when the line last became empty (`emptied`; the end if somebody is
 * still in it); `end`: when the run ended, if later than its last event.
 */
export function queueSeries(trace, end = 0) {
  const waiting = new Set();
  const points = [[0, 0]];
  let longest = 0;
  let at = 0;
  let emptied = 0;
  for (const e of trace) {
    const before = waiting.size;
    if (e.event === 'waiting') waiting.add(e.task);
    else if (e.event === 'deadlock')
      continue; // the stuck stay in line to the end
    else waiting.delete(e.task); // got a permit, or left the line by a timeout
    points.push([e.t, waiting.size]);
    if (waiting.size > longest) [longest, at] = [waiting.size, e.t];
    if (before > 0 && waiting.size === 0) emptied = e.t;
  }
  const last = Math.max(end, trace.at(-1)?.t ?? 0);
  return { points: thin(points, last), longest, at, end: last, emptied: waiting.size > 0 ? last : emptied };
}

/**
 * A step line's points with at most three per column of COLUMNS over [0, end]: where the column's
 * first point is, its highest and lowest levels there, and its last point, so the drawn line spans
 * what the full one spans and ends where it ends.
 */
function thin(points, end) {
  if (points.length <= 3 * COLUMNS || !(end > 0)) return points;
  const kept = [];
  let column = -1;
  let first;
  let high;
  let low;
  let last;
  const flush = () => {
    if (column < 0) return;
    for (const point of [[first[0], high], [first[0], low], last]) {
      const prev = kept.at(-1);
      if (!prev || prev[0] !== point[0] || prev[1] !== point[1]) kept.push(point);
    }
  };
  for (const point of points) {
    const c = Math.min(COLUMNS - 1, Math.floor((point[0] / end) * COLUMNS));
    if (c !== column) {
      flush();
      [column, first, high, low] = [c, point, point[1], point[1]];
    }
    high = Math.max(high, point[1]);
    low = Math.min(low, point[1]);
    last = point;
  }
  flush();
  return kept;
}

/** The sparkline of `series` on a shared scale: `span` seconds wide, `top` tasks high. */
export function queueSparkline(series, span, top) {
  const x = (t) => 1 + (t / (span || 1)) * (W - 2);
  const y = (n) => H - 2 - (n / (top || 1)) * (H - 4);
  let path = `M${x(0)},${y(0)}`;
  for (const [t, n] of series.points) path += `H${x(t).toFixed(1)}V${y(n).toFixed(1)}`;
  path += `H${x(series.end).toFixed(1)}`;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'queue-spark');
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'aria-label',
    series.longest === 0
      ? 'nobody waits'
      : `at most ${series.longest} waiting, at ${formatTime(series.at)}; the line is empty by ${formatTime(series.emptied)}`,
  );
  const base = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: 1, x2: W - 1, y1: y(0), y2: y(0), class: 'base' })) base.setAttribute(k, String(v));
  const line = document.createElementNS(SVG, 'path');
  line.setAttribute('d', path);
  line.setAttribute('class', 'queue');
  svg.append(base, line);
  return svg;
}
