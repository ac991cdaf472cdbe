// Markup of the learning tools (issue #14), put into PLAYGROUND_MARKUP by markup.mjs: the prediction
// asked before Run (inside the settings form, so Enter in "Your prediction" runs), and one panel with
// the permit-count comparison and the downloads. Static strings: nothing from the URL or from
// attributes is ever put into them (learn.mjs fills the text at run time with textContent).

import { QUESTION_IDS } from '../predict.mjs';

export const QUESTION_NAMES = Object.freeze({
  'total-time': 'Total time of the run',
  'start-time': 'When the last task starts',
  'finish-order': 'Order of the “finished” lines',
  peak: 'Most tasks holding at once',
  deadlock: 'Which tasks get stuck',
  'first-after': 'First line printed after a time',
});

const options = QUESTION_IDS.map((id) => `<option value="${id}">${QUESTION_NAMES[id]}</option>`).join('');

export const PREDICT_MARKUP = `
    <div class="predict">
      <div class="field checkbox">
        <input id="predict-on" type="checkbox" aria-describedby="predict-note">
        <label for="predict-on">Predict first</label>
        <span id="predict-note" class="help">answer a question about the run before you see it</span>
      </div>
      <div id="predict-box" class="predict-box" hidden>
        <div class="field">
          <label for="predict-question">Question</label>
          <select id="predict-question">${options}</select>
        </div>
        <p id="predict-text" class="predict-text"></p>
        <div class="field">
          <label for="predict-answer">Your prediction</label>
          <input id="predict-answer" type="text" autocomplete="off" spellcheck="false" aria-describedby="predict-text predict-error">
          <p id="predict-error" class="predict-error" role="alert"></p>
        </div>
      </div>
      <div id="predict-result" class="predict-result" role="status" aria-live="polite"></div>
    </div>`;

export const LEARN_PANEL_MARKUP = `
  <section class="panel learn-panel" aria-labelledby="learn-title">
    <h2 id="learn-title">Compare and save</h2>
    <div class="buttons">
      <button type="button" id="compare-open" aria-controls="compare-view" aria-expanded="false">Compare permit counts</button>
      <button type="button" id="export-jsonl" data-export="jsonl">Trace as JSON Lines</button>
      <button type="button" id="export-csv" data-export="csv">Trace as CSV</button>
      <button type="button" id="export-py" data-export="py">Program as .py</button>
      <button type="button" id="export-svg" data-export="svg">Timeline as SVG</button>
    </div>
    <p id="export-status" class="help" role="status"></p>
    <details id="labs" class="labs">
      <summary>Labs: break the lesson on purpose</summary>
      <p class="help">Each lab is a program with a goal. Open one: its program goes into the editor under “The program”; change it until Run says the goal is met. The hint and a solution are under each one.</p>
      <ol id="labs-list" class="labs-list"></ol>
    </details>
    <div id="compare-view" class="compare-view" hidden>
      <h3 id="compare-title" tabindex="-1">The same tasks with different permit counts</h3>
      <p id="compare-note" class="help"></p>
      <div id="compare-charts" class="compare-charts"></div>
      <div class="table-scroll compare-table"><table>
          <caption class="visually-hidden">Total time, peak concurrency, mean and max wait for each permit count</caption>
          <thead><tr><th scope="col">Permits</th><th scope="col">Total time (s)</th><th scope="col">Peak holders</th><th scope="col">Mean wait (s)</th><th scope="col">Max wait (s)</th><th scope="col">Waiting in line over time</th></tr></thead>
          <tbody id="compare-rows"></tbody>
      </table></div>
    </div>
  </section>`;
