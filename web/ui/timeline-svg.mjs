// The timeline of a finished run as a standalone SVG file (issue #14, export): one lane per task
// (start delay, waiting, holding a permit or a lock, and how it ended), a time axis, a legend. It is built from
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
const END = {
  [TaskState.finished]: 'finished',
  [TaskState.timeout]: 'timeout',
  [TaskState.cancelled]: 'timeout', // the page's colour for both: "timed out or cancelled"
  [TaskState.failed]: 'failed',
  [TaskState.stuck]: 'failed',
};
const LANE = 18;
const LEFT = 70;
const WIDTH = 900;

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const rect = (x, y, w, h, fill) =>
  w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" fill="${fill}"/>` : '';
const outline = (x, y, w, h) =>
  `<rect x="${(x + 0.5).toFixed(1)}" y="${y + 0.5}" width="${Math.max(w - 1, 2).toFixed(1)}" height="${h - 1}" fill="none" stroke="${COLOURS.ink}"/>`;
const label = (x, y, text, anchor = 'start') => `<text x="${x.toFixed(1)}" y="${y}" text-anchor="${anchor}">${escape(text)}</text>`;

/** A round tick step giving at most 8 ticks over `span` seconds. */
function roundStep(span) {
  const power = 10 ** Math.floor(Math.log10(span / 8));
  return [1, 2, 2.5, 5, 10].map((k) => k * power).find((step) => span / step <= 8);
}

/**
 * A program task's every wait and hold (ProgramTrace.segmentsOf), an open one to `end`; a wait while
 * it holds something takes the lane's lower half, and a hold begun inside another is outlined there,
 * as on the page's timeline. A task that ended while waiting (timed out, cancelled, failed) shows how
 * in its last wait: `endedColour`, null for one that finished.
 */
function segmentRects(segments, x, y, end, endedColour) {
  const half = (LANE - 4) / 2;
  return segments.flatMap((s) => {
    const [from, to] = [x(s.from), x(s.to ?? end)];
    const colour = endedColour && s === segments.at(-1) ? endedColour : COLOURS.waiting;
    if (s.state !== TaskState.holding) return rect(from, s.inside ? y + 2 + half : y + 2, to - from, s.inside ? half : LANE - 4, colour);
    const bar = rect(from, y + 2, to - from, LANE - 4, COLOURS.holding);
    return s.inside ? [bar, outline(from, y + 2 + half, to - from, half)] : bar;
  });
}

/** A program task's lane: a thin line from its creation to its end, under its waits and holds. */
function programLane(trace, task, { x, y, end }) {
  const created = trace.createdAt[task];
  const state = trace.taskState(task, trace.length);
  const to = state === TaskState.stuck ? trace.endTime : end;
  const third = Math.round((LANE - 4) / 3); // the middle third, whole pixels
  const line = created === -1 ? '' : rect(x(trace.time[created]), y + 2 + third, x(to) - x(trace.time[created]), third, COLOURS.line);
  const endedColour = END[state] && state !== TaskState.finished ? COLOURS[END[state]] : null;
  return [line, ...segmentRects(trace.segmentsOf(task, trace.length), x, y, to, endedColour)];
}

/**
 * The legend's swatches and words, from x = LEFT, wrapped into rows that fit the width: { parts,
 * height } (the lanes start below it). Widths are estimated, about 7 px a character at 12 px sans-serif.
 */
function legend(entries) {
  const parts = [];
  let [legendX, y] = [LEFT, 8];
  for (const [words, key] of entries) {
    const width = 16 + words.length * 7;
    if (legendX > LEFT && legendX + width > WIDTH) [legendX, y] = [LEFT, y + 20];
    parts.push(rect(legendX, y, 12, 12, COLOURS[key === 'inside' ? 'holding' : key]), label(legendX + 16, y + 10, words));
    if (key === 'inside') parts.push(outline(legendX, y, 12, 12));
    legendX += width + 18;
  }
  return { parts, height: y + 12 };
}

/** The SVG document's text, or null when there are more than MAX_SVG_TASKS lanes. */
export function timelineSvg(trace, scenario) {
  const n = trace.taskCount;
  if (n > MAX_SVG_TASKS) return null;
  const span = Math.max(trace.endTime, 1e-9);
  const x = (t) => LEFT + (t / span) * (WIDTH - LEFT - 20);
  const at = (index) => (index === -1 ? null : trace.time[index]);
  const blocks = trace.blocks ?? [];
  const key = legend(
    Object.entries({
      ...(scenario ? { 'start delay': 'delay' } : {}), // a program's tasks have none, and a line while alive
      ...(trace.segmentsOf ? { 'alive (running, or awaiting a task or sleep)': 'line' } : {}),
      waiting: 'waiting',
      [trace.segmentsOf ? 'holding a permit or lock' : 'holding a permit']: 'holding',
      ...(trace.holdsInside ? { 'outlined: acquired while holding another': 'inside' } : {}),
      finished: 'finished',
      'timed out or cancelled': 'timeout',
      failed: 'failed',
      ...(blocks.length ? { 'loop blocked by time.sleep()': 'blocked' } : {}),
    }),
  );
  const top = key.height + 10; // the first lane's top
  const parts = [...key.parts];
  // The loop blocked by a program's time.sleep(): shaded across every lane, under them, as on the page.
  for (const { from, to } of blocks) parts.push(rect(x(from), top - 4, x(Math.min(to, span)) - x(from), n * LANE + 4, COLOURS.blocked));
  for (let task = 1; task <= n; task++) {
    const y = top + (task - 1) * LANE;
    const state = trace.taskState(task, trace.length);
    const delay = Array.isArray(scenario?.tasks) ? scenario.tasks[task - 1].start : 0;
    const wait = at(trace.waitAt[task]);
    const hold = at(trace.startAt[task]);
    const end = at(trace.endAt[task]) ?? trace.endTime;
    parts.push(label(LEFT - 6, y + 13, trace.taskName?.(task) ?? `Task ${task}`, 'end'));
    parts.push(rect(x(0), y + 2, x(Math.min(delay, span)) - x(0), LANE - 4, COLOURS.delay));
    if (trace.segmentsOf) parts.push(...programLane(trace, task, { x, y, end }));
    else {
      if (wait !== null) parts.push(rect(x(wait), y + 2, x(hold ?? end) - x(wait), LANE - 4, COLOURS.waiting));
      if (hold !== null) parts.push(rect(x(hold), y + 2, x(end) - x(hold), LANE - 4, COLOURS.holding));
    }
    if (END[state]) parts.push(rect(x(end) - 3, y + 2, 3, LANE - 4, COLOURS[END[state]]));
  }
  const axisY = top + n * LANE + 6;
  parts.push(`<line x1="${LEFT}" y1="${axisY}" x2="${x(span)}" y2="${axisY}" stroke="${COLOURS.ink}"/>`);
  const step = roundStep(span);
  for (let i = 0; i * step <= span + 1e-9; i++) parts.push(label(x(i * step), axisY + 16, `${(i * step).toFixed(2)}s`, 'middle'));
  const height = axisY + 28;
  const title = `Timeline: ${n} tasks, ${scenario ? `Semaphore(${scenario.permits})` : 'a program'}, ${trace.endTime.toFixed(2)} s`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" fill="${COLOURS.ink}">
<title>${escape(title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.filter(Boolean).join('\n')}
</svg>
`;
}
