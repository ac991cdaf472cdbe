// Predict, then run (issue #14): questions generated from a scenario, asked before the run, and the
// reveal after it: the expected answer read off the trace, whether the learner was right, and the
// event where the prediction and the trace first part ways (the page moves its scrubber there).
//
// question = makeQuestion(id, scenario)       -> { id, text, params, placeholder }
// reveal(question, answerText, trace)         -> { answer, expected, correct, at, error? }
//   `at` is an index into the trace; `error` (one line naming what is allowed) when the answer
//   cannot be read, and then nothing is revealed.

import { A_PROGRAM_RESULT, A_SCENARIO, checkArgument, checkTrace, isProgramResult, isScenario, isText } from './arguments.mjs';
import { programOutput } from './format.mjs';
import { taskCount } from './scenario.mjs';

const EPSILON = 0.005; // answers are read to the hundredth of a second, as the log prints times

function parseSeconds(text) {
  const value = Number(String(text).trim().replace(/s$/, ''));
  if (String(text).trim() === '' || !Number.isFinite(value) || value < 0) throw new Error('a number of seconds, such as 4 or 2.5');
  return value;
}

function parseCount(text) {
  const value = Number(String(text).trim());
  if (!Number.isInteger(value) || value < 0) throw new Error('a whole number, such as 3');
  return value;
}

function parseTaskList(text, { noneAllowed = false } = {}) {
  const trimmed = String(text).trim();
  if (noneAllowed && /^(none|no|-)?$/i.test(trimmed)) return [];
  const ids = trimmed.split(/[\s,]+/).map(Number);
  if (trimmed === '' || ids.some((id) => !Number.isInteger(id) || id < 1)) {
    throw new Error(noneAllowed ? 'task numbers such as "2, 5", or "none"' : 'task numbers in order, such as "1, 3, 2"');
  }
  return ids;
}

const indexOf = (trace, test) => {
  const i = trace.findIndex(test);
  return i === -1 ? Math.max(0, trace.length - 1) : i;
};

// Each question: its wording, how to read an answer, and how to compare it with a trace.
const QUESTIONS = {
  'total-time': {
    text: () => 'How many seconds will the whole run take?',
    placeholder: 'seconds, e.g. 4',
    parse: parseSeconds,
    expected: (trace) => trace.at(-1)?.t ?? 0,
    same: (a, e) => Math.abs(a - e) < EPSILON,
    // Where it parts: the first event after the predicted end (the run went on), else the last one.
    at: (trace, answer) => indexOf(trace, (e) => e.t > answer + EPSILON),
  },
  'start-time': {
    text: ({ task, on }) =>
      on ? `At what time will Task-${task} first acquire ${on}?` : `At what time will task ${task} start (get a permit)?`,
    placeholder: 'seconds, e.g. 2',
    parse: parseSeconds,
    expected: (trace, { task }) => trace.find((e) => e.task === task && e.event === 'started')?.t ?? null,
    same: (a, e) => e !== null && Math.abs(a - e) < EPSILON,
    at: (trace, answer, { task }) => indexOf(trace, (e) => (e.task === task && e.event === 'started') || e.t > answer + EPSILON),
  },
  'finish-order': {
    text: ({ on }) =>
      on ? 'In what order will the tasks end? (Give their numbers: 2 for Task-2.)' : 'In what order will the tasks print "finished"?',
    placeholder: 'task numbers, e.g. 1, 2, 3',
    parse: (text) => parseTaskList(text),
    expected: (trace) => trace.filter((e) => e.event === 'finished').map((e) => e.task),
    same: (a, e) => a.length === e.length && a.every((id, i) => id === e[i]),
    at: (trace, answer) => {
      const finishes = trace.map((e, i) => [e, i]).filter(([e]) => e.event === 'finished');
      const k = finishes.findIndex(([e], j) => e.task !== answer[j]);
      return k === -1 ? Math.max(0, trace.length - 1) : finishes[k][1];
    },
  },
  peak: {
    text: ({ permits, on }) =>
      `At most how many tasks will hold ${on ?? 'the semaphore'} at the same time? (It starts with ${permits} permit${permits === 1 ? '' : 's'}.)`,
    placeholder: 'a number, e.g. 3',
    parse: parseCount,
    expected: (trace) => concurrency(trace).peak,
    same: (a, e) => a === e,
    at: (trace, answer) => {
      const { levels } = concurrency(trace);
      const over = levels.findIndex((n) => n > answer);
      return over === -1 ? levels.indexOf(Math.max(0, ...levels)) : over;
    },
  },
  deadlock: {
    text: ({ on }) =>
      `Which tasks will be stuck forever? (${on ? 'Give their numbers, 2 for Task-2, or' : 'Answer'} "none" if every task ends.)`,
    placeholder: 'task numbers, or none',
    parse: (text) => parseTaskList(text, { noneAllowed: true }),
    expected: (trace) => (trace.at(-1)?.event === 'deadlock' ? trace.at(-1).waiting : []),
    same: (a, e) => a.length === e.length && [...a].sort((x, y) => x - y).every((id, i) => id === e[i]),
    at: (trace) => Math.max(0, trace.length - 1),
  },
  'first-after': {
    text: ({ after }) => `What will the program print first at ${after} s or later?`,
    placeholder: 'a line, e.g. Task 4 started',
    parse: (text) => {
      const line = String(text).trim();
      if (line === '') throw new Error('the line the program prints, such as "Task 4 started"');
      return line;
    },
    expected: (trace, { after }) => {
      const e = trace.find((x) => x.t >= after - EPSILON && programOutput(x) !== null);
      return e ? programOutput(e) : null;
    },
    same: (a, e) => e !== null && a.replace(/\s+/g, ' ').toLowerCase() === e.toLowerCase(),
    at: (trace, answer, { after }) => indexOf(trace, (x) => x.t >= after - EPSILON && programOutput(x) !== null),
  },
};

