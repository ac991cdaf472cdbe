// "The program" made editable (issue #13). The editor (CodeMirror, web/generated/editor.mjs) is
// imported only when the learner presses "Edit the program", so the first page stays small, and it
// is mounted in a shadow root of its own so that its styles are adopted stylesheets (the CSP allows
// no <style> element). While the program still has the lesson's shape the knobs follow it both ways;
// once it does not, the panel says so and Run runs the program as written.

import { knobProgram, readKnobs } from './program-shape.mjs';
import { encodeProgram } from './program-link.mjs';
import { errorLine } from './program-trace.mjs';
import { habitNote } from './habit-note.mjs';

const EDITOR_MODULE = new URL('../generated/editor.mjs', import.meta.url).href;
const SETTLE_MS = 250; // typing pauses this long before the knobs and the link follow the text

/**
 * Resolves in a later task. Opening the editor the first time evaluates CodeMirror's module, mounts
 * the editor and then syncs the knobs and the link: each takes tens of ms on a slow machine, and in one
 * task they held the page for over 200 ms (the page's budget is 100 ms a task).
 */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export class ProgramEditor {
  #$;
  #hooks;
  #editor = null;
  #loading = null;
  #mounting = null; // the first open's mount, which later opens wait for
  #scenario = null; // the knobs' scenario (null while a field is wrong)
  #base = null; // the program Reset returns to when a lab is open (else the knobs' program)
  #encoded = null; // the program= value for the text on show, once computed
  #settle = null;
  #marked = false; // an error is marked in the editor (showResult)
  #locks = { program: false, knobs: false }; // a course's lock=: the program cannot be edited; the knobs do not follow it

  /** hooks: applyKnobs(knobs), onLink() (the link changed), shareUrl() (null: no link to share). */
  constructor($, hooks) {
    this.#$ = $;
    this.#hooks = hooks;
    $('edit-program').addEventListener('click', () => this.open());
    $('reset-program').addEventListener('click', () => this.reset());
    $('share-program').addEventListener('click', () => this.#share());
  }

  /**
   * A course's locks. program: no "Edit the program" (its reason shown instead), an open editor (a lab,
   * a link's program) read-only, no Reset program or link to share. knobs: the knobs do not follow the
   * text; a changed program runs as written. Nothing typed is lost: unlocking keeps the text.
   */
  lock(locks) {
    this.#locks = { ...locks };
    this.#editor?.setReadOnly(locks.program);
    this.#tools();
    if (this.#editor) this.#changed();
  }

  #tools() {
    const $ = this.#$;
    const open = this.isOpen;
    $('program-locked').hidden = !this.#locks.program;
    $('edit-program').hidden = open || this.#locks.program;
    $('reset-program').hidden = !open || this.#locks.program;
    $('share-program').hidden = !open || this.#locks.program || this.#hooks.shareUrl() === null;
  }

  get isOpen() {
    return this.#editor !== null;
  }

  /** The text to run as a program, or null when the knobs' scenario describes it exactly. */
  edited() {
    if (!this.#editor) return null;
    const text = this.#editor.text();
    return this.#scenario && !this.#base && text === knobProgram(this.#scenario) ? null : text;
  }

  /** Open the editor with `text` (default: the knobs' program); `base`: what Reset returns to. */
  async open(text = null, { base = null, focus = true } = {}) {
    if (this.#locks.program && !base && text === null) return; // locked: only a lab or a link's program opens it, read-only
    this.#base = base;
    const doc = text ?? base ?? (this.#scenario ? knobProgram(this.#scenario) : '');
    if (!this.#editor) {
      await (this.#mounting ??= this.#mount(doc).finally(() => (this.#mounting = null)));
      await nextTask();
    }
    if (this.#editor.text() !== doc) this.#editor.setText(doc); // the last open's text wins
    this.#changed();
    if (focus) this.#editor.focus();
  }

  async #mount(doc) {
    const $ = this.#$;
    $('edit-program').disabled = true;
    $('program-sync').textContent = 'Loading the editor…';
    this.#loading ??= import(EDITOR_MODULE);
    let createEditor;
    try {
      ({ createEditor } = await this.#loading);
      await nextTask();
    } catch (error) {
      this.#loading = null;
      $('edit-program').disabled = false;
      $('program-sync').textContent = `The editor could not be loaded: ${error.message}`;
      throw error;
    }
    // Shown first (in a widget the code panel shows once editing): CodeMirror measures its lines as it mounts.
    $('program-editor').hidden = false;
    $('program-editor').closest('section')?.classList.add('editing');
    const host = $('editor-host');
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    this.#editor = createEditor({
      parent: shadow,
      root: shadow,
      doc,
      label: 'Python program',
      describedBy: null,
      readOnly: this.#locks.program,
      onChange: () => this.#typed(),
      onHighlighting: (on, maxLines) => {
        $('editor-plain').hidden = on;
        $('editor-plain').textContent = on
          ? ''
          : `Shown without colours: this program has over ${maxLines.toLocaleString('en')} lines, and colouring them would slow the page.`;
      },
    });
    $('code-columns').hidden = true;
    $('code-note').textContent =
      'Edit the program: while it keeps the lesson’s shape Run plays it as the scenario; otherwise Run runs it as written. As it plays, the boxed line made the latest event.'; // the editor shows the Python; the C++ follows only the knobs
    this.#tools();
  }

  /** Back to the knobs' program (or the lab's starting program). */
  reset() {
    if (!this.#editor || this.#locks.program) return;
    this.#hooks.onReset?.(); // the last run was of a program no longer on show
    this.#editor.setText(this.#base ?? (this.#scenario ? knobProgram(this.#scenario) : ''));
    this.showResult(null);
    this.#changed();
    this.#editor.focus();
  }

  /** The knobs changed: a program of the lesson's shape follows them. */
  knobsChanged(scenario) {
    const before = this.#scenario;
    this.#scenario = scenario;
    if (!this.#editor || !scenario || this.#base) return;
    const text = this.#editor.text();
    // Knobs locked, the course's attributes move them: a program the learner changed stays as typed.
    const follows = this.#locks.knobs ? before !== null && text === knobProgram(before) : readKnobs(text);
    if (follows && text !== knobProgram(scenario)) {
      this.#editor.setText(knobProgram(scenario));
      this.#changed();
    }
  }

  /**
   * Point at `line` (1-based; 0: none), the line of `source` that made the latest event on show, while
   * the editor holds that very text (an edit since, and the line would point into another program).
   */
  pointAt(line, source) {
    if (!this.#editor) return;
    this.#editor.markEvent(line > 0 && this.#editor.text() === source ? line : 0);
  }

  /** Show how a run of the program ended: the error at its line and in words (null: clear). */
  showResult(result) {
    const line = result ? errorLine(result) : null;
    const all = result && result.exitStatus !== 0 && !result.deadlock ? (result.finalLine ?? (result.error ?? '').trim()) : '';
    // "Line 5: ..." says where already: a refusal's or a limit's own closing "(line 5)" is not said again.
    const words = line && all.endsWith(` (line ${line})`) ? all.slice(0, -` (line ${line})`.length) : all;
    const text = words ? (line ? `Line ${line}: ${words}` : words) : '';
    const note = text && this.#editor ? habitNote(this.#editor.text(), line, words) : null;
    const mark = line ? { line, message: words } : null;
    // Nothing to clear is left alone: Run clears the last result, and an editor update would cost the
    // Run press a millisecond or two before the program's first event.
    if (this.#$('program-error').textContent !== text + (note ?? '')) this.#showError(text, note);
    if (mark || this.#marked) this.#editor?.markError(mark);
    this.#marked = mark !== null;
  }

  /** Python's error, and under it the playground's note on the habit behind it (commentary, styled as such). */
  #showError(text, note) {
    const box = this.#$('program-error');
    box.textContent = text;
    if (!note) return;
    const span = document.createElement('span');
    span.className = 'habit-note';
    span.textContent = note;
    box.append(span);
  }

  /** What a link should carry: the compressed program while it differs from the knobs' one. */
  linkSettings() {
    return { program: this.edited() === null ? null : this.#encoded };
  }

  #typed() {
    // A run's error describes the text it ran: once that changes, its mark and words would point at
    // lines that may no longer say what they said.
    if (this.#marked || this.#$('program-error').textContent) this.showResult(null);
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#changed(), SETTLE_MS);
  }

  /** The text settled: knobs follow a lesson-shaped program, the sync note and the link follow. */
  async #changed() {
    clearTimeout(this.#settle);
    const text = this.#editor.text();
    const knobs = this.#base || this.#locks.knobs ? null : readKnobs(text);
    if (knobs && (!this.#scenario || text !== knobProgram(this.#scenario))) this.#hooks.applyKnobs(knobs);
    this.#$('program-sync').textContent = this.#syncText(knobs, text);
    const edited = this.edited();
    this.#showKnobsUnused(edited !== null && !knobs);
    this.#hooks.onEdited?.(edited);
    this.#encoded = edited === null ? null : await encodeProgram(edited);
    if (this.#editor.text() === text) this.#hooks.onLink();
  }

  /** Said by the knobs, where the learner turns them: they do not change a program of another shape. */
  #showKnobsUnused(unused) {
    const note = this.#$('knobs-unused');
    if (!note) return;
    note.hidden = !unused;
    note.textContent = unused
      ? `Permits, Tasks, Duration and Bounded do not change the edited program below (it is not the lesson’s shape); Speed does.${this.#base || this.#locks.program ? '' : ' Reset program brings the lesson back.'}`
      : '';
  }

  #syncText(knobs, text) {
    if (this.#base && this.#locks.program) return 'The lab’s program: Run runs it as written and checks the goal.';
    if (this.#base)
      return 'The lab’s program: Run runs it as written and checks the goal. Reset program brings back the lab’s starting program.';
    if (this.#locks.program) return 'Run runs this program as written.';
    if (this.#locks.knobs)
      return 'The settings are set by the course, so they do not follow this program: changed, Run runs it as written. Reset program returns to the settings’ program.';
    if (!this.#scenario && text === '')
      return 'The settings above are not valid, so there is no lesson program to start from: fix them and press Reset program, or write a program here.';
    if (knobs)
      return `The knobs follow this program: ${knobs.bounded ? 'BoundedSemaphore' : 'Semaphore'}(${knobs.permits}), ${knobs.tasks} tasks, sleep(${knobs.duration}).`;
    return 'This program no longer has the lesson’s shape, so the knobs above do not describe it: Run runs the program as written. Reset program returns to the knobs’ program.';
  }

  async #share() {
    await this.#changed(); // the link carries exactly the text on show
    const url = this.#hooks.shareUrl();
    const status = this.#$('share-status');
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = `Link copied: ${url}`;
    } catch {
      status.textContent = `Copy this link: ${url}`;
    }
  }
}
