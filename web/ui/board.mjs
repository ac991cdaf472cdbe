// The permit board at the playback position: each permit (free, or which task holds it, in permit
// order), the semaphore's value and locked(), and the FIFO queue. Everything comes from the trace
// (the runtime is never asked); the DOM is only touched when what it says changes, so the status
// region announces each change once.

import { onNextFrame } from './frame.mjs';

const SHOWN_WAITERS = 24;

const plural = (n, one, many) => (n === 1 ? one : many);

export class PermitBoard {
  #root;
  #schedule = onNextFrame(() => this.#render());
  #trace = null;
  #cursor = 0;
  #permits = 0;
  #drawn = '';

  constructor(root) {
    this.#root = root;
  }

  /**
   * Show the semaphore once `cursor` events of `trace` have happened (trace null: as the settings
   * would create it; permits null too: the settings cannot make one, and the board says so).
   */
  show(trace, cursor, permits) {
    this.#trace = trace;
    this.#cursor = cursor;
    this.#permits = permits;
    this.#schedule();
  }

  #state() {
    if (this.#trace) return this.#trace.semaphoreAt(this.#cursor, SHOWN_WAITERS);
    const slots = Math.min(this.#permits, 64);
    return { value: this.#permits, holding: 0, queued: 0, holderOfSlot: new Int32Array(slots), waiters: [], locked: this.#permits === 0 };
  }

  #render() {
    const unset = this.#trace === null && this.#permits === null;
    this.#root.toggleAttribute('data-unset', unset);
    if (unset) return this.#renderUnset();
    const s = this.#state();
    const key = JSON.stringify([this.#permits, s.value, s.holding, s.queued, [...s.holderOfSlot], s.waiters]);
    if (key === this.#drawn) return;
    this.#drawn = key;
    const permits = this.#permits;
    // sem._value can be lower than "permits minus holders": release() reserves a permit for the
    // next waiter before that waiter runs.
    const { reserved } = s;
    const over = s.value > permits ? ` (above its start: released more often than acquired)` : '';
    this.#text(
      '[data-available]',
      `value ${s.value} of ${permits}${over}: ${s.holding} ${plural(s.holding, 'permit', 'permits')} held` +
        `${reserved > 0 ? `, ${reserved} reserved for ${plural(reserved, 'a woken waiter', 'woken waiters')}` : ''}`,
    );
    const locked = this.#root.querySelector('[data-locked]');
    locked.textContent = `sem.locked() is ${s.locked ? 'True' : 'False'}${s.locked ? ': a newcomer has to wait' : ''}`;
    locked.className = s.locked ? 'locked yes' : 'locked no';
    this.#root.querySelector('[data-permits]').replaceChildren(...this.#permitItems(s));
    this.#root.querySelector('[data-queue]').replaceChildren(...this.#queueItems(s));
  }

  #renderUnset() {
    if (this.#drawn === 'unset') return;
    this.#drawn = 'unset';
    this.#text('[data-available]', 'The board appears once the settings above are valid.');
    this.#text('[data-locked]', '');
    this.#root.querySelector('[data-permits]').replaceChildren();
    this.#root.querySelector('[data-queue]').replaceChildren();
  }

  #text(selector, text) {
    this.#root.querySelector(selector).textContent = text;
  }

  #permitItems(s) {
    const items = [];
    const start = Math.min(this.#permits, s.holderOfSlot.length);
    s.holderOfSlot.forEach((holder, i) => {
      // Past the start only an extra release() lets a task in: shown while held, marked as such.
      if (i >= start) return holder && items.push(item('permit held extra', `${i + 1} (above the start): Task ${holder}`));
      items.push(item(holder ? 'permit held' : 'permit free', holder ? `${i + 1}: Task ${holder}` : `${i + 1}: free`));
    });
    if (this.#permits > start) items.push(item('permit more', `+${this.#permits - start} more permits`));
    if (this.#permits === 0) items.push(item('permit none', 'no permits at all'));
    return items;
  }

  #queueItems(s) {
    // Woken waiters stay in sem._waiters until they run; they are first in line and own a permit.
    const items = s.waiters.map((n, i) =>
      i < s.reserved
        ? item('woken', `Task ${n}: woken, a release handed it a permit`)
        : item('', `${i === s.reserved ? 'next: ' : ''}Task ${n}`),
    );
    if (s.queued > s.waiters.length) items.push(item('', `… and ${s.queued - s.waiters.length} more`));
    if (s.queued === 0) items.push(item('empty', 'nobody is waiting'));
    return items;
  }
}

function item(className, text) {
  const li = document.createElement('li');
  if (className) li.className = className;
  li.textContent = text;
  return li;
}
