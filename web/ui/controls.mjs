// The playback controls and the narration: what each button says and allows at the playback
// position (Run / Restart, Pause / Resume, Step back, Step, the scrubber), and the status line that
// says in one sentence what the latest step did.

import { commentary, exitedBy, formatTime } from '../format.mjs';
import { errorLine, stoppedSentence } from './program-trace.mjs';
import { Kind } from './trace.mjs';

const SPEED_WORDS = { 0.25: '0.25×', 0.5: '0.5×', 1: '1×', 2: '2×', 5: '5×', 20: '20×' };

export class Controls {
  #$;
  #status;
  #lastStatus = '';

  constructor($) {
    this.#$ = $;
    this.#status = $('status');
  }

  /** Buttons and scrubber for `session` (null: nothing has run); `pending`: the form differs from the run. */
  update(session, pending) {
    const $ = this.#$;
    const state = session?.state ?? 'idle';
    const trace = session?.trace;
    const atEnd = Boolean(trace?.ended && session.cursor >= trace.length);
    $('run').textContent = state === 'idle' ? 'Run' : state === 'running' || state === 'paused' ? 'Restart' : 'Run again';
    $('pause').textContent = state === 'paused' ? 'Resume' : 'Pause';
    $('pause').disabled = state !== 'running' && !(state === 'paused' && !atEnd);
    // A program that never ran (a SyntaxError) has its ending alone: nothing to step back to or scrub.
    const nothingRan = Boolean(trace?.ranNothing);
    $('back').disabled = !session || session.cursor === 0 || state === 'error' || nothingRan;
    $('step').disabled = state === 'error' || atEnd;
    $('pending').hidden = !pending || state === 'idle';
    const scrubber = $('scrubber');
    const known = trace?.length ?? 0;
    scrubber.disabled = !session || state === 'error' || nothingRan;
    scrubber.max = String(known);
    scrubber.value = String(session?.cursor ?? 0);
    const where = `event ${session?.cursor ?? 0} of ${known}${trace && !trace.ended ? ' so far' : ''} · ${formatTime(session?.position ?? 0)}`;
    scrubber.setAttribute('aria-valuetext', where);
    $('position').textContent = where;
  }

