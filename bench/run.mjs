// npm run bench: the runtime (native C++ and Wasm through the JavaScript API) against CPython asyncio,
// p-limit and async-sema, on three workloads, in one invocation. See bench/README.md.
//   node bench/run.mjs [--quick] [--list]
//   --list: check that everything the measurements need can be loaded, print the cases, measure nothing
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const python = process.env.REFERENCE_PYTHON ?? 'python3';

const W1_N = quick ? 100_000 : 1_000_000;
const LESSON_N = 100_000; // issue #13: the lesson program, 100,000 tasks, sleep(0), at least 10x CPython
const LESSON_TARGET = 10;
// wasm reads events through the 'batch' API, wasm-events through 'events' (one object per event).
const IMPLS = ['native', 'wasm', 'wasm-events', 'cpython', 'p-limit', 'async-sema'];
const CASES = [
  { workload: 'w1', n: W1_N, k: 100, impls: IMPLS },
  { workload: 'w2', n: 2_000, k: 100, impls: IMPLS },
  { workload: 'w3', n: quick ? 100_000 : 1_000_000, k: 1, impls: IMPLS },
  // A Python program: CPython runs it, and the Wasm build's interpreter (wasm-program: runtime.runProgram, and simulateProgram beside it).
  { workload: 'lesson', n: LESSON_N, k: 3, impls: ['cpython', 'wasm-program'] },
];

