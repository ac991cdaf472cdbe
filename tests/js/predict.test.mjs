// Predict, then run (issue #14): questions from the scenario, answers compared with the trace, and
// the event where the prediction first parts from the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadRuntime, normalizeScenario } from '../../web/semaphore-playground.mjs';
import { makeQuestion, QUESTION_IDS, reveal } from '../../web/predict.mjs';

const runtime = await loadRuntime();
const lesson = normalizeScenario({ permits: 3, tasks: 5, duration: 2 });
const trace = runtime.simulate(lesson);

function ask(id, answer, scenario = lesson, t = trace) {
  return reveal(makeQuestion(id, scenario), answer, t);
}

test('every setting has every question, worded from the scenario', () => {
  for (const input of [{ permits: 1, tasks: 1 }, { permits: 0, tasks: 0 }, { tasks: [{ duration: 0.5 }, {}] }]) {
    for (const id of QUESTION_IDS) assert.ok(makeQuestion(id, normalizeScenario(input)).text.length > 10);
  }
  assert.equal(makeQuestion('start-time', lesson).text, 'At what time will task 5 start (get a permit)?');
  assert.throws(() => makeQuestion('mood', lesson), /predict must be one of total-time, start-time/);
});

test('total time: right, and wrong with the point where the run went on', () => {
  assert.deepEqual(ask('total-time', '4'), { answer: 4, expected: 4, correct: true, at: trace.length - 1 });
  const wrong = ask('total-time', '2 s');
  assert.equal(wrong.correct, false);
  assert.equal(wrong.expected, 4);
  assert.deepEqual(trace[wrong.at], { t: 4, task: 4, event: 'finished' }); // the first event after 2 s
});

test('start time, finish order, peak, deadlock, first line after t', () => {
  assert.equal(ask('start-time', '2').correct, true);
  const late = ask('start-time', '0');
  assert.equal(late.correct, false);
  assert.equal(late.expected, 2);
  assert.deepEqual(trace[late.at], { t: 2, task: 1, event: 'finished' }); // 0 s came and went: the first event after it
  assert.equal(ask('finish-order', '1, 2, 3, 4, 5').correct, true);
  const order = ask('finish-order', '1 3 2 4 5');
  assert.equal(order.correct, false);
  assert.deepEqual(trace[order.at], { t: 2, task: 2, event: 'finished' }); // the second finish parts ways
  assert.equal(ask('peak', '3').correct, true);
  const peak = ask('peak', '2');
  assert.deepEqual([peak.correct, peak.expected, trace[peak.at]], [false, 3, { t: 0, task: 3, event: 'started' }]);
  assert.deepEqual(ask('deadlock', 'none'), { answer: [], expected: [], correct: true, at: trace.length - 1 });
  const stuckScenario = normalizeScenario({ permits: 0, tasks: 2 });
  const stuck = ask('deadlock', '2, 1', stuckScenario, runtime.simulate(stuckScenario));
  assert.deepEqual([stuck.correct, stuck.expected], [true, [1, 2]]);
  assert.equal(ask('first-after', 'task 1 finished').correct, true);
  const first = ask('first-after', 'Task 4 started');
  assert.deepEqual([first.correct, first.expected, trace[first.at]], [false, 'Task 1 finished', { t: 2, task: 1, event: 'finished' }]);
});

test('an answer that cannot be read says what is allowed, and reveals nothing', () => {
  assert.deepEqual(ask('total-time', 'soon'), { error: 'Your prediction: expected a number of seconds, such as 4 or 2.5' });
  assert.deepEqual(ask('finish-order', '1, two'), { error: 'Your prediction: expected task numbers in order, such as "1, 3, 2"' });
  assert.deepEqual(ask('peak', '-1'), { error: 'Your prediction: expected a whole number, such as 3' });
});
