// The summary under the log once the playback reaches the end: total virtual time against the ideal,
// peak concurrency, how the tasks ended, and for a deadlock who is stuck and why.

import { formatTime } from '../format.mjs';

const plural = (n, one, many) => (n === 1 ? one : many);

export function summaryText(result) {
  const parts = [`Total virtual time ${formatTime(result.endTime)}`];
  if (result.ideal !== null && !result.deadlocked) {
    parts.push(`ideal ceil(${result.tasks}/${result.permits}) × duration = ${formatTime(result.ideal)}`);
  }
  parts.push(`peak concurrency ${result.peakConcurrency} of ${result.permits} ${plural(result.permits, 'permit', 'permits')}`);
  const c = result.counts;
  parts.push(`${c.finished} finished, ${c.timeout} timed out, ${c.failed} failed`);
  let text = `${parts.join('; ')}.`;
  if (result.deadlocked) {
    const ids = result.waiting;
    text +=
      ` Deadlock: ${plural(ids.length, 'task', 'tasks')} ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? `, … (${ids.length} in all)` : ''} ` +
      `${plural(ids.length, 'waits', 'wait')} for a permit, but no task holds one and no timer is pending, so nobody will ever call release().` +
      (result.permits === 0 ? ' Semaphore(0) starts with no permits at all.' : '');
  }
  return text;
}

export function showSummary(element, result) {
  if (!result) {
    element.hidden = true;
    element.textContent = '';
    return;
  }
  const text = summaryText(result);
  if (element.textContent !== text) element.textContent = text;
  element.hidden = false;
}