export const QUESTION_IDS = Object.freeze(Object.keys(QUESTIONS));

/** Holders after each event (levels[i]) and the highest. */
function concurrency(trace) {
  const holders = new Set();
  let peak = 0;
  const levels = trace.map((e) => {
    if (e.event === 'started') holders.add(e.task);
    else if (['finished', 'failed', 'timeout', 'release_error', 'released'].includes(e.event)) holders.delete(e.task);
    peak = Math.max(peak, holders.size);
    return holders.size;
  });
  return { levels, peak };
}

/** The question's parameters, chosen from the scenario alone (nothing of the run is given away). */
function paramsFor(id, scenario) {
  const n = taskCount(scenario);
  if (id === 'start-time') return { task: Math.max(1, n) };
  if (id === 'peak') return { permits: scenario.permits };
  if (id === 'first-after') {
    const first = Array.isArray(scenario.tasks) ? (scenario.tasks[0]?.duration ?? scenario.duration) : scenario.duration;
    return { after: first };
  }
  return {};
}

/** A question about a normalized scenario. Throws for an unknown id (naming the allowed ones). */
export function makeQuestion(id, scenario) {
  const q = QUESTIONS[id];
  if (!q) throw new Error(`predict must be one of ${QUESTION_IDS.join(', ')} (got "${id}")`);
  checkArgument('makeQuestion(id, scenario)', 'scenario', scenario, isScenario, A_SCENARIO);
  const params = paramsFor(id, scenario);
  return { id, params, text: q.text(params), placeholder: q.placeholder };
}

// --- programs ---------------------------------------------------------------------------------------

/** The number of a task named Task-N, else 0 (the module, or a task given another name). */
const taskNumber = (name) => (/^Task-(\d+)$/.exec(name ?? '')?.[1] ?? 0) * 1;

/** The program's first Semaphore or Lock: the one its questions are about (null when it has none). */
function questionPrimitive(primitives) {
  return primitives.find((p) => p.type !== 'Event') ?? null;
}

/**
 * A program's events (runProgram's or simulateProgram's objects) read the way the questions read a
 * scenario's, one for one (the same indices, so `at` points into the program's own trace): its first
 * Semaphore or Lock acquired is 'started' and released 'released', a task's end is 'finished' or
 * 'failed', prints stay prints, a deadlock lists the stuck tasks' numbers. Tasks are their numbers.
 */
export function questionTrace(events, primitives) {
  checkTrace('questionTrace(events, primitives)', events, 'events');
  checkArgument(
    'questionTrace(events, primitives)',
    'primitives',
    primitives,
    Array.isArray,
    "a list of primitives, as a program's result has",
  );
  const on = questionPrimitive(primitives)?.id ?? -1;
  // asyncio.run's own closing tasks (loop.shutdown_asyncgens() ...) are not the program's tasks.
  const closing = new Set(events.filter((e) => e.event === 'created' && e.function.startsWith('loop.')).map((e) => e.task));
  return events.map((e) => {
    const ends = (e.event === 'finished' || e.event === 'failed') && !closing.has(e.task);
    let event = ends || e.event === 'print' ? e.event : 'other';
    if (e.primitive === on && e.event === 'acquired') event = 'started';
    else if (e.primitive === on && e.event === 'released') event = 'released';
    if (e.event === 'deadlock') return { t: e.t, task: 0, event: 'deadlock', waiting: e.tasks.map((s) => taskNumber(s.name)) };
    return { t: e.t ?? 0, task: taskNumber(e.task), event, ...(e.text !== undefined && { text: e.text }) };
  });
}

/**
 * A question about a program, from a run of it (runtime.simulateProgram's result): about its first
 * Semaphore or Lock, the last task to acquire it, and the first time after 0 at which it prints.
 * Throws for an unknown id, or when the program has no Semaphore or Lock to ask about.
 */
export function makeProgramQuestion(id, result) {
  const q = QUESTIONS[id];
  if (!q) throw new Error(`predict must be one of ${QUESTION_IDS.join(', ')} (got "${id}")`);
  checkArgument('makeProgramQuestion(id, result)', 'result', result, isProgramResult, A_PROGRAM_RESULT);
  const primitive = questionPrimitive(result.primitives);
  if (!primitive) throw new Error('the program creates no Semaphore or Lock to ask about');
  const trace = questionTrace(result.events, result.primitives);
  const params = { on: primitive.name };
  if (id === 'start-time') params.task = trace.findLast((e) => e.event === 'started')?.task ?? 1;
  if (id === 'peak') params.permits = primitive.initial;
  if (id === 'first-after') params.after = trace.find((e) => e.event === 'print' && e.t > 0)?.t ?? 0;
  return { id, params, text: q.text(params), placeholder: q.placeholder };
}

/** Compare the learner's answer (as typed) with the trace. */
export function reveal(question, answerText, trace) {
  const call = 'reveal(question, answerText, trace)';
  checkArgument(
    call,
    'question',
    question,
    (x) => x !== null && typeof x === 'object' && Object.hasOwn(QUESTIONS, x.id),
    'a question, as makeQuestion returns it',
  );
  checkArgument(call, 'answerText', answerText, isText, 'the answer as typed, a string');
  checkTrace(call, trace);
  const q = QUESTIONS[question.id];
  let answer;
  try {
    answer = q.parse(answerText);
  } catch (error) {
    return { error: `Your prediction: expected ${error.message}` };
  }
  const expected = q.expected(trace, question.params);
  const correct = q.same(answer, expected);
  const at = correct ? Math.max(0, trace.length - 1) : q.at(trace, answer, question.params);
  return { answer, expected, correct, at };
}
