// Predict, then run (issue #14): with "Predict first" on (or ?predict=ID, or a widget's predict="ID"),
// the learner answers a question about the run before Run; when the playback reaches the end, the
// answer is revealed (expected, right or wrong) and, when wrong, the playback moves to the event where
// the prediction and the run first part, so every view shows that moment.
//
// Decision: Run needs an answer while "Predict first" is on. Predicting is the point of the mode
// (PRIMM); an empty or unreadable answer gets predict.mjs's one-line message and no run, and turning
// the toggle off lets the learner just watch.

import { formatTime, programOutput, commentary } from '../format.mjs';
import { makeProgramQuestion, makeQuestion, QUESTION_IDS, questionTrace, reveal } from '../predict.mjs';

const SECONDS = new Set(['total-time', 'start-time']);
const MAX_REVEAL_EVENTS = 200_000; // the reveal reads the trace as objects: predictions are for lessons

/** The answer or expected value of a question, as a learner reads it. */
export function answerText(id, value) {
  if (value === null || value === undefined) return id === 'start-time' ? 'never' : 'nothing';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (SECONDS.has(id)) return `${formatTime(value)}`;
  return typeof value === 'string' ? `“${value}”` : String(value);
}

export class PredictView {
  #$;
  #question = null; // for the scenario in the form
  #asked = null; // { question, text } captured at Run, bound to the next session
  #pending = null; // the same, for the session on show
  #session = null;
  #revealed = false;
  #onPrediction;
  scenario = null; // the form's, as last told
  #program = null; // an edited program on show (its source), whose question comes at its Run
  #programAsked = null; // { source, id }: the program and question last shown to the learner

  /** `onPrediction(detail)` hears each reveal; `onChange()` when the toggle or the question change. */
  constructor($, { predict, onPrediction, onChange }) {
    this.#$ = $;
    this.#onPrediction = onPrediction;
    if (predict) this.choose(predict);
    $('predict-on').addEventListener('change', () => {
      this.#show();
      onChange();
    });
    $('predict-question').addEventListener('change', () => {
      this.scenarioChanged(this.scenario);
      if (this.#program !== null) this.programChanged(this.#program);
      onChange();
    });
    $('predict-answer').addEventListener('input', () => {
      $('predict-error').textContent = '';
      $('predict-answer').removeAttribute('aria-invalid');
    });
  }

  /**
   * The course asks question `id` (a link's predict=, a widget's predict attribute, live); null: it
   * asks none any more (Predict first goes off). The run on show keeps the prediction made for it.
   */
  choose(id) {
    const result = this.#$('predict-result');
    if (result.dataset.problem) result.replaceChildren(); // the message about an earlier value
    delete result.dataset.problem;
    if (id === null || id === undefined) {
      this.#$('predict-on').checked = false;
      this.#show();
      return;
    }
    if (!QUESTION_IDS.includes(id)) {
      result.className = 'predict-result';
      result.textContent = `predict="${String(id).slice(0, 20)}" is not a question here; choose one of: ${QUESTION_IDS.join(', ')}.`;
      result.dataset.problem = 'true';
      return;
    }
    this.#$('predict-on').checked = true;
    this.#$('predict-question').value = id;
    this.#show();
    this.scenarioChanged(this.scenario);
  }

  get on() {
    return this.#$('predict-on').checked;
  }

  /** The question id for a link (null when off). */
  get id() {
    return this.on ? this.#$('predict-question').value : null;
  }

  #show() {
    this.#$('predict-box').hidden = !this.on;
  }

