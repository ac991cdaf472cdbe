// The learning tools of issue #14 on the playground: predict then run, compare permit counts, and the
// downloads. app.mjs calls in at four points (settings changed, before a run, each render, link
// settings); everything else lives here and in predict-view.mjs, compare-view.mjs, export-view.mjs.

import { PredictView } from './predict-view.mjs';
import { CompareView, defaultCounts, parseCompare } from './compare-view.mjs';
import { ExportView } from './export-view.mjs';
import { bindLabs } from './labs-view.mjs';

/**
 * `settings.predict` (a question id) and `settings.compare` ("1..5") come from the link or the
 * widget's attributes. `runtime()` gives the runtime promise; `onRunEvent(message)` hears
 * { type: 'prediction', ... }; `onChange()` when something a link should carry changed; `shows(view)`
 * whether a view of author-options.mjs is on show (hide=); `program()` the edited program, or null;
 * `compareProgram(source, counts)` its comparison's figures, made where programs run (program-host.mjs).
 */
export function mountLearning(
  $,
  { settings, runtime, onRunEvent, onChange, openLab, shows = () => true, program = () => null, compareProgram },
) {
  let scenario = null;
  let session = null;
  let compareCounts = null; // the counts on show, re-run when the settings change
  let refresh = null;
  const predict = new PredictView($, {
    predict: settings.predict,
    onChange,
    onPrediction: (detail) => onRunEvent({ type: 'prediction', ...detail }),
  });
  const compare = new CompareView($);
  const exports = new ExportView($, () => ({ session, scenario, program: program() }));
  bindLabs($('labs'), $('labs-list'), openLab);

  async function showCompare(counts, options) {
    compareCounts = counts;
    if (!shows('compare')) return; // hidden by the course (hide=compare): nothing is run for it
    try {
      const source = program(); // an edited program is compared by varying its first Semaphore(...), where programs run
      if (source === null) compare.show(await runtime(), scenario, counts, options);
      else await compare.showProgram(compareProgram, source, counts, options);
    } catch (error) {
      $('compare-note').textContent = `The comparison could not run: ${error.message}`;
    }
  }
  $('compare-open').addEventListener('click', async () => {
    await showCompare(scenario ? defaultCounts(scenario) : [1], { focus: true });
    onChange(); // the link now opens the comparison too
  });
  if (settings.compare !== null && settings.compare !== undefined) {
    const counts = parseCompare(settings.compare);
    if (counts) queueMicrotask(() => showCompare(counts));
    else
      $('export-status').textContent = `compare="${String(settings.compare).slice(0, 20)}" is not a range of permit counts such as 1..5.`;
  }

  return {
    /** The form's scenario (null when it cannot run). */
    scenarioChanged(next) {
      scenario = next;
      predict.scenarioChanged(next);
      exports.update(session, scenario, program());
      // The comparison follows the settings once typing pauses: each redraw runs every count again.
      clearTimeout(refresh);
      if (compareCounts && next) refresh = setTimeout(() => showCompare(compareCounts), 250);
    },
    mayRun: (next) => predict.mayRun(next),
    /** Whether "Predict first" is on (an edited program is then run once before it plays). */
    get predicting() {
      return predict.on;
    },
    /** An edited program is on show (null: the knobs' program again): the question waits for its Run. */
    programChanged: (source) => predict.programChanged(source),
    /** Before an edited program plays: its question asked and answered (see PredictView); a promise. */
    mayRunProgram: (source, askQuestion) => predict.mayRunProgram(source, askQuestion),
    /** A widget's predict attribute, set (a question id) or removed (null): the question of the next Run. */
    setPredict(id) {
      predict.choose(id);
      onChange();
    },
    /** hide= changed: a comparison shown again is run for the settings of now. */
    optionsChanged() {
      clearTimeout(refresh);
      if (compareCounts && scenario && shows('compare')) showCompare(compareCounts);
    },
    show(next) {
      session = next;
      predict.show(next);
      exports.update(next, scenario, program());
    },
    /** What a link should carry of these tools. */
    linkSettings: () => ({ predict: predict.id, compare: compareCounts ? `${compareCounts[0]}..${compareCounts.at(-1)}` : null }),
  };
}
