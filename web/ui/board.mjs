// The permit board: each permit (free, or which task holds it), locked(), and the FIFO queue.

import { onNextFrame } from './frame.mjs';

const SHOWN_WAITERS = 24;

export class PermitBoard {
  #root;
  #schedule = onNextFrame(() => this.#render());
  #model = null;
  #semaphore = null;

  constructor(root) {
    this.#root = root;
  }

  /** `semaphore` is the runtime's own state ({value, waiters, locked}), or null before a run. */
  show(model, semaphore) {
    this.#model = model;
    this.#semaphore = semaphore;
    this.#schedule();
  }

  #render() {
    const m = this.#model;
    if (!m) return;
    const permits = this.#root.querySelector('[data-permits]');
    const slots = [];
    for (let i = 0; i < m.shown; i++) {
      const holder = m.holderOfSlot[i];
      const slot = document.createElement('li');
      slot.className = holder ? 'permit held' : 'permit free';
      slot.textContent = holder ? `Task ${holder}` : 'free';
      slot.title = holder ? `permit ${i + 1} is held by task ${holder}` : `permit ${i + 1} is available`;
      slots.push(slot);
    }
    if (m.permits > m.shown) {
      const more = document.createElement('li');
      more.className = 'permit more';
      more.textContent = `+${m.permits - m.shown} more`;
      slots.push(more);
    }
    if (m.permits === 0) {
      const none = document.createElement('li');
      none.className = 'permit none';
      none.textContent = 'no permits at all';
      slots.push(none);
    }
    permits.replaceChildren(...slots);

    const queued = m.queueLength();
    const sem = this.#semaphore ?? { value: m.permits, waiters: 0, locked: m.permits === 0 };
    // sem._value can be lower than "permits minus holders": release() reserves a permit for the
    // next waiter before that waiter runs.
    const reserved = m.permits - m.holding - sem.value;
    this.#root.querySelector('[data-available]').textContent =
      `value ${sem.value} of ${m.permits}: ${m.holding} held${reserved > 0 ? `, ${reserved} reserved for a woken waiter` : ''}`;
    // locked(): no permit left, or a waiter is queued ahead (newcomers do not overtake).
    const locked = sem.locked;
    const lockedText = this.#root.querySelector('[data-locked]');
    lockedText.textContent = `sem.locked() is ${locked ? 'True' : 'False'}`;
    lockedText.className = locked ? 'locked yes' : 'locked no';

    const waiters = m.waiters(SHOWN_WAITERS).map((n, i) => {
      const item = document.createElement('li');
      item.textContent = `${i === 0 ? 'next: ' : ''}Task ${n}`;
      return item;
    });
    if (queued > SHOWN_WAITERS) {
      const more = document.createElement('li');
      more.textContent = `… and ${queued - SHOWN_WAITERS} more`;
      waiters.push(more);
    }
    if (queued === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'nobody is waiting';
      waiters.push(empty);
    }
    this.#root.querySelector('[data-queue]').replaceChildren(...waiters);
  }
}
