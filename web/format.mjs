// The words for each event, shared by the CLI, the page and the JS API.
//
// An event is one of two kinds of line (issue #11):
//   - program output: exactly what the lesson's Python program (web/lesson-program.mjs) prints for it,
//     character for character ("Task 1 started");
//   - commentary: the playground's own explanation, which no Python program prints ("Task 4 waits: all
//     3 permits are taken, so it joins the queue", a deadlock). Views must show it as commentary.
// Some events have both: a failure prints "Task 2 failed" and is explained ("... released its permit").

import { AN_EVENT, checkArgument, isEvent } from './arguments.mjs';

// The order is the runtime's EventKind (core/scenario.hpp): records carry the index.
export const EVENT_KINDS = Object.freeze([
  'waiting',
  'started',
  'finished',
  'timeout',
  'failed',
  'deadlock',
  'extra_release',
  'release_error',
]);

/** Whether an uncaught exception's final line is a SystemExit's (exit(), quit()): an ending, not a failure. */
export const exitedBy = (finalLine) => /^SystemExit(:|$)/.test(finalLine ?? '');

/**
 * The playground's own stop (its step, output or memory limit) in words: the message's closing
 * "(line 5)" becomes ", at line 5", which reads better after the message's own parenthesis
 * ("… (an endless loop that never awaits?), at line 5").
 */
export function stoppedAt(message) {
  const text = (message ?? '').trim().split('\n')[0];
  const at = / \(line (\d+)\)$/.exec(text);
  return at ? `${text.slice(0, at.index)}, at line ${at[1]}` : text;
}

export function formatTime(t) {
  checkArgument('formatTime(t)', 't', t, (x) => typeof x === 'number', 'a number of seconds');
  return `${t.toFixed(2)}s`;
}

/**
 * An event of an edited program's run (runtime.runProgram): its task is a name ("Task-2") or null,
 * where a scenario's task is a number. Only its prints are output; the rest is commentary.
 */
const isProgramEvent = (event) => typeof event.task === 'string' || event.task === null;

/** The line the lesson's Python program prints for this event, exactly, or null when it prints none. */
export function programOutput(event) {
  checkArgument('programOutput(event)', 'event', event, isEvent, AN_EVENT);
  if (isProgramEvent(event)) return event.event === 'print' ? event.text : null;
  switch (event.event) {
    case 'started':
      return `Task ${event.task} started`;
    case 'finished':
      return `Task ${event.task} finished`;
    case 'timeout':
      return `Task ${event.task} timed out`;
    case 'failed':
      return `Task ${event.task} failed`;
    case 'extra_release':
      return `Task ${event.task} released again`;
    case 'release_error':
      return `Task ${event.task}: BoundedSemaphore released too many times`;
    case 'print': // a line an edited program printed (web/program.mjs)
      return event.text;
    default:
      return null;
  }
}

function permitsTaken(permits) {
  if (permits === undefined) return 'no permit is free';
  if (permits === 0) return 'the semaphore has no permits';
  return permits === 1 ? 'the only permit is taken' : `all ${permits} permits are taken`;
}

function timedOut(task, held) {
  if (held === true) return `asyncio.timeout cancelled task ${task} while it held a permit; "async with sem" released it`;
  if (held === false) return `asyncio.timeout cancelled task ${task} before it got a permit`;
  return `asyncio.timeout cancelled task ${task}; a permit it held was released by "async with sem"`;
}

/**
 * The playground's explanation of this event, or null when the program's own line says it all.
 * Optional context makes it concrete: `permits` (the semaphore's initial value) and, for a timeout,
 * `held` (whether the task held a permit when it was cancelled).
 */
export function commentary(event, permits, held) {
  checkArgument('commentary(event)', 'event', event, isEvent, AN_EVENT);
  if (isProgramEvent(event)) return programCommentary(event);
  switch (event.event) {
    case 'waiting':
      return `Task ${event.task} waits: ${permitsTaken(permits)}, so it joins the queue`;
    case 'timeout':
      return timedOut(event.task, held);
    case 'failed':
      return `task ${event.task} raised inside "async with sem", which still released its permit`;
    case 'extra_release':
      return `sem.release() without an acquire: the semaphore now has one permit more than it started with, so more than ${permits ?? 'its initial number of'} tasks can hold it at once`;
    case 'release_error':
      return `a BoundedSemaphore never goes above its initial value: release() raised ValueError in task ${event.task}`;
    case 'exception': // how an edited program ended (web/program.mjs): commentary, not output
      // Python reads the whole file before it runs a line: after a SyntaxError nothing ran at all.
      if (event.ran === false) return `the program did not run: Python found ${event.text} before running any of it`;
      if (exitedBy(event.text)) return `the program exited (${event.text}): python3 ends here, without a traceback`;
      return `the program stopped with an uncaught exception: ${event.text}`;
    case 'stopped':
      return event.ran === false ? `the program did not run: ${event.text}` : stoppedAt(event.text);
    case 'deadlock': {
      if (event.tasks) return programDeadlock(event.tasks);
      const ids = event.waiting;
      const who = ids.length === 1 ? `task ${ids[0]} waits` : `tasks ${ids.join(', ')} wait`;
      return `Deadlock: ${who} for a permit nobody will release (Python would wait forever)`;
    }
    default:
      return null;
  }
}

