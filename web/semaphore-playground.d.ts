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

export interface TaskInput {
  duration?: number;
  start?: number;
  fail?: boolean;
  timeout?: number | null;
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

export interface RunOptions {
  speed?: number;
  instant?: boolean;
  budgetMs?: number;
  timers?: Timers;
}

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

export class Run implements Disposable {
  readonly state: RunState;
  /** True once dispose() was called: start(), resume() and step() then throw. */
  readonly disposed: boolean;
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
  /**
   * Stop the run and free its Wasm memory for good (idempotent). A finished run frees that memory by
   * itself once its trace has been delivered; dispose() is for runs abandoned mid-way.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}

export class Runtime {
  simulate(scenario: ScenarioInput): RunEvent[];
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
  };
}

export function loadRuntime(options?: LoadOptions): Promise<Runtime>;
