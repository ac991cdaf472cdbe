// Buttons and keys to playback actions. ← → step, Home/End jump to the start or the end, and
// Ctrl/⌘+Enter runs, anywhere in the playground except where those keys already mean something
// (text fields, the speed menu, the scrubber, the log's own scrolling).

const OWN_KEYS = 'input, select, textarea, .log, canvas, summary, details table, .editor-host'; // .editor-host: the code editor (its shadow root)

export function bindKeys(root, $, actions) {
  // Run is the form's submit button: a click (or Enter in a field) submits, and the submit starts
  // the run once (listening to the click as well started two runs per click).
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    actions.run();
  });
  $('pause').addEventListener('click', actions.pauseOrResume);
  $('step').addEventListener('click', actions.step);
  $('back').addEventListener('click', actions.back);
  $('reset').addEventListener('click', actions.reset);
  $('scrubber').addEventListener('input', (event) => actions.seek(Number(event.target.value)));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      actions.run();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest?.(OWN_KEYS)) return;
    const action = { ArrowLeft: actions.back, ArrowRight: actions.step, Home: actions.home, End: actions.end }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