  /** The form's scenario changed (null: it cannot run): the question follows it (task k, time t). */
  scenarioChanged(scenario) {
    this.scenario = scenario;
    if (this.#program !== null) return; // an edited program's question comes at its Run
    this.#question = scenario ? makeQuestion(this.#$('predict-question').value, scenario) : null;
    this.#$('predict-text').textContent = this.#question?.text ?? 'Fix the settings to see the question.';
    this.#$('predict-answer').placeholder = this.#question?.placeholder ?? '';
  }

  /** An edited program is on show (null: back to the knobs): its question is made from a run of it, at Run. */
  programChanged(source) {
    this.#program = source;
    this.#programAsked = null;
    if (source === null) return this.scenarioChanged(this.scenario);
    this.#question = null;
    this.#$('predict-text').textContent = 'Press Run to see the question about your program (its first Semaphore or Lock).';
    this.#$('predict-answer').placeholder = '';
  }

  /**
   * Before an edited program plays: with predicting on, the first Run shows the question about this
   * program and waits for an answer; the next one checks the answer reads, as mayRun does. Resolves
   * true to go ahead. `askQuestion(id)` makes the question from a run of the program (where programs
   * run: program-host.mjs); a program with nothing to ask about runs without a question.
   */
  async mayRunProgram(source, askQuestion) {
    this.#asked = null;
    if (!this.on) return true;
    const id = this.#$('predict-question').value;
    let question;
    try {
      question = await askQuestion(id);
    } catch (error) {
      this.#$('predict-text').textContent = `No question this time: ${error.message}.`;
      return true;
    }
    this.#question = question;
    this.#$('predict-text').textContent = question.text;
    this.#$('predict-answer').placeholder = question.placeholder;
    const shown = this.#programAsked?.source === source && this.#programAsked?.id === id;
    this.#programAsked = { source, id };
    if (!shown) {
      this.#$('predict-error').textContent = 'Answer this question about your program, then press Run again.';
      this.#$('predict-answer').focus();
      return false;
    }
    return this.#takeAnswer();
  }

  /** Before a run: true to go ahead. With predicting on, the answer must read (checked like the reveal will). */
  mayRun(scenario) {
    this.#asked = null;
    if (!this.on) return true;
    this.scenarioChanged(scenario);
    return this.#takeAnswer();
  }

  /** The answer as typed, if it reads: kept for the reveal (true), or its problem said (false). */
  #takeAnswer() {
    const text = this.#$('predict-answer').value;
    const check = reveal(this.#question, text, []); // parsing needs no trace: an empty one says if it reads
    if (check.error) {
      this.#$('predict-error').textContent = check.error;
      this.#$('predict-answer').setAttribute('aria-invalid', 'true');
      this.#$('predict-answer').focus();
      return false;
    }
    this.#$('predict-error').textContent = '';
    this.#$('predict-answer').removeAttribute('aria-invalid');
    this.#asked = { question: this.#question, text };
    return true;
  }

  /** Every render: a new session takes the answer given at its Run; its end reveals it once. */
  show(session) {
    if (session !== this.#session) {
      this.#session = session;
      this.#revealed = false;
      this.#pending = this.#asked;
      this.#asked = null;
      this.#$('predict-result').replaceChildren();
      if (this.#pending) this.#say([`Your prediction: ${this.#pending.text.trim()}. The answer comes at the end of the run.`]);
    }
    const ended = session && (session.state === 'done' || session.state === 'deadlock');
    if (!ended || this.#revealed || !this.#pending) return;
    this.#revealed = true;
    this.#reveal(session, this.#pending);
  }

  #reveal(session, { question, text }) {
    const { trace } = session;
    if (trace.length > MAX_REVEAL_EVENTS)
      return this.#say([`This run has ${trace.length} events; predictions are revealed for runs of up to ${MAX_REVEAL_EVENTS}.`]);
    const objects = Array.from({ length: trace.length }, (_, i) => trace.event(i));
    // A program's events are read in the questions' terms, one for one (program-trace.mjs, predict.mjs).
    const events = session.scenario ? objects : questionTrace(objects, trace.words?.primitives ?? []);
    const result = reveal(question, text, events);
    if (result.error) return this.#say([result.error]);
    const lines = [
      `${result.correct ? 'Right!' : 'Not quite.'} ${question.text} You said ${answerText(question.id, result.answer)}; the run says ${answerText(question.id, result.expected)}.`,
    ];
    if (!result.correct && events.length) {
      const e = objects[result.at];
      const line = programOutput(e) ?? commentary(e, session.scenario?.permits);
      lines.push(
        `Where it parts from your prediction: event ${result.at + 1}, ${formatTime(e.t)} ${line}. The views show that moment; Step and the scrubber go on from there.`,
      );
      queueMicrotask(() => session.seek(result.at + 1)); // after this render: seeking renders again
    }
    this.#say(lines, result.correct ? 'right' : 'wrong');
    if (!result.correct && events.length) this.#goBack(session, result.at);
    this.#onPrediction({
      question: question.id,
      questionText: question.text,
      answer: result.answer,
      expected: result.expected,
      correct: result.correct,
      at: result.at,
    });
  }

  /** A button that shows the first difference again, after the learner has moved on. */
  #goBack(session, at) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'predict-goto';
    button.textContent = `Show event ${at + 1} again`;
    button.addEventListener('click', () => session.seek(at + 1));
    this.#$('predict-result').append(button);
  }

  #say(lines, verdict = '') {
    const box = this.#$('predict-result');
    box.className = `predict-result ${verdict}`;
    box.replaceChildren(
      ...lines.map((text) => {
        const p = document.createElement('p');
        p.textContent = text;
        return p;
      }),
    );
  }
}
