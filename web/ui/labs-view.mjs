// The labs (issue #14), read-only for now: each lab's title, goal, hint, starting program and solution.
// Running a lab needs the Python interpreter (another branch's work); until it lands the page lists
// them, so a learner can read and try them in python3. Loaded when the list is first opened.

function element(name, text, className) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text; // lab texts are our own, but never HTML
  if (className) node.className = className;
  return node;
}

function disclosure(summary, ...content) {
  const details = element('details');
  details.append(element('summary', summary), ...content);
  return details;
}

function code(text) {
  const pre = element('pre', undefined, 'code');
  pre.tabIndex = 0; // scrollable: reachable by keyboard
  pre.append(element('code', text));
  return pre;
}

function labItem({ id, title, goal, hint, program, solution }) {
  const item = element('li', undefined, 'lab');
  item.dataset.lab = id;
  item.append(element('h4', title), element('p', goal), disclosure('Hint', element('p', hint)));
  item.append(disclosure('The program', code(program)), disclosure('A solution', code(solution)));
  return item;
}

/** Fill `list` with the labs the first time `details` opens. */
export function bindLabs(details, list) {
  details.addEventListener('toggle', async () => {
    if (!details.open || list.childElementCount) return;
    try {
      const { labs } = await import('../labs.mjs');
      list.replaceChildren(...labs.map(labItem));
    } catch (error) {
      list.replaceChildren(element('li', `The labs could not be loaded: ${error.message}`));
    }
  });
}
