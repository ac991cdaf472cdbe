// Compare permit counts (issue #14): the form's scenario run for permits 1..N and with no semaphore
// (runtime.compare), side by side as four small charts and a table, so the learner sees that a
// semaphore limits concurrency and costs time rather than making anything faster.

import { measureTrace, programVariants } from '../compare.mjs';
import { taskCount } from '../scenario.mjs';
import { barChart } from './bar-chart.mjs';
import { queueSeries, queueSparkline } from './queue-spark.mjs';

const MAX_TASKS = 2_000; // each count runs twice on the page's thread (measures, then the line over time): lessons, not load tests
const MAX_COUNT = 31; // runtime.compare takes up to 32 counts, one of them "no semaphore"

/** Permit counts from "1..5" or "5" (1..5), null when unreadable; "no semaphore" is added by the view. */
export function parseCompare(text) {
  const m = /^\s*(?:(\d{1,3})\s*\.\.\s*)?(\d{1,3})\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  const from = m[1] === undefined ? 1 : Number(m[1]);
  const to = Number(m[2]);
  if (from > to || to - from + 1 > MAX_COUNT) return null;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The counts the button compares: 1 up to the larger of the permits and the tasks (at most 8), capped. */
export function defaultCounts(scenario) {
  const n = Math.min(MAX_COUNT, Math.max(1, scenario.permits, Math.min(taskCount(scenario), 8)));
  return Array.from({ length: n }, (_, i) => i + 1);
}

const METRICS = [
  ['endTime', 'Total time', 'seconds'],
  ['peakConcurrency', 'Peak holders', 'tasks'],
  ['meanWait', 'Mean wait', 'seconds'],
  ['maxWait', 'Max wait', 'seconds'],
];

export class CompareView {
  #$;

  constructor($) {
    this.#$ = $;
  }

  #shown = 0; // counts show() calls: a program's comparison that arrives after a newer one is dropped

  /** Run the comparison of the form's scenario and show it (or say why not); `focus` moves the keyboard there. */
  show(runtime, scenario, counts, { focus = false } = {}) {
    this.#open();
    this.#shown += 1;
    const $ = this.#$;
    const problem = !scenario
      ? 'Fix the settings first: the comparison runs what the form says.'
      : taskCount(scenario) > MAX_TASKS
        ? `Comparing runs each count in full: it takes up to ${MAX_TASKS.toLocaleString('en-US')} tasks.`
        : null;
    if (problem) return this.#empty(problem);
    const rows = runtime.compare(scenario, [...counts, null]);
    const n = taskCount(scenario);
    $('compare-note').textContent =
      `${n} ${n === 1 ? 'task' : 'tasks'} as set in the form, with ${counts[0]} to ${counts.at(-1)} permits and with no semaphore at all. ` +
      'More permits finish sooner only while tasks are waiting; a semaphore never makes one task faster.';
    const queues = rows.map((r) => queueSeries(runtime.simulate({ ...scenario, permits: r.permits ?? Math.max(1, n) })));
    return this.#draw({ rows, queues }, focus);
  }

  /**
   * The edited program once per count, its first Semaphore(...) varied, shown like a scenario's:
   * `compareProgram(source, counts)` runs it where programs run (program-host.mjs: the page's worker)
   * and resolves with programComparison's figures.
   */
  async showProgram(compareProgram, source, counts, { focus = false } = {}) {
    this.#open();
    const call = ++this.#shown;
    this.#$('compare-note').textContent = 'Running the edited program once per permit count…';
    const figures = await compareProgram(source, [...counts, null]);
    if (call !== this.#shown) return null; // the learner asked again meanwhile
    if (!figures.problem)
      this.#$('compare-note').textContent =
        `Your program, run with its first Semaphore(...) set to ${counts[0]} to ${counts.at(-1)} permits, and with a semaphore nobody waits for. ` +
        'More permits finish sooner only while tasks are waiting; a semaphore never makes one task faster.' +
        endings(figures.rows);
    return this.#draw(figures, focus);
  }

  #open() {
    this.#$('compare-view').hidden = false;
    this.#$('compare-open').setAttribute('aria-expanded', 'true');
  }

  #draw({ rows, queues, problem }, focus) {
    const $ = this.#$;
    if (problem) return this.#empty(problem);
    const label = (r) => (r.permits === null ? 'none' : String(r.permits));
    $('compare-charts').replaceChildren(
      ...METRICS.map(([key, title, unit]) => {
        const figure = document.createElement('figure');
        const caption = document.createElement('figcaption');
        caption.textContent = title;
        const bars = rows.map((r) => ({ label: label(r), value: r[key], className: r.permits === null ? 'bar none' : 'bar' }));
        figure.append(caption, barChart({ title, bars, xTitle: 'permits', yTitle: unit }));
        return figure;
      }),
    );
    const span = Math.max(...queues.map((q) => q.end));
    const top = Math.max(...queues.map((q) => q.longest));
    $('compare-rows').replaceChildren(...rows.map((r, i) => tableRow(label(r), r, queueSparkline(queues[i], span, top))));
    if (focus) $('compare-title').focus();
    return rows;
  }

  #empty(text) {
    this.#$('compare-note').textContent = text;
    this.#$('compare-charts').replaceChildren();
    this.#$('compare-rows').replaceChildren();
    return null;
  }
}

/**
 * A program once per permit count (null: a semaphore nobody waits for), its first Semaphore(...)
 * varied: { rows, queues } as the view draws them, or { problem } in words. Plain data, so the page's
 * worker can make it (runtime-worker.mjs) and only the figures cross to the page.
 * @param simulateProgram (source) => result, e.g. runtime.simulateProgram
 */
export function programComparison(simulateProgram, source, permitCounts) {
  let variants;
  try {
    variants = programVariants(simulateProgram, source, permitCounts);
  } catch (error) {
    return { problem: `The comparison could not run: ${error.message}.` };
  }
  return {
    rows: variants.map(({ permits, trace, ending }) => ({ permits, ...measureTrace(trace), ending })),
    queues: variants.map(({ trace }) =>
      queueSeries(
        trace.filter((e) => e.event !== 'end'),
        trace.at(-1).t,
      ),
    ),
  };
}

/**
 * The runs that did not finish, in a sentence (" With 1 permit it ends in a deadlock."), or '': their
 * figures stop where the run stopped, which the charts alone do not say.
 */
function endings(rows) {
  const count = (r) => (r.permits === null ? 'no semaphore' : `${r.permits} ${r.permits === 1 ? 'permit' : 'permits'}`);
  const said = rows
    .filter((r) => r.ending)
    .map((r) => `with ${count(r)} it ends in ${r.ending === 'deadlock' ? 'a deadlock (CPython would wait forever)' : r.ending}`);
  if (said.length === 0) return '';
  const text = said.join('; ');
  return ` ${text[0].toUpperCase()}${text.slice(1)}.`;
}

function tableRow(label, r, spark) {
  const tr = document.createElement('tr');
  const head = document.createElement('th');
  head.scope = 'row';
  head.textContent = label === 'none' ? 'no semaphore' : label;
  tr.append(head);
  for (const value of [r.endTime, r.peakConcurrency, r.meanWait, r.maxWait]) {
    const td = document.createElement('td');
    td.textContent = String(Number(value.toFixed(2)));
    tr.append(td);
  }
  // A run that stopped early: its total time is when it stopped, not when its work was done.
  if (r.ending) tr.children[1].textContent += r.ending === 'deadlock' ? ' (deadlock)' : ' (exception)';
  const cell = document.createElement('td');
  cell.append(spark);
  tr.append(cell);
  return tr;
}
