// The contracts every front end shares, written once: the scenario's limits and defaults, the wording
// of every input error, how user text is quoted, the packed event record, and the CLI's input limit.
//
// The C++ core (core/scenario.hpp) checks the same limits and answers with a problem code and a field
// (wasm/bindings.cpp); the words for that answer are chosen here (problemMessage), so a message reads
// the same whether JavaScript or C++ caught the problem. tests/js/contract.test.mjs checks that the
// two sides agree on the limits (a program's size too), the problem codes and the event record layout.

export const LIMITS = Object.freeze({
  maxCount: 1_000_000, // tasks and permits (sp::max_count)
  maxSeconds: 1_000_000, // durations, start delays, timeouts (sp::max_seconds)
});

export const DEFAULTS = Object.freeze({ permits: 3, bounded: false, duration: 2, tasks: 5 });

export const SCENARIO_FIELDS = Object.freeze(['permits', 'bounded', 'duration', 'tasks']);
export const TASK_FIELDS = Object.freeze(['duration', 'start', 'fail', 'timeout', 'extra_release']);

/**
 * The slowest pace a run may play at, in virtual seconds per real second (createRun, runProgram,
 * setSpeed, the CLI's --speed). The page's slowest choice is 0.25 (the widget's and the URL's too);
 * no one watches slower than this. Below it nothing is gained but runs longer than any wait: at
 * 1e-308 a second's host time overflowed to Infinity and the run never went on.
 */
export const MIN_SPEED = 0.001;

/** Largest scenario text the CLI reads (a file or standard input); README "Command line". */
export const MAX_SCENARIO_BYTES = 128 * 1024 * 1024;
export const MAX_SCENARIO_SIZE_TEXT = '128 MiB';

/**
 * Largest program the interpreter reads, in UTF-8 bytes as python3 reads the text: without a UTF-8
 * byte order mark, each \r\n one byte (python/interp.hpp, Limits::source; python/program.cpp refuses
 * past it in programTooLong's words).
 */
export const MAX_PROGRAM_BYTES = 2 * 1024 * 1024;

/** A size in the interpreter's words (python/interp.cpp, bytes_in_words): "2 MB", "64 KB", "2,097,153 bytes". */
export function bytesInWords(n) {
  if (n !== 0 && n % 2 ** 20 === 0) return `${n / 2 ** 20} MB`;
  if (n !== 0 && n % 2 ** 10 === 0) return `${n / 2 ** 10} KB`;
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} bytes`; // number_in_words: "2,097,153"
}

/** The interpreter's refusal of a program of `bytes` (python/program.cpp, Program::Program). */
export function programTooLong(bytes) {
  return `the playground reads programs of up to ${bytesInWords(MAX_PROGRAM_BYTES)}; this one has ${bytesInWords(bytes)}`;
}

/**
 * One packed event as the runtime logs it (struct Event in core/event.hpp, whose static_asserts pin
 * the same numbers): byte offsets of the f64 time, the i32 task id and the i32 kind, and the size.
 */
export const EVENT_RECORD = Object.freeze({ bytes: 16, time: 0, task: 8, kind: 12 });

/**
 * One packed event of a program run (struct ProgramEvent in python/program_trace.hpp, whose
 * static_asserts pin the same numbers): f64 time (-1 outside an event loop), i32 task id (0: the
 * module), u32 kind and line (the kind in the low `lineShift` bits, above them the program's line that
 * made the event, 0: none), i32 primitive id (0: none), i32 detail (a primitive's value after the
 * event, or the index of a print's line in the output, or of a failure's text in the words).
 */
export const PROGRAM_EVENT_RECORD = Object.freeze({ bytes: 24, time: 0, task: 8, kind: 12, lineShift: 8, primitive: 16, detail: 20 });

/** The kinds of program events, by their numbers in python/program_trace.hpp (ProgramEventKind). */
export const PROGRAM_EVENT_KINDS = Object.freeze([
  'created', // a task was created
  'waiting', // acquire() or Event.wait() suspended: the task joined the primitive's queue
  'acquired', // acquire() returned: the task holds the semaphore or lock
  'gave_up', // the wait ended with an exception (cancelled, timed out) instead
  'released', // release() by this task
  'set', // Event.set()
  'woken', // Event.wait() returned
  'finished', // the task returned
  'failed', // the task ended with an exception (text: its final line)
  'cancelled', // the task ended cancelled
  'print', // a line of output (text)
  'blocked', // time.sleep() blocked the event loop from here (text: its seconds), python/time_module.hpp
  'timed_out', // the task's wait_for() or timeout block ran out of time (text: which, "wait_for(timeout=3)")
]);

/** The program event kinds whose detail is the index of a text in the words (the others': a value or a line). */
export const PROGRAM_TEXT_KINDS = Object.freeze(['failed', 'blocked', 'timed_out']);

/**
 * What a program run's take() leaves in Wasm memory (python/program_trace.hpp, ProgramTake): 32-bit
 * fields in this order. Pointer and count pairs for what is new since the last take: the event
 * records; the printed output's UTF-8 bytes (whole lines) and the new lines' ends; the words' UTF-8
 * bytes (task names and functions, primitive types, failures' lines) and their ends; the new tasks
 * (i32 pairs: name and function word) and primitives (i32 triples: type word, initial value, line).
 * Ends count UTF-16 code units from the start of all the text. Then the totals so far.
 */
export const PROGRAM_TAKE_FIELDS = Object.freeze([
  'events',
  'eventCount',
  'output',
  'outputBytes',
  'lineEnds',
  'lines',
  'words',
  'wordBytes',
  'wordEnds',
  'wordCount',
  'tasks',
  'taskCount',
  'primitives',
  'primitiveCount',
  'created',
  'finished',
  'failed',
  'cancelled',
  'peakHolders',
]);

/**
 * What can be wrong with a scenario value. The numbers are the C++ core's sp::Problem codes
 * (core/scenario.hpp); the names are for JavaScript.
 */
export const PROBLEMS = Object.freeze({
  1: 'count', // not an integer in 0 ..= maxCount
  2: 'seconds', // not a finite number in 0 ..= maxSeconds
  3: 'too-many-tasks', // a task list longer than maxCount
});

// Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional overrides:
// a terminal or a page must show them, never obey them.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** User text in double quotes, with quotes, backslashes and unsafe characters escaped (one line). */
export function quote(text) {
  return JSON.stringify(String(text)).replace(UNSAFE, escapeChar);
}

/** Any message made safe for one line of a terminal: unsafe characters become \uXXXX escapes. */
export function oneLine(text) {
  return String(text).replace(UNSAFE, escapeChar);
}

// Text longer than this is shown by its start and its length: a 100 MB value in a scenario file was
// quoted whole, one line of 100 MB on stderr.
const SHOWN_CHARACTERS = 40;

/** User text quoted, or for long text its first SHOWN_CHARACTERS and its length (never half a pair). */
function quoteShort(text) {
  if (text.length <= SHOWN_CHARACTERS) return quote(text);
  const cut = /[\uD800-\uDBFF]/.test(text[SHOWN_CHARACTERS - 1]) ? SHOWN_CHARACTERS - 1 : SHOWN_CHARACTERS;
  return `${quote(`${text.slice(0, cut)}…`)} (${text.length.toLocaleString('en-US')} characters)`;
}

/** A value as the user wrote it, for "(got ...)": quoted text, a number as JavaScript prints it. */
export function show(value) {
  if (typeof value === 'string') return quoteShort(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`; // function, symbol, bigint
}

