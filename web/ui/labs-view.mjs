// The labs list (issue #14): each lab's title, goal, hint, starting program and solution, a button
// that opens it in the playground (its program in the editor, Run checks the goal), and whether this
// browser has completed it (lab-panel.mjs keeps the progress). Loaded when the list is first opened.

import { doneLabs } from './lab-panel.mjs';

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

function labItem({ id, title, goal, hint, program, solution }, done, openLab) {
  const item = element('li', undefined, 'lab');
  item.dataset.lab = id;
  const open = element('button', 'Open this lab');
  open.type = 'button';
  open.setAttribute('aria-label', `Open the lab “${title}”`);
  open.addEventListener('click', () => openLab(id));
  const status = element('p', done ? 'Completed' : 'Not completed yet', `lab-status${done ? ' done' : ''}`);
  item.append(element('h4', title), element('p', goal), open, status, disclosure('Hint', element('p', hint)));
  item.append(disclosure('The program', code(program)), disclosure('A solution', code(solution)));
  return item;
}

/** Fill `list` with the labs each time `details` opens (progress may have changed); `openLab(id)` opens one. */
export function bindLabs(details, list, openLab) {
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    try {
      const { labs } = await import('../labs.mjs');
      const done = doneLabs();
      list.replaceChildren(...labs.map((lab) => labItem(lab, done.has(lab.id), openLab)));
    } catch (error) {
      list.replaceChildren(element('li', `The labs could not be loaded: ${error.message}`));
    }
  });
}
