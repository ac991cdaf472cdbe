// Types for the public JavaScript API of Semaphore Playground.

export type EventKind = 'waiting' | 'started' | 'finished' | 'timeout' | 'failed' | 'deadlock';

export interface RunEvent {
  /** Virtual time in seconds. */
  t: number;
  /** 1-based task id; 0 for the deadlock event. */
  task: number;
  event: EventKind;
  /** Unfinished task ids, ascending (deadlock events only). */
  waiting?: number[];
}

export interface TaskInput { duration?: number; start?: number; fail?: boolean; timeout?: number | null }
export interface ScenarioInput { permits?: number; bounded?: boolean; duration?: number; tasks?: number | TaskInput[] }
export interface Task { duration: number; start: number; fail: boolean; timeout: number | null }
export interface Scenario { permits: number; bounded: boolean; duration: number; tasks: number | Task[] }

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
export function describeEvent(event: RunEvent): string;
export function formatEvent(event: RunEvent): string;
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

export interface RunOptions { speed?: number; instant?: boolean; budgetMs?: number; timers?: Timers }

export interface Summary {
  endTime: number;
  ideal: number | null;
  tasks: number;
  permits: number;
  peakConcurrency: number;
  deadlocked: boolean;
  waiting: number[];
  counts: { waiting: number; started: number; finished: number; timeout: number; failed: number };
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

export class Run {
  readonly state: RunState;
  readonly scenario: Scenario;
  readonly speed: number;
  readonly done: Promise<Summary>;
  on(type: 'events', listener: (batch: RunEvent[]) => void): () => void;
  on(type: 'batch', listener: (batch: EventBatch) => void): () => void;
  on(type: 'state', listener: (state: RunState) => void): () => void;
  on(type: 'error', listener: (error: unknown) => void): () => void;
  start(): void;
  pause(): void;
  resume(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: number): void;
  now(): number;
  semaphore(): { value: number; waiters: number; locked: boolean } | null;
  summary(): Summary;
}

/** One event of a program run: a printed line, or how the run ended. t: virtual seconds (null outside asyncio.run). */
export type ProgramEvent =
  | { t: number | null; event: 'print'; text: string }
  | { t: null; event: 'exception' | 'stopped'; text: string }
  | { t: number; event: 'deadlock'; tasks: StuckTask[] };

/** A task left waiting by a deadlock: its name (Task-2), its coroutine, what it awaits and at which line. */
export interface StuckTask { name: string; function: string; awaiting: string; line: number }

export interface ProgramResult {
  /** stdout, exactly as python3 prints it */
  output: string;
  events: ProgramEvent[];
  /** 0; 1 uncaught exception, SyntaxError or a limit; 2 not supported by the playground; 3 deadlock */
  exitStatus: 0 | 1 | 2 | 3;
  /** stderr text (traceback, SyntaxError report, deadlock explanation), or null */
  error: string | null;
  /** the last line of Python's traceback ("ValueError: ..."), or null */
  finalLine: string | null;
  deadlock: { t: number; tasks: StuckTask[] } | null;
  steps: number;
}

export function programResult(json: string): ProgramResult;
export function programEventToJson(event: ProgramEvent): string;

export class Runtime {
  simulate(scenario: ScenarioInput): RunEvent[];
  /** Run a program of the playground's Python (a subset of async Python 3.11) at once, on the virtual clock. */
  simulateProgram(source: string): ProgramResult;
  createRun(scenario: ScenarioInput, options?: RunOptions): Run;
  heapBytes(): number;
}

export function loadRuntime(options?: LoadOptions): Promise<Runtime>;