/** The message for a problem code (PROBLEMS) with the field path and the offending value. */
export function problemMessage(problem, field, got) {
  switch (problem) {
    case 'count':
      return `${field} must be an integer from 0 to ${LIMITS.maxCount} (got ${show(got)})`;
    case 'seconds':
      return `${field} must be a number of seconds from 0 to ${LIMITS.maxSeconds} (got ${show(got)})`;
    case 'too-many-tasks':
      return `${field} must have at most ${LIMITS.maxCount} entries (got ${show(got)})`;
    case 'boolean':
      return `${field} must be true or false (got ${show(got)})`;
    case 'object':
      return `${field} must be an object (got ${show(got)})`;
    case 'tasks':
      return `${field} must be an integer from 0 to ${LIMITS.maxCount} or a list of task objects (got ${show(got)})`;
    case 'unknown-field': // got: the allowed field names
      return `unknown field ${quoteShort(field)} (allowed: ${got.join(', ')})`;
    default:
      throw new RangeError(`unknown scenario problem ${quote(problem)}`);
  }
}

/**
 * Where a text stops being JSON, and why, without quoting the text: "line 3, column 12: unexpected
 * character". JSON.parse's own message quotes the input and gives no line, so the place is found
 * here by walking the grammar (RFC 8259) up to the first character that cannot continue it.
 */
export function jsonSyntaxError(text) {
  const at = firstJsonError(text);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at.offset; i++) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${at.offset - lineStart + 1}: ${at.reason}`;
}

function firstJsonError(text) {
  let i = 0;
  const fail = (reason) => {
    throw { offset: i, reason: i >= text.length ? 'unexpected end of the input' : reason };
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (c, reason) => (text[i] === c ? (i += 1) : fail(reason));
  const string = () => {
    expect('"', 'expected a string in double quotes');
    for (;;) {
      if (i >= text.length) fail('');
      const c = text.charCodeAt(i);
      if (c === 0x22) return (i += 1);
      if (c < 0x20) fail('control character inside a string (write it as an escape)');
      if (c === 0x5c) {
        i += 1;
        if (text[i] === 'u') {
          i += 1;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('invalid \\u escape in a string');
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i += 1;
        else fail('invalid escape in a string');
      } else i += 1;
    }
  };
  const digits = (reason) => {
    if (!/[0-9]/.test(text[i] ?? '')) fail(reason);
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i += 1;
    if (text[i] === '0') i += 1;
    else digits('unexpected character');
    if (text[i] === '.') {
      i += 1;
      digits('expected a digit after the decimal point');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      digits('expected a digit in the exponent');
    }
  };
  const sequence = (close, item) => {
    i += 1;
    space();
    if (text[i] === close) return (i += 1);
    for (;;) {
      item();
      space();
      if (text[i] === close) return (i += 1);
      expect(',', `expected "," or "${close}"`);
    }
  };
  const member = () => {
    space();
    string();
    space();
    expect(':', 'expected ":" after a field name');
    value();
  };
  const value = () => {
    space();
    const c = text[i];
    if (c === '{') return sequence('}', member);
    if (c === '[') return sequence(']', value);
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return (i += word.length);
    return number();
  };
  try {
    value();
    space();
    if (i < text.length) fail('unexpected text after the JSON value');
  } catch (error) {
    if (typeof error.offset === 'number') return error;
    throw error;
  }
  return { offset: i, reason: 'not valid JSON' }; // JSON.parse disagreed with the grammar: say so plainly
}
