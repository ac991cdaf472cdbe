// The page's frame budget while it runs 10,000 tasks and more, in Debian's Chromium (the browser
// tests' setup: the repository served by sirv, playwright-core). Prints one JSON object per case on stdout.
//   node bench/page_frames.mjs
//
// Each case opens the playground with the settings in the URL, presses Run and records, until the run
// ends: the interval between animation frames (a frame the page could not paint in time shows up as a
// long interval) and the main-thread long tasks (over 50 ms) that Chromium reports. Program cases
// (issue #13) first type an edited program into the editor, which starts the page's program worker,
// then press Run (recording also how long the first line of the log took to appear) or Compare.
import { readdirSync, readFileSync } from 'node:fs';
import { lessonSource } from './lesson_program.mjs';
import { editProgram, launch, openEditor, pasteProgram } from '../tests/browser/browser.mjs';
import { startServer } from '../tests/browser/server.mjs';

// The lesson as a learner edits it (one word changed, so it is no longer the knobs' program).
const editedLesson = (tasks) => lessonSource(tasks, { permits: 3, duration: 1 }).replace('finished")', 'done")');
// A long program pasted: the lesson after a function of `lines` lines that is never called. Its
// reading (tokens, parse, compile), not its run, is what takes time.
const longProgram = (lines) => `def never_called():\n${'    x = [1, 2, 3]\n'.repeat(lines)}\n${editedLesson(5)}`;

const CASES = [
  // As fast as it goes: the driver's 8 ms time budget is all that keeps frames coming.
  { name: 'instant', n: 10000, query: 'permits=50&tasks=10000&duration=1&speed=instant' },
  // Played back in real time at 20x: 10,000 tasks in 0.5 s of wall time (10 s virtual).
  { name: 'speed-20', n: 10000, query: 'permits=50&tasks=10000&duration=0.05&speed=20' },
  // Huge runs (issue #12): the whole trace is kept for time travel, 3 events per task.
  { name: 'instant-100k', n: 100000, query: 'permits=50&tasks=100000&duration=1&speed=instant' },
  { name: 'instant-1m', n: 1000000, query: 'permits=50&tasks=1000000&duration=1&speed=instant' },
  // Edited programs (web/ui/program-host.mjs): the lesson of a few tasks, run on the page within its
  // budget (its first event must reach the page within 5 ms of Run), at 100,000 tasks (over the
  // budget: in the page's program worker), and compared for permits 1..3 and none (in the worker).
  { name: 'program-lesson', n: 5, query: 'speed=instant', program: editedLesson(5), k: 3, firstEventTargetMs: 5 },
  { name: 'program-100k', n: 100000, query: 'speed=instant', program: editedLesson(100_000), k: 3 },
  {
    name: 'program-compare-100k',
    n: 100000,
    query: 'permits=3&tasks=3&speed=instant',
    program: editedLesson(100_000),
    k: 3,
    compare: true,
  },
  // 5,000 lines: the page's attempt within its budget (in idle time after the paste, and at Run)
  // read it on the page's thread, about 200 ms each, before the budget covered reading.
  { name: 'program-long-source', n: 5, query: 'speed=instant', program: longProgram(5_000), k: 3, longSource: true },
];

/**
 * Resident memory of the renderer processes this benchmark's Chromium runs (descendants of this Node
 * process with --type=renderer, read from Linux /proc), in MB: the largest { now, peak }.
 */
function rendererMemory() {
  const parent = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) return true;
    return false;
  };
  let now = 0;
  let peak = 0;
  for (const pid of parent.keys()) {
    try {
      if (!ours(pid) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? ' 0 kB')[1]);
      now = Math.max(now, kb('VmRSS:') / 1024);
      peak = Math.max(peak, kb('VmHWM:') / 1024);
    } catch {
      // gone meanwhile
    }
  }
  return { now, peak };
}

/** Open the editor with `source`, then wait until the program worker it starts has loaded the runtime. */
async function openProgram(page, source, long = false) {
  if (long) {
    await pasteLong(page, source);
  } else {
    await editProgram(page, source);
  }
  await page.waitForSelector('#program-sync:has-text("no longer has the lesson’s shape")');
  await page.waitForTimeout(1500); // the worker loads the runtime meanwhile, as while a learner reads their program
}

/** Paste a program too long for editProgram's line-by-line check (CodeMirror draws only the lines in view). */
async function pasteLong(page, source) {
  await openEditor(page);
  await pasteProgram(page, page, source);
}

