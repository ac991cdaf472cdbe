// How many tasks wait in the semaphore's line over time, for the comparison table: one small step
// chart per permit count (an SVG sparkline drawn by our code), on one time and count scale for every
// row so the rows compare at a glance, with the figures in words as its accessible name.

import { formatTime } from '../format.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const W = 140;
const H = 28;

/**
 * [[t, waiting]] after each event of a trace (event objects), and the longest line and when; `end`:
 * when the run ended, if later than its last event.
 */
export function queueSeries(trace, end = 0) {
  const waiting = new Set();
  const points = [[0, 0]];
  let longest = 0;
  let at = 0;
  for (const e of trace) {
    if (e.event === 'waiting') waiting.add(e.task);
    else if (e.event === 'deadlock')
      continue; // the stuck stay in line to the end
    else waiting.delete(e.task); // got a permit, or left the line by a timeout
    points.push([e.t, waiting.size]);
    if (waiting.size > longest) [longest, at] = [waiting.size, e.t];
  }
  return { points, longest, at, end: Math.max(end, trace.at(-1)?.t ?? 0) };
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
      : `at most ${series.longest} waiting, at ${formatTime(series.at)}; the line is empty by ${formatTime(lastWait(series))}`,
  );
  const base = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: 1, x2: W - 1, y1: y(0), y2: y(0), class: 'base' })) base.setAttribute(k, String(v));
  const line = document.createElementNS(SVG, 'path');
  line.setAttribute('d', path);
  line.setAttribute('class', 'queue');
  svg.append(base, line);
  return svg;
}

/** When the line last became empty (the end if somebody is still in it). */
function lastWait(series) {
  const last = series.points.at(-1);
  if (last[1] > 0) return series.end;
  for (let i = series.points.length - 1; i > 0; i--) if (series.points[i - 1][1] > 0) return series.points[i][0];
  return 0;
}