  /** The status line: what state the run is in, or what the latest step did. */
  say(text) {
    if (text === this.#lastStatus) return; // a status region announces every change: say each thing once
    this.#lastStatus = text;
    this.#status.textContent = text;
  }

  /**
   * `program`: how an edited program ended (app.mjs's result), once it has; `runnable`: whether Run
   * would run something (false: the settings are not valid and there is no edited program).
   */
  stateText(session, speed, program = null, runnable = true) {
    switch (session?.state ?? 'idle') {
      case 'idle':
        return runnable
          ? 'Ready. Run plays the program; Step shows it one event at a time.'
          : 'Fix the settings marked above, then press Run.';
      case 'running':
        return `Running at ${SPEED_WORDS[speed] ?? 'instant speed'}…`;
      case 'paused':
        return narrate(session);
      case 'done':
        return program ? programDoneText(program) : `Finished. ${REPLAY}`;
      case 'deadlock':
        return 'Deadlock: nothing can happen any more.';
      default:
        return 'The runtime stopped with an error. Reset starts a fresh one.';
    }
  }
}

const REPLAY = 'Step back, the scrubber or ← → replay any moment of the run.';
const firstLine = (text) => (text ?? '').trim().split('\n')[0];

/**
 * The status line once an edited program's run is done (`program`: app.mjs's result of it): how it
 * ended, since "Finished" would hide a program that never ran or that the playground stopped.
 */
export function programDoneText(program) {
  if (program.ran === false && program.exitStatus) return `Not run: ${notRunReason(program)}. Fix the program, then press Run.`;
  if (exitedBy(program.finalLine)) return `Exited with status ${program.exitStatus} (${program.finalLine}). ${REPLAY}`;
  if (program.finalLine) return `Finished with an uncaught exception, ${program.finalLine}. ${REPLAY}`;
  // The playground's own stop (its step, output or memory limit): no Python ending at all.
  if (program.exitStatus) return `${stoppedSentence(program.error)} ${REPLAY}`;
  return `Finished. ${REPLAY}`;
}

/** Why a program did not run: Python's SyntaxError with its line, or the playground's refusal. */
function notRunReason(program) {
  if (!program.finalLine) return firstLine(program.error);
  const line = errorLine(program);
  // "... after 'with' statement on line 6" names the error's line already: not "(line 6)" again.
  if (line === null || program.finalLine.endsWith(` on line ${line}`)) return program.finalLine;
  return `${program.finalLine} (line ${line})`;
}

const plural = (n, one, many) => (n === 1 ? one : many);

/** One line on what the latest shown event changed: "Event 9 of 12 at 2.00s: Task 4 acquires a permit: value 0 → 0, waiting [5]". */
export function narrate(session) {
  const { trace, cursor } = session;
  if (cursor === 0) return `Paused at ${formatTime(session.position)}, before the first event. Step shows the next one.`;
  const i = cursor - 1;
  const e = trace.event(i);
  if (!session.scenario) return narrateProgram(trace, cursor, e);
  const before = trace.semaphoreAt(i, 6);
  const after = trace.semaphoreAt(cursor, 6);
  const held = trace.startAt[e.task] !== -1 && trace.startAt[e.task] < i;
  const waited = trace.waitAt[e.task] !== -1 && trace.waitAt[e.task] < i;
  const what = describe(e, held, waited, handedTo(trace, i, before, after));
  const queue = after.queued > after.waiters.length ? `${after.waiters.join(', ')}, … (${after.queued})` : after.waiters.join(', ');
  return `Event ${cursor} of ${trace.length}${trace.ended ? '' : '+'} at ${formatTime(e.t)}: ${what}: value ${before.value} → ${after.value}, waiting [${queue}].`;
}

/**
 * The waiter a release at event `i` handed its permit to, or null. CPython 3.11's release() adds the
 * permit to sem._value and _wake_up_next() at once takes it for the first waiter not yet woken, so
 * the value stays put and that waiter owns the permit before it runs. Woken waiters stay in the
 * queue until they run, first in line: the one woken now comes after those already reserved.
 */
function handedTo(trace, i, before, after) {
  const released = after.holding < before.holding || trace.kind[i] === Kind.extra_release;
  if (!released || after.value !== before.value || before.queued === 0) return null;
  const { reserved } = before;
  const queue = reserved < before.waiters.length ? before.waiters : trace.semaphoreAt(i, reserved + 1).waiters;
  return queue[reserved] ?? null;
}

function describe(e, held, waited, to) {
  const release = to === null ? 'releases its permit' : `its release hands the permit to Task ${to}, first in line`;
  switch (e.event) {
    case 'waiting':
      return `Task ${e.task} joins the queue`;
    case 'started':
      return waited ? `Task ${e.task} wakes up holding the permit a release handed it` : `Task ${e.task} acquires a permit`;
    case 'finished':
      return `Task ${e.task} finishes and ${release}`;
    case 'failed':
      return `Task ${e.task} fails${held ? ` and ${release}` : ''}`;
    case 'timeout':
      return `Task ${e.task} times out${held ? ` and ${release}` : ' and leaves the queue'}`;
    case 'extra_release':
      return `Task ${e.task} calls sem.release() once more, with nothing acquired${to === null ? '' : `: Task ${to} gets the permit`}`;
    case 'release_error':
      return `Task ${e.task}: release() raises ValueError (BoundedSemaphore released too many times)`;
    default:
      return `Deadlock: ${e.waiting.length} ${plural(e.waiting.length, 'task waits', 'tasks wait')} and nobody can release`;
  }
}

/** The same line for an edited program's event: the playground's explanation, or the printed line. */
function narrateProgram(trace, cursor, e) {
  const what = commentary(e) ?? `${e.task ?? 'the module'} prints ${JSON.stringify(e.text)}`;
  return `Event ${cursor} of ${trace.length}${trace.ended ? '' : '+'} at ${formatTime(e.t)}: ${what}.`;
}
