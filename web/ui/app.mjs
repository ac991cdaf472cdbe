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
import { showStderr, showSummary } from './summary-view.mjs';
import { bindKeys } from './keys.mjs';
import { mountLearning } from './learn.mjs';
import { ProgramEditor } from './program-editor.mjs';
import { fullStop, programEnding } from './program-trace.mjs';
import { ProgramBoard } from './program-board.mjs';
import { LabPanel } from './lab-panel.mjs';
import { decodeProgram } from './program-link.mjs';
import { readAuthorOptions } from './author-options.mjs';
import { ProgramHost } from './program-host.mjs';
import { knobProgram } from './program-shape.mjs';

const speedValue = (choice) => (choice === 'instant' ? Infinity : Number(choice));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function views(root, $) {
  return {
    log: new LogView($('log'), $('log-live')),
    timeline: new Timeline($('timeline'), $('timeline-detail'), root.querySelector('details.timeline-table'), $('timeline-rows')),
    board: new PermitBoard($('board')),
    programBoard: new ProgramBoard(root.querySelector('[data-program-board]')),
    code: new CodeView($('code-python'), $('code-cpp')),
    controls: new Controls($),
  };
}

/**
 * Mount a playground in `root` (a Document or ShadowRoot holding PLAYGROUND_MARKUP). `settings` are
 * the initial field values (text, as typed or read from a link; `at` opens a run at that event);
 * `onSettings(settings)` hears what a link should reproduce; `onRunEvent(message)` hears run events
 * (posted to a parent frame or dispatched by the widget). `shareUrl(settings)` gives the link that
 * reopens `settings` (absent: no link to share, as in the widget). `settings.lock` and `settings.hide`
 * are a course's lock= and hide= as written (author-options.mjs); `where` names their source in
 * messages ("in the link", "in the attributes"). Returns { dispose, applySettings, refresh,
 * setAuthorOptions({ lock, hide }), setPredict(id or null) }.
 */
export function mountPlayground(
  root,
  { settings, problems = [], onSettings = () => {}, onRunEvent = () => {}, wantsEvents = true, shareUrl = null, where = 'in the link' },
) {
  const playground = new Playground(root, onSettings, onRunEvent, wantsEvents, shareUrl, where);
  playground.open(settings, problems);
  return {
    dispose: () => playground.dispose(),
    applySettings: (next) => playground.applySettings(next),
    refresh: () => playground.views.timeline.invalidate(),
    setAuthorOptions: (options) => playground.setAuthorOptions(options),
    setPredict: (id) => playground.learn.setPredict(id),
  };
}

class Playground {
  #root;
  #onSettings;
  #onRunEvent;
  #runtime = loadRuntime();
  #programs = new ProgramHost(() => this.#runtime); // edited programs run in its worker (see program-host.mjs)
  #session = null;
  #applied = null; // the settings of the run on show
  #posted = 0; // events already sent to onRunEvent
  #lastState = 'idle';
  #settingsValid = true; // whether the settings as typed make a scenario (checked while nothing runs)
  #program = null; // the edited program on show: { source, result } (simulateProgram's result)
  #unreadProgram = null; // a link's program= that could not be read: kept in the link until the learner edits
  #where;
  #options = { lock: [], hide: [], text: { lock: null, hide: null } }; // the course's lock= and hide=
  #problems = { link: [], options: [] }; // what the banner says about the link (or attributes) and about lock/hide

  #wantsEvents;

