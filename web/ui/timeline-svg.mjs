// The timeline of a finished run as a standalone SVG file (issue #14, export): one lane per task
// (start delay, waiting, holding a permit, and how it ended), a time axis, a legend. It is built from
// the page's trace, as the canvas timeline is, but as text: colours are written into the file (the
// light theme's), since a downloaded file has no stylesheet.

import { TaskState } from './trace.mjs';

export const MAX_SVG_TASKS = 1000;
const COLOURS = {
  delay: '#c9ccd4',
  waiting: '#c77800',
  holding: '#2a7de1',
  finished: '#2e9e5b',
  timeout: '#9b3fc0',
  failed: '#d63a3a',
  ink: '#1d1f24',
  line: '#c9ccd4',
  blocked: 'rgba(214, 58, 58, 0.16)',
};
const END = { [TaskState.finished]: 'finished', [TaskState.timeout]: 'timeout', [TaskState.failed]: 'failed', [TaskState.stuck]: 'failed' };
const LANE = 18;
const LEFT = 70;
const WIDTH = 900;

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const rect = (x, y, w, h, fill) =>
  w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" fill="${fill}"/>` : '';
const label = (x, y, text, anchor = 'start') => `<text x="${x.toFixed(1)}" y="${y}" text-anchor="${anchor}">${escape(text)}</text>`;

/** A round tick step giving at most 8 ticks over `span` seconds. */
function roundStep(span) {
  const power = 10 ** Math.floor(Math.log10(span / 8));
  return [1, 2, 2.5, 5, 10].map((k) => k * power).find((step) => span / step <= 8);
}

/**
 * A program task's every wait and hold (ProgramTrace.segmentsOf), an open one to `end`; a wait while
 * it holds something takes the lane's lower half, as on the page's timeline.
 */
function segmentRects(segments, x, y, end) {
  const half = (LANE - 4) / 2;
  return segments.map((s) => {
    const to = s.to ?? end;
    if (s.state === TaskState.holding) return rect(x(s.from), y + 2, x(to) - x(s.from), LANE - 4, COLOURS.holding);
    return rect(x(s.from), s.inside ? y + 2 + half : y + 2, x(to) - x(s.from), s.inside ? half : LANE - 4, COLOURS.waiting);
  });
}

/** The SVG document's text, or null when there are more than MAX_SVG_TASKS lanes. */
export function timelineSvg(trace, scenario) {
  const n = trace.taskCount;
  if (n > MAX_SVG_TASKS) return null;
  const span = Math.max(trace.endTime, 1e-9);
  const x = (t) => LEFT + (t / span) * (WIDTH - LEFT - 20);
  const at = (index) => (index === -1 ? null : trace.time[index]);
  const parts = [];
  // The loop blocked by a program's time.sleep(): shaded across every lane, under them, as on the page.
  const blocks = trace.blocks ?? [];
  for (const { from, to } of blocks) parts.push(rect(x(from), 26, x(Math.min(to, span)) - x(from), n * LANE + 4, COLOURS.blocked));
  for (let task = 1; task <= n; task++) {
    const y = 30 + (task - 1) * LANE;
    const state = trace.taskState(task, trace.length);
    const delay = Array.isArray(scenario?.tasks) ? scenario.tasks[task - 1].start : 0;
    const wait = at(trace.waitAt[task]);
    const hold = at(trace.startAt[task]);
    const end = at(trace.endAt[task]) ?? trace.endTime;
    parts.push(label(LEFT - 6, y + 13, trace.taskName?.(task) ?? `Task ${task}`, 'end'));
    parts.push(rect(x(0), y + 2, x(Math.min(delay, span)) - x(0), LANE - 4, COLOURS.delay));
    if (trace.segmentsOf) parts.push(...segmentRects(trace.segmentsOf(task, trace.length), x, y, end));
    else {
      if (wait !== null) parts.push(rect(x(wait), y + 2, x(hold ?? end) - x(wait), LANE - 4, COLOURS.waiting));
      if (hold !== null) parts.push(rect(x(hold), y + 2, x(end) - x(hold), LANE - 4, COLOURS.holding));
    }
    if (END[state]) parts.push(rect(x(end) - 3, y + 2, 3, LANE - 4, COLOURS[END[state]]));
  }
  const axisY = 30 + n * LANE + 6;
  parts.push(`<line x1="${LEFT}" y1="${axisY}" x2="${x(span)}" y2="${axisY}" stroke="${COLOURS.ink}"/>`);
  const step = roundStep(span);
  for (let i = 0; i * step <= span + 1e-9; i++) parts.push(label(x(i * step), axisY + 16, `${(i * step).toFixed(2)}s`, 'middle'));
  const legend = Object.entries({
    ...(scenario ? { 'start delay': 'delay' } : {}), // a program's tasks have none
    waiting: 'waiting',
    'holding a permit': 'holding',
    finished: 'finished',
    'timed out or cancelled': 'timeout',
    failed: 'failed',
    ...(blocks.length ? { 'loop blocked by time.sleep()': 'blocked' } : {}),
  });
  let legendX = LEFT;
  for (const [words, key] of legend) {
    parts.push(rect(legendX, 8, 12, 12, COLOURS[key]), label(legendX + 16, 18, words));
    legendX += 16 + words.length * 7 + 18; // about 7 px a character at 12 px sans-serif
  }
  const height = axisY + 28;
  const title = `Timeline: ${n} tasks, ${scenario ? `Semaphore(${scenario.permits})` : 'a program'}, ${trace.endTime.toFixed(2)} s`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" fill="${COLOURS.ink}">
<title>${escape(title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.filter(Boolean).join('\n')}
</svg>
`;
}
