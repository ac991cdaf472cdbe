// Types for the public JavaScript API of Semaphore Playground.

export type EventKind =
  | 'waiting'
  | 'started'
  | 'finished'
  | 'timeout'
  | 'failed'
  | 'deadlock'
  /** The task's extra sem.release() went through. */
  | 'extra_release'
  /** A BoundedSemaphore's release() raised ValueError in this task. */
  | 'release_error';

export interface RunEvent {
  /** Virtual time in seconds. */
  t: number;
  /** 1-based task id; 0 for the deadlock event. */
  task: number;
  event: EventKind;
  /** Unfinished task ids, ascending (deadlock events only). */
  waiting?: number[];
}

export interface TaskInput {
  duration?: number;
  start?: number;
  fail?: boolean;
  timeout?: number | null;
  /** Call sem.release() once more after `async with sem:` (a bug on purpose). */
  extra_release?: boolean;
}
export interface ScenarioInput {
  permits?: number;
  bounded?: boolean;
  duration?: number;
  tasks?: number | TaskInput[];
}
export interface Task {
  duration: number;
  start: number;
  fail: boolean;
  timeout: number | null;
  extra_release: boolean;
}
export interface Scenario {
  permits: number;
  bounded: boolean;
  duration: number;
  tasks: number | Task[];
}

export class ScenarioError extends Error {
  /** Path of the offending value, e.g. "permits" or "tasks[2].timeout". */
  field: string;
}

export const LIMITS: Readonly<{ maxCount: number; maxSeconds: number }>;
export const DEFAULTS: Readonly<{ permits: number; bounded: boolean; duration: number; tasks: number }>;
export const EVENT_KINDS: readonly EventKind[];

export function normalizeScenario(input?: ScenarioInput): Scenario;
export function idealTime(scenario: Scenario): number | null;
export function taskCount(scenario: Scenario): number;
export function formatTime(t: number): string;
/** The line the lesson's Python program prints for this event, exactly, or null (commentary only). */
export function programOutput(event: RunEvent): string | null;
/** The playground's explanation of this event (never printed by Python), or null. */
export function commentary(event: RunEvent, permits?: number, held?: boolean): string | null;
export function describeEvent(event: RunEvent, permits?: number): string;
export function formatEvent(event: RunEvent, permits?: number): string;
export function eventToJson(event: RunEvent): string;

export interface LoadOptions {
  moduleUrl?: string | URL;
  singleFile?: boolean;
  locateFile?: (path: string, prefix: string) => string;
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  now(): number;
}

export interface RunOptions {
  /** Virtual seconds per real second: at least 0.001 (a RangeError below), or Infinity; default 1. */
  speed?: number;
  instant?: boolean;
  budgetMs?: number;
  timers?: Timers;
}

/**
 * A cap on one run of a program (0 or absent: none). Over it the run ends with `budget: true` and
 * exitStatus null: not an outcome of the program, but "too big for this budget". maxSteps counts
 * bytecode steps plus one per item a built-in goes through, so it is deterministic: a program under
 * it runs exactly as without it. maxMs is wall-clock time, looked at every few thousand steps.
 */
export interface ProgramBudget {
  maxSteps?: number;
  maxMs?: number;
}

export interface Summary {
  endTime: number;
  ideal: number | null;
  tasks: number;
  permits: number;
  peakConcurrency: number;
  deadlocked: boolean;
  waiting: number[];
  counts: {
    waiting: number;
    started: number;
    finished: number;
    timeout: number;
    failed: number;
    extra_release: number;
    release_error: number;
  };
}

/** A batch of events read in place from one copy of the runtime's packed records (no object per event). */
export class EventBatch implements Iterable<RunEvent> {
  readonly length: number;
  /** Virtual time of event i, in seconds. */
  time(i: number): number;
  /** Task id of event i (0 for a deadlock). */
  task(i: number): number;
  kind(i: number): EventKind;
  /** For a batch ending in a deadlock: the stuck task ids; otherwise null. */
  readonly waiting: number[] | null;
  at(i: number): RunEvent;
  toArray(): RunEvent[];
  [Symbol.iterator](): Iterator<RunEvent>;
}

export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'deadlock' | 'error';

/**
 * What a run does, whatever it runs: the controls, the state and the two listener kinds that do not
 * depend on the events' shape. Run (a scenario) and ProgramRun (a program) add their own.
 */
