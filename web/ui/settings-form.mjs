// The settings form: the fields as typed, the per-task rows, and what is wrong with them. It says what
// the next Run will run; it never starts one itself (app.mjs does, through the playback session).

import { normalizeScenario } from '../scenario.mjs';
import { FieldError, MAX_CUSTOM_TASKS, learnerError, readScenario } from './field-rules.mjs';

const ROW_FIELDS = [
  ['duration', 'duration (s), empty follows Duration'],
  ['start', 'start delay (s)'],
  ['timeout', 'timeout (s), empty for none'],
];

export class SettingsForm {
  #root;
  #fields;
  #rows;
  #customToggle;
  #onChange;
  #locked = false;

  /** `root`: the document or shadow root; `onChange(settings)` hears every edit. */
  constructor(root, onChange) {
    this.#root = root;
    const $ = (id) => root.getElementById?.(id) ?? root.querySelector(`#${id}`);
    this.#fields = { permits: $('permits'), tasks: $('tasks'), duration: $('duration'), bounded: $('bounded'), speed: $('speed') };
    this.#rows = $('custom-rows');
    this.#customToggle = $('custom');
    this.#onChange = onChange;
    this.$ = $;
    for (const name of ['permits', 'tasks', 'duration', 'bounded']) this.#fields[name].addEventListener('input', () => this.#edited(name));
    this.#fields.speed.addEventListener('change', () => this.#onChange(this.read()));
    this.#customToggle.addEventListener('change', () => this.#edited('custom'));
    // Locked checkboxes stay focusable and readable (aria-disabled), but a click or Space changes nothing.
    $('controls').addEventListener('click', (event) => {
      if (event.target.matches?.('input[type="checkbox"][aria-disabled="true"]')) event.preventDefault();
    });
    this.#rows.addEventListener('input', (event) => {
      if (event.target.dataset.field === 'duration') event.target.dataset.follows = 'false'; // edited: no longer follows Duration
      this.#edited('row');
    });
  }

  /** Fill every field from `settings` (text, as typed or as read from a link). */
  fill(settings) {
    this.#fields.permits.value = settings.permits;
    this.#fields.tasks.value = settings.tasks;
    this.#fields.duration.value = settings.duration;
    this.#fields.bounded.checked = Boolean(settings.bounded);
    this.#fields.speed.value = settings.speed;
    this.#customToggle.checked = Boolean(settings.custom);
    if (settings.custom) this.#root.querySelector('details.advanced')?.setAttribute('open', '');
    this.#buildRows(settings.custom ?? []);
    this.check();
  }

  /**
   * Lock the knobs (a course's lock=knobs): Permits, Tasks, Duration, Bounded and the per-task rows
   * become read-only, still focusable and read by screen readers, with the visible reason beside them
   * (#knobs-locked). The course's attributes still fill them; Speed stays the learner's.
   */
  lock(locked) {
    this.#locked = locked;
    this.$('knobs-locked').hidden = !locked;
    for (const name of ['permits', 'tasks', 'duration']) this.#lockField(this.#fields[name]);
    for (const input of [this.#fields.bounded, this.#customToggle, ...this.#rows.querySelectorAll('input')]) this.#lockField(input);
  }

  #lockField(input) {
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== 'knobs-locked');
    if (this.#locked) describedBy.push('knobs-locked');
    if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
    else input.removeAttribute('aria-describedby');
    if (input.type === 'checkbox') {
      if (this.#locked) input.setAttribute('aria-disabled', 'true');
      else input.removeAttribute('aria-disabled');
    } else input.readOnly = this.#locked;
  }

  get speed() {
    return this.#fields.speed.value;
  }

  /** The settings as typed: text for numbers (kept even when wrong), rows when customised. */
  read() {
    return {
      permits: this.#fields.permits.value.trim(),
      tasks: this.#fields.tasks.value.trim(),
      duration: this.#fields.duration.value.trim(),
      bounded: this.#fields.bounded.checked,
      speed: this.#fields.speed.value,
      custom: this.#customToggle.checked ? this.#readRows() : null,
    };
  }

  /** The scenario the fields describe, or null after showing what is wrong next to each field. */
  check() {
    this.#clearErrors();
    const { input, errors } = readScenario(this.read());
    for (const error of errors) this.#showError(error);
    if (!input) return null;
    try {
      return normalizeScenario(input);
    } catch (thrown) {
      this.#showError(learnerError(thrown)); // the API's own checks, should they ever be stricter
      return null;
    }
  }

  /** Put the focus on the first field that is wrong. */
  focusError() {
    this.#root.querySelector('[aria-invalid="true"]')?.focus();
  }

  #edited(what) {
    if (what === 'tasks' || what === 'custom') this.#buildRows(this.#readRows());
    if (what === 'duration') this.#followDuration();
    this.check();
    this.#onChange(this.read());
  }

  #followDuration() {
    for (const input of this.#rows.querySelectorAll('input[data-field="duration"][data-follows="true"]'))
      input.value = this.#fields.duration.value;
  }

  #clearErrors() {
    for (const element of this.#root.querySelectorAll('.field-error')) element.textContent = '';
    for (const element of this.#root.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
  }

  #showError(error) {
    if (!(error instanceof FieldError)) throw error;
    const row = /^tasks\[(\d+)\]\.(\w+)$/.exec(error.field);
    const input = row ? this.#rows.querySelector(`[data-task="${Number(row[1]) + 1}"][data-field="${row[2]}"]`) : this.#fields[error.field];
    const slot = row ? this.$('custom-error') : this.$(`${error.field}-error`);
    const target = slot ?? this.$('form-error');
    target.textContent = target.textContent ? `${target.textContent} ${error.message}` : error.message;
    input?.setAttribute('aria-invalid', 'true');
  }

  #readRows() {
    return [...this.#rows.querySelectorAll('tr')].map((tr) => {
      const value = (name) => tr.querySelector(`[data-field="${name}"]`);
      const duration = value('duration');
      return {
        duration: duration.dataset.follows === 'true' ? '' : duration.value.trim(),
        start: value('start').value.trim(),
        timeout: value('timeout').value.trim(),
        fail: value('fail').checked,
        extra_release: value('extra_release').checked,
      };
    });
  }

  /** One row per task (as many as Tasks says, up to MAX_CUSTOM_TASKS), keeping what rows already hold. */
  #buildRows(list) {
    if (!this.#customToggle.checked) {
      this.#rows.replaceChildren();
      return;
    }
    const wanted = Number(this.#fields.tasks.value.trim());
    const count = Number.isInteger(wanted) && wanted >= 0 ? Math.min(wanted, MAX_CUSTOM_TASKS) : list.length;
    const rows = [];
    for (let n = 1; n <= count; n++) rows.push(this.#row(n, list[n - 1] ?? {}));
    this.#rows.replaceChildren(...rows);
    for (const input of this.#rows.querySelectorAll('input')) this.#lockField(input);
  }

  #row(n, values) {
    const row = document.createElement('tr');
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = `Task ${n}`;
    row.append(head);
    for (const [name, label] of ROW_FIELDS) {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      const follows = name === 'duration' && (values.duration ?? '') === '';
      input.value = follows ? this.#fields.duration.value : (values[name] ?? (name === 'start' ? '0' : ''));
      if (name === 'duration') input.dataset.follows = String(follows);
      Object.assign(input.dataset, { task: String(n), field: name });
      input.setAttribute('aria-label', `Task ${n} ${label}`);
      row.append(cell(input));
    }
    row.append(cell(checkbox(n, 'fail', values.fail, `Task ${n} fails inside the critical section`)));
    row.append(cell(checkbox(n, 'extra_release', values.extra_release, `Task ${n} calls sem.release() once more after async with`)));
    return row;
  }
}

function checkbox(n, name, checked, label) {
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = Boolean(checked);
  Object.assign(box.dataset, { task: String(n), field: name });
  box.setAttribute('aria-label', label);
  return box;
}

function cell(content) {
  const td = document.createElement('td');
  td.append(content);
  return td;
}
