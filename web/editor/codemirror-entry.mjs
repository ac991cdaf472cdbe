// The source of web/generated/editor.mjs (bundled by scripts/build-editor.sh with esbuild): a
// CodeMirror 6 editor for the playground's Python. Loaded only when the learner chooses to edit, so
// the first page stays small. It is mounted inside a shadow root (`root`): there CodeMirror uses
// adopted stylesheets, which the page's CSP (style-src 'self') allows, where a <style> element is not.

import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { indentOnInput, syntaxHighlighting, HighlightStyle, bracketMatching } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { python } from '@codemirror/lang-python';

// Past this many lines the program shows as plain text. CodeMirror parses a long document in the
// background in idle-time slices of up to 100 ms (@codemirror/language's Work.Slice, cut short by
// pending input only where the browser has isInputPending): a pasted program of 2,000 lines held the
// page's thread 101 ms at a time, 1,000 lines at most 60 ms (bench/page_frames.mjs program-long-source).
// A lesson is 15 lines.
export const MAX_HIGHLIGHTED_LINES = 1000;
const highlightedFor = (doc) => doc.lines <= MAX_HIGHLIGHTED_LINES;

// The error mark: one line, with its message as a tooltip and for screen readers (aria-description).
const setError = StateEffect.define();
const errorField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setError)) marks = effect.value ? errorMark(tr.state, effect.value) : Decoration.none;
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// The line that made the latest event of the run on show (stepping, the scrubber, a run playing): the
// editor's counterpart of the read-only code view's highlight. Any edit clears it: the text is then
// no longer the program that ran.
const setEventLine = StateEffect.define();
const eventLineField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) marks = Decoration.none;
    for (const effect of tr.effects) {
      if (effect.is(setEventLine)) marks = effect.value ? eventMark(tr.state, effect.value) : Decoration.none;
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function eventMark(state, line) {
  if (line > state.doc.lines) return Decoration.none;
  const mark = Decoration.line({ class: 'cm-event-line', attributes: { 'aria-description': 'made the latest event' } });
  return Decoration.set([mark.range(state.doc.line(line).from)]);
}

function errorMark(state, { line, message }) {
  const at = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  const mark = Decoration.line({ class: 'cm-error-line', attributes: { title: message, 'aria-description': message } });
  return Decoration.set([mark.range(at.from)]);
}

// The page's colours are CSS custom properties, which inherit into the shadow root: the editor follows
// the light and dark themes.
const theme = EditorView.theme({
  '&': {
    // A pasted program of thousands of lines scrolls inside the editor instead of making the page
    // that long; the longest lab (37 lines) still shows whole (48rem is about 37 lines).
    maxHeight: 'max(48rem, 80vh)',
    fontSize: '0.9rem',
    border: '1px solid var(--line, #8a8a8a)',
    borderRadius: '6px',
    background: 'var(--panel, #fff)',
    color: 'var(--ink, #1d1f24)',
  },
  '&.cm-focused': { outline: '2px solid var(--accent, #2456b8)', outlineOffset: '1px' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', caretColor: 'var(--ink, #1d1f24)' },
  '.cm-gutters': { background: 'var(--note-bg, #f2f4f8)', color: 'var(--muted, #565c6b)', borderRight: '1px solid var(--line, #c9ccd4)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent, #2456b8) 8%, transparent)' },
  '.cm-event-line': {
    backgroundColor: 'color-mix(in srgb, var(--accent, #2456b8) 22%, transparent)',
    outline: '1px solid var(--accent, #2456b8)',
  },
  '.cm-error-line': {
    backgroundColor: 'color-mix(in srgb, var(--error, #b3261e) 20%, transparent)',
    textDecoration: 'underline wavy var(--error, #b3261e)',
  },
});

// Syntax colours (tags from @lezer/highlight, pinned like the rest) from the page's theme (styles.css --code-*), each at least 4.5:1 on the panel.
const highlight = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword],
    color: 'var(--code-keyword, #6f1d9b)',
  },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string, #a1241b)' },
  { tag: tags.comment, color: 'var(--code-comment, #595e69)', fontStyle: 'italic' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number, #116329)' },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.variableName)], color: 'var(--code-name, #1a4fb4)' },
]);