export interface RunControls extends Disposable {
  readonly state: RunState;
  /** True once dispose() was called: start(), resume() and step() then throw. */
  readonly disposed: boolean;
  readonly speed: number;
  on(type: 'state', listener: (state: RunState) => void): () => void;
  on(type: 'error', listener: (error: unknown) => void): () => void;
  /** `now: true`: the first slice runs inside the call, not on a 0 ms host timer. */
  start(options?: { now?: boolean }): void;
  pause(): void;
  resume(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: number): void;
  now(): number;
  /**
   * Stop the run and free its Wasm memory for good (idempotent). A finished run frees that memory by
   * itself once its trace has been delivered; dispose() is for runs abandoned mid-way.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A scenario's run (runtime.createRun). The class is exported (`instanceof Run`); its members are the interface's. */
export class Run {}
export interface Run extends RunControls {
  readonly scenario: Scenario;
  /** Resolves when the run ends (done or deadlock); rejects if it fails, or is reset or disposed before it ends. */
  readonly done: Promise<Summary>;
  on(type: 'events', listener: (batch: RunEvent[]) => void): () => void;
  on(type: 'batch', listener: (batch: EventBatch) => void): () => void;
  on(type: 'state', listener: (state: RunState) => void): () => void;
  on(type: 'error', listener: (error: unknown) => void): () => void;
  semaphore(): { value: number; waiters: number; locked: boolean } | null;
  summary(): Summary;
}

export interface Comparison {
  /** The permit count, or null for "no semaphore" (as many permits as tasks). */
  permits: number | null;
  endTime: number;
  peakConcurrency: number;
  /** Seconds from asking for a permit to getting one (or giving up), over the tasks that asked. */
  meanWait: number;
  maxWait: number;
}

/**
 * One event of a program run (python/program_trace.hpp). t: virtual seconds (null outside asyncio.run).
 * task: the task's name (Task-1 is asyncio.run's main), null for the module's own code. primitive: the
 * id of a Semaphore, Lock or Event (ProgramResult.primitives); value: its value after the event (a
 * Lock 1 when unlocked, 0 when locked; an Event 1 when set). line: the program's line that made the
 * event (a task's ending: the line it left its coroutine at), 0 for none (a task running asyncio's own
 * coroutine). The last event may be how the run ended.
 */
export type ProgramEvent =
  | { t: number | null; event: 'print'; task: string | null; line: number; text: string }
  | { t: number; event: 'created'; task: string; line: number; function: string }
  | {
      t: number;
      event: 'waiting' | 'acquired' | 'gave_up' | 'released' | 'set' | 'woken';
      task: string | null;
      line: number;
      primitive: number;
      value: number;
    }
  | { t: number; event: 'finished' | 'cancelled'; task: string; line: number }
  | { t: number; event: 'failed'; task: string; line: number; text: string }
  /** time.sleep() blocked the loop from t (text: its seconds) */
  | { t: number; event: 'blocked'; task: string | null; line: number; text: string }
  /** text: what ran out of time, "wait_for(timeout=3)", "asyncio.timeout()" or "asyncio.timeout_at()" */
  | { t: number; event: 'timed_out'; task: string; line: number; text: string }
  /** ran: false when the program stopped before any of its lines ran (a SyntaxError, a refusal). */
  | { t: null; event: 'exception' | 'stopped'; text: string; ran?: false }
  | { t: number; event: 'deadlock'; tasks: StuckTask[] };

/** A task of a program run, by its id - 1: its name and the call it runs ("limited_task(1)"). */
export interface ProgramTask {
  name: string;
  function: string;
}

/** A Semaphore, BoundedSemaphore, Lock or Event of a program, by its id - 1. */
export interface ProgramPrimitive {
  id: number;
  type: 'Semaphore' | 'BoundedSemaphore' | 'Lock' | 'Event';
  /** The name the program assigns it to ("sem"), or "Semaphore #2" when it has none. */
  name: string;
  initial: number;
  line: number;
}

/** A task left waiting by a deadlock: its name (Task-2), its coroutine, what it awaits and at which line. */
export interface StuckTask {
  name: string;
  function: string;
  awaiting: string;
  /** 0 when the task's coroutine is asyncio's own (`create_task(event.wait())`): no line of the program */
  line: number;
}

export interface ProgramResult {
  /** stdout, exactly as python3 prints it */
  output: string;
  events: ProgramEvent[];
  /** 0; 1 uncaught exception, SyntaxError or a limit; 2 not supported by the playground; 3 deadlock; null over the budget */
  exitStatus: 0 | 1 | 2 | 3 | null;
  /** True when the run stopped at its ProgramBudget (then nothing here describes the program's ending). */
  budget: boolean;
  /** stderr text (traceback, SyntaxError report, deadlock explanation), or null */
  error: string | null;
  /**
   * Where each part of `error` was written between `output`'s, as python3 writes them to one
   * terminal: [UTF-8 bytes of output before it, its first UTF-8 byte in error], in order; the part of
   * error before the first mark (the compiler's warnings) comes first.
   */
  errorAt: [number, number][];
  /** the last line of Python's traceback ("ValueError: ..."), or null */
  finalLine: string | null;
  deadlock: { t: number; tasks: StuckTask[] } | null;
  steps: number;
  /** False when no line of the program ran: a SyntaxError (Python reads the whole file first), a construct the playground does not support, or its size. */
  ran: boolean;
  tasks: ProgramTask[];
  primitives: ProgramPrimitive[];
}

/** A batch of program events read in place (runProgram's 'batch' listeners). */
export interface ProgramBatch extends Iterable<ProgramEvent> {
  readonly length: number;
  time(i: number): number | null;
  /** Task id (1 = Task-1), 0 for the module's code and for an ending. */
  task(i: number): number;
  kind(i: number): ProgramEvent['event'];
  primitive(i: number): number;
  text(i: number): string | null;
  readonly waiting: string[] | null;
  at(i: number): ProgramEvent;
  toArray(): ProgramEvent[];
}

/** What a program run's done resolves with. */
export interface ProgramSummary {
  endTime: number;
  deadlocked: boolean;
  /** The stuck tasks' names after a deadlock. */
  waiting: string[];
  exitStatus: 0 | 1 | 2 | 3 | null;
  /** True when the run stopped at its ProgramBudget. */
  budget: boolean;
  finalLine: string | null;
  error: string | null;
  /** False when no line of the program ran (see ProgramResult.ran). */
  ran: boolean;
  output: string;
  tasks: ProgramTask[];
  primitives: ProgramPrimitive[];
  /** The most tasks that held one semaphore or lock at once. */
  peakConcurrency: number;
  counts: { created: number; finished: number; failed: number; cancelled: number };
}

/** A program played on host timers: the same controls as Run; its events are ProgramEvents. */
export interface ProgramRun extends RunControls {
  readonly scenario: null;
  /** Resolves when the run ends (done or deadlock); rejects if it fails, or is reset or disposed before it ends. */
  readonly done: Promise<ProgramSummary>;
  on(type: 'events', listener: (batch: ProgramEvent[]) => void): () => void;
  on(type: 'batch', listener: (batch: ProgramBatch) => void): () => void;
  on(type: 'state', listener: (state: RunState) => void): () => void;
  on(type: 'error', listener: (error: unknown) => void): () => void;
  summary(): ProgramSummary;
}

export function programEventToJson(event: ProgramEvent): string;

export class Runtime {
  simulate(scenario: ScenarioInput): RunEvent[];
  /** The scenario once per permit count, side by side; throws ScenarioError (field "permitCounts[i]"). */
  compare(scenario: ScenarioInput, permitCounts: (number | null)[]): Comparison[];
  /** A program (Python source), compared by varying its first Semaphore(...) argument (null: one nobody waits for). */
  compare(program: string, permitCounts: (number | null)[]): Comparison[];
  /** Run a program of the playground's Python (a subset of async Python 3.11) at once, on the virtual clock. */
  simulateProgram(source: string, options?: ProgramBudget): ProgramResult;
  /** The same program played on host timers (pause, step, batches), like createRun. */
  runProgram(source: string, options?: RunOptions & ProgramBudget): ProgramRun;
  createRun(scenario: ScenarioInput, options?: RunOptions): Run;
  /** Size of the Wasm memory in bytes (it never shrinks). */
  heapBytes(): number;
  /** Bytes of Wasm memory held by live allocations (it falls again when runs are freed). */
  allocatedBytes(): number;
  /** The C++ side of the shared contracts (web/contract.mjs): for consistency checks. */
  contract(): {
    maxCount: number;
    maxSeconds: number;
    problems: Record<number, string>;
    eventRecord: { bytes: number; time: number; task: number; kind: number };
    eventKinds: EventKind[];
    programEventRecord: { bytes: number; time: number; task: number; kind: number; lineShift: number; primitive: number; detail: number };
    programEventKinds: string[];
  };
}

export function loadRuntime(options?: LoadOptions): Promise<Runtime>;

/**
 * The runtime in a Web Worker (browsers): the same runs as Runtime's, driven in the worker, their
 * batches transferred, so the page's thread only reads events. What Runtime returns at once arrives
 * as a promise, rejecting with the error Runtime would throw (ScenarioError, RangeError, TypeError).
 */
export class WorkerRuntime {
  /** A new module worker running web/runtime-worker.mjs, or `worker` (anything with postMessage and listeners). */
  constructor(worker?: Worker);
  /** Resolves true once the worker has loaded the runtime, false if it could not. */
  readonly ready: Promise<boolean>;
  createRun(scenario: ScenarioInput, options?: Omit<RunOptions, 'timers'>): Run;
  runProgram(source: string, options?: Omit<RunOptions, 'timers'> & ProgramBudget): ProgramRun;
  simulateProgram(source: string, options?: ProgramBudget): Promise<ProgramResult>;
  compare(scenario: ScenarioInput, permitCounts: (number | null)[]): Promise<Comparison[]>;
  compare(program: string, permitCounts: (number | null)[]): Promise<Comparison[]>;
  /** makeProgramQuestion(id, simulateProgram(source)), made in the worker. */
  programQuestion(id: QuestionId, source: string): Promise<Question>;
  /**
   * Run the lesson once in the worker (3,000 tasks), so that the engine has optimised the interpreter
   * before a large program of yours runs there: for hosts that start the worker ahead of need.
   */
  warmUpPrograms(): Promise<null>;
  /** The worker's Wasm memory as it last reported it (it never shrinks: terminate() frees it). */
  heapBytes(): number;
  /** End the worker: its runs stop, its memory is freed, what was asked of it rejects. */
  terminate(): void;
}

/** Start a WorkerRuntime and wait until its runtime has loaded. */
export function loadWorkerRuntime(options?: { workerUrl?: URL | string }): Promise<WorkerRuntime>;

/** What a trace says about waiting and concurrency (the figures of Runtime.compare). */
export function measureTrace(trace: RunEvent[]): Omit<Comparison, 'permits'>;
export function traceToJsonl(trace: RunEvent[]): string;
export function traceFromJsonl(text: string): RunEvent[];
export function traceToCsv(trace: RunEvent[]): string;
export function traceFromCsv(text: string): RunEvent[];
/** The scenario's program as a Python file that prints the log's program lines. */
export function programFile(scenario: Scenario): string;
/** The displayed programs, one [text, eventKind?] pair per line. */
export function pythonProgram(scenario: Scenario): [string, EventKind?][];
export function cppProgram(scenario: Scenario): [string, EventKind?][];
export function programText(lines: [string, EventKind?][]): string;

export type QuestionId = 'total-time' | 'start-time' | 'finish-order' | 'peak' | 'deadlock' | 'first-after';
export const QUESTION_IDS: readonly QuestionId[];
export interface Question {
  id: QuestionId;
  text: string;
  placeholder: string;
  params: { task?: number; permits?: number; after?: number; on?: string };
}
/** A prediction question about a scenario; throws for an unknown id. */
export function makeQuestion(id: QuestionId, scenario: Scenario): Question;
/** A question about a program, from a run of it: about its first Semaphore or Lock (throws when it has none). */
export function makeProgramQuestion(id: QuestionId, result: ProgramResult): Question;
/** A program's events read the way the questions read a scenario's, one for one (pass it to reveal). */
export function questionTrace(events: ProgramEvent[], primitives: ProgramPrimitive[]): RunEvent[];
/**
 * The reveal after the run: the expected answer, whether the typed answer matches, and `at`, the index of
 * the event where prediction and trace first part; or `error` when the answer cannot be read.
 */
export function reveal(
  question: Question,
  answerText: string,
  trace: RunEvent[],
): { answer: unknown; expected: unknown; correct: boolean; at: number } | { error: string };

/**
 * What a playground reports after revealing a prediction: the `detail` of a `<semaphore-playground>`'s
 * bubbling 'semaphore-playground:prediction' event, and (with `source: 'semaphore-playground'`) the
 * message a playground in a frame posts to its parent.
 */
export interface PredictionReport {
  type: 'prediction';
  question: QuestionId;
  questionText: string;
  answer: unknown;
  expected: unknown;
  correct: boolean;
  /** Index of the event where the prediction and the run first part (the last event when right). */
  at: number;
}

/**
 * What a playground reports when an open lab's goal is met: the `detail` of a `<semaphore-playground lab="...">`'s
 * bubbling 'semaphore-playground:lab-complete' event, and (with `source: 'semaphore-playground'`) the message a
 * playground in a frame (`?lab=...`) posts to its parent.
 */
export interface LabCompleteReport {
  type: 'lab-complete';
  /** The lab's id in 'semaphore-playground/labs'. */
  lab: string;
  /** The check's words, e.g. "the extra release raised ValueError". */
  reason: string;
}