/**
 * Press Run; resolves with the milliseconds until the first events reached the page's trace (from the
 * page's own run within its budget, or from the worker: web/ui/program-host.mjs) and until the log
 * showed its first line (a frame later).
 */
function pressRun(page) {
  return page.evaluate(async () => {
    const batches = [];
    const { prototype } = (await import('/web/ui/program-trace.mjs')).ProgramTrace;
    const append = prototype.append;
    prototype.append = function (...args) {
      batches.push(performance.now());
      return append.apply(this, args);
    };
    return new Promise((resolve) => {
      const log = document.getElementById('log');
      const t0 = performance.now();
      const seen = new MutationObserver(() => {
        if (!log.querySelector('.log-row')) return;
        seen.disconnect();
        resolve({ event: batches[0] - t0, line: performance.now() - t0 });
      });
      seen.observe(log, { childList: true, subtree: true });
      document.getElementById('run').click();
    });
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
}

const server = await startServer();
const context = await launch();
try {
  // PAGE_CASES=program node bench/page_frames.mjs: only the cases whose name starts so.
  for (const c of CASES.filter((x) => x.name.startsWith(process.env.PAGE_CASES ?? ''))) {
    const page = await context.newPage();
    // PAGE_NO_WORKER=1: as in a browser without Worker (programs then run on the page's thread), to compare.
    if (process.env.PAGE_NO_WORKER) await page.addInitScript(() => delete window.Worker);
    await page.goto(`${server.url}/?${c.query}`);
    await page.waitForSelector('#playground[data-ready="true"]');
    // Long tasks are recorded from before the program is entered: the page tries it in idle time.
    await page.evaluate(() => {
      window.frameBench = { frames: [], longTasks: [], recording: true };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.frameBench.longTasks.push(e.duration);
      }).observe({ entryTypes: ['longtask'] });
      const tick = (t) => {
        window.frameBench.frames.push(t);
        if (window.frameBench.recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    if (c.program) await openProgram(page, c.program, c.longSource);
    const memoryBefore = rendererMemory();
    const started = await page.evaluate(() => performance.now());
    const first = c.program && !c.compare ? await pressRun(page) : null;
    if (!c.program) await page.click('#run');
    if (c.compare) {
      await page.click('#compare-open');
      await page.waitForSelector('#compare-note:has-text("Your program")', { timeout: 300000 });
    } else {
      await page.waitForSelector('#playground[data-state="done"]', { timeout: 300000 });
    }
    const memoryAfter = rendererMemory();
    // Reset: from the click to the next painted frame with the page idle again.
    const resetMs = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          document.getElementById('reset').click();
          requestAnimationFrame(() =>
            resolve(document.getElementById('playground').dataset.state === 'idle' ? performance.now() - t0 : Infinity),
          );
        }),
    );
    const result = await page.evaluate((t0) => {
      window.frameBench.recording = false;
      const frames = window.frameBench.frames.filter((t) => t >= t0);
      const intervals = frames.slice(1).map((t, i) => t - frames[i]);
      return { seconds: (performance.now() - t0) / 1000, intervals, longTasks: window.frameBench.longTasks };
    }, started);
    const sorted = [...result.intervals].sort((a, b) => a - b);
    const over = (ms) => result.intervals.filter((d) => d > ms).length;
    process.stdout.write(
      `${JSON.stringify({
        impl: 'page',
        workload: `frames-${c.name}`,
        n: c.n,
        k: c.k ?? 50,
        seconds: result.seconds,
        frames: result.intervals.length,
        frame_p50_ms: percentile(sorted, 0.5),
        frame_p95_ms: percentile(sorted, 0.95),
        frame_max_ms: sorted.at(-1) ?? 0,
        frames_over_50ms: over(50),
        long_task_max_ms: Math.max(0, ...result.longTasks),
        long_tasks: result.longTasks.length,
        long_tasks_total_ms: result.longTasks.reduce((a, b) => a + b, 0),
        reset_ms: resetMs,
        ...(first && { first_event_ms: first.event, first_line_ms: first.line }),
        ...(c.firstEventTargetMs && { first_event_target_ms: c.firstEventTargetMs }),
        renderer_rss_before_mb: memoryBefore.now,
        renderer_rss_peak_mb: memoryAfter.peak,
        // The browser tests hold the page to this: no main-thread task over 100 ms.
        check: Math.max(0, ...result.longTasks) <= 100 && resetMs <= 100,
      })}\n`,
    );
    await page.close();
  }
} finally {
  await context.close();
  await server.close();
}
