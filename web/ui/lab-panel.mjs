// An open lab (issue #14): its goal, a hint and a solution behind disclosures, its program in the
// editor, and after each Run the check's verdict. A passed check is announced to the host page
// (onComplete) and remembered in localStorage, so the labs list shows what is done after a reload.

import { checkLab, verdictText } from '../lab-check.mjs';

const PROGRESS_KEY = 'sp-labs-done';

/** The ids of the labs this browser has completed. */
export function doneLabs() {
  try {
    const list = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((id) => typeof id === 'string') : []);
  } catch {
    return new Set(); // storage blocked or garbled: nothing is done, nothing breaks
  }
}

function markDone(id) {
  const done = doneLabs();
  done.add(id);
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify([...done]));
  } catch {
    // storage blocked (private mode, a sandboxed frame): the verdict still shows
  }
}

export class LabPanel {
  #$;
  #onComplete;
  lab = null;

  constructor($, onComplete) {
    this.#$ = $;
    this.#onComplete = onComplete;
  }

  /** Show `lab` (an entry of web/labs.mjs). */
  show(lab) {
    const $ = this.#$;
    this.lab = lab;
    $('lab-box').hidden = false;
    $('lab-box').closest('section')?.classList.add('lab-open'); // a lab's program shows even with hide=program
    $('lab-title').textContent = `Lab: ${lab.title}`;
    $('lab-goal').textContent = lab.goal;
    $('lab-hint').textContent = lab.hint;
    $('lab-solution').textContent = lab.solution;
    for (const details of $('lab-box').querySelectorAll('details')) details.open = false;
    this.#verdict(
      doneLabs().has(lab.id) ? 'You have completed this lab before. Run checks it again.' : 'Run the program to check the goal.',
      null,
    );
  }

  /** Check a run of the lab's program; returns the verdict. */
  check(result) {
    const verdict = checkLab(this.lab, result);
    this.#verdict(verdictText(verdict), verdict.met);
    if (verdict.met) {
      markDone(this.lab.id);
      this.#onComplete({ lab: this.lab.id, reason: verdict.reason });
    }
    return verdict;
  }

  #verdict(text, met) {
    const element = this.#$('lab-verdict');
    element.textContent = text;
    if (met === null) delete element.dataset.met;
    else element.dataset.met = String(met);
  }
}
