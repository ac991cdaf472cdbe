// The program behind the current settings, in Python (the lesson's code) and in C++ (the runtime
// that actually runs it), with the line of the latest event highlighted.

import { cppProgram, pythonProgram } from '../lesson-program.mjs';

export class CodeView {
  #python;
  #cpp;
  #pythonLines = [];
  #cppLines = [];

  constructor(pythonElement, cppElement) {
    this.#python = pythonElement;
    this.#cpp = cppElement;
  }

  /** The program of `scenario`; null (settings that are not valid) shows a note instead: there is no program. */
  show(scenario) {
    if (!scenario) {
      for (const root of [this.#python, this.#cpp]) {
        const note = document.createElement('span');
        note.className = 'code-note';
        note.textContent = 'The program appears here once the settings above are valid.';
        root.replaceChildren(note);
      }
      this.#pythonLines = [];
      this.#cppLines = [];
      return;
    }
    this.#pythonLines = this.#fill(this.#python, pythonProgram(scenario));
    this.#cppLines = this.#fill(this.#cpp, cppProgram(scenario));
  }

  /** Highlight the line that produced an event of this kind ('started', 'waiting', ...; null: none). */
  highlight(kind) {
    for (const lines of [this.#pythonLines, this.#cppLines]) {
      for (const { element, step } of lines) element.classList.toggle('current', step === kind);
    }
  }

  /** The Python line (1-based) that makes events of this kind; 0 when none does. */
  lineOf(kind) {
    return this.#pythonLines.findIndex((line) => line.step === kind) + 1;
  }

  #fill(root, program) {
    const lines = program.map(([text, step]) => {
      const element = document.createElement('span');
      element.className = 'code-line';
      element.textContent = `${text}\n`;
      return { element, step };
    });
    root.replaceChildren(...lines.map((l) => l.element));
    return lines;
  }
}