function build() {
  process.stderr.write('==> Building the native benchmark and the Wasm module\n');
  execFileSync('bash', [path.join(root, 'scripts/build-wasm.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The release build: clang-14 -O2 (the 'clang' preset). g++ 12 lays out coroutine frames about 1.5x larger.
  execFileSync('cmake', ['--preset', 'clang'], { cwd: root, stdio: 'ignore' });
  execFileSync('cmake', ['--build', '--preset', 'clang', '--target', 'native_bench'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// CPython running the lesson program as a learner would: `python3 lesson.py > file`, the whole process
// timed (the figure issue #13 compares with).
function measureCpythonLesson(n, k) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sp-lesson-'));
  try {
    const file = path.join(dir, 'lesson.py');
    writeFileSync(file, lessonSource(n, { permits: k }));
    const out = openSync(path.join(dir, 'output.txt'), 'w');
    const start = performance.now();
    const result = spawnSync(python, [file], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    const seconds = (performance.now() - start) / 1000;
    closeSync(out);
    if (result.status !== 0) throw new Error(`cpython lesson failed: ${result.stderr.slice(-500)}`);
    return { seconds, ...lessonOutcome(readFileSync(path.join(dir, 'output.txt'), 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(impl, { workload, n, k }) {
  let command;
  if (workload === 'lesson' && impl === 'cpython') return measureCpythonLesson(n, k);
  if (impl === 'wasm-events' && workload !== 'w1') return null; // the event API only matters where events abound
  if (impl === 'native') {
    if (workload === 'w2') return null; // the native runtime has no wall-clock timers: its clock is virtual
    command = [path.join(root, 'build/clang/native_bench'), workload, String(n), String(k)];
  } else if (impl === 'cpython') {
    command = [python, path.join(here, 'cpython_bench.py'), workload, String(n), String(k)];
  } else {
    command = [process.execPath, '--max-old-space-size=8192', path.join(here, 'js_cases.mjs'), impl, workload, String(n), String(k)];
  }
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${impl} ${workload} failed: ${result.stderr.slice(-500)}`);
  const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return parsed;
}

// The JavaScript cases (js_cases.mjs) and the page's frame test load these; fail now, not after the builds.
for (const dependency of ['p-limit', 'async-sema', 'playwright-core']) import.meta.resolve(dependency);
if (process.argv.includes('--list')) {
  for (const c of CASES) console.log(`${c.workload} N=${c.n} K=${c.k}: ${c.impls.join(', ')}`);
  process.exit(0);
}

// The lesson's text comes from the page's own module (web/), loaded once there is something to measure.
const { lessonOutcome, lessonSource } = await import('./lesson_program.mjs');

build();
const rows = [];
for (const c of CASES) {
  for (const impl of c.impls) {
    process.stderr.write(`    ${c.workload} N=${c.n} K=${c.k}: ${impl}\n`);
    const r = measure(impl, c);
    if (!r) continue;
    const expectedMax = c.workload === 'w3' ? 1 : Math.min(c.k, c.n);
    const expectedDone = c.workload === 'w3' ? 1 : c.n;
    rows.push({
      impl,
      workload: c.workload,
      n: c.n,
      k: c.k,
      seconds: r.seconds,
      tasks_per_s: c.n / r.seconds,
      peak_bytes: r.peak_bytes ?? null,
      max_concurrency: r.max_concurrency,
      completed: r.completed,
      check: r.max_concurrency === expectedMax && r.completed === expectedDone,
      ...(r.heap_bytes_per_task !== undefined && { heap_bytes_per_task: r.heap_bytes_per_task }),
      ...(r.events_per_s !== undefined && { events_per_s: r.events_per_s }),
      ...(r.host_timers_max !== undefined && { host_timers_max: r.host_timers_max }),
      ...(r.output_sha256 !== undefined && { output_sha256: r.output_sha256 }),
      ...(r.objects_seconds !== undefined && { objects_seconds: r.objects_seconds, again_seconds: r.again_seconds, events: r.events }),
      ...(r.first_call_ms !== undefined && {
        load_ms: r.load_ms,
        first_call_ms: r.first_call_ms,
        second_call_ms: r.second_call_ms,
      }),
    });
  }
}

const cpython = Object.fromEntries(rows.filter((r) => r.impl === 'cpython').map((r) => [r.workload, r.seconds]));
for (const r of rows) r.vs_cpython = cpython[r.workload] / r.seconds;
// The lesson in Wasm must print exactly what CPython printed (a check); LESSON_TARGET times faster is a
// target, reported like W1's (issue #13 asks for it; the figures say how far it is).
const lessonCpython = rows.find((r) => r.impl === 'cpython' && r.workload === 'lesson');
const lessonWasm = rows.find((r) => r.impl === 'wasm-program' && r.workload === 'lesson');
lessonWasm.check = lessonWasm.check && lessonWasm.output_sha256 === lessonCpython.output_sha256;

const pad = (text, width) => String(text).padStart(width);
console.log(
  `\n${'impl'.padEnd(11)}${pad('workload', 9)}${pad('N', 9)}${pad('K', 5)}${pad('seconds', 10)}${pad('tasks/s', 12)}${pad('x CPython', 10)}${pad('peak MB', 9)}  check`,
);
for (const r of rows) {
  console.log(
    `${r.impl.padEnd(11)}${pad(r.workload, 9)}${pad(r.n, 9)}${pad(r.k, 5)}${pad(r.seconds.toFixed(3), 10)}${pad(Math.round(r.tasks_per_s), 12)}${pad(r.vs_cpython.toFixed(1), 10)}${pad(r.peak_bytes ? (r.peak_bytes / 1e6).toFixed(0) : '-', 9)}  ${r.check ? 'ok' : 'FAILED'}`,
  );
}
const w1 = (impl) => rows.find((r) => r.impl === impl && r.workload === 'w1');
const wasmW1 = w1('wasm');
const wasmW2 = rows.find((r) => r.impl === 'wasm' && r.workload === 'w2');
const wasmEventsW1 = w1('wasm-events');
console.log(`\nWasm heap growth per task (W1, N=${W1_N}): ${wasmW1.heap_bytes_per_task.toFixed(0)} bytes (target <= 256)`);
console.log(
  `Events delivered to JavaScript (W1): ${Math.round(wasmW1.events_per_s)} per second as EventBatch, ${Math.round(wasmEventsW1.events_per_s)} per second as objects`,
);
console.log(`Host timers outstanding at most: W1 ${wasmW1.host_timers_max}, W2 ${wasmW2.host_timers_max} (must be <= 1)`);
console.log(
  `Lesson program (N=${LESSON_N.toLocaleString('en-US')}, sleep 0): Wasm (runProgram, ${lessonWasm.events.toLocaleString('en-US')} events read in place) ${lessonWasm.seconds.toFixed(3)} s, CPython ${lessonCpython.seconds.toFixed(3)} s: ${lessonWasm.vs_cpython.toFixed(1)}x (target >= ${LESSON_TARGET}: ${lessonWasm.vs_cpython >= LESSON_TARGET ? 'met' : 'NOT met'}) in a fresh runtime, ${lessonWasm.again_seconds.toFixed(3)} s (${(lessonCpython.seconds / lessonWasm.again_seconds).toFixed(1)}x) run again in it; simulateProgram (every event an object) ${lessonWasm.objects_seconds.toFixed(3)} s; output ${lessonWasm.output_sha256 === lessonCpython.output_sha256 ? 'identical' : 'DIFFERENT'}; Wasm heap ${(lessonWasm.peak_bytes / 1e6).toFixed(0)} MB (${lessonWasm.heap_bytes_per_task.toFixed(0)} bytes a task)`,
);
console.log(
  `The page's lesson (10 tasks) in a fresh runtime: load ${lessonWasm.load_ms.toFixed(1)} ms, first simulateProgram ${lessonWasm.first_call_ms.toFixed(2)} ms (target < 5), second ${lessonWasm.second_call_ms.toFixed(2)} ms`,
);
console.log(
  `Targets (W1): Wasm ${wasmW1.vs_cpython.toFixed(1)}x CPython (target >= 100), ${(w1('p-limit').seconds / wasmW1.seconds).toFixed(1)}x p-limit (target >= 15); native ${w1('native').vs_cpython.toFixed(1)}x CPython (target >= 300)`,
);

// The page's frame budget at 10,000 tasks, in Chromium (bench/page_frames.mjs).
process.stderr.write('    page frames, 10,000 to 1,000,000 tasks: Chromium\n');
const pageRun = spawnSync(process.execPath, [path.join(here, 'page_frames.mjs')], { encoding: 'utf8' });
if (pageRun.status !== 0) throw new Error(`page frames failed: ${pageRun.stderr.slice(-500)}`);
const pageRows = pageRun.stdout
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
for (const p of pageRows) {
  console.log(
    `Page frames (${p.workload}, ${p.n.toLocaleString('en-US')} tasks): ${p.seconds.toFixed(2)} s, frame interval p50 ${p.frame_p50_ms.toFixed(1)} ms, p95 ${p.frame_p95_ms.toFixed(1)} ms, max ${p.frame_max_ms.toFixed(1)} ms; longest main-thread task ${p.long_task_max_ms.toFixed(0)} ms (must be <= 100), ${p.long_tasks} long tasks; Reset ${p.reset_ms.toFixed(0)} ms; renderer RSS ${p.renderer_rss_before_mb.toFixed(0)} MB before, peak ${p.renderer_rss_peak_mb.toFixed(0)} MB`,
  );
}
// Issue #13: the edited lesson's first event on the page within 5 ms of Run (a target: timing on a
// shared machine is reported, not failed).
for (const p of pageRows.filter((row) => row.first_event_target_ms !== undefined)) {
  console.log(
    `Edited program's first event on the page (${p.workload}, ${p.n} tasks): ${p.first_event_ms.toFixed(1)} ms after Run (target < ${p.first_event_target_ms}: ${p.first_event_ms < p.first_event_target_ms ? 'met' : 'NOT met'}); first log line ${p.first_line_ms.toFixed(1)} ms`,
  );
}
rows.push(...pageRows);
for (const r of rows) console.log(JSON.stringify(r));
const failed = rows.filter((r) => !r.check).length + (wasmW1.host_timers_max > 1 || wasmW2.host_timers_max > 1 ? 1 : 0);
if (failed) {
  console.error(`${failed} check(s) failed`);
  process.exitCode = 1;
}
