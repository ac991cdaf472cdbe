// The lesson's words for each event, shared by the CLI and the page: `0.00s Task 1 started`.

export const EVENT_KINDS = Object.freeze(['waiting', 'started', 'finished', 'timeout', 'failed', 'deadlock']);

export function formatTime(t) {
  return `${t.toFixed(2)}s`;
}

function listOfTasks(ids) {
  return ids.length === 1 ? `task ${ids[0]} is` : `tasks ${ids.join(', ')} are`;
}

/** One line of text for an event (plain language for everything beyond the lesson's two lines). */
export function describeEvent(event) {
  switch (event.event) {
    case 'started':
      return `Task ${event.task} started`;
    case 'finished':
      return `Task ${event.task} finished`;
    case 'waiting':
      return `Task ${event.task} waiting for a permit`;
    case 'timeout':
      return `Task ${event.task} timed out`;
    case 'failed':
      return `Task ${event.task} failed (raised inside "async with sem", so its permit was released)`;
    case 'deadlock':
      return `Deadlock: ${listOfTasks(event.waiting)} still waiting for a permit that nobody will release`;
    default:
      return `Task ${event.task} ${event.event}`;
  }
}

export function formatEvent(event) {
  return `${formatTime(event.t)} ${describeEvent(event)}`;
}

/** One JSON Lines record: keys t, task, event (and waiting for a deadlock), in that order. */
export function eventToJson(event) {
  const record = { t: event.t, task: event.task, event: event.event };
  if (event.event === 'deadlock') record.waiting = event.waiting;
  return JSON.stringify(record);
}
