// Compiled by `npm run typecheck` (tsc --noEmit): the README's examples against the hand-written
// web/semaphore-playground.d.ts, through the package's own name and exports map. A wrong or missing
// declaration fails the check; the @ts-expect-error lines must stay errors.
import {
  loadRuntime,
  normalizeScenario,
  ScenarioError,
  formatEvent,
  EventBatch,
  LIMITS,
  type RunEvent,
  type Summary,
  type Scenario,
  type PredictionReport,
  programOutput,
  traceToCsv,
  traceToJsonl,
  traceFromJsonl,
  measureTrace,
  makeQuestion,
  reveal,
  Run,
  type ProgramRun,
  type RunControls,
  WorkerRuntime,
  type ProgramResult,
} from 'semaphore-playground';
import { labs } from 'semaphore-playground/labs';

export async function readme(): Promise<Summary> {
  const runtime = await loadRuntime({ singleFile: true });
  const trace: RunEvent[] = runtime.simulate({ permits: 3, tasks: 5 });
  trace.forEach((e) => console.log(formatEvent(e), e.waiting?.length ?? 0));

  const run = runtime.createRun({ permits: 2, tasks: 6, duration: 1 }, { speed: 2 });
  run.on('events', (batch) => batch.forEach((e) => console.log(formatEvent(e))));
  run.on('batch', (batch: EventBatch) => {
    for (let i = 0; i < batch.length; i++) console.log(batch.time(i), batch.task(i), batch.kind(i));
  });
  run.on('state', (state) => state === 'deadlock' && console.log('stuck'));
  run.start();
  const summary = await run.done;
  console.log(summary.endTime, summary.ideal ?? 'n/a', summary.counts.finished, runtime.heapBytes(), runtime.allocatedBytes());
  run.dispose();
  return summary;
}

export function disposing(runtime: Awaited<ReturnType<typeof loadRuntime>>): boolean {
  using run = runtime.createRun({ tasks: [{ duration: 1 }, { timeout: null, fail: true }] }, { instant: true });
  run.step();
  return run.disposed;
}

export function compareAndExport(runtime: Awaited<ReturnType<typeof loadRuntime>>): string {
  const rows = runtime.compare({ permits: 3, tasks: 5 }, [1, 2, 3, null]);
  const slowest = Math.max(...rows.map((r) => r.endTime));
  const trace = runtime.simulate({ tasks: [{ extra_release: true }, {}] });
  const printed = trace.map(programOutput).filter((line): line is string => line !== null);
  return `${slowest} ${printed.join('/')} ${traceToCsv(trace)} ${traceFromJsonl(traceToJsonl(trace)).length} ${measureTrace(trace).maxWait}`;
}

export function labsAndPredictions(trace: RunEvent[], scenario: Scenario): boolean {
  const question = makeQuestion('total-time', scenario);
  const outcome = reveal(question, '4', trace);
  const lab = labs.find((l) => l.id === 'lesson');
  return ('correct' in outcome && outcome.correct) || (lab?.check({ output: '', deadlock: false, error: null }).met ?? false);
}

/** A course page hearing a prediction from an element or a frame (examples/course.mjs, typed). */
export function heardPrediction(event: Event | MessageEvent): string | null {
  const report: PredictionReport | undefined = event instanceof MessageEvent ? event.data : (event as CustomEvent<PredictionReport>).detail;
  if (report?.type !== 'prediction') return null;
  return `${report.question}: ${report.correct ? 'right' : 'wrong'} at event ${report.at + 1}`;
}

export function errors(): string {
  try {
    const scenario: Scenario = normalizeScenario({ permits: LIMITS.maxCount + 1 });
    return String(scenario.tasks);
  } catch (error) {
    if (error instanceof ScenarioError) return `${error.field}: ${error.message}`;
    throw error;
  }
}

// @ts-expect-error: tasks is a count or a list of task objects, not a string
normalizeScenario({ tasks: 'many' });
// @ts-expect-error: 'finish' is not a run event
export const unknownEvent = (run: ReturnType<Awaited<ReturnType<typeof loadRuntime>>['createRun']>) => run.on('finish', () => {});

// A scenario's Run and a program's run share their controls; each has its own events and summary.
export async function programs(runtime: Awaited<ReturnType<typeof loadRuntime>>): Promise<number> {
  const scenarioRun = runtime.createRun({ permits: 1, tasks: 2 }, { instant: true });
  const played: ProgramRun = runtime.runProgram('import asyncio\n', { instant: true });
  const both: RunControls[] = [scenarioRun, played];
  both.forEach((r) => r.pause());
  played.on('batch', (batch) => batch.text(0));
  played.start();
  const summary = await played.done;
  return (scenarioRun instanceof Run ? 1 : 0) + summary.primitives.length + summary.counts.created;
}

// Edited programs in a Web Worker (issue #13): the same run, and promises for what Runtime returns at once.
export async function inAWorker(source: string): Promise<string> {
  const runtime = new WorkerRuntime();
  if (!(await runtime.ready)) return 'no worker';
  const warmed: null = await runtime.warmUpPrograms();
  const played: ProgramRun = runtime.runProgram(source, { instant: true });
  played.on('batch', (batch) => batch.kind(0));
  played.start();
  const summary = await played.done;
  const result: ProgramResult = await runtime.simulateProgram(source);
  const rows = await runtime.compare(source, [1, 2, null]);
  const question = await runtime.programQuestion('peak', source);
  runtime.terminate();
  return `${warmed}${summary.exitStatus} ${result.output} ${rows.length} ${question.text} ${runtime.heapBytes()}`;
}
// @ts-expect-error: a worker's simulateProgram is a promise, not the result
export const notAtOnce = (runtime: WorkerRuntime): string => runtime.simulateProgram('').output;
