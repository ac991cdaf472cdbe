// The board for a program run: each Semaphore, Lock and Event the program created, at the playback
// position: its value, the tasks holding it, and the tasks waiting for it in FIFO order. Everything
// comes from the trace (ProgramTrace.primitivesAt); the DOM changes only when what it says changes.
// Not a live region: the log already announces each line once.

import { onNextFrame } from './frame.mjs';

const SHOWN = 12; // tasks named per list; more are counted

export class ProgramBoard {
  #root;
  #trace = null;
  #cursor = 0;
  #drawn = '';
  #schedule = onNextFrame(() => this.#render());

  constructor(root) {
    this.#root = root;
  }

  /** Show the primitives once `cursor` events of `trace` (a ProgramTrace) have happened; null: not run yet. */
  show(trace, cursor) {
    this.#trace = trace;
    this.#cursor = cursor;
    this.#schedule();
  }

  #render() {
    const trace = this.#trace;
    // Only the tasks the cards name, and how many more: 100,000 may wait.
    const primitives = trace ? trace.primitivesAt(this.#cursor, SHOWN) : [];
    const key = JSON.stringify(primitives.map((p) => [p.value, p.holding, p.holders, p.waiting, p.waiters]));
    if (key === this.#drawn && this.#root.childElementCount === primitives.length) return;
    this.#drawn = key;
    if (!trace) {
      this.#root.replaceChildren(paragraph('empty', 'The program’s Semaphores, Locks and Events show here as it runs (Run or Step).'));
      return;
    }
    if (primitives.length === 0) {
      this.#root.replaceChildren(paragraph('empty', 'The program has created no Semaphore, Lock or Event (yet).'));
      return;
    }
    this.#root.replaceChildren(...primitives.map((p) => this.#card(p)));
  }

  #card(p) {
    const card = document.createElement('section');
    card.className = `primitive primitive-${p.type.toLowerCase()}`;
    const title = document.createElement('h3');
    title.textContent = `${p.name} = asyncio.${p.type}(${p.type === 'Lock' || p.type === 'Event' ? '' : p.initial})`;
    const line = document.createElement('span');
    line.className = 'help';
    line.textContent = ` line ${p.line}`;
    title.append(line);
    card.append(title, paragraph('primitive-state', stateText(p)));
    if (p.type !== 'Event') card.append(paragraph('primitive-holders', `Held by: ${this.#names(p.holders, p.holding) || 'nobody'}`));
    card.append(paragraph('primitive-waiters', `Waiting (first in line first): ${this.#names(p.waiters, p.waiting) || 'nobody'}`));
    return card;
  }

  /** The first task ids named, then how many more of `count`. */
  #names(ids, count) {
    const shown = ids.map((id) => this.#trace.taskLabel(id));
    if (count > ids.length) shown.push(`… and ${count - ids.length} more`);
    return shown.join(', ');
  }
}

function stateText(p) {
  if (p.type === 'Lock') return p.value === 0 ? 'locked() is True: the next acquire() waits' : 'locked() is False: free';
  if (p.type === 'Event') return p.value === 1 ? 'is_set() is True: wait() returns at once' : 'is_set() is False: wait() waits for set()';
  const over = p.value > p.initial ? ' (above its start: released more often than acquired)' : '';
  return `value ${p.value} of ${p.initial}${over}${p.value === 0 ? ': the next acquire() waits' : ''}`;
}

function paragraph(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
