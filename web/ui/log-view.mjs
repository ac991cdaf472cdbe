// The run's log, one line per event, in a role="log" polite live region. Virtualised: only the rows
// in view exist in the DOM, so 10,000 tasks (30,000 lines) cost a screenful of nodes.

import { formatTime } from '../format.mjs';
import { onNextFrame } from './frame.mjs';

const ROW_HEIGHT = 22; // px, matches .log-row in styles.css

export class LogView {
  #root;
  #spacer;
  #rows;
  #lines = [];
  #follow = true;
  #schedule = onNextFrame(() => this.#render());

  constructor(root) {
    this.#root = root;
    this.#spacer = document.createElement('div');
    this.#spacer.className = 'log-spacer';
    this.#rows = document.createElement('div');
    this.#rows.className = 'log-rows';
    root.replaceChildren(this.#spacer, this.#rows);
    root.addEventListener('scroll', () => {
      this.#follow = root.scrollTop + root.clientHeight >= root.scrollHeight - ROW_HEIGHT * 1.5;
      this.#schedule();
    });
  }

  get length() {
    return this.#lines.length;
  }

  /** Append lines ({ text, kind }); drawn at the next animation frame. */
  append(lines) {
    for (const line of lines) this.#lines.push(line);
    this.#schedule();
  }

  clear() {
    this.#lines = [];
    this.#follow = true;
    this.#schedule();
  }

  lines() {
    return this.#lines.map((l) => l.text);
  }

  #render() {
    const total = this.#lines.length;
    this.#spacer.style.height = `${total * ROW_HEIGHT}px`;
    if (this.#follow) this.#root.scrollTop = this.#root.scrollHeight;
    const first = Math.max(0, Math.floor(this.#root.scrollTop / ROW_HEIGHT) - 5);
    const visible = Math.ceil((this.#root.clientHeight || 300) / ROW_HEIGHT) + 10;
    const last = Math.min(total, first + visible);
    const rows = [];
    for (let i = first; i < last; i++) {
      const row = document.createElement('div');
      row.className = `log-row log-${this.#lines[i].kind}`;
      row.style.top = `${i * ROW_HEIGHT}px`;
      row.textContent = this.#lines[i].text; // never HTML
      rows.push(row);
    }
    this.#rows.replaceChildren(...rows);
  }
}

/** Plain-language log lines for the page (the CLI keeps the short forms). */
export function pageLine(e, permits) {
  const at = formatTime(e.t);
  switch (e.event) {
    case 'started':
      return `${at} Task ${e.task} started`;
    case 'finished':
      return `${at} Task ${e.task} finished`;
    case 'waiting':
      return `${at} Task ${e.task} waits: ${permits === 0 ? 'the semaphore has no permits' : `all ${permits} permit${permits === 1 ? ' is' : 's are'} taken`}, so it joins the queue`;
    case 'timeout':
      return `${at} Task ${e.task} timed out: asyncio.timeout cancelled it (a permit it held is released)`;
    case 'failed':
      return `${at} Task ${e.task} failed: it raised inside "async with sem", which still released its permit`;
    case 'deadlock':
      return `${at} Deadlock: task${e.waiting.length === 1 ? '' : 's'} ${e.waiting.join(', ')} wait${e.waiting.length === 1 ? 's' : ''} for a permit nobody will release`;
    default:
      return `${at} Task ${e.task} ${e.event}`;
  }
}
