// The timeline: one lane per task coloured by state, a moving "now" line, and a concurrency strip
// underneath that can never rise above the permit count. Canvas, redrawn at most once per frame.

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
  #scheduled = false;
  #horizon = 1;

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
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      this.#draw();
    });
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
    const lane = lanesHeight / Math.max(n, 1);
    // With more tasks than pixel rows, several tasks share a row; the later one paints over.
    for (let task = 1; task <= n; task++) {
      const y = (task - 1) * lane;
      const h = Math.max(lane - (lane > 4 ? 1 : 0), 0.5);
      const state = m.state[task];
      if (state === TaskState.pending) continue;
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
    }
    // Concurrency strip: holders over time, scaled to the permit count.
    const top = lanesHeight + 4;
    const scale = (STRIP - 8) / Math.max(m.permits, 1);
    g.strokeStyle = ink;
    g.globalAlpha = 0.35;
    g.strokeRect(0.5, top + 0.5, width - 1, STRIP - 8);
    g.globalAlpha = 1;
    g.fillStyle = colours[TaskState.holding];
    const steps = m.concurrency;
    for (let i = 0; i < steps.length; i++) {
      const [t, holders] = steps[i];
      const until = i + 1 < steps.length ? steps[i + 1][0] : now;
      const h = holders * scale;
      g.fillRect(x(t), top + (STRIP - 8) - h, Math.max(x(until) - x(t), 1), h);
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