/** The playground's explanation of an edited program's event (`on`: the primitive's name, if known). */
function programCommentary(event) {
  const who = event.task ?? 'the module';
  const on = event.on ?? `primitive #${event.primitive}`;
  // A Lock has no value a program sees (its events count 1 free, 0 held): it is locked or not.
  const lock = event.onType === 'Lock';
  const state = (now) => (lock ? `${now ? 'now ' : ''}${event.value ? 'unlocked' : 'locked'}` : `value ${now ? 'now ' : ''}${event.value}`);
  switch (event.event) {
    case 'created':
      return `${who} is created to run ${event.function}`;
    case 'waiting':
      // An Event has no value a program sees, nor a queue it is served from: set() wakes every waiter.
      if (event.onType === 'Event') return `${who} waits in ${on}.wait(): it wakes when a task calls ${on}.set()`;
      return `${who} waits for ${on} (${state(false)}): it joins the queue`;
    case 'acquired':
      // CPython 3.11's Semaphore.release() takes the permit for the first waiter at once (_wake_up_next):
      // the waiter owns it before it runs, and its acquire() changes no value. A Lock's waiter takes
      // the lock itself when it runs.
      if (event.afterWait && !lock) return `${who} wakes up holding ${on}: a release handed it the permit (${state(true)})`;
      return `${who} acquires ${on} (${state(true)})`;
    case 'gave_up':
      return `${who} stops waiting for ${on}: its wait was cancelled`;
    case 'released':
      // Only a hand-over brings a semaphore back to 0 on release: the permit went to the next in line.
      if (!lock && event.value === 0) return `${who} releases ${on}: the permit goes straight to the next task in line (value stays 0)`;
      return `${who} releases ${on} (${state(true)})`;
    case 'set':
      return `${who} sets ${on}: every task waiting for it wakes`;
    case 'woken':
      return `${who} wakes up: ${on} is set`;
    case 'finished':
      return `${who} returns${stillHolding(event.stillHolding)}`;
    case 'failed': // the exception's own words may end in anything: a comma keeps them apart
      return `${who} ends with ${event.text}${stillHolding(event.stillHolding, ',')}`;
    case 'cancelled':
      return `${who} ends cancelled${stillHolding(event.stillHolding, ',')}`;
    case 'timed_out':
      return `${who}'s ${event.text} ran out of time: it cancels what ${who} is awaiting, and TimeoutError follows`;
    case 'blocked': // time.sleep(): outside asyncio.run() there is no loop to block
      if (!event.task) return `the module sleeps ${event.text} s in time.sleep()`;
      return `${who} blocks the whole event loop for ${event.text} s in time.sleep(): no other task runs meanwhile (await asyncio.sleep() would let them)`;
    default:
      return null; // a print says it all
  }
}

/**
 * " still holding a permit of sem: nothing released it" for a task that ends holding what it acquired
 * (`held`: [{ name, type, count }], ProgramTrace); '' when it holds nothing. asyncio has no owners:
 * nothing releases a permit or a lock when its task ends, so every later acquire() waits for it.
 */
function stillHolding(held, separator = '') {
  if (!held?.length) return '';
  const one = ({ name, type, count }) => {
    if (type === 'Lock') return `${name} (locked)`;
    return count === 1 ? `a permit of ${name}` : `${count} permits of ${name}`;
  };
  const count = held.reduce((n, h) => n + (h.type === 'Lock' ? 1 : h.count), 0);
  return `${separator} still holding ${held.map(one).join(' and ')}: nothing released ${count === 1 ? 'it' : 'them'}`;
}

function programDeadlock(stuck) {
  // line 0: the task runs asyncio's own coroutine (create_task(event.wait())), no line of the program
  const who = stuck.map((s) => `${s.name} awaits ${s.awaiting}${s.line > 0 ? ` (line ${s.line})` : ''}`).join('; ');
  return `Deadlock: ${who}; nothing can ever wake them (Python would wait forever)`;
}

/** One line of text for an event: the program's output if it prints one, else the commentary. */
export function describeEvent(event, permits) {
  checkArgument('describeEvent(event)', 'event', event, isEvent, AN_EVENT);
  return programOutput(event) ?? commentary(event, permits);
}

/** describeEvent after the event's time; a line a program printed outside asyncio.run() (t null) has none. */
export function formatEvent(event, permits) {
  checkArgument('formatEvent(event)', 'event', event, isEvent, AN_EVENT);
  const text = describeEvent(event, permits);
  return event.t === null ? text : `${formatTime(event.t)} ${text}`;
}

/** One JSON Lines record: keys t, task, event (and waiting for a deadlock), in that order. */
export function eventToJson(event) {
  checkArgument('eventToJson(event)', 'event', event, isEvent, AN_EVENT);
  const record = { t: event.t, task: event.task, event: event.event };
  if (event.event === 'deadlock') record.waiting = event.waiting;
  return JSON.stringify(record);
}
