// A program run's printed lines, deadlock and exception, in the shape the log view reads from a
// scenario's trace (event(i), length, outputIndex, outputsBefore). Printed lines are program output;
// the ending (an uncaught exception, a deadlock, the playground's refusal) is commentary.

export class ProgramTrace {
  /** `result`: a runtime.simulateProgram result. */
  constructor(result) {
    let last = 0;
    this.events = result.events.map((e) => {
      const t = e.t ?? last; // lines printed outside asyncio.run() have no virtual time
      last = t;
      return { ...e, t };
    });
    this.length = this.events.length;
    this.outputIndex = [];
    this.events.forEach((e, i) => e.event === 'print' && this.outputIndex.push(i));
    this.endTime = last;
    this.ended = true;
  }

  event(index) {
    return this.events[index];
  }

  outputsBefore(position) {
    return this.outputIndex.filter((i) => i < position).length;
  }
}

/** The playground's words for how a program ended, or null when it simply finished. */
export function programEnding(result) {
  if (result.deadlock) {
    const stuck = result.deadlock.tasks.map((s) => `${s.name} (in ${s.function}, awaiting ${s.awaiting}, line ${s.line})`);
    return `Deadlock at ${result.deadlock.t}s: ${stuck.join('; ')} can never go on (Python would wait forever).`;
  }
  if (result.finalLine) return `The program stopped with an uncaught exception: ${result.finalLine}`;
  if (result.exitStatus !== 0) return (result.error ?? '').trim();
  return null;
}

/** The line a SyntaxError, an uncaught exception or a refusal points at (the innermost), or null. */
export function errorLine(result) {
  if (result.exitStatus === 0 || result.deadlock) return null;
  const lines = [...(result.error ?? '').matchAll(/line (\d+)/g)];
  return lines.length ? Number(lines.at(-1)[1]) : null;
}
