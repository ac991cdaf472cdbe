// The log: one row per event up to the playback position. Two kinds of text, kept apart as issue #11
// asks: what the Python program prints (web/format.mjs programOutput: exactly Python's line) and the
// playground's explanation (commentary), shown as a "note" that the learner can hide.
//
// Virtualised with a bounded height: however many lines there are (3 million for a million tasks),
// the scroller's content is at most MAX_SCROLL_PX tall and the scroll position is mapped to a row; the
// rows themselves flow (long lines wrap, nothing is cut to "…") in a window that stays in view. At the
// very end the window is anchored to the bottom, so the last line is always reachable.
//
// Screen readers: the rows are not a live region (they are rebuilt as you scroll); new lines are
// appended once each to a separate, visually hidden role="log" region.

import { commentary, formatTime, programOutput } from '../format.mjs';
import { onNextFrame } from './frame.mjs';

const ROW_PX = 22; // one line of text, as in styles.css
const MAX_SCROLL_PX = 1_000_000; // far below Chromium's 33,554,430 px cap
const ANNOUNCE_AT_MOST = 20; // lines announced per change; a jump is summarised instead
const KEEP_ANNOUNCED = 50;

export class LogView {
  #scroller;
  #window;
  #spacer;
  #live;
  #trace = null;
  #permits = 0;
  #cursor = 0;
  #notes = true;
  #follow = true;
  #ownTop = -1; // the scroll position the view set itself
  #announced = 0;
  #schedule = onNextFrame(() => this.#render());

  constructor(scroller, live) {
    this.#scroller = scroller;
    this.#live = live;
    this.#window = document.createElement('div');
    this.#window.className = 'log-window';
    this.#spacer = document.createElement('div');
    this.#spacer.className = 'log-spacer';
    scroller.replaceChildren(this.#window, this.#spacer);
    new ResizeObserver(() => this.#schedule()).observe(scroller); // wrapping changes with the width
    scroller.addEventListener('scroll', () => {
      // Our own scrolling (following the end) says nothing about where the learner wants to be.
      if (Math.abs(scroller.scrollTop - this.#ownTop) > 1) this.#follow = this.#atBottom();
      this.#schedule();
    });
  }

  /** Show the first `cursor` events of `trace`. */
  show(trace, cursor, permits) {
    if (trace !== this.#trace) this.#announced = 0;
    this.#announce(trace, cursor, permits);
    this.#trace = trace;
    this.#cursor = cursor;
    this.#permits = permits;
    this.#schedule();
  }

  clear() {
    this.#trace = null;
    this.#cursor = 0;
    this.#announced = 0;
    this.#follow = true;
    this.#live.replaceChildren();
    this.#schedule();
  }

  /** Show or hide the explanations (commentary). */
  set notes(on) {
    this.#notes = on;
    this.#scroller.classList.toggle('no-notes', !on);
    this.#schedule();
  }

  /** Rows shown: every event, or only those that print a line when the notes are hidden. */
  get rowCount() {
    if (!this.#trace) return 0;
    return this.#notes ? this.#cursor : this.#trace.outputsBefore(this.#cursor);
  }

  /** What the program printed up to the position: one line per printed line, no times. */
  programOutput() {
    const trace = this.#trace;
    if (!trace) return [];
    const lines = [];
    for (let k = 0, n = trace.outputsBefore(this.#cursor); k < n; k++) lines.push(programOutput(trace.event(trace.outputIndex[k])));
    return lines;
  }

  #eventOfRow(row) {
    return this.#notes ? row : this.#trace.outputIndex[row];
  }

  #atBottom() {
    const s = this.#scroller;
    return s.scrollTop + s.clientHeight >= s.scrollHeight - 2;
  }

  #render() {
    const rows = this.rowCount;
    const s = this.#scroller;
    const viewHeight = s.clientHeight; // the scroller's own height, whatever its rows
    const visible = Math.max(1, Math.ceil((viewHeight || 300) / ROW_PX));
    this.#spacer.style.height = `${Math.max(0, Math.min(rows * ROW_PX, MAX_SCROLL_PX) - viewHeight)}px`;
    if (this.#follow) {
      s.scrollTop = s.scrollHeight;
      this.#ownTop = s.scrollTop;
    }
    const bottom = this.#follow || this.#atBottom();
    const range = Math.max(1, s.scrollHeight - s.clientHeight);
    const first = bottom ? Math.max(0, rows - visible - 1) : Math.floor((s.scrollTop / range) * Math.max(0, rows - visible));
    const last = Math.min(rows, first + visible + 2);
    const elements = [];
    for (let row = first; row < last; row++) elements.push(this.#row(this.#eventOfRow(row), row === rows - 1));
    this.#window.classList.toggle('at-end', bottom);
    this.#window.replaceChildren(...elements);
    // Few lines start at the top; once they overflow, the end stays in view (like a terminal).
    // (Measured on the rows: a bottom-aligned window's overflow is above it, not in its scrollHeight.)
    // Every row is at least one ROW_PX line, so more rows than fit overflow without measuring: that
    // read would lay the page out again in every frame of a long run.
    const surely = elements.length * ROW_PX > viewHeight + 1;
    const height =
      surely || !elements.length ? 0 : elements.at(-1).getBoundingClientRect().bottom - elements[0].getBoundingClientRect().top;
    this.#window.classList.toggle('overflowing', surely || height > this.#window.clientHeight + 1);
  }

  #row(index, current) {
    const event = this.#trace.event(index);
    const row = document.createElement('div');
    const output = programOutput(event);
    const note = this.#notes ? commentary(event, this.#permits) : null;
    row.className = `log-row log-${event.event}${output ? '' : ' note-only'}${current ? ' current' : ''}`;
    row.append(span('log-time', `${formatTime(event.t)} `));
    if (output) row.append(span('log-out', output));
    if (note) row.append(noteSpan(note));
    return row;
  }

  /** Each new line once, to the hidden live region; a jump (seek, huge batch) is summarised. */
  #announce(trace, cursor, permits) {
    const from = this.#trace === trace ? this.#announced : 0;
    if (cursor <= from) {
      this.#announced = cursor;
      return;
    }
    const lines = [];
    if (cursor - from > ANNOUNCE_AT_MOST) {
      lines.push(`${cursor - from} more lines; the latest:`);
      for (let i = cursor - 3; i < cursor; i++) lines.push(plainLine(trace.event(i), permits, this.#notes));
    } else {
      for (let i = from; i < cursor; i++) lines.push(plainLine(trace.event(i), permits, this.#notes));
    }
    for (const text of lines.filter(Boolean)) {
      const p = document.createElement('p');
      p.textContent = text;
      this.#live.append(p);
    }
    while (this.#live.childElementCount > KEEP_ANNOUNCED) this.#live.firstElementChild.remove();
    this.#announced = cursor;
  }
}

function span(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text; // never HTML
  return element;
}

function noteSpan(text) {
  const element = span('log-note', '');
  element.append(span('visually-hidden', 'note: '), text);
  return element;
}

function plainLine(event, permits, notes) {
  const output = programOutput(event);
  const note = notes ? commentary(event, permits) : null;
  if (!output && !note) return null; // a line hidden with the explanations
  return [formatTime(event.t), output, note ? `note: ${note}` : null].filter(Boolean).join(' ');
}
