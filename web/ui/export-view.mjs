// Downloads (issue #14): the run's trace as JSON Lines or CSV, the program as a .py file, the timeline
// as SVG. Made in the page (a Blob and a download link): nothing goes over the network.

import { programFile, traceToCsv, traceToJsonl } from '../export.mjs';
import { programEventToJson } from '../program.mjs';
import { MAX_SVG_TASKS, timelineSvg } from './timeline-svg.mjs';

const MAX_EXPORT_EVENTS = 1_000_000; // an object per event and the whole text in memory at once: about 35 MB of JSON Lines

/** The whole trace as the public API's event objects. */
function events(trace) {
  return Array.from({ length: trace.length }, (_, i) => trace.event(i));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link); // a link must be in the document for the click to download in every browser
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has read it by then
}

export class ExportView {
  #$;

  /**
   * `current()` gives { session, scenario, program }: the run on show, the form's scenario, and the
   * edited program (null while the program is the knobs' one).
   */
  constructor($, current) {
    this.#$ = $;
    for (const button of [$('export-jsonl'), $('export-csv'), $('export-py'), $('export-svg')]) {
      button.addEventListener('click', () => this.#export(button.dataset.export, current()));
    }
  }

  /** Which downloads are possible now: the trace ones once a run has ended. */
  update(session, scenario, program = null) {
    const ended = Boolean(session?.trace.ended) && !session.trace.ranNothing; // a program that never ran has no trace
    for (const id of ['export-jsonl', 'export-csv']) this.#$(id).disabled = !ended;
    this.#$('export-svg').disabled = !ended; // over MAX_SVG_TASKS lanes: enabled, and the status says why not
    this.#$('export-py').disabled = !(program ?? session?.scenario ?? scenario);
  }

  #export(kind, { session, scenario, program }) {
    const status = this.#$('export-status');
    const trace = session?.trace;
    if (kind === 'py' && program !== null && program !== undefined) {
      download('program.py', 'text/x-python', program);
      return (status.textContent =
        'Saved program.py: your program as written; python3 program.py prints what the log’s program lines say.');
    }
    if (kind === 'py') {
      download('semaphore_lesson.py', 'text/x-python', programFile(session?.scenario ?? scenario));
      return (status.textContent = 'Saved semaphore_lesson.py: python3 semaphore_lesson.py prints the log’s program lines.');
    }
    if (!trace?.ended) return (status.textContent = 'Run the program to the end first.');
    if (trace.length > MAX_EXPORT_EVENTS)
      return (status.textContent = `This trace has ${trace.length} events; downloads take up to ${MAX_EXPORT_EVENTS}.`);
    const ofProgram = !session.scenario; // a program's events have their own fields (README "Programs")
    if (ofProgram && kind === 'csv')
      return (status.textContent = 'CSV has the columns of a knobs run; a program’s trace downloads as JSON Lines.');
    if (kind === 'jsonl' && ofProgram)
      download(
        'program_trace.jsonl',
        'application/x-ndjson',
        `${events(trace)
          .map(({ on: _name, ...event }) => programEventToJson(event))
          .join('\n')}\n`,
      );
    else if (kind === 'jsonl') download('semaphore_trace.jsonl', 'application/x-ndjson', traceToJsonl(events(trace)));
    else if (kind === 'csv') download('semaphore_trace.csv', 'text/csv', traceToCsv(events(trace)));
    else if (trace.taskCount > MAX_SVG_TASKS)
      return (status.textContent = `The timeline file draws up to ${MAX_SVG_TASKS} tasks, one lane each; this run has ${trace.taskCount}.`);
    else download('semaphore_timeline.svg', 'image/svg+xml', timelineSvg(trace, session.scenario));
    status.textContent = `Saved the ${kind === 'svg' ? 'timeline' : 'trace'} of the run on show (${trace.length} events).`;
  }
}
