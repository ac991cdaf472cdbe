// What a learner may type (web/ui/field-rules.mjs): every message names the field as the form labels
// it, says what was typed and what is allowed; nothing invalid becomes a scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FieldError, fieldLabel, parseField, readScenario } from '../../web/ui/field-rules.mjs';

const settings = (over) => ({ permits: '3', tasks: '5', duration: '2', bounded: false, custom: null, ...over });
const messages = (over) => readScenario(settings(over)).errors.map((e) => `${e.field}: ${e.message}`);

test('numbers as typed: empty, not a number, too large, negative, fractional counts', () => {
  assert.equal(parseField('permits', ' 4 ', 'count'), 4);
  assert.equal(parseField('duration', '0.25', 'seconds'), 0.25);
  assert.equal(parseField('duration', '1e3', 'seconds'), 1000);
  assert.equal(parseField('tasks[0].timeout', '', 'seconds', { optional: true }), null);
  const cases = [
    ['permits', '', 'count', 'Permits is empty: enter a whole number from 0 to 1,000,000.'],
    ['permits', '1e999', 'count', 'Permits "1e999" is too large: enter a whole number from 0 to 1,000,000.'],
    ['permits', 'Infinity', 'count', 'Permits "Infinity" is too large: enter a whole number from 0 to 1,000,000.'],
    ['permits', '0x10', 'count', 'Permits "0x10" is not a number: enter a whole number from 0 to 1,000,000.'],
    ['tasks', '-3', 'count', 'Tasks cannot be negative (you typed "-3"): enter a whole number from 0 to 1,000,000.'],
    ['tasks', '3.5', 'count', 'Tasks must be a whole number (you typed "3.5").'],
    ['duration', '1000001', 'seconds', 'Duration "1000001" is too large: enter a number of seconds from 0 to 1,000,000.'],
    ['tasks[1].timeout', 'soon', 'seconds', 'Task 2: timeout "soon" is not a number: enter a number of seconds from 0 to 1,000,000.'],
  ];
  for (const [field, text, kind, message] of cases) {
    assert.throws(
      () => parseField(field, text, kind),
      (error) => error instanceof FieldError && error.field === field && error.message === message,
      `${field} = ${text}`,
    );
  }
  assert.equal(fieldLabel('tasks[4].start'), 'Task 5: start delay');
});

test('every wrong field is reported at once, and nothing runs', () => {
  assert.deepEqual(messages({ permits: 'x', duration: '' }), [
    'permits: Permits "x" is not a number: enter a whole number from 0 to 1,000,000.',
    'duration: Duration is empty: enter a number of seconds from 0 to 1,000,000.',
  ]);
  assert.equal(readScenario(settings({ permits: 'x' })).input, null);
});

test('custom rows: Tasks must be valid beside them and at most 50; empty cells follow the defaults; errors name the row', () => {
  const row = (over) => ({ duration: '', start: '', timeout: '', fail: false, ...over });
  assert.deepEqual(
    messages({ tasks: '-3', custom: [row(), row()] }).map((m) => m.split(':')[0]),
    ['tasks'],
  );
  assert.match(messages({ tasks: '60', custom: [] })[0], /covers at most 50 tasks/);
  assert.deepEqual(
    readScenario(settings({ tasks: '2', custom: [row({ timeout: '1' }), row({ duration: '0.5', fail: true })] })).input.tasks,
    [{ timeout: 1 }, { duration: 0.5, fail: true }],
  );
  // Rows beyond Tasks are not run; missing rows are plain tasks.
  assert.equal(readScenario(settings({ tasks: '1', custom: [row(), row({ timeout: 'x' })] })).input.tasks.length, 1);
  assert.deepEqual(readScenario(settings({ tasks: '2', custom: [row()] })).input.tasks, [{}, {}]);
  assert.deepEqual(messages({ tasks: '2', custom: [row(), row({ start: '-1' })] }), [
    'tasks[1].start: Task 2: start delay cannot be negative (you typed "-1"): enter a number of seconds from 0 to 1,000,000.',
  ]);
});
