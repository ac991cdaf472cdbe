// Compare permit counts (issue #14): the same scenario with several semaphore sizes, side by side,
// so a learner sees that a semaphore limits concurrency and costs time rather than making anything
// faster. Everything is measured from the trace, the way a learner would read it off the log.

import { checkTrace } from './arguments.mjs';
import { taskCount } from './scenario.mjs';

const ENDS_HOLDING = new Set(['finished', 'failed', 'timeout', 'release_error']);

/**
 * What a trace says about waiting and concurrency: `{ endTime, peakConcurrency, meanWait, maxWait }`.
 * A task's wait runs from asking for a permit (its 'waiting' line; a task that got one at once waited
 * 0 s) until it got one, gave up (timeout) or the run ended stuck (deadlock). Tasks that never asked
 * (timed out before) do not count.
 */
export function measureTrace(trace) {
  checkTrace('measureTrace(trace)', trace);
  const waitingSince = new Map();
  const holders = new Set();
  let asked = 0;
  let totalWait = 0;
  let maxWait = 0;
  let peakConcurrency = 0;
  const endWait = (task, t) => {
    const wait = t - waitingSince.get(task);
    waitingSince.delete(task);
    totalWait += wait;
    maxWait = Math.max(maxWait, wait);
  };
  for (const e of trace) {
    if (e.event === 'waiting') {
      asked += 1;
      waitingSince.set(e.task, e.t);
    } else if (e.event === 'started') {
      if (waitingSince.has(e.task)) endWait(e.task, e.t);
      else asked += 1; // got a permit without waiting
      holders.add(e.task);
      peakConcurrency = Math.max(peakConcurrency, holders.size);
    } else if (e.event === 'deadlock') {
      for (const task of [...waitingSince.keys()]) endWait(task, e.t);
    } else if (ENDS_HOLDING.has(e.event)) {
      if (waitingSince.has(e.task)) endWait(e.task, e.t);
      holders.delete(e.task);
    }
  }
  return { endTime: trace.at(-1)?.t ?? 0, peakConcurrency, meanWait: asked === 0 ? 0 : totalWait / asked, maxWait };
}

/**
 * One row per permit count: `{ permits, endTime, peakConcurrency, meanWait, maxWait }`. A count of
 * `null` means "no semaphore": as many permits as tasks, so nobody ever waits.
 * @param simulate (scenario) => trace, e.g. runtime.simulate
 * @param scenario a normalized scenario
 */
export function comparePermits(simulate, scenario, permitCounts) {
  return permitCounts.map((permits) => {
    const effective = permits === null ? Math.max(1, taskCount(scenario)) : permits;
    return { permits, ...measureTrace(simulate({ ...scenario, permits: effective })) };
  });
}

// --- programs -------------------------------------------------------------------------------------

/** Semaphores a comparison can vary: the program's first of these is "its" semaphore. */
const SEMAPHORES = new Set(['Semaphore', 'BoundedSemaphore']);
/** "No semaphore" for a program: a semaphore nobody ever waits for. */
export const UNLIMITED_PERMITS = 1_000_000_000;

/**
 * The program with the argument of the first `Semaphore(...)` call on line `line` replaced by
 * `permits` (`Semaphore(value=3)` and `Semaphore(limit * 2)` alike), or null when the line has none.
 */
export function withPermits(source, line, permits) {
  const lines = source.split('\n');
  const text = lines[line - 1] ?? '';
  const call = /\b(?:Bounded)?Semaphore\s*\(/.exec(text);
  if (!call) return null;
  const open = call.index + call[0].length;
  let depth = 1;
  let close = open;
  for (; close < text.length && depth > 0; close++) {
    if (text[close] === '(') depth += 1;
    else if (text[close] === ')') depth -= 1;
  }
  if (depth !== 0) return null; // the call goes on over several lines: not rewritten
  lines[line - 1] = `${text.slice(0, open)}${permits}${text.slice(close - 1)}`;
  return lines.join('\n');
}

/**
 * A program run's events about one semaphore, in the lesson's vocabulary, so measureTrace and the
 * queue charts read it like a scenario's trace: 'waiting', 'started' (acquired), 'finished'
 * (released), 'timeout' (gave up waiting), 'deadlock', and an 'end' at the program's last time.
 */
export function semaphoreTrace(result, primitive) {
  const ids = new Map(result.tasks.map((t, i) => [t.name, i + 1]));
  const KINDS = { waiting: 'waiting', acquired: 'started', released: 'finished', gave_up: 'timeout' };
  const trace = [];
  let end = 0;
  for (const e of result.events) {
    if (e.t !== null && e.t !== undefined) end = e.t;
    if (e.primitive === primitive && e.event in KINDS) trace.push({ t: e.t, task: ids.get(e.task) ?? 0, event: KINDS[e.event] });
  }
  if (result.deadlock) trace.push({ t: result.deadlock.t, task: 0, event: 'deadlock', waiting: [] });
  trace.push({ t: result.deadlock ? result.deadlock.t : end, task: 0, event: 'end' });
  return trace;
}

/** How a run ended when not normally: "deadlock", or its exception's final line; null when it finished. */
function endingOf(result) {
  if (result.deadlock) return 'deadlock';
  return result.exitStatus === 0 ? null : (result.finalLine ?? result.error.trim().split('\n').at(-1));
}

/** Why a program cannot be compared, in words, or null. */
function compareProblem(result) {
  const refused = result.exitStatus === 2 || /^SyntaxError\b/.test(result.finalLine ?? '');
  if (refused) return `the program does not run: ${result.finalLine ?? result.error.trim()}`;
  if (!result.primitives.some((p) => SEMAPHORES.has(p.type))) return 'the program creates no asyncio.Semaphore(...) to compare';
  return null;
}

/**
 * The program once per permit count, its first Semaphore(...) created with that many permits (null:
 * no semaphore, i.e. one nobody waits for): [{ permits, trace, ending }], trace as semaphoreTrace
 * gives it, ending how that run ended when not normally ("deadlock", or the exception's final line;
 * null when it finished). Throws a RangeError saying why when the program cannot be compared.
 * @param simulateProgram (source) => result, e.g. runtime.simulateProgram
 */
export function programVariants(simulateProgram, source, permitCounts) {
  const first = simulateProgram(source);
  const problem = compareProblem(first);
  if (problem) throw new RangeError(`cannot compare this program: ${problem}`);
  const sem = first.primitives.find((p) => SEMAPHORES.has(p.type));
  return permitCounts.map((permits) => {
    const varied = withPermits(source, sem.line, permits ?? UNLIMITED_PERMITS);
    if (varied === null) throw new RangeError(`cannot compare this program: line ${sem.line} has no Semaphore(...) call on one line`);
    const result = simulateProgram(varied);
    const again = result.primitives.find((p) => SEMAPHORES.has(p.type));
    return { permits, trace: semaphoreTrace(result, again?.id ?? 0), ending: endingOf(result) };
  });
}

/** runtime.compare for a program: [{ permits, endTime, peakConcurrency, meanWait, maxWait }]. */
export function compareProgram(simulateProgram, source, permitCounts) {
  return programVariants(simulateProgram, source, permitCounts).map(({ permits, trace }) => ({ permits, ...measureTrace(trace) }));
}
