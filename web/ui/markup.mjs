// The playground's markup, shared by the page (index.html) and the <semaphore-playground> element.
// A static string: nothing from the URL or from attributes is ever put into it. Ids are unique within
// one document or shadow root; landmarks and headings are labelled per instance by app.mjs.

import { LEARN_PANEL_MARKUP, PREDICT_MARKUP } from './learn-markup.mjs';
import { EDITOR_MARKUP, LAB_MARKUP } from './editor-markup.mjs';
import { LOCKED_TEXT } from './author-options.mjs';

const field = (id, label, help = '') => `
    <div class="field">
      <label for="${id}">${label}</label>
      <input id="${id}" name="${id}" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="${help ? `${id}-help ` : ''}${id}-error">
      ${help ? `<span id="${id}-help" class="help">${help}</span>` : ''}
      <p id="${id}-error" class="field-error" role="alert"></p>
    </div>`;

export const PLAYGROUND_MARKUP = `
  <header class="top">
    <h1 id="title">Semaphore Playground</h1>
    <p class="tagline">Watch <code>asyncio.Semaphore</code> limit concurrency: tasks start, wait their turn and finish, exactly as CPython 3.11 runs them.</p>
    <div class="top-links">
      <button type="button" id="theme" class="link-button" aria-pressed="false">Dark theme</button>
      <a id="open-full" href="./" target="_blank" rel="noopener" hidden>Open the full playground</a>
    </div>
  </header>

  <form id="controls" class="controls" novalidate aria-label="Settings and playback">
    <div class="fields">
      ${field('permits', 'Permits', 'the semaphore’s starting value')}
      ${field('tasks', 'Tasks')}
      ${field('duration', 'Duration', 'seconds each task holds a permit')}
      <div class="field checkbox">
        <input id="bounded" name="bounded" type="checkbox">
        <label for="bounded">Bounded</label>
      </div>
      <div class="field">
        <label for="speed">Speed</label>
        <select id="speed" name="speed">
          <option value="0.25">0.25× slow</option>
          <option value="0.5">0.5×</option>
          <option value="1">1× real time</option>
          <option value="2">2×</option>
          <option value="5">5×</option>
          <option value="20">20×</option>
          <option value="instant">Instant</option>
        </select>
      </div>
    </div>
    <p id="knobs-locked" class="locked-note" hidden>${LOCKED_TEXT.knobs}</p>
    <p id="knobs-unused" class="pending" hidden></p>
    <p id="pending" class="pending" hidden>Changed settings apply on the next Run.</p>
    ${PREDICT_MARKUP}
    <div class="buttons">
      <button type="submit" id="run" class="primary">Run</button>
      <button type="button" id="pause" disabled>Pause</button>
      <button type="button" id="back" aria-keyshortcuts="ArrowLeft" disabled>Step back</button>
      <button type="button" id="step" aria-keyshortcuts="ArrowRight">Step</button>
      <button type="button" id="reset">Reset</button>
      <span class="hint">Ctrl/⌘+Enter runs · ← → step · Home/End</span>
    </div>
    <div class="scrub">
      <label for="scrubber">Position</label>
      <input id="scrubber" type="range" min="0" max="0" value="0" step="1" disabled aria-describedby="position">
      <output id="position" for="scrubber">event 0 of 0</output>
    </div>
    <p id="form-error" class="field-error" role="alert"></p>
    <details class="advanced">
      <summary>Advanced: customise each task</summary>
      <div class="field checkbox">
        <input id="custom" type="checkbox" aria-describedby="custom-note">
        <label for="custom">Customise each task</label>
      </div>
      <p id="custom-note" class="help">Up to 50 tasks. An empty duration follows Duration, an empty start delay is 0, an empty timeout means none.</p>
      <p id="custom-error" class="field-error" role="alert"></p>
      <div class="table-scroll">
        <table class="custom">
          <caption class="visually-hidden">Per-task settings</caption>
          <thead><tr><th scope="col">Task</th><th scope="col">Duration (s)</th><th scope="col">Start delay (s)</th><th scope="col">Timeout (s)</th><th scope="col">Fails</th><th scope="col">Extra release()</th></tr></thead>
          <tbody id="custom-rows"></tbody>
        </table>
      </div>
    </details>
  </form>

  <p id="banner" class="banner" role="alert" hidden></p>
  <p id="status" class="status" role="status" aria-live="polite"></p>

  <section class="panel log-panel" aria-labelledby="log-title">
    <div class="panel-head">
      <h2 id="log-title">Log</h2>
      <div class="log-tools">
        <input id="show-notes" type="checkbox" checked>
        <label for="show-notes">Show explanations</label>
        <button type="button" id="copy-output">Copy output</button>
      </div>
    </div>
    <p class="log-key help"><span class="out-key">Task 1 started</span> is what the Python program prints; <span class="note-key">notes</span> are the playground’s explanations.</p>
    <div id="log" class="log" tabindex="0" role="group" aria-label="Log lines up to the current position" aria-describedby="log-help"></div>
    <p id="log-help" class="visually-hidden">The log shows the lines up to the current position. Scroll, or use Home and End inside it.</p>
    <div id="log-live" class="visually-hidden" role="log" aria-live="polite" aria-label="New log lines"></div>
    <p id="copy-status" class="help" role="status"></p>
    <p id="summary" class="summary" hidden></p>
    <details id="stderr" class="stderr" hidden><summary></summary><pre tabindex="0" aria-label="What Python writes to stderr"></pre></details>
  </section>

  <section class="panel board-panel" id="board" aria-labelledby="board-title">
    <h2 id="board-title">Permit board</h2>
    <div class="program-board" data-program-board></div>
    <div class="board-state" role="status" aria-live="polite" aria-atomic="true">
      <p data-available></p>
      <p data-locked></p>
    </div>
    <ul class="permits" data-permits aria-label="Permits, in order"></ul>
    <h3 id="queue-title">Waiting in line (FIFO)</h3>
    <ol class="queue" data-queue aria-labelledby="queue-title"></ol>
  </section>

  <section class="panel timeline-panel" aria-labelledby="timeline-title">
    <h2 id="timeline-title">Timeline</h2>
    <p class="legend"><span class="key delay">start delay</span> <span class="key alive" hidden>alive (running, or awaiting a task or sleep)</span> <span class="key waiting">waiting</span> <span class="key holding">holding a permit</span> <span class="key inside" hidden>outlined: acquired while holding another</span> <span class="key done">finished</span> <span class="key timeout">timed out or cancelled</span> <span class="key failed">failed</span> <span class="key stuck">stuck (deadlock)</span> <span class="key blocked" hidden>loop blocked by time.sleep()</span></p>
    <div class="timeline-scroll"><canvas id="timeline" class="timeline" tabindex="0" role="img" aria-describedby="timeline-detail" aria-label="Timeline: one lane per task, and below it how many permits are held over time. Arrow up and down pick a task."></canvas><div class="timeline-spacer"></div></div>
    <p id="timeline-detail" class="timeline-detail">Point at a lane (or focus the timeline and use ↑ ↓) for a task’s details.</p>
    <details class="timeline-table">
      <summary>The timeline as a table</summary>
      <div class="table-scroll"><table><caption class="visually-hidden">Each task: when it waited, held a permit and ended</caption>
        <thead><tr><th scope="col">Task</th><th scope="col">Asked at</th><th scope="col">Waited</th><th scope="col">Held</th><th scope="col">Ended</th></tr></thead>
        <tbody id="timeline-rows"></tbody></table></div>
    </details>
  </section>

  <section class="panel code-panel" aria-labelledby="code-title">
    <h2 id="code-title">The program</h2>
    <p id="code-note" class="help">The program of the current run; the highlighted line made the latest event.</p>
    ${LAB_MARKUP}
    ${EDITOR_MARKUP}
    <div class="code-columns" id="code-columns">
      <figure>
        <figcaption id="python-caption">Python (what you would write)</figcaption>
        <pre class="code" tabindex="0" aria-labelledby="python-caption"><code id="code-python"></code></pre>
      </figure>
      <figure>
        <figcaption id="cpp-caption">C++ (what runs here, compiled to WebAssembly)</figcaption>
        <pre class="code" tabindex="0" aria-labelledby="cpp-caption"><code id="code-cpp"></code></pre>
      </figure>
    </div>
  </section>
  ${LEARN_PANEL_MARKUP}
`;