// Issue #13. CodeMirror measures its lines only while the editor is inside the window (ViewState.measure
// returns early otherwise: it measures what a scroll shows) and until then draws the gutter from its
// estimates: 14 px per line before any measure, wrapped lines guessed from their length. An editor
// mounted below the fold (a lab opened by a link as the page loads) thus had its line numbers beside
// the wrong lines (14 to 22 px rows beside 20 px lines) until the learner scrolled to it, and in
// every full-page screenshot. Such an editor is measured whole, the way CodeMirror measures for
// printing (DOMObserver.onPrint: ViewState.printing makes the whole editor the measured range); in
// the window, CodeMirror's own measure does it. Internal fields of the pinned @codemirror/view: if
// they change, nothing breaks but this measure, and tests/browser/editor-gutter.test.mjs fails.
function outsideWindow(element) {
  const rect = element.getBoundingClientRect();
  const win = element.ownerDocument.defaultView;
  return !(rect.bottom > 0 && rect.top < win.innerHeight && rect.right > 0 && rect.left < win.innerWidth);
}

function measureWhole(view) {
  const state = view.viewState;
  if (view.destroyed || !outsideWindow(view.dom) || typeof view.measure !== 'function' || typeof state?.printing !== 'boolean') return;
  if (view.dom.getClientRects().length === 0) return; // not laid out (display: none): measured once shown
  state.printing = true;
  try {
    view.measure();
  } finally {
    state.printing = false;
  }
}

/**
 * Mount an editor in `parent` (inside the shadow root `root`). `label` names the text box;
 * `onChange(text)` hears every edit; `readOnly`: the learner cannot change the text (a course locked
 * it; selecting and copying still work, and the text box says aria-readonly). Returns { text, setText,
 * setReadOnly, markError, markEvent, focus, destroy }. `onHighlighting(on, MAX_HIGHLIGHTED_LINES)` hears whether
 * Python is coloured, at once and whenever that changes.
 */
export function createEditor({ parent, root, doc, label, describedBy, readOnly = false, onChange = () => {}, onHighlighting = () => {} }) {
  const locked = new Compartment();
  const language = new Compartment();
  let highlighted = highlightedFor(EditorState.create({ doc }).doc);
  const view = new EditorView({
    parent,
    root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(highlight),
        EditorView.lineWrapping, // long lines wrap: no horizontal scrolling region in a narrow column
        language.of(highlighted ? python() : []),
        // Ctrl/⌘+Enter runs: the key bubbles to the playground's own handler (keys.mjs); here it only must
        // not insert a line. Tab indents (Escape, then Tab, leaves the editor, as CodeMirror documents).
        keymap.of([{ key: 'Mod-Enter', run: () => true }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          shownEvent = 0; // eventLineField dropped its mark with the change
          onChange(update.state.doc.toString());
          const want = highlightedFor(update.state.doc);
          if (want === highlighted) return;
          highlighted = want;
          // A listener may not dispatch while the view updates: right after it.
          queueMicrotask(() => {
            if (view.destroyed) return;
            view.dispatch({ effects: language.reconfigure(want ? python() : []) });
            onHighlighting(want, MAX_HIGHLIGHTED_LINES);
          });
        }),
        errorField,
        eventLineField,
        theme,
        locked.of(EditorState.readOnly.of(readOnly)),
      ],
    }),
  });
  onHighlighting(highlighted, MAX_HIGHLIGHTED_LINES);
  let shownEvent = 0;
  // Below the fold: measured at once, and again when its size changes (shown, a narrower column).
  measureWhole(view);
  const resized = new ResizeObserver(() => measureWhole(view));
  resized.observe(view.dom);
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects: setError.of(null) });
      measureWhole(view);
    },
    setReadOnly(flag) {
      view.dispatch({ effects: locked.reconfigure(EditorState.readOnly.of(flag)) });
    },
    /** Mark `line` (1-based) with `message`; null clears the mark. */
    markError(error) {
      view.dispatch({ effects: setError.of(error) });
    },
    /** Highlight `line` (1-based) as the one that made the latest event; 0 or null clears it. */
    markEvent(line) {
      if (line === shownEvent) return; // a run playing asks every frame
      shownEvent = line;
      view.dispatch({ effects: setEventLine.of(line) });
    },
    focus: () => view.focus(),
    destroy() {
      resized.disconnect();
      view.destroy();
    },
  };
}
