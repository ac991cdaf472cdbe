// The playground: wires the form, the run, and the views. Mounted on the page (index.html) and inside
// each <semaphore-playground> element; it only uses the package's public JavaScript API.

import { loadRuntime, normalizeScenario, ScenarioError, idealTime, taskCount, formatTime } from '../semaphore-playground.mjs';
import { RunModel } from './model.mjs';
import { LogView, pageLine } from './log-view.mjs';
import { Timeline } from './timeline.mjs';
import { PermitBoard } from './board.mjs';
import { CodeView } from './code-view.mjs';

const MAX_CUSTOM_TASKS = 50;

function speedValue(choice) {
  return choice === 'instant' ? Infinity : Number(choice);
}

/**
 * Mount a playground in `root` (a Document or ShadowRoot holding the markup of index.html's
 * #playground). `settings` are the initial field values; `onSettings(settings)` hears every change
 * (the page writes them to the URL); `onRunEvent(message)` hears run events (posted to a parent frame).
 */
export function mountPlayground(root, { settings, problems = [], onSettings = () => {}, onRunEvent = () => {} }) {
  const $ = (selector) => root.querySelector(selector);
  const fields = { permits: $('#permits'), tasks: $('#tasks'), duration: $('#duration'), bounded: $('#bounded'), speed: $('#speed') };
  const buttons = { run: $('#run'), pause: $('#pause'), step: $('#step'), reset: $('#reset') };
  const status = $('#status');
  const banner = $('#banner');
  const summary = $('#summary');
  const customToggle = $('#custom');
  const customRows = $('#custom-rows');
  const log = new LogView($('#log'));
  const timeline = new Timeline($('#timeline'));
  const board = new PermitBoard($('#board'));
  const code = new CodeView($('#code-python'), $('#code-cpp'));

  let runtimePromise = loadRuntime();
  let run = null;
  let model = null;
  let semaphoreState = null; // the runtime's semaphore as last read, for the permit board
  let animating = false;

  // --- settings and validation -------------------------------------------------------------

  fields.permits.value = settings.permits;
  fields.tasks.value = settings.tasks;
  fields.duration.value = settings.duration;
  fields.bounded.checked = settings.bounded;
  fields.speed.value = settings.speed;
  if (settings.custom) {
    customToggle.checked = true;
    root.querySelector('details.advanced')?.setAttribute('open', '');
  }
  buildCustomRows(settings.custom);
  showBanner(problems.join(' '));

  function currentSettings() {
    return {
      permits: fields.permits.value.trim(),
      tasks: fields.tasks.value.trim(),
      duration: fields.duration.value.trim(),
      bounded: fields.bounded.checked,
      speed: fields.speed.value,
      custom: customToggle.checked ? readCustomRows() : null,
    };
  }

  function number(text) {
    return text === '' ? undefined : Number(text);
  }

  /** The scenario in the fields, or throws ScenarioError naming the field. */
  function scenarioFromFields() {
    const s = currentSettings();
    for (const key of ['permits', 'tasks', 'duration']) {
      if (s[key] === '') throw new ScenarioError(key, `${key} is empty: enter a number`);
      if (Number.isNaN(Number(s[key]))) throw new ScenarioError(key, `${key} must be a number (got "${s[key].slice(0, 20)}")`);
    }
    const input = { permits: number(s.permits), duration: number(s.duration), bounded: s.bounded, tasks: number(s.tasks) };
    if (s.custom) input.tasks = s.custom.slice(0, input.tasks);
    return normalizeScenario(input);
  }

  function clearErrors() {
    for (const element of root.querySelectorAll('.field-error')) element.textContent = '';
    for (const element of root.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
  }

  function showError(error) {
    const match = /^tasks\[(\d+)\]\.(\w+)$/.exec(error.field ?? '');
    const input = match ? customRows.querySelector(`[data-task="${Number(match[1]) + 1}"][data-field="${match[2]}"]`) : fields[error.field];
    const slot = match ? $('#custom-error') : $(`#${error.field}-error`);
    (slot ?? $('#form-error')).textContent = error.message;
    if (input) input.setAttribute('aria-invalid', 'true');
    return input;
  }

  /** Check the fields; show what is wrong next to the field. Returns the scenario or null. */
  function validate() {
    clearErrors();
    try {
      const scenario = scenarioFromFields();
      code.show(scenario);
      // Before a run, the board shows the semaphore as the settings would create it.
      if (!run || run.state === 'idle') board.show(new RunModel(taskCount(scenario), scenario.permits), null);
      return scenario;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      showError(error);
      return null;
    }
  }

  function changed() {
    onSettings(currentSettings());
    validate();
  }

  for (const element of [fields.permits, fields.tasks, fields.duration, fields.bounded]) element.addEventListener('input', changed);
  fields.tasks.addEventListener('change', () => buildCustomRows(customToggle.checked ? readCustomRows() : null));
  customToggle.addEventListener('change', () => {
    buildCustomRows(customToggle.checked ? readCustomRows() : null);
    changed();
  });
  customRows.addEventListener('input', changed);
  fields.speed.addEventListener('change', () => {
    onSettings(currentSettings());
    if (run) run.setSpeed(speedValue(fields.speed.value));
  });

  function buildCustomRows(list) {
    const count = Math.min(Math.max(Number.parseInt(fields.tasks.value, 10) || 0, 0), MAX_CUSTOM_TASKS);
    const note = $('#custom-note');
    note.textContent = Number(fields.tasks.value) > MAX_CUSTOM_TASKS
      ? `Per-task settings cover up to ${MAX_CUSTOM_TASKS} tasks; with more, turn this off or lower Tasks.`
      : '';
    if (!customToggle.checked) {
      customRows.replaceChildren();
      return;
    }
    const rows = [];
    for (let n = 1; n <= count; n++) {
      const t = list?.[n - 1] ?? {};
      const row = document.createElement('tr');
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = `Task ${n}`;
      row.append(head);
      for (const [field, label, value] of [
        ['duration', 'duration (s)', t.duration ?? fields.duration.value],
        ['start', 'start delay (s)', t.start ?? 0],
        ['timeout', 'timeout (s), empty for none', t.timeout ?? ''],
      ]) {
        const cell = document.createElement('td');
        const input = document.createElement('input');
        input.type = 'number';
        input.min = '0';
        input.step = 'any';
        input.value = value;
        input.dataset.task = String(n);
        input.dataset.field = field;
        input.setAttribute('aria-label', `Task ${n} ${label}`);
        cell.append(input);
        row.append(cell);
      }
      const cell = document.createElement('td');
      const fail = document.createElement('input');
      fail.type = 'checkbox';
      fail.checked = Boolean(t.fail);
      fail.dataset.task = String(n);
      fail.dataset.field = 'fail';
      fail.setAttribute('aria-label', `Task ${n} fails inside the critical section`);
      cell.append(fail);
      row.append(cell);
      rows.push(row);
    }
    customRows.replaceChildren(...rows);
  }

  function readCustomRows() {
    const list = [];
    for (const input of customRows.querySelectorAll('input')) {
      const n = Number(input.dataset.task);
      const entry = (list[n - 1] ??= {});
      const field = input.dataset.field;
      if (field === 'fail') {
        if (input.checked) entry.fail = true;
      } else if (input.value.trim() !== '') {
        entry[field] = Number(input.value);
      } else if (field !== 'timeout') {
        entry[field] = NaN; // an emptied duration or start is an error, not a silent default
      }
    }
    return list.length ? list : [];
  }

  // --- running --------------------------------------------------------------------------------

  function showBanner(text) {
    banner.textContent = text;
    banner.hidden = !text;
  }

  function setButtons(state) {
    status.textContent = {
      idle: 'Ready.',
      running: 'Running…',
      paused: 'Paused. Run resumes, Step advances one loop iteration.',
      done: 'Finished.',
      deadlock: 'Deadlock: nothing can happen any more.',
      error: 'The runtime stopped with an error. Reset starts a fresh one.',
    }[state] ?? state;
    buttons.pause.disabled = state !== 'running';
    buttons.step.disabled = state === 'done' || state === 'deadlock' || state === 'error';
    root.host?.setAttribute?.('data-state', state);
    $('#playground')?.setAttribute('data-state', state);
  }

  async function prepare() {
    const scenario = validate();
    if (!scenario) {
      root.querySelector('[aria-invalid="true"]')?.focus();
      return null;
    }
    let runtime;
    try {
      runtime = await runtimePromise;
    } catch (error) {
      showBanner(`The runtime could not be loaded: ${error.message}`);
      runtimePromise = loadRuntime();
      return null;
    }
    if (run) run.reset();
    showBanner('');
    summary.hidden = true;
    log.clear();
    model = new RunModel(taskCount(scenario), scenario.permits);
    semaphoreState = null;
    run = runtime.createRun(scenario, { speed: speedValue(fields.speed.value) });
    const thisRun = run;
    const horizon = idealTime(scenario) ?? estimateHorizon(scenario);
    run.on('events', (batch) => {
      if (thisRun !== run) return;
      model.apply(batch);
      log.append(batch.map((e) => ({ text: pageLine(e, scenario.permits), kind: e.event })));
      code.highlight(batch[batch.length - 1].event);
      draw(horizon);
      onRunEvent({ type: 'events', events: batch });
    });
    run.on('state', (state) => {
      if (thisRun !== run) return;
      setButtons(state);
      onRunEvent({ type: 'state', state });
      if (state === 'running') animate(horizon);
    });
    run.on('error', (error) => {
      if (thisRun !== run) return;
      // A trap's own message ("null function", "unreachable") means nothing to a learner: say what it is.
      const what = error instanceof WebAssembly.RuntimeError ? `the runtime crashed inside WebAssembly (${error.message})` : (error?.message ?? error);
      showBanner(`The runtime stopped: ${what}. Your settings are kept; press Reset to start a fresh runtime.`);
      runtimePromise = loadRuntime(); // a trapped Wasm instance is not reused
    });
    run.done.then((result) => {
      if (thisRun !== run) return;
      showSummary(result);
      onRunEvent({ type: 'done', summary: result });
    });
    draw(horizon);
    return run;
  }

  function estimateHorizon(scenario) {
    if (!Array.isArray(scenario.tasks)) return scenario.duration || 1;
    let longest = 0;
    for (const t of scenario.tasks) longest = Math.max(longest, t.start + Math.min(t.duration, t.timeout ?? Infinity));
    return longest * Math.ceil(scenario.tasks.length / Math.max(scenario.permits, 1)) || 1;
  }

  // After a runtime error the Wasm instance may have trapped: the views never call into it again and
  // keep what they last showed (the timeline falls back to the model's time). Reset or Run replaces it.
  function live() {
    return run !== null && run.state !== 'error';
  }

  function virtualNow() {
    return live() ? run.now() : 0;
  }

  function draw(horizon) {
    timeline.show(model, virtualNow, horizon);
    if (live()) semaphoreState = run.semaphore();
    board.show(model, semaphoreState);
  }

  function animate(horizon) {
    if (animating) return;
    animating = true;
    const frame = () => {
      if (!run || run.state !== 'running') {
        animating = false;
        draw(horizon);
        return;
      }
      timeline.show(model, virtualNow, horizon);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  function showSummary(result) {
    const parts = [];
    parts.push(`Total virtual time ${formatTime(result.endTime)}`);
    if (result.ideal !== null && !result.deadlocked) {
      parts.push(`ideal ceil(${result.tasks}/${result.permits}) × duration = ${formatTime(result.ideal)}`);
    }
    parts.push(`peak concurrency ${result.peakConcurrency} of ${result.permits} permit${result.permits === 1 ? '' : 's'}`);
    const c = result.counts;
    parts.push(`${c.finished} finished, ${c.timeout} timed out, ${c.failed} failed`);
    let text = `${parts.join('; ')}.`;
    if (result.deadlocked) {
      text += ` Deadlock: task${result.waiting.length === 1 ? '' : 's'} ${result.waiting.slice(0, 20).join(', ')}${result.waiting.length > 20 ? ', …' : ''} ` +
        `wait for a permit, but no task holds one and no timer is pending, so nobody will ever call release().` +
        (result.permits === 0 ? ' Semaphore(0) starts with no permits at all.' : '');
    }
    summary.textContent = text;
    summary.hidden = false;
  }

  async function start() {
    if (run && run.state === 'paused') {
      run.resume();
      return;
    }
    if (await prepare()) run.start();
  }

  buttons.pause.addEventListener('click', () => run?.pause());
  buttons.step.addEventListener('click', async () => {
    if (!run || run.state === 'idle' || run.state === 'done' || run.state === 'deadlock') {
      if (!(await prepare())) return;
    }
    run.step();
  });
  buttons.reset.addEventListener('click', () => {
    if (run) run.reset();
    run = null;
    model = null;
    semaphoreState = null;
    log.clear();
    summary.hidden = true;
    showBanner('');
    setButtons('idle');
    timeline.show(null, () => 0, 1);
    validate();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      start();
    }
  });
  // Run is the form's submit button: a click (or Enter in a field) submits, and the submit starts the
  // run once. Listening to the click as well started two runs per click, the first thrown away; when
  // that first one failed at once (a trap), the second silently replaced the error on a fresh runtime.
  const form = $('form');
  if (form) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      start();
    });
  } else {
    buttons.run.addEventListener('click', start);
  }

  setButtons('idle');
  validate();
  return { start, get run() { return run; }, log };
}
