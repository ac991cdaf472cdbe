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

/**
 * What an edited program's python3 would also write to stderr (`result`: app.mjs's result of the
 * run; null: nothing to show), in a closed block under the summary: "Task exception was never
 * retrieved", "coroutine ... was never awaited", an uncaught exception's whole traceback. The log
 * is stdout's; a learner who runs the program in a terminal sees these too.
 */
export function showStderr(element, result) {
  const { text, messages, traceback } = pythonStderr(result);
  element.hidden = text === '';
  if (text === '') {
    element.open = false;
    return;
  }
  const said = [messages > 0 && `${messages} ${plural(messages, 'message', 'messages')}`, traceback && 'the traceback'].filter(Boolean);
  element.querySelector('summary').textContent = `What Python also writes to stderr: ${said.join(' and ')}`;
  element.querySelector('pre').textContent = text;
}

/**
 * python3's own part of a program's stderr, without the playground's words: none for a program it
 * refused or stopped at a limit, and a deadlock's report (the last part: errorAt's [stdout bytes
 * before it, its first byte in error's UTF-8]) left out of what python3 wrote before it hung.
 */
function pythonStderr(result) {
  const none = { text: '', messages: 0, traceback: false };
  if (!result || result.ran === false || !result.error) return none;
  const parts = result.errorAt?.length || 1;
  if (result.deadlock) {
    if (parts < 2) return none;
    const bytes = new TextEncoder().encode(result.error);
    return { text: new TextDecoder().decode(bytes.subarray(0, result.errorAt.at(-1)[1])), messages: parts - 1, traceback: false };
  }
  if (result.finalLine) return { text: result.error, messages: parts - 1, traceback: true };
  return result.exitStatus === 0 ? { text: result.error, messages: parts, traceback: false } : none;
}
