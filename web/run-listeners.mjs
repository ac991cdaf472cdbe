// Who hears a run: the listener sets and the delivery rules shared by the Run driven on this thread
// (driver.mjs) and the one driven in a Web Worker (worker-runtime.mjs), so both keep one contract.

import { quote } from './contract.mjs';

const TYPES = ['events', 'batch', 'state', 'error'];

export class RunListeners {
  #sets = Object.fromEntries(TYPES.map((type) => [type, new Set()]));

  /** Subscribe to 'events', 'batch', 'state' or 'error'. Returns an unsubscribe function. */
  on(type, listener) {
    const set = this.#sets[type];
    if (!set) throw new TypeError(`unknown run event ${quote(String(type))} (allowed: ${TYPES.join(', ')})`); // String: a Symbol too
    // Refused now: called later, inside the run's timer, it would throw where no caller can catch it.
    if (typeof listener !== 'function') throw new TypeError(`on('${type}', listener): listener must be a function`);
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * A batch to 'batch' listeners as it is, and to 'events' listeners as plain objects, made only if
   * one listens (a million tasks make three million events).
   */
  deliver(batch) {
    for (const listener of this.#sets.batch) listener(batch);
    if (this.#sets.events.size === 0) return;
    const events = batch.toArray();
    for (const listener of this.#sets.events) listener(events);
  }

  /** `value` to every listener of `type`; returns how many heard it. */
  emit(type, value) {
    const listeners = [...this.#sets[type]];
    for (const listener of listeners) listener(value);
    return listeners.length;
  }
}
