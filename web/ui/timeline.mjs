// The timeline at the playback position: one labelled lane per task (start delay, waiting, holding,
// a cap in the colour of how it ended), time ticks on an axis that ends where the run really ends, and a
// concurrency strip with its 0…permits scale. Hover or focus (↑ ↓) gives a task's details in words;
// a table below says the same for screen readers and for copying. Canvas, redrawn at most once per
// frame, and again when the theme changes (colours are read from CSS when it does).

import { formatTime } from '../format.mjs';
import { onNextFrame } from './frame.mjs';
import { HolderMaxima, stripColumns } from './strip-columns.mjs';
import { TaskState } from './trace.mjs';

const LABEL_W = 64; // px: the sticky column of lane labels
const STRIP = 46; // px: the concurrency strip
const AXIS = 22; // px: ticks and their times
const LANE = 22; // px: one lane per task, scrolled (the canvas stays in view, the labels with it)
const VIRTUAL_MAX = 20_000; // more tasks than this: one pixel row per group of tasks, no scrolling
const TABLE_ROWS = 500;

const css = (element, name, fallback) => getComputedStyle(element).getPropertyValue(name).trim() || fallback;
const END_STATE = {
  [TaskState.finished]: 'finished',
  [TaskState.timeout]: 'timed out',
  [TaskState.failed]: 'failed',
  [TaskState.cancelled]: 'cancelled',
};
/** A lane's name: a program's tasks have their own ("Task-2 limited_task(1)"). */
const laneName = (trace, task) => trace.taskLabel?.(task) ?? `Task ${task}`;
const laneShortName = (trace, task) => trace.taskName?.(task) ?? `Task ${task}`;

/** A round tick step giving about `count` ticks over `span` seconds. */
/** When a lane's task first asked for a permit, for the table ('–' if it never did). */
function asked(l) {
  const t = l ? (l.wait ?? l.hold ?? (l.created === null ? l.delay : null)) : null;
  return t === null ? '–' : formatTime(t);
}

const SEGMENTS_TOLD = 8; // a lane's details name this many waits and holds, then count the rest

/** A program task's waits and holds in words: "held sem 0.00s–2.00s", "waiting for lock since 3.00s". */
function describeSegments(segments) {
  const told = segments.slice(0, SEGMENTS_TOLD).map(({ state, primitive, from, to }) => {
    if (state === TaskState.holding)
      return to === null ? `holding ${primitive} since ${formatTime(from)}` : `held ${primitive} ${formatTime(from)}–${formatTime(to)}`;
    return to === null
      ? `waiting for ${primitive} since ${formatTime(from)}`
      : `waited for ${primitive} ${formatTime(from)}–${formatTime(to)}`;
  });
  const rest = segments.length - told.length;
  return rest > 0 ? [...told, `and ${rest} more ${rest === 1 ? 'wait or hold' : 'waits and holds'}`] : told;
}

/**
 * A program task's time waiting and time holding something, up to `now` (overlapping holds of two
 * primitives count once: the time it held anything).
 */
function segmentTotals(segments, now) {
  let waited = 0;
  let held = 0;
  let heldUntil = -Infinity;
  for (const { state, from, to } of segments) {
    const end = to ?? now;
    if (state === TaskState.waiting) waited += end - from;
    else if (end > heldUntil) {
      held += end - Math.max(from, heldUntil);
      heldUntil = end;
    }
  }
  const any = (wanted) => segments.some((s) => s.state === wanted);
  return { waited: any(TaskState.waiting) ? waited : null, held: any(TaskState.holding) ? held : null };
}

