// The host timers a run gets inside a Web Worker (web/runtime-worker.mjs), for driver.mjs.
//
// An instant run works in slices of budgetMs and yields between two with a 0 ms timer, so that the
// page's messages (pause, reset, a comparison) get through. On the page that yield also lets the
// browser paint; in a worker nothing paints, and browsers make a timer nested five deep wait at least
// 4 ms (HTML's timer nesting level). A 100,000-task program in the page's worker waited about a third
// of its time: 370-440 ms against about 300 ms for the same run yielding without a timer (Chromium,
// bench/page_frames.mjs program-100k). Here a 0 ms wait is a message the worker posts to itself, which
// no browser delays, and which still comes after the page's messages already waiting. A real wait (a
// paced run's next deadline) stays a real timer. Either way at most one is outstanding per run: the
// driver cancels before it schedules.

// One channel for every run: a wait in flight must not hang on the run that asked for it staying
// reachable (a port nothing references may be collected with its message).
let channel = null;
const due = new Map(); // id -> the function of a 0 ms wait not yet delivered
let nextId = 1;

function deliver({ data: id }) {
  const fn = due.get(id);
  if (!fn) return; // cancelled meanwhile
  settle(id);
  fn();
}

/** Wait `id` is over (delivered or cancelled); with none left in flight, the port no longer keeps Node alive. */
function settle(id) {
  due.delete(id);
  if (due.size === 0) channel.port1.unref?.();
}

function post(fn) {
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = deliver;
  }
  // Node (the worker protocol's tests, the unit tests): a listening port keeps the process alive,
  // so it does so only while a wait is in flight, as a pending timer would.
  channel.port1.ref?.();
  const id = nextId++;
  due.set(id, fn);
  channel.port2.postMessage(id);
  return { id };
}

/** { setTimeout, clearTimeout, now } whose 0 ms waits are messages, not timers (checkTimers' shape). */
export const workerTimers = Object.freeze({
  setTimeout: (fn, ms) => (ms > 0 ? { timer: setTimeout(fn, ms) } : post(fn)),
  clearTimeout(handle) {
    if (handle.timer !== undefined) return clearTimeout(handle.timer);
    settle(handle.id);
    return undefined;
  },
  now: () => performance.now(),
});
