// Types for 'semaphore-playground/labs' (web/labs.mjs).

/** What a check reads: a runtime.simulateProgram result has these fields. */
export interface LabResult {
  /** Everything the program printed. */
  output: string;
  /** Truthy when the run ended where Python would wait forever. */
  deadlock: unknown;
  /** The final line of an uncaught exception ("ValueError: ..."), or null. */
  error: string | null;
}

export interface Lab {
  id: string;
  title: string;
  goal: string;
  hint: string;
  /** The starting program: it does not meet the goal. */
  program: string;
  /** A program that meets the goal. */
  solution: string;
  check(result: LabResult): { met: boolean; reason: string };
}

export const labs: readonly Lab[];
