// A lab's check (web/labs.mjs) over a runtime.simulateProgram result. The one place where the
// interpreter's result is adapted to what a check reads, { output, deadlock, error }: `error` is the
// final line of an uncaught exception ("ValueError: ..."), or the playground's own refusal (an
// unsupported statement, a step limit), never a deadlock's stderr report (that is `deadlock`).

/** What a lab's check reads, from a simulateProgram result. */
export function labInput(result) {
  let error = result.finalLine ?? null;
  if (error === null && !result.deadlock && result.exitStatus !== 0)
    error = (result.error ?? '').trim() || `exit status ${result.exitStatus}`;
  return { output: result.output, deadlock: result.deadlock, error };
}

/** Run `lab.check` on a simulateProgram result: { met, reason }. */
export function checkLab(lab, result) {
  return lab.check(labInput(result));
}

/** The verdict in words: "Goal met: ...", "Not yet: ..." (a reason that only repeats "goal met" is dropped). */
export function verdictText({ met, reason }) {
  if (met && reason === 'goal met') return 'Goal met.';
  return `${met ? 'Goal met' : 'Not yet'}: ${reason}.`;
}
