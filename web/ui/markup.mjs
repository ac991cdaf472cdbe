// The playground's markup, shared by the page (index.html) and the <semaphore-playground> element.
// A static string: nothing from the URL or from attributes is ever put into it.

export const PLAYGROUND_MARKUP = `
  <header class="top">
    <h1>Semaphore Playground</h1>
    <p class="tagline">Watch <code>asyncio.Semaphore</code> limit concurrency: tasks start, wait their turn and finish, exactly as CPython 3.11 runs them.</p>
    <div class="top-links">
      <button type="button" id="theme" class="link-button" aria-pressed="false">Dark theme</button>
      <a id="open-full" href="./" target="_blank" rel="noopener" hidden>Open the full playground</a>
    </div>
  </header>

  <form id="controls" class="controls" novalidate aria-describedby="form-error">
    <div class="field">
      <label for="permits">Permits</label>
      <input id="permits" name="permits" type="number" inputmode="numeric" min="0" max="1000000" step="1" aria-describedby="permits-error">
      <p id="permits-error" class="field-error" role="alert"></p>
    </div>
    <div class="field">
      <label for="tasks">Tasks</label>
      <input id="tasks" name="tasks" type="number" inputmode="numeric" min="0" max="1000000" step="1" aria-describedby="tasks-error">
      <p id="tasks-error" class="field-error" role="alert"></p>
    </div>
    <div class="field">
      <label for="duration">Duration</label>
      <input id="duration" name="duration" type="number" inputmode="decimal" min="0" max="1000000" step="any" aria-describedby="duration-help duration-error">
      <span id="duration-help" class="help">seconds each task holds its permit</span>
      <p id="duration-error" class="field-error" role="alert"></p>
    </div>
    <div class="field checkbox">
      <input id="bounded" name="bounded" type="checkbox">
      <label for="bounded">Bounded</label>
    </div>
    <div class="field">
      <label for="speed">Speed</label>
      <select id="speed" name="speed">
        <option value="0.25">0.25× (slow motion)</option>
        <option value="0.5">0.5×</option>
        <option value="1">1× (real time)</option>
        <option value="2">2×</option>
        <option value="5">5×</option>
        <option value="20">20×</option>
        <option value="instant">Instant</option>
      </select>
    </div>
    <div class="buttons">
      <button type="submit" id="run" class="primary">Run</button>
      <button type="button" id="pause">Pause</button>
      <button type="button" id="step">Step</button>
      <button type="button" id="reset">Reset</button>
      <span class="hint">Ctrl/⌘+Enter runs</span>
    </div>
    <p id="form-error" class="field-error" role="alert"></p>
    <details class="advanced">
      <summary>Advanced: per-task start delay, duration, timeout, failure</summary>
      <div class="field checkbox">
        <input id="custom" type="checkbox">
        <label for="custom">Customise each task</label>
      </div>
      <p id="custom-note" class="help"></p>
      <p id="custom-error" class="field-error" role="alert"></p>
      <div class="table-scroll">
        <table class="custom">
          <thead><tr><th scope="col">Task</th><th scope="col">Duration (s)</th><th scope="col">Start delay (s)</th><th scope="col">Timeout (s)</th><th scope="col">Fails</th></tr></thead>
          <tbody id="custom-rows"></tbody>
        </table>
      </div>
    </details>
  </form>

  <p id="banner" class="banner" role="alert" hidden></p>
  <p id="status" class="status" role="status"></p>

  <section class="panel board-panel" id="board" aria-labelledby="board-title">
    <h2 id="board-title">Permit board</h2>
    <p data-available></p>
    <p data-locked></p>
    <ul class="permits" data-permits aria-label="Permits"></ul>
    <h3>Waiting in line (FIFO)</h3>
    <ol class="queue" data-queue aria-label="Waiting tasks, first in line first"></ol>
  </section>

  <section class="panel timeline-panel" aria-labelledby="timeline-title">
    <h2 id="timeline-title">Timeline</h2>
    <p class="legend"><span class="key waiting">waiting</span> <span class="key holding">holding a permit</span> <span class="key done">done</span> <span class="key timeout">timed out</span> <span class="key failed">failed</span></p>
    <canvas id="timeline" class="timeline" role="img" aria-label="Timeline: one lane per task, and below it how many permits are held over time"></canvas>
  </section>

  <section class="panel log-panel" aria-labelledby="log-title">
    <h2 id="log-title">Log</h2>
    <div id="log" class="log" role="log" aria-live="polite" aria-labelledby="log-title" tabindex="0"></div>
    <p id="summary" class="summary" role="status" hidden></p>
  </section>

  <section class="panel code-panel" aria-labelledby="code-title">
    <h2 id="code-title">The program</h2>
    <div class="code-columns">
      <figure>
        <figcaption>Python (what you would write)</figcaption>
        <pre class="code" tabindex="0"><code id="code-python"></code></pre>
      </figure>
      <figure>
        <figcaption>C++ (what runs here, compiled to WebAssembly)</figcaption>
        <pre class="code" tabindex="0"><code id="code-cpp"></code></pre>
      </figure>
    </div>
  </section>

`;