function tickStep(span, count) {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

export class Timeline {
  #canvas;
  #detail;
  #table;
  #tableRows;
  #view = null; // { trace, cursor, position, scenario, horizon }
  #selected = 0; // task picked by keyboard or pointer
  #geometry = null;
  #strip = null; // the concurrency strip's block maxima (HolderMaxima), extended as events arrive
  #schedule = onNextFrame(() => this.#draw(), { canvas: true });

  #scroller;
  #blockedKey;
  #delayKey;
  #aliveKey;
  #holdingKey;
  #insideKey;
  #size = null; // the canvas's CSS size, from its ResizeObserver
  #palette = null; // { theme, colours }
  #scrollTop = 0; // the lanes' scroll position, from scroll events and #scrollTo

  constructor(canvas, detail, table, tableRows) {
    this.#canvas = canvas;
    this.#scroller = canvas.parentElement; // .timeline-scroll: its spacer gives the lanes their height
    this.#blockedKey = this.#scroller.parentElement.querySelector('.key.blocked'); // the legend's, for programs' time.sleep
    this.#delayKey = this.#scroller.parentElement.querySelector('.key.delay');
    this.#aliveKey = this.#scroller.parentElement.querySelector('.key.alive');
    this.#holdingKey = this.#scroller.parentElement.querySelector('.key.holding');
    this.#insideKey = this.#scroller.parentElement.querySelector('.key.inside');
    // The canvas's size and the lanes' scroll position are kept as they change, so that drawing reads
    // no layout: a read after the other views' changes in the same frame lays the page out again.
    this.#scroller.addEventListener('scroll', () => {
      this.#scrollTop = this.#scroller.scrollTop;
      this.invalidate();
    });
    this.#detail = detail;
    this.#table = table;
    this.#tableRows = tableRows;
    new ResizeObserver(([entry]) => {
      this.#size = { width: entry.contentRect.width, height: entry.contentRect.height };
      this.invalidate();
    }).observe(canvas);
    canvas.addEventListener('mousemove', (event) => this.#pick(this.#taskAt(event.offsetY)));
    canvas.addEventListener('keydown', (event) => this.#key(event));
    table.addEventListener('toggle', () => this.#fillTable());
  }

  /** `view`: { trace, cursor, position, scenario, horizon } (trace null before a run). */
  show(view) {
    this.#view = view;
    this.invalidate();
  }

  invalidate() {
    this.#schedule();
  }

  #key(event) {
    const n = this.#view?.trace?.taskCount ?? 0;
    if (!n || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    this.#pick(Math.min(n, Math.max(1, this.#selected + (event.key === 'ArrowDown' ? 1 : -1))));
  }

  #pick(task) {
    if (!task || task === this.#selected) return;
    this.#selected = task;
    this.#scrollTo(task);
    this.#detail.textContent = this.#describe(task);
    this.invalidate();
  }

  /** Scroll a picked lane into view (keyboard picks may be off screen). */
  #scrollTo(task) {
    const g = this.#geometry;
    if (!g || g.perLane > 1) return;
    const top = (task - 1) * LANE;
    if (top < g.offset) this.#scroller.scrollTop = top;
    else if (top + LANE > g.offset + g.lanesHeight) this.#scroller.scrollTop = top + LANE - g.lanesHeight;
    else return;
    this.#scrollTop = this.#scroller.scrollTop; // as clamped by the browser
  }

  #taskAt(y) {
    const g = this.#geometry;
    if (!g || y >= g.lanesHeight) return 0;
    return Math.min(g.n, Math.floor((y + g.offset) / g.laneHeight) * g.perLane + 1);
  }

  /** A task's story at the position, in words. */
  #describe(task) {
    const v = this.#view;
    const lane = this.#lane(task);
    if (!lane) return `${laneName(v.trace, task)} has not started yet.`;
    const parts = [laneName(v.trace, task)];
    if (lane.delay > 0) parts.push(`start delay ${formatTime(lane.delay)}`);
    if (lane.created !== null) parts.push(`created at ${formatTime(lane.created)}`);
    if (lane.segments) parts.push(...describeSegments(lane.segments));
    else {
      if (lane.wait !== null)
        parts.push(`waited ${formatTime(lane.waitEnd - lane.wait)}${lane.state === TaskState.waiting ? ' so far' : ''}`);
      if (lane.hold !== null)
        parts.push(`held a permit ${formatTime(lane.holdEnd - lane.hold)}${lane.state === TaskState.holding ? ' so far' : ''}`);
    }
    for (const b of v.trace.blocksBefore?.(v.cursor) ?? [])
      if (b.task === task)
        parts.push(`blocked the whole loop ${formatTime(b.from)}–${formatTime(Math.min(b.to, v.position))} in time.sleep()`);
    if (END_STATE[lane.state]) parts.push(`${END_STATE[lane.state]} at ${formatTime(lane.end)}`);
    if (lane.state === TaskState.stuck) parts.push(`stuck in the queue until the end (${formatTime(v.trace.endTime)}): deadlock`);
    return `${parts.join(', ')}.`;
  }

  /** Where task `n`'s lane segments lie at the position (null if it has done nothing yet). */
  #lane(n) {
    const { trace, cursor, position, scenario } = this.#view;
    const state = trace.taskState(n, cursor);
    const delay = Array.isArray(scenario.tasks) ? scenario.tasks[n - 1].start : 0;
    if (state === TaskState.pending && !(delay > 0)) return null;
    const at = (index) => (index !== -1 && index < cursor ? trace.time[index] : null);
    const wait = at(trace.waitAt[n]);
    const hold = at(trace.startAt[n]);
    const end = at(trace.endAt[n]);
    const now = state === TaskState.stuck ? trace.endTime : position;
    return {
      state,
      created: trace.createdAt ? at(trace.createdAt[n]) : null, // a program's task runs from its creation
      segments: trace.segmentsOf?.(n, cursor) ?? null, // a program's every wait and hold, on each primitive
      delay: Math.min(delay, position),
      wait,
      hold,
      end,
      waitEnd: hold ?? end ?? now,
      holdEnd: end ?? now,
    };
  }

  #draw() {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.#size ?? { width: canvas.clientWidth, height: canvas.clientHeight };
    if (!width || !height) return;
    // Resized only when the size changes: setting the size resets the context, and then setting its
    // font again makes the browser recompute the page's styles, in every frame of a run.
    const [pixelsWide, pixelsHigh] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (canvas.width !== pixelsWide) canvas.width = pixelsWide;
    if (canvas.height !== pixelsHigh) canvas.height = pixelsHigh;
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const v = this.#view;
    // The legend names the shading only for a run that has some (a program calling time.sleep), and
    // a program's thin line instead of the knobs' start delays, which programs have none of.
    const hideKey = !v?.trace?.blocks?.length;
    if (this.#blockedKey && this.#blockedKey.hidden !== hideKey) this.#blockedKey.hidden = hideKey;
    const program = typeof v?.trace?.segmentsOf === 'function';
    if (this.#delayKey && this.#delayKey.hidden !== program) this.#delayKey.hidden = program;
    if (this.#aliveKey && this.#aliveKey.hidden !== !program) this.#aliveKey.hidden = !program;
    // A program's holds are of Locks too; an outline marks a hold begun inside another, where a run has one.
    const holding = program ? 'holding a permit or lock' : 'holding a permit';
    if (this.#holdingKey && this.#holdingKey.textContent !== holding) this.#holdingKey.textContent = holding;
    const noneInside = !v?.trace?.holdsInside;
    if (this.#insideKey && this.#insideKey.hidden !== noneInside) this.#insideKey.hidden = noneInside;
    if (!v?.trace) {
      this.#fitHeight(0); // no lanes yet: a short box with a hint, not 300 px of nothing
      this.#scroller.lastElementChild.style.height = '0px';
      return this.#drawEmpty(g, width, height);
    }
    // The axis ends where the run ends; a run over at 0 s (a deadlock at once) still gets a 1 s axis to draw on.
    const span = (v.trace.ended ? v.trace.endTime : Math.max(v.horizon, v.position)) || 1;
    this.#fitHeight(v.trace.taskCount);
    const geometry = this.#layout(width, height, v.trace.taskCount, span);
    const label =
      `Timeline of ${v.trace.taskCount} ${v.trace.taskCount === 1 ? 'task' : 'tasks'} from 0 to ${formatTime(span)}` +
      `${v.trace.ended ? ' (the end of the run)' : ''}, now at ${formatTime(v.position)}. Arrow up and down pick a task; the table below has the same data.`;
    this.#geometry = geometry;
    const colours = this.#colours();
    this.#drawLanes(g, geometry, colours);
    this.#drawStrip(g, geometry, colours);
    this.#drawAxis(g, geometry, colours);
    // After drawing: a changed attribute makes the canvas's style stale, which its text would recompute.
    if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);
    if (this.#table.open) this.#fillTable();
  }

  /** A few tasks get a short timeline (no empty band under their lanes); many scroll in a full one. */
  #fitHeight(n) {
    const wanted = `${Math.min(300, Math.max(140, Math.min(n, VIRTUAL_MAX) * LANE + STRIP + AXIS + 4))}px`;
    if (this.#scroller.style.height !== wanted) this.#scroller.style.height = wanted; // the ResizeObserver redraws
  }

  #layout(width, height, n, span) {
    const lanesHeight = height - STRIP - AXIS;
    const virtual = n <= VIRTUAL_MAX;
    const laneHeight = virtual ? LANE : 1;
    const perLane = virtual ? 1 : Math.ceil(n / lanesHeight);
    const spacer = this.#scroller.lastElementChild;
    const scrollable = `${virtual ? Math.max(0, n * LANE - lanesHeight) : 0}px`;
    if (spacer.style.height !== scrollable) spacer.style.height = scrollable;
    const offset = virtual ? this.#scrollTop : 0;
    const x = (t) => LABEL_W + (t / span) * (width - LABEL_W - 10);
    const first = Math.floor(offset / laneHeight);
    const last = Math.min(Math.ceil(n / perLane), first + Math.ceil(lanesHeight / laneHeight) + 1);
    return { width, height, n, span, lanesHeight, laneHeight, perLane, x, first, last, offset };
  }

  /**
   * The colours from CSS, read again only when the theme changes (data-theme on the page's root or the
   * widget's host): reading computed styles in every frame recomputes the styles the other views changed.
   */
  #colours() {
    const c = this.#canvas;
    const theme = (c.getRootNode().host ?? document.documentElement).dataset.theme ?? '';
    if (this.#palette?.theme !== theme) this.#palette = { theme, colours: this.#readColours(c) };
    return this.#palette.colours;
  }

  #readColours(c) {
    return {
      [TaskState.waiting]: css(c, '--waiting', '#b06a00'),
      [TaskState.holding]: css(c, '--holding', '#2a7de1'),
      [TaskState.finished]: css(c, '--done', '#2e9e5b'),
      [TaskState.timeout]: css(c, '--timeout', '#9b3fc0'),
      [TaskState.failed]: css(c, '--failed', '#d63a3a'),
      [TaskState.cancelled]: css(c, '--timeout', '#9b3fc0'),
      [TaskState.stuck]: css(c, '--waiting', '#b06a00'),
      blocked: css(c, '--blocked', 'rgba(214, 58, 58, 0.16)'),
      blockedEdge: css(c, '--failed', '#d63a3a'),
      delay: css(c, '--line', '#c9ccd4'),
      ink: css(c, '--ink', '#222'),
      muted: css(c, '--muted', '#5b6170'),
    };
  }

  #drawLanes(g, geo, colours) {
    const { x, laneHeight, perLane } = geo;
    const h = Math.max(laneHeight - (laneHeight > 6 ? 2 : 0), 1);
    g.save();
    g.beginPath();
    g.rect(0, 0, geo.width, geo.lanesHeight);
    g.clip(); // lanes scrolled half out of view stop at the strip
    this.#drawBlocks(g, geo, colours, 'shade');
    for (let lane = geo.first; lane < geo.last; lane++) {
      const task = Math.min(geo.n, lane * perLane + perLane); // a group shows its last task
      const y = lane * laneHeight - geo.offset;
      const l = this.#lane(task);
      if (l) {
        if (l.delay > 0) this.#bar(g, colours.delay, x(0), x(l.delay), y, h);
        const ended = END_STATE[l.state] ? colours[l.state] : null;
        const stuck = l.state === TaskState.stuck;
        // A program's task, from its creation: a thin line under its waits and holds.
        if (l.created !== null) {
          const to = l.end ?? (stuck ? geo.span : this.#view.position);
          this.#bar(g, colours.delay, x(l.created), x(to), y + h / 3, Math.max(h / 3, 1));
        }
        if (l.segments) this.#drawSegments(g, l, { y, h, open: stuck ? geo.span : this.#view.position, ended }, geo, colours);
        // A stuck task waits forever: its lane runs to the axis' end, with a bar at the run's end.
        else if (l.wait !== null)
          this.#bar(
            g,
            l.hold === null && ended ? ended : colours[stuck ? TaskState.stuck : TaskState.waiting],
            x(l.wait),
            x(stuck ? geo.span : l.waitEnd),
            y,
            h,
          );
        if (l.hold !== null && !l.segments) this.#bar(g, colours[TaskState.holding], x(l.hold), x(l.holdEnd), y, h);
        // How it ended: a cap at its end, after bars that keep saying what the task did (a finished
        // run's holds stay blue, as the exported SVG draws them).
        if (ended && l.end !== null) this.#bar(g, ended, x(l.end) - 3, x(l.end), y, h);
        if (stuck) {
          // Still waiting, outlined: waiting that can never end.
          g.strokeStyle = colours.ink;
          g.lineWidth = Math.min(2, h / 4);
          const from = x(l.wait ?? l.created ?? 0);
          g.strokeRect(from + 1, y + g.lineWidth / 2, x(geo.span) - from - 2, Math.max(h - g.lineWidth, 0.5));
          g.lineWidth = 1;
        }
      }
      if (task === this.#selected) {
        g.strokeStyle = colours.ink;
        g.strokeRect(LABEL_W - 0.5, y - 0.5, geo.width - LABEL_W, Math.max(laneHeight, 2));
      }
    }
    this.#drawBlocks(g, geo, colours, 'edges');
    this.#drawLabels(g, geo, colours);
    g.restore();
  }

  /**
   * The times the whole loop was blocked (a program's time.sleep), up to the position: shaded across
   * every lane under the bars (no task could run then, whatever its lane shows), and dashed edges
   * over them where each block began and ended.
   */
  #drawBlocks(g, geo, colours, layer) {
    const { trace, cursor, position } = this.#view;
    for (const { from, to } of trace.blocksBefore?.(cursor) ?? []) {
      const [left, right] = [geo.x(from), geo.x(Math.min(to, position))];
      if (layer === 'shade') {
        g.fillStyle = colours.blocked;
        g.fillRect(left, 0, Math.max(right - left, 1), geo.lanesHeight);
        continue;
      }
      g.strokeStyle = colours.blockedEdge;
      g.setLineDash([3, 3]);
      g.beginPath();
      g.moveTo(left + 0.5, 0);
      g.lineTo(left + 0.5, geo.lanesHeight);
      if (to <= position) {
        g.moveTo(right - 0.5, 0);
        g.lineTo(right - 0.5, geo.lanesHeight);
      }
      g.stroke();
      g.setLineDash([]);
    }
  }

  /**
   * A program task's waits and holds, each where it lies; an open one runs to `open` (the position,
   * or the axis' end for a task stuck in a deadlock). A wait while the task holds something (the
   * second semaphore of two) takes the lane's lower half, so the hold it keeps shows above it.
   */
  #drawSegments(g, lane, { y, h, open, ended }, geo, colours) {
    const { x } = geo;
    for (const s of lane.segments) {
      if (s.state !== TaskState.holding) continue;
      this.#bar(g, colours[TaskState.holding], x(s.from), x(s.to ?? open), y, h);
      // A second primitive held inside the first (the lock taken while holding sem): outlined in its lower half.
      if (!s.inside) continue;
      g.strokeStyle = colours.ink;
      g.strokeRect(x(s.from) + 0.5, y + h / 2 + 0.5, Math.max(x(s.to ?? open) - x(s.from), 3) - 1, h / 2 - 1);
    }
    for (const s of lane.segments) {
      if (s.state !== TaskState.waiting) continue;
      // A task that ended while waiting (timed out, cancelled, failed) shows how in its last wait, as
      // a scenario's lane does; one that finished had its wait end first, so the wait stays a wait.
      const endedWaiting = ended && lane.state !== TaskState.finished && s === lane.segments.at(-1);
      const colour = endedWaiting ? ended : colours[TaskState.waiting];
      this.#bar(g, colour, x(s.from), x(s.to ?? open), s.inside ? y + h / 2 : y, s.inside ? h / 2 : h);
    }
  }

  /** A segment at least 3 px wide: what happens in an instant (a step at 0.00 s) stays visible. */
  #bar(g, colour, from, to, y, h) {
    g.fillStyle = colour;
    g.fillRect(from, y, Math.max(to - from, 3), h);
  }

  #drawLabels(g, geo, colours) {
    g.fillStyle = colours.ink;
    g.font = '11px system-ui, sans-serif';
    g.textBaseline = 'middle';
    const every = Math.max(1, Math.ceil(14 / geo.laneHeight)); // a label at least every 14 px
    let below = -Infinity; // where the last label drawn ends: a group's label moved down to be whole must not overlap the next
    for (let lane = geo.first; lane < geo.last; lane += every) {
      const task = Math.min(geo.n, lane * geo.perLane + geo.perLane);
      const middle = lane * geo.laneHeight - geo.offset + geo.laneHeight / 2;
      const y = geo.perLane > 1 ? Math.min(Math.max(middle, 7), geo.lanesHeight - 6) : middle; // a group's label is never cut
      if (y - 7 < below) continue;
      g.fillText(laneShortName(this.#view.trace, task), 2, y, LABEL_W - 6);
      below = y + 7;
    }
  }

  #drawStrip(g, geo, colours) {
    const { trace, cursor } = this.#view;
    const top = geo.lanesHeight + 6;
    const h = STRIP - 14;
    const permits = Math.max(trace.permits, trace.peak, 1); // an extra release() lets more hold than the start
    g.strokeStyle = colours.muted;
    g.strokeRect(LABEL_W + 0.5, top + 0.5, geo.width - LABEL_W - 10, h);
    g.fillStyle = colours.ink;
    g.textBaseline = 'middle';
    if (trace.countsHolders === false) {
      // An empty strip labelled "held 0..1" would say no task ever held anything, which is not the point.
      g.fillStyle = colours.muted;
      g.fillText(trace.nothingCounted, LABEL_W + 8, top + h / 2, geo.width - LABEL_W - 20); // narrow: squeezed, not cut
      return;
    }
    g.fillText('held', 2, top + h / 2);
    // A program with several semaphores or locks: the strip counts the first one; say which.
    if (trace.stripName) g.fillText(trace.stripName, 2, top + h / 2 + 12, LABEL_W - 20);
    g.fillText(String(permits), LABEL_W - 14, top + 4);
    g.fillText('0', LABEL_W - 14, top + h - 2);
    const columns = this.#columns(geo);
    const until = Math.min(columns.length - 1, Math.floor(geo.x(this.#view.position)));
    g.fillStyle = colours[TaskState.holding];
    for (let c = 0; c <= until; c++) if (columns[c] > 0) g.fillRect(c, top + h - (columns[c] / permits) * h, 1, (columns[c] / permits) * h);
  }

  /** The most holders in each pixel column up to the position (strip-columns.mjs). */
  #columns(geo) {
    const { trace, cursor, position } = this.#view;
    if (this.#strip?.trace !== trace) this.#strip = new HolderMaxima(trace);
    return stripColumns(this.#strip, cursor, geo.x, geo.width, position);
  }

  #drawAxis(g, geo, colours) {
    const base = geo.height - AXIS;
    const step = tickStep(geo.span, Math.max(2, Math.floor((geo.width - LABEL_W) / 90)));
    g.fillStyle = colours.ink;
    g.strokeStyle = colours.muted;
    g.textBaseline = 'alphabetic';
    g.font = '11px system-ui, sans-serif';
    for (let t = 0; t <= geo.span + 1e-9; t += step) {
      const x = geo.x(t);
      g.fillRect(x, base, 1, 4);
      const label = formatTick(t, step);
      g.fillText(label, Math.min(x - g.measureText(label).width / 2, geo.width - g.measureText(label).width - 2), base + 16);
    }
    g.fillText('time (s)', 2, base + 16);
    // The playback position.
    const now = geo.x(this.#view.position);
    g.strokeStyle = colours.ink;
    g.beginPath();
    g.moveTo(now + 0.5, 0);
    g.lineTo(now + 0.5, base);
    g.stroke();
  }

  #drawEmpty(g, width, height) {
    g.fillStyle = css(this.#canvas, '--muted', '#5b6170');
    g.font = '13px system-ui, sans-serif';
    g.fillText('Press Run (or Step) to draw one lane per task here.', 12, height / 2, width - 24);
  }

  #fillTable() {
    const v = this.#view;
    if (!this.#table.open || !v?.trace) return this.#tableRows.replaceChildren();
    const rows = [];
    for (let n = 1; n <= Math.min(v.trace.taskCount, TABLE_ROWS); n++) {
      const l = this.#lane(n);
      const { waited, held } = l?.segments
        ? segmentTotals(l.segments, l.state === TaskState.stuck ? v.trace.endTime : v.position)
        : { waited: l?.wait != null ? l.waitEnd - l.wait : null, held: l?.hold != null ? l.holdEnd - l.hold : null };
      const cells = [
        laneName(v.trace, n),
        asked(l),
        waited !== null ? formatTime(waited) : '–',
        held !== null ? formatTime(held) : '–',
        !l
          ? 'not started'
          : END_STATE[l.state]
            ? `${END_STATE[l.state]} at ${formatTime(l.end)}`
            : l.state === TaskState.stuck
              ? 'stuck (deadlock)'
              : l.state === TaskState.running
                ? 'running'
                : 'not yet',
      ];
      const tr = document.createElement('tr');
      cells.forEach((text, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        cell.textContent = text;
        tr.append(cell);
      });
      rows.push(tr);
    }
    this.#tableRows.replaceChildren(...rows);
  }
}

function formatTick(t, step) {
  const digits = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return `${t.toFixed(digits)}`;
}
