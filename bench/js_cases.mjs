// The JavaScript implementations of the benchmark workloads, one case per process (so memory
// figures are the case's own). Run by bench/run.mjs:  node bench/js_cases.mjs IMPL WORKLOAD N K
//   IMPL: wasm (this runtime through the public JavaScript API, events read as EventBatch),
//         wasm-events (the same, events decoded into one object each), p-limit, async-sema,
//         wasm-program (WORKLOAD lesson: the page's lesson program run by runtime.runProgram, and simulateProgram)
import pLimit from 'p-limit';
import { Sema } from 'async-sema';

import { loadRuntime } from '../web/semaphore-playground.mjs';
import { lessonOutcome, lessonSource } from './lesson_program.mjs';

const [impl, workload, nText, kText] = process.argv.slice(2);
const n = Number(nText);
const k = Number(kText ?? 1);
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve)); // like asyncio.sleep(0)
const hold = (workload) => (workload === 'w2' ? new Promise((resolve) => setTimeout(resolve, 1)) : yieldToLoop());

async function wasm({ objects }) {
  const runtime = await loadRuntime();
  if (workload === 'w3') return null; // one task re-acquiring is not a scenario the public API can express
  // Count the host timers the driver keeps outstanding, on the real setTimeout.
  let outstanding = 0;
  let maxOutstanding = 0;
  const timers = {
    setTimeout: (fn, ms) => {
      outstanding += 1;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      return setTimeout(() => {
        outstanding -= 1;
        fn();
      }, ms);
    },
    clearTimeout: (id) => {
      outstanding -= 1;
      clearTimeout(id);
    },
    now: () => performance.now(),
  };
  const before = runtime.heapBytes();
  const start = performance.now();
  const run = runtime.createRun(
    { permits: k, tasks: n, duration: workload === 'w1' ? 0 : 0.001 },
    workload === 'w1' ? { instant: true, budgetMs: 50, timers } : { speed: 1, timers },
  );
  let events = 0;
  if (objects) {
    run.on('events', (batch) => {
      events += batch.length;
    });
  } else {
    run.on('batch', (batch) => {
      events += batch.length;
    });
  }
  run.start();
  const summary = await run.done;
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    max_concurrency: summary.peakConcurrency,
    completed: summary.counts.finished,
    peak_bytes: runtime.heapBytes(),
    heap_bytes_per_task: (runtime.heapBytes() - before) / n,
    events_per_s: events / seconds,
    host_timers_max: maxOutstanding,
  };
}

// The lesson program of N tasks, as a learner's program: parsed, compiled and run by the playground's
// Python in Wasm. `seconds`: runtime.runProgram at instant speed, its events read in place as
// ProgramBatches (what CPython's run is compared with: the program run, its output produced);
// `objects_seconds`: runtime.simulateProgram, every event also made a JavaScript object. Also the
// page's first run: the lesson as shown (10 tasks, 2 s) in a fresh runtime, then once more.
async function wasmProgram() {
  const loadStart = performance.now();
  const runtime = await loadRuntime();
  const loadMs = performance.now() - loadStart;
  const page = lessonSource(10, { duration: 2 });
  const firstStart = performance.now();
  runtime.simulateProgram(page);
  const firstCallMs = performance.now() - firstStart;
  const againStart = performance.now();
  runtime.simulateProgram(page);
  const secondCallMs = performance.now() - againStart;

  const source = lessonSource(n, { permits: k });
  const before = runtime.heapBytes();
  const { seconds, events, summary } = await runLesson(runtime, source);
  const heapAfterRun = runtime.heapBytes(); // Wasm memory never shrinks: its size now is the run's peak
  const objectsStart = performance.now();
  const result = runtime.simulateProgram(source);
  const objectsSeconds = (performance.now() - objectsStart) / 1000;
  if (result.output !== summary.output) throw new Error('simulateProgram and runProgram printed different output');
  // Once more in the same runtime: its code compiled by the engine's optimising tier, its memory grown.
  const again = await runLesson(runtime, source);
  if (again.summary.output !== summary.output) throw new Error('a second runProgram printed different output');
  return {
    seconds,
    again_seconds: again.seconds,
    objects_seconds: objectsSeconds,
    events,
    ...lessonOutcome(summary.output),
    peak_bytes: heapAfterRun,
    heap_bytes_per_task: (heapAfterRun - before) / n,
    load_ms: loadMs,
    first_call_ms: firstCallMs,
    second_call_ms: secondCallMs,
  };
}

/** runtime.runProgram(source) at instant speed to the end: { seconds, events, summary }. */
async function runLesson(runtime, source) {
  const start = performance.now();
  const run = runtime.runProgram(source, { instant: true, budgetMs: Infinity });
  let events = 0;
  run.on('batch', (batch) => (events += batch.length));
  run.start();
  const summary = await run.done;
  const seconds = (performance.now() - start) / 1000;
  if (summary.exitStatus !== 0) throw new Error(`the lesson failed: ${summary.error}`);
  return { seconds, events, summary };
}

async function limiter(acquire) {
  let holders = 0;
  let max = 0;
  let completed = 0;
  const start = performance.now();
  if (workload === 'w3') {
    for (let i = 0; i < n; i++) {
      await acquire(async () => {
        max = Math.max(max, ++holders);
        holders -= 1;
      });
    }
    completed = 1;
  } else {
    await Promise.all(
      Array.from({ length: n }, () =>
        acquire(async () => {
          max = Math.max(max, ++holders);
          await hold(workload);
          holders -= 1;
          completed += 1;
        }),
      ),
    );
  }
  return { seconds: (performance.now() - start) / 1000, max_concurrency: max, completed, peak_bytes: process.memoryUsage().rss };
}

const cases = {
  'wasm-program': wasmProgram,
  wasm: () => wasm({ objects: false }),
  'wasm-events': () => wasm({ objects: true }),
  'p-limit': () => limiter(pLimit(workload === 'w3' ? 1 : k)),
  'async-sema': () => {
    const sema = new Sema(workload === 'w3' ? 1 : k);
    return limiter(async (fn) => {
      await sema.acquire();
      try {
        await fn();
      } finally {
        sema.release();
      }
    });
  },
};

const result = await cases[impl]();
process.stdout.write(`${JSON.stringify(result)}\n`);
