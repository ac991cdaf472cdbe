// The playground: wires the settings form, the playback session and the views. Mounted on the page
// (index.html) and inside each <semaphore-playground> element; it only uses the package's public
// JavaScript API. Every view is fed from one place (render), from the session's trace at its playback
// position: nothing asks the runtime anything else.

import { loadRuntime } from '../semaphore-playground.mjs';
import { SettingsForm } from './settings-form.mjs';
import { PlaybackSession } from './session.mjs';
import { LogView } from './log-view.mjs';
import { Timeline } from './timeline.mjs';
import { PermitBoard } from './board.mjs';
import { CodeView } from './code-view.mjs';
import { Controls } from './controls.mjs';
import { showSummary } from './summary-view.mjs';
import { bindKeys } from './keys.mjs';
import { mountLearning } from './learn.mjs';

const speedValue = (choice) => (choice === 'instant' ? Infinity : Number(choice));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function views(root, $) {
  return {
    log: new LogView($('log'), $('log-live')),
    timeline: new Timeline($('timeline'), $('timeline-detail'), root.querySelector('details.timeline-table'), $('timeline-rows')),
    board: new PermitBoard($('board')),
    code: new CodeView($('code-python'), $('code-cpp')),
    controls: new Controls($),
  };
}

/**
 * Mount a playground in `root` (a Document or ShadowRoot holding PLAYGROUND_MARKUP). `settings` are
 * the initial field values (text, as typed or read from a link; `at` opens a run at that event);
 * `onSettings(settings, at)` hears what a link should reproduce; `onRunEvent(message)` hears run
 * events (posted to a parent frame or dispatched by the widget). Returns { dispose, applySettings, refresh }.
 */
