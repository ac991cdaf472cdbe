// The timeline: one lane per task coloured by state, a moving "now" line, and a concurrency strip
// underneath that can never rise above the permit count. Canvas, redrawn at most once per frame.

import { onNextFrame } from './frame.mjs';
import { TaskState } from './model.mjs';

const STRIP = 40; // px of concurrency strip
const AXIS = 18;

function cssColour(element, name, fallback) {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export class Timeline {
  #canvas;
  #model = null;
  #now = () => 0;
  #horizon = 1;
  #schedule = onNextFrame(() => this.#draw());

  constructor(canvas) {
    this.#canvas = canvas;
    new ResizeObserver(() => this.invalidate()).observe(canvas);
  }

  /** Show `model`; `now()` gives the virtual time of the "now" line; `horizon` the expected end. */
  show(model, now, horizon) {
    this.#model = model;
    this.#now = now;
    this.#horizon = horizon > 0 ? horizon : 1;
    this.invalidate();
  }

  invalidate() {
    this.#schedule();
  }

  #draw() {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const m = this.#model;
    if (!m) return;
    const colours = {
      [TaskState.waiting]: cssColour(canvas, '--waiting', '#d98b00'),
      [TaskState.holding]: cssColour(canvas, '--holding', '#2a7de1'),
      [TaskState.finished]: cssColour(canvas, '--done', '#2e9e5b'),
      [TaskState.timeout]: cssColour(canvas, '--timeout', '#b24bd1'),
      [TaskState.failed]: cssColour(canvas, '--failed', '#d63a3a'),
    };
    const ink = cssColour(canvas, '--ink', '#222');
    const now = Math.max(this.#now(), m.now);
    const span = Math.max(this.#horizon, now, 1e-9);
    const x = (t) => (t / span) * (width - 2);
    const lanesHeight = height - STRIP - AXIS;
    const n = m.taskCount;
    const drawLane = (task, y, h) => {
      const state = m.state[task];
      if (state === TaskState.pending) return;
      const ws = m.waitStart[task];
      const hs = m.holdStart[task];
      const end = Number.isNaN(m.end[task]) ? now : m.end[task];
      if (!Number.isNaN(ws)) {
        g.fillStyle = colours[TaskState.waiting];
        g.fillRect(x(ws), y, Math.max(x(Number.isNaN(hs) ? end : hs) - x(ws), 1), h);
      }
      if (!Number.isNaN(hs)) {
        // The hold stays blue in the history; a cap at its end shows how it ended.
        g.fillStyle = colours[TaskState.holding];
        g.fillRect(x(hs), y, Math.max(x(end) - x(hs), 1), h);
      }
      if (state !== TaskState.waiting && state !== TaskState.holding) {
        g.fillStyle = colours[state];
        g.fillRect(x(end) - 3, y, 3, h);
      }
    };
    // Drawing costs one lane per pixel row at most, whatever the number of tasks: with more tasks
    // than rows, each row shows the last task that falls on it (tasks are in order, so the shape
    // of the picture is the same).
    const rows = Math.max(1, Math.floor(lanesHeight));
    if (n <= rows) {
      const lane = lanesHeight / Math.max(n, 1);
      for (let task = 1; task <= n; task++) drawLane(task, (task - 1) * lane, Math.max(lane - (lane > 4 ? 1 : 0), 0.5));
    } else {
      for (let row = 0; row < rows; row++) drawLane(Math.ceil(((row + 1) * n) / rows), row, 1);
    }
    // Concurrency strip: holders over time, scaled to the permit count, as the highest value in each
    // pixel column (one rectangle per column at most).
    const top = lanesHeight + 4;
    const stripHeight = STRIP - 8;
    const scale = stripHeight / Math.max(m.permits, 1);
    g.strokeStyle = ink;
    g.globalAlpha = 0.35;
    g.strokeRect(0.5, top + 0.5, width - 1, stripHeight);
    g.globalAlpha = 1;
    const columns = new Float32Array(Math.ceil(width) + 1);
    const steps = m.concurrency;
    for (let i = 0; i < steps.length; i++) {
      const [t, holders] = steps[i];
      const until = i + 1 < steps.length ? steps[i + 1][0] : now;
      const last = Math.min(columns.length - 1, Math.max(Math.floor(x(until)), Math.floor(x(t))));
      for (let c = Math.floor(x(t)); c <= last; c++) if (holders > columns[c]) columns[c] = holders;
    }
    g.fillStyle = colours[TaskState.holding];
    const nowColumn = Math.min(columns.length - 1, Math.floor(x(now)));
    for (let c = 0; c <= nowColumn; c++) {
      if (columns[c] > 0) g.fillRect(c, top + stripHeight - columns[c] * scale, 1, columns[c] * scale);
    }
    // Axis and the "now" line.
    g.fillStyle = ink;
    g.font = '12px system-ui, sans-serif';
    g.fillText('0s', 2, height - 4);
    const label = `${span.toFixed(1)}s`;
    const nowLabel = `now ${now.toFixed(2)}s`;
    const nowX = Math.min(Math.max(x(now) + 4, 30), width - g.measureText(nowLabel).width - 4);
    if (nowX + g.measureText(nowLabel).width < width - g.measureText(label).width - 12) {
      g.fillText(label, width - g.measureText(label).width - 2, height - 4);
    }
    g.fillText(nowLabel, nowX, height - 4);
    g.strokeStyle = ink;
    g.globalAlpha = 1;
    g.beginPath();
    g.moveTo(x(now) + 0.5, 0);
    g.lineTo(x(now) + 0.5, height - AXIS);
    g.stroke();
  }
}
