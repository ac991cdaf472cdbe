// The example course page's own script (examples/course.html): listen to every playground on the
// page and list what the learner did. A course would send these to its own backend instead.
//
// Elements dispatch bubbling, composed DOM events: 'semaphore-playground:prediction' ({question,
// questionText, answer, expected, correct, at}), ':done' ({summary}), ':lab-complete' ({lab, reason}: an
// element with lab="..." met the lab's goal), ':state' ({state}) and ':events'.
// A frame posts the same as messages: {source: 'semaphore-playground', type, ...}.

const heard = document.getElementById('heard');

function note(where, text, kind) {
  const item = document.createElement('li');
  item.dataset.kind = kind;
  item.textContent = `${where}: ${text}`; // text only: what a playground sends is never markup here
  heard.append(item);
}

const answer = (value) => (Array.isArray(value) ? value.join(', ') || 'none' : String(value));

function describe(message) {
  switch (message.type) {
    case 'prediction':
      return `predicted ${answer(message.answer)} for “${message.questionText}” (the run: ${answer(message.expected)}), ${message.correct ? 'right' : 'not right'}`;
    case 'done':
      return message.summary.deadlocked
        ? `the run ended in a deadlock (tasks ${message.summary.waiting.join(', ')} stuck)`
        : `ran to the end in ${message.summary.endTime.toFixed(2)} s, at most ${message.summary.peakConcurrency} at once`;
    case 'lab-complete':
      return `completed the lab “${message.lab}” (${message.reason})`;
    default:
      return null;
  }
}

for (const type of ['prediction', 'done', 'lab-complete']) {
  document.addEventListener(`semaphore-playground:${type}`, (event) => {
    note(event.target.getAttribute('label') ?? event.target.id, describe(event.detail), type);
  });
}

const frame = document.getElementById('frame');
window.addEventListener('message', (event) => {
  // Only our own frame, from our own origin: any page may post messages to this window.
  if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
  const message = event.data;
  if (message?.source !== 'semaphore-playground') return;
  if (message.type === 'resize') frame.style.height = `${message.height}px`; // the frame fits its content
  const text = describe(message);
  if (text) note(frame.title, text, message.type);
});
document.body.dataset.ready = 'true';