  /** `wantsEvents`: whether anyone hears 'events' messages (a million tasks make three million objects). */
  constructor(root, onSettings, onRunEvent, wantsEvents, shareUrl, where) {
    this.#root = root;
    this.#wantsEvents = wantsEvents;
    this.#where = where;
    // Links also carry the learning panel's predict= and compare=, the edited program and the lab.
    const link = () => {
      const { program } = this.editor.linkSettings();
      return {
        ...(this.learn?.linkSettings() ?? {}),
        program: program ?? (this.editor.isOpen ? null : this.#unreadProgram),
        lab: this.lab.lab?.id ?? null,
        ...this.#options.text,
      };
    };
    this.#onSettings = (next) => onSettings({ ...next, ...link() });
    this.#onRunEvent = onRunEvent;
    this.$ = (id) => root.getElementById?.(id) ?? root.querySelector(`#${id}`);
    this.views = views(root, this.$);
    this.form = new SettingsForm(root, (next) => this.#formChanged(next));
    this.editor = new ProgramEditor(this.$, {
      applyKnobs: (knobs) => !this.#locked('knobs') && this.applySettings({ ...this.form.read(), ...knobs }),
      onLink: () => this.#onSettings(this.#applied ?? this.form.read()),
      onEdited: (source) => {
        if (!this.#session) this.#render(); // before a run, the board says whose semaphores it will show
        this.#programs.warm(); // the editor is open: a program will run, so its worker starts now
        this.#programs.prepare(source); // and the page tries it, so Run has nothing left to run
        this.learn?.programChanged(source);
      },
      shareUrl: () => (shareUrl ? shareUrl({ ...this.form.read(), ...link() }) : null),
      onReset: () => this.#reset(),
    });
    this.lab = new LabPanel(this.$, (detail) => onRunEvent({ type: 'lab-complete', ...detail }));
    this.#bind();
  }

  open(settings, problems) {
    this.#problems.link = problems;
    this.setAuthorOptions(settings);
    // Predict, compare, export and labs (learn.mjs): mounted once the settings are known.
    this.learn = mountLearning(this.$, {
      settings,
      runtime: () => this.#runtime,
      onRunEvent: this.#onRunEvent,
      onChange: () => this.#formChanged(this.form.read()),
      openLab: (id) => this.openLab(id),
      shows: (view) => this.shows(view),
      program: () => this.editor.edited(),
      compareProgram: (source, counts) => this.#programs.comparison(source, counts),
    });
    this.form.fill(settings);
    this.#banner([...this.#problems.link, ...this.#problems.options].join(' '));
    this.#formChanged(this.form.read());
    if (settings.lab || settings.program) this.#openFromLink(settings);
    else if (settings.at !== null && settings.at !== undefined) this.#begin({ at: settings.at });
  }

  /** A link's lab= and program=: a malformed program is a message, nothing else is lost, nothing runs. */
  async #openFromLink({ lab, program }) {
    let text = null;
    if (program) {
      try {
        text = await decodeProgram(program);
      } catch (error) {
        this.#unreadProgram = program;
        this.#banner(error.message);
      }
    }
    if (lab) await this.openLab(lab, { text, focus: false });
    else if (text !== null) await this.editor.open(text, { focus: false });
  }

  /** Open lab `id` of web/labs.mjs: its goal and its program in the editor (`text`: an edited version). */
  async openLab(id, { text = null, focus = true } = {}) {
    const { labs } = await import('../labs.mjs');
    const lab = labs.find((l) => l.id === id);
    if (!lab) return this.#banner(`There is no lab "${String(id).slice(0, 40)}". The labs: ${labs.map((l) => l.id).join(', ')}.`);
    this.stop();
    this.lab.show(lab);
    await this.editor.open(text ?? lab.program, { base: lab.program, focus: false });
    if (focus) this.$('lab-title').focus();
    this.#onSettings(this.form.read());
    return undefined;
  }

  /** Whether view `name` (author-options.mjs VIEWS) is on show: a hidden one is not drawn at all. */
  shows(name) {
    return !this.#options.hide.includes(name);
  }

  #locked(what) {
    return this.#options.lock.includes(what);
  }

  /**
   * A course's lock= and hide= (text as written, null for none): what they lock is read-only with its
   * reason, what they hide is not drawn and leaves no room; unknown names are a one-line message.
   * Live: a widget's attribute changes come here, and views shown again are drawn at once.
   */
  setAuthorOptions({ lock = null, hide = null }) {
    const read = readAuthorOptions({ lock, hide }, this.#where);
    const said = this.#problems.options.join(' ');
    this.#options = { lock: read.lock, hide: read.hide, text: { lock, hide } };
    this.#problems.options = read.problems;
    const playground = this.$('playground');
    for (const [attribute, names] of [
      ['data-lock', read.lock],
      ['data-hide', read.hide],
    ]) {
      if (names.length) playground.setAttribute(attribute, names.join(' '));
      else playground.removeAttribute(attribute);
    }
    this.form.lock(this.#locked('knobs'));
    this.editor.lock({ program: this.#locked('program'), knobs: this.#locked('knobs') });
    this.#placeSummary();
    if (!this.learn) return; // open() goes on: the banner and the views come next
    const banner = this.$('banner');
    if (read.problems.length || (said && banner.textContent.includes(said))) this.#banner(read.problems.join(' '));
    this.learn.optionsChanged();
    if (this.#session && this.shows('program') && !this.#program) this.views.code.show(this.#session.scenario);
    if (this.#session) this.#render();
    else this.#formChanged(this.form.read());
  }

  /** With the log hidden, its summary (unless hidden too) stands on its own under the status line. */
  #placeSummary() {
    const summary = this.$('summary');
    const alone = !this.shows('log') && this.shows('summary');
    if (alone && summary.parentElement !== this.$('playground')) this.$('status').after(summary);
    else if (!alone && summary.parentElement === this.$('playground')) this.$('copy-status').after(summary);
  }

  applySettings(next) {
    this.form.fill(next);
    this.#formChanged(this.form.read());
  }

  /** Stop and free the run; the views go back to empty. */
  stop() {
    this.#session?.dispose();
    this.#session = null;
    this.#programs.released();
    this.#posted = 0;
    this.#lastState = 'idle';
    this.#program = null;
    this.editor?.showResult(null); // an error marked in the editor was the last run's
    this.views.log.clear();
    showSummary(this.$('summary'), null);
    showStderr(this.$('stderr'), null);
  }

  /** Stop for good: the run and the programs' worker end. */
  dispose() {
    this.stop();
    this.#programs.dispose();
  }

  #bind() {
    const session = () => this.#session;
    // A program that never ran (a SyntaxError) shows its ending alone: ← and Home have nowhere to go.
    const travel = () => (this.#session?.trace.ranNothing ? null : this.#session);
    bindKeys(this.#root, this.$, {
      run: () => this.#begin(),
      pauseOrResume: () => (session()?.state === 'paused' ? session().resume() : session()?.pause()),
      step: () => (session() ? session().step() : this.#begin({ at: 1 })),
      back: () => travel()?.stepBack(),
      seek: (cursor) => travel()?.seek(cursor),
      home: () => travel()?.seek(0),
      end: () => session()?.seek(session().trace.length),
      reset: () => this.#reset(),
    });
    this.$('show-notes').addEventListener('change', (event) => {
      this.views.log.notes = event.target.checked;
      this.#render();
    });
    this.$('copy-output').addEventListener('click', () => copyOutput(this.views.log.programOutput(), this.$('copy-status')));
  }

  #banner(text) {
    this.$('banner').textContent = text;
    this.$('banner').hidden = !text;
  }

  #formChanged(next) {
    if (this.#session) {
      // Speed applies at once; everything else on the next Run (the views keep showing what runs).
      if (next.speed !== this.#applied.speed) this.#session.setSpeed(speedValue(next.speed));
      this.#applied = { ...this.#applied, speed: next.speed };
    } else {
      const scenario = this.form.check();
      this.#settingsValid = scenario !== null;
      if (this.shows('program')) this.views.code.show(scenario);
      if (this.shows('board')) this.views.board.show(null, 0, scenario?.permits ?? null);
      this.learn?.scenarioChanged(scenario);
      this.editor.knobsChanged(scenario);
    }
    this.#onSettings(this.#session ? this.#applied : next);
    this.#render();
  }

  #pending() {
    if (!this.#session) return false;
    const { speed: _typed, ...typed } = this.form.read();
    const { speed: _ran, ...ran } = this.#applied;
    return !same(typed, ran);
  }

  /** Every view, from the session's position (or the empty state). */
  #render() {
    const session = this.#session;
    const state = session?.state ?? 'idle';
    this.$('playground')?.setAttribute('data-state', state);
    // The board shows the program's primitives, also before its first run: the knobs' semaphore
    // would describe a program that is not the one Run runs.
    const programBoard = Boolean(this.#program) || (!session && this.editor.edited() !== null);
    this.$('playground')?.toggleAttribute('data-program-run', programBoard);
    this.#root.host?.setAttribute?.('data-state', state);
    const pending = this.#pending();
    this.views.controls.update(session, pending);
    const runnable = this.#settingsValid || this.editor.edited() !== null;
    this.views.controls.say(this.views.controls.stateText(session, speedValue(this.form.speed), this.#program?.result, runnable));
    if (pending) this.$('run').setAttribute('aria-describedby', 'pending');
    else this.$('run').removeAttribute('aria-describedby');
    this.learn?.show(session);
    if (!session) {
      if (programBoard && this.shows('board')) this.views.programBoard.show(null, 0);
      return this.#showProgram();
    }
    const { trace, cursor, position, scenario } = session;
    // Hidden views (hide=) are not drawn: no work for them; they catch up when shown again.
    if (scenario) {
      if (this.shows('log')) this.views.log.show(trace, cursor, scenario.permits);
      if (this.shows('board')) this.views.board.show(trace, cursor, scenario.permits);
      if (this.shows('timeline')) this.views.timeline.show({ trace, cursor, position, scenario, horizon: horizonOf(scenario) });
      if (this.shows('program')) this.#pointAtLesson(scenario, cursor > 0 ? trace.event(cursor - 1).event : null);
      if (this.shows('summary')) showSummary(this.$('summary'), state === 'done' || state === 'deadlock' ? session.summary : null);
    } else {
      if (this.shows('log')) this.views.log.show(trace, cursor, undefined);
      if (this.shows('board')) this.views.programBoard.show(trace, cursor);
      // A program's length is unknown until it ends: the axis doubles as the run passes it, so it
      // (and the timeline's per-column caches) changes a few times, not every frame.
      const horizon = 2 ** Math.ceil(Math.log2(Math.max(1, position)));
      if (this.shows('timeline')) this.views.timeline.show({ trace, cursor, position, scenario: { tasks: 0 }, horizon });
      if (this.shows('program') && this.#program) this.editor.pointAt(cursor > 0 ? trace.event(cursor - 1).line : 0, this.#program.source);
      if (state === 'done' || state === 'deadlock') this.#showProgram();
      else {
        if (this.shows('summary')) this.$('summary').hidden = true; // told when the playback ends, like a scenario's
        showStderr(this.$('stderr'), null);
      }
    }
    this.#postNews(state);
  }

  /** Events the playback has shown since the last call, and state changes, to the host page. */
  #postNews(state) {
    const { trace, cursor, summary } = this.#session;
    if (cursor > this.#posted && this.#wantsEvents) {
      const events = [];
      for (let i = this.#posted; i < cursor; i++) events.push(trace.event(i));
      this.#onRunEvent({ type: 'events', events });
    }
    this.#posted = Math.max(this.#posted, cursor);
    if (state !== this.#lastState) {
      this.#onRunEvent({ type: 'state', state });
      if ((state === 'done' || state === 'deadlock') && summary) this.#onRunEvent({ type: 'done', summary });
    }
    this.#lastState = state;
  }

  async #begin({ at = null } = {}) {
    const source = this.editor.edited();
    if (source !== null) return this.#runProgram(source, { at });
    const scenario = this.form.check();
    if (!scenario) return this.form.focusError();
    if (!this.learn.mayRun(scenario)) return undefined; // "Predict first": no run without a prediction
    let runtime;
    try {
      runtime = await this.#runtime;
    } catch (error) {
      this.#banner(`The runtime could not be loaded: ${error.message}`);
      this.#runtime = loadRuntime();
      return undefined;
    }
    this.stop();
    this.#banner('');
    this.#applied = this.form.read();
    this.#onSettings(this.#applied);
    if (this.shows('program')) this.views.code.show(scenario);
    const session = new PlaybackSession(runtime, scenario, speedValue(this.#applied.speed));
    this.#session = session;
    session.subscribe(() => {
      if (session.state === 'error') this.#failed(session.error);
      this.#render();
    });
    session.start({ at });
    this.#render();
    return undefined;
  }

  /**
   * An edited program, played by the interpreter like a scenario (runtime.runProgram, on the page
   * within a small budget, else in the playground's program worker: program-host.mjs): log, board
   * and timeline follow the playback.
   * When the playback ends, its result marks an error in the editor, checks the lab's goal and fills
   * the summary. Only "Predict first" runs the program once before (its question is made from the run).
   */
  async #runProgram(source, { at = null } = {}) {
    let player;
    try {
      if (this.learn.predicting && !(await this.learn.mayRunProgram(source, (id) => this.#programs.question(id, source)))) return;
      this.stop(); // first: a worker holding a big run's memory is replaced before it runs this one
      player = await this.#programs.player();
    } catch (error) {
      this.#failed(error);
      return;
    }
    this.stop(); // a Run pressed again while the runtime loaded: the later one plays
    this.#banner('');
    this.#program = { source, result: null };
    this.#applied = this.form.read(); // the speed plays the program; a knob changed later applies on the next Run
    this.views.board.show(null, 0, 0);
    const session = new PlaybackSession(player, null, speedValue(this.#applied.speed), source);
    this.#session = session;
    let checked = false;
    session.subscribe(() => {
      if (session.state === 'error') this.#failed(session.error);
      const program = this.#program;
      if (program && !program.result && session.trace.ended && session.summary) this.#programEnded(session);
      // The lab's verdict when the playback reaches the end, as the learner sees the run finish.
      if (!checked && program?.result && (session.state === 'done' || session.state === 'deadlock') && this.lab.lab) {
        checked = true;
        this.lab.check(program.result);
      }
      this.#render();
    });
    session.start({ at });
    this.#render();
  }

  /** The program's whole run is in the trace: its result, in simulateProgram's terms, for the editor, the lab and the summary. */
  #programEnded(session) {
    const { summary, trace } = session;
    const result = {
      output: summary.output,
      exitStatus: summary.exitStatus,
      error: summary.error,
      errorAt: summary.errorAt,
      finalLine: summary.finalLine,
      ran: summary.ran,
      deadlock: summary.deadlocked ? { t: summary.endTime, tasks: trace.ending?.tasks ?? [], held: trace.deadlockHolders() } : null,
      printed: trace.outputIndex.length,
      endTime: trace.endTime,
    };
    this.#program.result = result;
    this.editor.showResult(result);
  }

  /** How the program on show ended, in the summary and the status line. */
  /** The knobs' run: the code view's line of the latest event (`kind`), and the editor's when it holds that program. */
  #pointAtLesson(scenario, kind) {
    this.views.code.highlight(kind);
    if (this.editor.isOpen) this.editor.pointAt(this.views.code.lineOf(kind), knobProgram(scenario));
  }

  #showProgram() {
    const result = this.#program?.result;
    if (!result) return;
    const lines = `${result.printed} ${result.printed === 1 ? 'line' : 'lines'} printed`;
    const ending = programEnding({
      deadlocked: Boolean(result.deadlock),
      endTime: result.endTime,
      waiting: result.deadlock
        ? result.deadlock.tasks.map((s) => `${s.name} (in ${s.function}, awaiting ${s.awaiting}${s.line > 0 ? `, line ${s.line}` : ''})`)
        : [],
      held: result.deadlock?.held,
      finalLine: result.finalLine,
      exitStatus: result.exitStatus,
      error: result.error,
      ran: result.ran,
    });
    let text = ending ? `${ending} (${lines}.)` : `The program finished at ${result.endTime}s (virtual time); ${lines}.`;
    if (result.ran === false && ending) text = fullStop(ending); // nothing ran, so nothing was printed
    if (this.shows('summary')) {
      this.$('summary').textContent = text;
      this.$('summary').hidden = false;
    }
    showStderr(this.$('stderr'), result);
  }

  #failed(error) {
    // A trap's own message ("null function", "unreachable") means nothing to a learner: say what it is.
    const what =
      error instanceof WebAssembly.RuntimeError
        ? `the runtime crashed inside WebAssembly (${error.message})`
        : (error?.message ?? String(error));
    this.#banner(`The runtime stopped: ${what}. Your settings are kept; press Reset to start a fresh runtime.`);
    this.#runtime = loadRuntime(); // a trapped Wasm instance is not reused
    if (this.#program) this.#programs.failed(); // nor a trapped worker
  }

  #reset() {
    this.stop();
    this.#banner('');
    this.#applied = null;
    this.views.timeline.show(null);
    this.#formChanged(this.form.read());
  }
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
