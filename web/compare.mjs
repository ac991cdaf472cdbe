// Compare permit counts (issue #14): the same scenario with several semaphore sizes, side by side,
// so a learner sees that a semaphore limits concurrency and costs time rather than making anything
// faster. Everything is measured from the trace, the way a learner would read it off the log.

import { taskCount } from './scenario.mjs';

const ENDS_HOLDING = new Set(['finished', 'failed', 'timeout', 'release_error']);

/**
 * What a trace says about waiting and concurrency: `{ endTime, peakConcurrency, meanWait, maxWait }`.
 * A task's wait runs from asking for a permit (its 'waiting' line; a task that got one at once waited
 * 0 s) until it got one, gave up (timeout) or the run ended stuck (deadlock). Tasks that never asked
 * (timed out before) do not count.
 */
export function measureTrace(trace) {
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