export function mountPlayground(root, { settings, problems = [], onSettings: tellSettings = () => {}, onRunEvent = () => {} }) {
  const $ = (id) => root.getElementById?.(id) ?? root.querySelector(`#${id}`);
  const v = views(root, $);
  const playground = $('playground') ?? root.host;
  let runtimePromise = loadRuntime();
  let session = null;
  let applied = null; // the settings of the run on show
  let posted = 0; // events already sent to onRunEvent
  let lastState = 'idle';
  const form = new SettingsForm(root, formChanged);
  const learn = mountLearning($, { settings, runtime: () => runtimePromise, onRunEvent, onChange: () => formChanged(form.read()) });
  const onSettings = (next) => tellSettings({ ...next, ...learn.linkSettings() }); // links carry predict= and compare=

  function showBanner(text) {
    $('banner').textContent = text;
    $('banner').hidden = !text;
  }

  function formChanged(next) {
    if (session && session.state !== 'idle') {
      if (next.speed !== applied.speed) session.setSpeed(speedValue(next.speed));
      applied = { ...applied, speed: next.speed }; // speed applies at once; the rest on the next Run
    } else {
      const scenario = form.check();
      if (scenario) v.code.show(scenario);
      if (scenario) v.board.show(null, 0, scenario.permits);
      learn.scenarioChanged(scenario);
    }
    onSettings(session ? applied : next);
    render();
  }

  function pending() {
    if (!session) return false;
    const { speed: _a, ...now } = form.read();
    const { speed: _b, ...ran } = applied;
    return !same(now, ran);
  }

  /** Every view, from the session's position (or the empty state). */
  function render() {
    const state = session?.state ?? 'idle';
    playground?.setAttribute('data-state', state);
    root.host?.setAttribute?.('data-state', state);
    v.controls.update(session, pending());
    v.controls.say(v.controls.stateText(session, speedValue(form.speed)));
    $('run').setAttribute('aria-describedby', pending() ? 'pending' : '');
    learn.show(session);
    if (!session) return;
    const { trace, cursor, position, scenario } = session;
    v.log.show(trace, cursor, scenario.permits);
    v.board.show(trace, cursor, scenario.permits);
    v.timeline.show({ trace, cursor, position, scenario, horizon: horizonOf(scenario) });
    v.code.highlight(cursor > 0 ? trace.event(cursor - 1).event : null);
    showSummary($('summary'), state === 'done' || state === 'deadlock' ? session.summary : null);
    postNews(state);
  }

  function postNews(state) {
    const { trace, cursor } = session;
    if (cursor > posted) {
      const events = [];
      for (let i = posted; i < cursor; i++) events.push(trace.event(i));
      onRunEvent({ type: 'events', events });
    }
    posted = Math.max(posted, cursor);
    if (state !== lastState) {
      onRunEvent({ type: 'state', state });
      if ((state === 'done' || state === 'deadlock') && session.summary) onRunEvent({ type: 'done', summary: session.summary });
    }
    lastState = state;
  }

  async function begin({ at = null } = {}) {
    const scenario = form.check();
    if (!scenario) {
      form.focusError();
      return;
    }
    if (!learn.mayRun(scenario)) return; // "Predict first": no run without a prediction
    let runtime;
    try {
      runtime = await runtimePromise;
    } catch (error) {
      showBanner(`The runtime could not be loaded: ${error.message}`);
      runtimePromise = loadRuntime();
      return;
    }
    stop();
    showBanner('');
    applied = form.read();
    onSettings(applied);
    v.code.show(scenario);
    session = new PlaybackSession(runtime, scenario, speedValue(applied.speed));
    session.subscribe(() => {
      if (session?.state === 'error') failed(session.error);
      render();
    });
    session.start({ at });
    render();
  }

  function failed(error) {
    // A trap's own message ("null function", "unreachable") means nothing to a learner: say what it is.
    const what = error instanceof WebAssembly.RuntimeError ? `the runtime crashed inside WebAssembly (${error.message})` : (error?.message ?? String(error));
    showBanner(`The runtime stopped: ${what}. Your settings are kept; press Reset to start a fresh runtime.`);
    runtimePromise = loadRuntime(); // a trapped Wasm instance is not reused
  }

  function stop() {
    session?.dispose();
    session = null;
    posted = 0;
    lastState = 'idle';
    v.log.clear();
    showSummary($('summary'), null);
  }

  function reset() {
    stop();
    showBanner('');
    applied = null;
    v.timeline.show(null);
    formChanged(form.read());
  }

  const actions = {
    run: () => begin(),
    pauseOrResume: () => (session?.state === 'paused' ? session.resume() : session?.pause()),
    step: () => (session && session.state !== 'idle' ? session.step() : begin({ at: 1 })),
    back: () => session?.stepBack(),
    seek: (cursor) => session?.seek(cursor),
    home: () => session?.seek(0),
    end: () => session?.seek(session.trace.length),
    reset,
  };
  bindKeys(root, $, actions);
  $('show-notes').addEventListener('change', (event) => {
    v.log.notes = event.target.checked;
    render();
  });
  $('copy-output').addEventListener('click', () => copyOutput(v.log.programOutput(), $('copy-status')));

  form.fill(settings);
  showBanner(problems.join(' '));
  formChanged(form.read());
  if (settings.at !== null && settings.at !== undefined) begin({ at: settings.at });
  return {
    dispose: () => stop(),
    applySettings: (next) => { form.fill(next); formChanged(form.read()); },
    refresh: () => v.timeline.invalidate(),
  };
}

/** A guess at the run's length for the timeline's axis until the real end is known. */
function horizonOf(scenario) {
  if (!Array.isArray(scenario.tasks)) return Math.ceil(scenario.tasks / Math.max(scenario.permits, 1)) * scenario.duration || 1;
  let longest = 0;
  for (const t of scenario.tasks) longest = Math.max(longest, t.start + Math.min(t.duration, t.timeout ?? Infinity));
  return longest * Math.ceil(scenario.tasks.length / Math.max(scenario.permits, 1)) || 1;
}

async function copyOutput(lines, status) {
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = `Copied ${lines.length} printed ${lines.length === 1 ? 'line' : 'lines'} (what Python prints, without times or notes).`;
  } catch (error) {
    status.textContent = `Could not copy: ${error.message}`;
  }
}
