#!/usr/bin/env node
// semaphore-playground: run a scenario headless and print the lesson's log.
//
//   semaphore-playground --permits 3 --tasks 5 --duration 2      # real time: takes 4 s, like Python
//   semaphore-playground --scenario run.json --format jsonl --instant
//
// Exit status: 0 when the run ends (a deadlock is a lesson, not an error), 2 for bad input (one line
// on stderr naming the problem, nothing on stdout), 1 for anything unexpected.

import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { loadRuntime } from './loader.mjs';
import { normalizeScenario, ScenarioError } from './scenario.mjs';
import {
  DEFAULTS,
  LIMITS,
  MAX_PROGRAM_BYTES,
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_SIZE_TEXT,
  MIN_SPEED,
  bytesInWords,
  jsonSyntaxError,
  oneLine,
  quote,
} from './contract.mjs';
import { commentary, eventToJson, formatTime, programOutput } from './format.mjs';
import { programEventToJson } from './program.mjs';

const USAGE = `Usage: semaphore-playground [options]

Runs asyncio's semaphore lesson on a faithful model of CPython's event loop and prints its log.

Scenario (either flags or a file):
  --permits N        permits of the semaphore (integer 0..${LIMITS.maxCount}, default ${DEFAULTS.permits})
  --tasks N          number of identical tasks (integer 0..${LIMITS.maxCount}, default ${DEFAULTS.tasks})
  --duration S       seconds each task holds its permit (0..${LIMITS.maxSeconds}, default ${DEFAULTS.duration})
  --bounded          use asyncio.BoundedSemaphore
  --scenario FILE    a scenario as JSON (fields: README.md, "Scenarios"), at most ${MAX_SCENARIO_SIZE_TEXT};
                     "-" reads standard input

Program (instead of a scenario):
  --program FILE.py  run a program of the playground's Python (async Python 3.11, a subset) on the
                     virtual clock, instantly; at most ${bytesInWords(MAX_PROGRAM_BYTES)}; "-" reads standard input. Prints
                     what python3 prints; exit status as python3's (1 for an uncaught exception or a
                     SyntaxError; an uncaught KeyboardInterrupt ends it by SIGINT, 130 in a shell), 2
                     when the playground does not support the program, 3 for a deadlock (where
                     python3 would wait forever: the stuck tasks are named on stderr)

Output:
  --format text      what the Python program prints, one line each with its virtual time:
                     "0.00s Task 1 started" (default); a deadlock is explained on stderr
  --explain          with text: also the playground's commentary, as "# " lines ("0.00s # Task 4 waits:
                     all 3 permits are taken, so it joins the queue")
  --format jsonl     one JSON object per event: {"t", "task", "event"} (+ "waiting" on a deadlock)

Pace:
  (default)          real time: one virtual second per second, as Python would take
  --speed X          X virtual seconds per real second (e.g. 10; at least ${MIN_SPEED})
  --instant          no waiting at all
  --help             this text`;

class UsageError extends Error {}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// The exit status of a program whose KeyboardInterrupt nobody caught (python/program.cpp), as a shell
// reports a process ended by SIGINT.
const INTERRUPTED_STATUS = 130;

// A number as people write one: digits, a point, an exponent ("2", "-0.5", "1e6"). Number() also
// reads "0x10", "0b11", "0o7" and " 3 ", which no one means as a count of permits.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function number(flag, text) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(`--${flag} must be a number (got ${quote(text)})`);
  if (!DECIMAL.test(text) && Number.isFinite(value)) throw new UsageError(`--${flag} must be a decimal number (got ${quote(text)})`);
  return value;
}

/**
 * A file's text (`--scenario`, or `--program` with `program`: its bytes), read in chunks so that an
 * endless input (/dev/zero, `yes |`) stops at the limit: a scenario's, or a program's as the
 * interpreter counts it (programBytes: each \r\n one byte, a UTF-8 byte order mark none; a Latin-1
 * file's UTF-8 is longer still, so past the limit here is past it there).
 */
async function readLimited(path, flag = '--scenario', { program = false } = {}) {
  const limit = program ? MAX_PROGRAM_BYTES : MAX_SCENARIO_BYTES;
  const chunks = [];
  let read = 0;
  let counted = 0;
  let last = 0; // the byte before the chunk: a \r whose \n starts the next
  let bomLooked = !program;
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
      read += chunk.length;
      counted += chunk.length;
      if (program) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) if ((i > 0 ? chunk[i - 1] : last) === 13) counted -= 1;
        last = chunk.at(-1) ?? last;
        if (!bomLooked && read >= 3) {
          bomLooked = true;
          if (Buffer.concat(chunks).subarray(0, 3).equals(UTF8_BOM)) counted -= 3;
        }
      }
      if (counted > limit) {
        const size = program ? bytesInWords(MAX_PROGRAM_BYTES) : MAX_SCENARIO_SIZE_TEXT;
        throw new UsageError(`${flag} ${quote(path)} is larger than ${size} (the limit)`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a folder' : error.message;
    throw new UsageError(`cannot read ${flag} ${quote(path)}: ${reason}`);
  } finally {
    stream.destroy(); // stop reading (and let the process exit) once the limit is passed
  }
  return program ? Buffer.concat(chunks) : Buffer.concat(chunks).toString('utf8');
}

/**
 * python3's SyntaxError for a program file that is not UTF-8 (Parser/tokenizer.c), or null: the first
 * byte that does not start or continue a valid sequence, and its line.
 */
export function nonUtf8Error(bytes) {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    // No overlong forms, no surrogates, nothing past U+10FFFF.
    if (ok && n === 3) ok = !(b === 0xe0 && bytes[i + 1] < 0xa0) && !(b === 0xed && bytes[i + 1] >= 0xa0);
    if (ok && n === 4) ok = !(b === 0xf0 && bytes[i + 1] < 0x90) && !(b === 0xf4 && bytes[i + 1] >= 0x90);
    if (!ok) {
      let line = 1;
      for (let k = 0; k < i; k++) if (bytes[k] === 0x0a) line += 1;
      const hex = b.toString(16).padStart(2, '0');
      return (
        `SyntaxError: Non-UTF-8 code starting with '\\x${hex}' in file <program> on line ${line}, ` +
        'but no encoding declared; see https://peps.python.org/pep-0263/ for details'
      );
    }
    i += n;
  }
  return null;
}

// PEP 263: a comment on line 1, or on line 2 below a comment or blank line, names the file's encoding.
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/**
 * A declared name as python3's tokenizer reads it (get_normal_name, Parser/tokenizer.c): its own
 * names for UTF-8 and Latin-1, else the name as written (which its codecs look up: codecKey).
 */
function normalName(name) {
  const s = name.slice(0, 12).toLowerCase().replaceAll('_', '-');
  if (s === 'utf-8' || s.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(s)) return 'iso-8859-1';
  return name;
}

/** A codec name as Python's codecs look it up (encodings.normalize_encoding, lower case): "utf_16". */
const codecKey = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '');

// Python's names (encodings/aliases.py) for the codecs a program file may be declared in, as far as
// the interpreter (python/program.cpp, check_encoding) reads that declaration too.
const UTF8_CODECS = new Set(['utf_8', 'u8', 'utf', 'utf8', 'cp65001']);
const LATIN1_CODECS = new Set([
  'latin_1',
  'latin1',
  'latin',
  'l1',
  'iso_8859_1',
  'iso8859_1',
  '8859',
  'cp819',
  'iso_latin_1',
  'iso_ir_100',
]);
// UTF-16 and UTF-32 with a byte order mark to look for: python3 never reads a file declared in them.
const UTF16_32_CODECS = new Set(['utf_16', 'u16', 'utf16', 'utf_32', 'u32', 'utf32', 'utf_32_le', 'utf_32le', 'utf_32_be', 'utf_32be']);
const ASCII_CODECS = new Set(['ascii', 'us_ascii', '646', 'us', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_ir_6']);
// ASCII-compatible codecs whose ASCII files the interpreter runs (their text is the same as UTF-8's).
const ASCII_COMPATIBLE = new Set(['ascii', 'us_ascii', 'cp1252', 'windows_1252', 'iso_8859_15']);

const isAscii = (bytes) => bytes.every((b) => b < 0x80);

/**
 * A program file's text as python3 reads it: UTF-8 unless a coding declaration says Latin-1 (or
 * another encoding in which the file is ASCII). { text, syntaxError (python3's SyntaxError: a file
 * that is not UTF-8, an encoding python3 cannot read it in; or null), refusal (the playground's words
 * for an encoding it does not read, or null) }.
 */
export function programSource(bytes) {
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const fails = (problem) => ({ text: '', syntaxError: `SyntaxError: encoding problem: ${problem}`, refusal: null });
  const lines = bytes
    .subarray(bom ? 3 : 0, 4096)
    .toString('latin1')
    .split(/\r\n|\r|\n/, 2);
  for (const [i, line] of lines.entries()) {
    const declared = CODING.exec(line);
    if (declared) {
      const name = declared[1];
      const normal = normalName(name);
      const key = codecKey(name);
      // After a UTF-8 byte order mark only UTF-8 may be declared, in the tokenizer's own spelling.
      if (bom && normal !== 'utf-8') return fails(`${normal} with BOM`);
      if (normal === 'utf-8') break;
      if (normal === 'iso-8859-1' || LATIN1_CODECS.has(key)) return { text: bytes.toString('latin1'), syntaxError: null, refusal: null };
      if (UTF8_CODECS.has(key)) {
        // Decoded by the codec, not the tokenizer: a bad byte is its "encoding problem".
        if (nonUtf8Error(bytes) !== null) return fails(name);
        break;
      }
      if (UTF16_32_CODECS.has(key) || (ASCII_CODECS.has(key) && !isAscii(bytes))) return fails(name);
      if (ASCII_COMPATIBLE.has(key) && isAscii(bytes)) return { text: bytes.toString('latin1'), syntaxError: null, refusal: null };
      const refusal = `the playground does not support files in the encoding ${quote(name).replace(/^"|"$/g, "'")}, only UTF-8 and Latin-1 (line ${i + 1})`;
      return { text: '', syntaxError: null, refusal };
    }
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return { text: bytes.toString('utf8'), syntaxError: nonUtf8Error(bytes), refusal: null };
}

/** The parsed scenario file; a syntax error says where it is, never what the file holds. */
export async function readScenario(path) {
  // A byte order mark (Windows editors start UTF-8 files with one) is no part of the JSON.
  const text = (await readLimited(path)).replace(/^\ufeff/, '');
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--scenario ${quote(path)} is not valid JSON: ${jsonSyntaxError(text)}`);
  }
}

const VALUE_FLAGS = new Set(['--permits', '--tasks', '--duration', '--speed']);

// parseArgs reads "--permits -1" as a flag followed by an option ("argument is ambiguous"); join a
// value that starts with one dash (-1, -Infinity, -x) to its flag so the user hears what is allowed.
function joinNegativeValues(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.has(argv[i]) && /^-[^-]/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i += 1;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/** Turn argv into { scenario, format, speed } or throw UsageError / ScenarioError. */
export async function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        permits: { type: 'string' },
        tasks: { type: 'string' },
        duration: { type: 'string' },
        bounded: { type: 'boolean' },
        scenario: { type: 'string' },
        program: { type: 'string' },
        format: { type: 'string' },
        speed: { type: 'string' },
        instant: { type: 'boolean' },
        explain: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    // e.g. "Unknown option '--x'" (escaped when printed); "--permits --tasks 3" gets parseArgs' whole
    // explanation ("... ambiguous. Did you forget to specify the option argument for '--permits'?"), on one line.
    throw new UsageError(error.message.replace(/\s*\n\s*/g, ' '));
  }
  const o = parsed.values;
  if (o.help) return { help: true };
  // parseArgs keeps the last of a repeated option: `--permits 3 --permits 5` ran 5 and lost the 3.
  const seen = new Map();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) {
      const values = token.value === undefined ? '' : ` (${quote(seen.get(token.name))}, then ${quote(token.value)})`;
      throw new UsageError(`${token.rawName} was given twice${values}: give it once`);
    }
    seen.set(token.name, token.value);
  }

  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new UsageError(`--format must be text or jsonl (got ${quote(format)})`);
  if (o.explain && format !== 'text') throw new UsageError('--explain adds commentary to --format text; jsonl already has every event');
  if (o.program !== undefined) {
    for (const flag of ['permits', 'tasks', 'duration', 'bounded', 'scenario', 'speed', 'instant', 'explain']) {
      if (o[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --program`);
    }
    const bytes = await readLimited(o.program, '--program', { program: true });
    const { text, syntaxError, refusal } = programSource(bytes);
    return { program: text, syntaxError, refusal, format };
  }
  if (o.instant && o.speed !== undefined) throw new UsageError('use either --speed or --instant, not both');
  let speed = 1;
  if (o.instant) speed = Infinity;
  if (o.speed !== undefined) {
    speed = number('speed', o.speed);
    if (!(speed >= MIN_SPEED) || !Number.isFinite(speed))
      throw new UsageError(`--speed must be a finite number of virtual seconds per second, at least ${MIN_SPEED} (got ${quote(o.speed)})`);
  }

  let input;
  if (o.scenario !== undefined) {
    for (const flag of ['permits', 'tasks', 'duration', 'bounded']) {
      if (o[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --scenario (put it in the file)`);
    }
    input = await readScenario(o.scenario);
  } else {
    input = {};
    for (const flag of ['permits', 'tasks', 'duration']) {
      const value = number(flag, o[flag]);
      if (value !== undefined) input[flag] = value;
    }
    if (o.bounded) input.bounded = true;
  }
  let scenario;
  try {
    scenario = normalizeScenario(input);
  } catch (error) {
    // From flags, the field is the flag the user typed: "--permits must be an integer ...".
    if (error instanceof ScenarioError && o.scenario === undefined) throw new UsageError(`--${error.message}`);
    throw error;
  }
  return { scenario, format, speed, explain: Boolean(o.explain) };
}

/**
 * The text format: stdout carries exactly the program's output (each line with its virtual time);
 * the playground's commentary joins it as "# " lines with --explain. Without --explain a deadlock,
 * where Python would wait forever, is still explained, on stderr.
 */
function textWriter({ explain, scenario }, stderr) {
  const holding = new Set(); // who holds a permit, so a timeout's commentary can say which case it was
  return (event) => {
    const at = formatTime(event.t);
    const printed = programOutput(event);
    const note = commentary(event, scenario.permits, holding.has(event.task));
    if (event.event === 'started') holding.add(event.task);
    else holding.delete(event.task);
    let text = printed === null ? '' : `${at} ${printed}\n`;
    if (note !== null && explain) text += `${at} # ${note}\n`;
    else if (event.event === 'deadlock') stderr.write(`semaphore-playground: ${at} ${note}\n`);
    return text;
  };
}

/**
 * The output of a command that writes all at once (--help, --program): the reader going away (EPIPE:
 * `| head`) ends it quietly with status 0, as Unix tools do; another failure (a full disk) is one line on
 * stderr and status 1, never Node's "Unhandled 'error' event".
 */
async function finishOutput(stdout, stderr, status) {
  let error = null;
  const failed = new Promise((resolve) => {
    stdout.on?.('error', (e) => {
      error ??= e;
      resolve();
    });
  });
  // A stream (not a test's stand-in) calls back once what was written has left, or failed.
  if (typeof stdout.writableLength === 'number' && !stdout.destroyed) {
    await Promise.race([new Promise((resolve) => stdout.write('', () => resolve())), failed]);
  }
  return error === null ? status : outputFailed(error, stderr);
}

/** The exit status when writing the output failed: 0 if the reader went away (EPIPE), else 1 with one line on stderr. */
function outputFailed(error, stderr) {
  if (error.code === 'EPIPE') return 0;
  stderr.write(`semaphore-playground: cannot write the output: ${oneLine(error.message)}\n`);
  return 1;
}

export async function main(argv = process.argv.slice(2), { stdout = process.stdout, stderr = process.stderr } = {}) {
  let options;
  try {
    options = await parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioError) {
      stderr.write(`semaphore-playground: ${oneLine(error.message)}\n`); // one line, whatever the user typed
      return 2;
    }
    throw error;
  }
  if (options.help) {
    stdout.write(`${USAGE}\n`);
    return finishOutput(stdout, stderr, 0);
  }
  let runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    stderr.write(`semaphore-playground: ${oneLine(error.message)}\n`); // e.g. not built yet: says how to build it
    return 1;
  }
  if (options.program !== undefined) return finishOutput(stdout, stderr, await runProgram(runtime, options, { stdout, stderr }));
  const write = options.format === 'jsonl' ? (event) => `${eventToJson(event)}\n` : textWriter(options, stderr);
  const run = runtime.createRun(options.scenario, { speed: options.speed });
  // The reader went away (`| head`): stop quietly, as Unix tools do. Other output errors are failures.
  let outputError = null;
  const outputClosed = new Promise((resolve) => {
    stdout.on?.('error', (error) => {
      outputError = error;
      run.reset();
      resolve();
    });
  });
  run.on('events', (batch) => {
    if (outputError) return;
    let text = '';
    for (const event of batch) text += write(event);
    // Go at the reader's pace: when the pipe is full the run pauses until it drains, so a million
    // tasks piped into a slow reader never pile up in memory. (The trace does not change.)
    if (stdout.write(text) === false && run.state === 'running') {
      run.pause();
      stdout.once('drain', () => run.resume());
    }
  });
  let failure = null;
  run.on('error', (error) => {
    failure = error;
  });
  const finished = run.done.catch(() => {}); // a failure is the 'error' listener's (below)
  run.start();
  await Promise.race([finished, outputClosed, new Promise((resolve) => run.on('state', (s) => s === 'error' && resolve()))]);
  if (outputError) return outputFailed(outputError, stderr);
  if (failure) {
    stderr.write(`semaphore-playground: the runtime failed: ${oneLine(failure.message ?? failure)}\n`);
    return 1;
  }
  return 0;
}

const JSONL_SLICE = 1 << 14; // events per write of --format jsonl

/** --program: print what python3 would print, and end as python3 would (see USAGE). */
async function runProgram(runtime, options, { stdout, stderr }) {
  if (options.refusal) {
    if (options.format === 'jsonl') stdout.write(`${JSON.stringify({ t: null, event: 'exception', text: options.refusal, ran: false })}\n`);
    stderr.write(`${oneLine(options.refusal)}\n`);
    return 2;
  }
  if (options.syntaxError) {
    // python3 refuses the file before it runs anything.
    if (options.format === 'jsonl')
      stdout.write(`${JSON.stringify({ t: null, event: 'exception', text: options.syntaxError, ran: false })}\n`);
    stderr.write(`${options.syntaxError}\n`);
    return 1;
  }
  // A run, not simulateProgram: its events come a batch at a time, written (jsonl) at the reader's
  // pace or dropped, never all held as objects (8,000,000 events took 1.5 GB).
  const run = runtime.runProgram(options.program, { instant: true, budgetMs: Infinity });
  const jsonl = options.format === 'jsonl' ? new JsonlWriter(run, stdout) : null;
  let ending = null; // the deadlock event, for the report's names
  run.on('batch', (batch) => {
    if (batch.kind(batch.length - 1) === 'deadlock') ending = batch.at(batch.length - 1);
    jsonl?.add(batch);
  });
  let failure = null;
  run.on('error', (error) => {
    failure = error;
  });
  run.start();
  const done = await run.done.catch(() => null);
  const outputError = await jsonl?.finished();
  if (outputError) return outputFailed(outputError, stderr);
  if (failure || done === null) {
    stderr.write(`semaphore-playground: the runtime failed: ${oneLine(failure?.message ?? String(failure))}\n`);
    return 1;
  }
  const result = withSafeDeadlockReport({ ...done, deadlock: ending && { t: ending.t, tasks: ending.tasks } });
  if (jsonl) {
    if (result.error !== null) stderr.write(result.error);
  } else {
    writeInterleaved(result, { stdout, stderr });
  }
  return result.exitStatus;
}

/**
 * A program run's events as JSON Lines, at the reader's pace: the run pauses while a batch is being
 * written, and each slice waits until the reader has taken the one before (a pipe's writes queue up
 * in memory otherwise: one batch of a loop that never awaits holds millions of events).
 */
class JsonlWriter {
  #run;
  #stdout;
  #batches = [];
  #writing = false;
  #written = Promise.resolve(); // the last #write()
  #error = null;

  constructor(run, stdout) {
    this.#run = run;
    this.#stdout = stdout;
    // The reader went away (`| head`): the run stops, and finished() says why.
    stdout.on?.('error', (error) => {
      this.#error ??= error;
      run.reset();
    });
  }

  add(batch) {
    this.#batches.push(batch);
    if (this.#writing) return;
    this.#writing = true;
    if (this.#run.state === 'running') this.#run.pause();
    this.#written = this.#write();
  }

  /** Once every batch is written: the output's error, or null. */
  async finished() {
    await this.#written;
    return this.#error;
  }

  async #write() {
    while (this.#batches.length > 0 && this.#error === null) {
      const batch = this.#batches.shift();
      for (let start = 0; start < batch.length && this.#error === null; start += JSONL_SLICE) {
        let text = '';
        for (let i = start; i < Math.min(start + JSONL_SLICE, batch.length); i++) text += `${programEventToJson(batch.at(i))}\n`;
        // once() rejects if 'error' comes first: the error listener above has noted it.
        if (this.#stdout.write(text) === false) await once(this.#stdout, 'drain').catch(() => {});
      }
    }
    this.#writing = false;
    if (this.#run.state === 'paused' && this.#error === null) this.#run.resume();
  }
}

/** A name as the playground's commentary shows it: as it is, or quoted and escaped if a terminal would obey part of it. */
const shown = (text) => (oneLine(text) === text ? text : quote(text));

/**
 * Where `field` (a name from the result's JSON) ends in `text` when it starts at `at`, as the
 * interpreter wrote it to stderr: the same characters, but a lone surrogate (which reached JavaScript
 * as three U+FFFD) written as python3 writes it, "\\ud800". -1 if it is not there.
 */
function fieldEnd(text, at, field) {
  let i = at;
  for (let k = 0; k < field.length;) {
    if (text[i] === field[k]) {
      i += 1;
      k += 1;
    } else if (field.startsWith('\ufffd\ufffd\ufffd', k) && /^\\ud[89a-f][0-9a-f]{2}/.test(text.slice(i, i + 6))) {
      i += 6;
      k += 3;
    } else {
      return -1;
    }
  }
  return i;
}

/**
 * `result` with its deadlock report (the interpreter's words, the last part of `error`: errorAt's
 * last mark is where it starts) written again with each text the program chose shown safely: a
 * task's name, its function's, what it awaits (another task's name). What the program itself wrote
 * to stderr before it stays as python3 would write it.
 */
function withSafeDeadlockReport(result) {
  if (result.deadlock === null) return result;
  const error = Buffer.from(result.error);
  const start = result.errorAt.at(-1)?.[1] ?? 0;
  const report = error.subarray(start).toString();
  let at = report.indexOf('\n') + 1; // past the heading: the interpreter's words, no name in them
  let safe = report.slice(0, at);
  const take = (field) => {
    const end = at < 0 ? -1 : fieldEnd(report, at, field);
    const text = end < 0 ? field : report.slice(at, end);
    at = end;
    return shown(text);
  };
  const expect = (words) => {
    at = at >= 0 && report.startsWith(words, at) ? at + words.length : -1;
  };
  for (const task of result.deadlock.tasks) {
    expect('  ');
    const name = take(task.name);
    expect(' (');
    const fn = take(task.function);
    expect(') is waiting for ');
    const awaiting = take(task.awaiting);
    const where = task.line > 0 ? ` at line ${task.line}` : ''; // 0: asyncio's coroutine, no line of the program
    expect(`${where}\n`);
    safe += `  ${name} (${fn}) is waiting for ${awaiting}${where}\n`;
  }
  result.error = error.subarray(0, start).toString() + safe; // not a copy: its tasks are made on first read
  return result;
}

/**
 * stdout and stderr in the order python3 writes them (a warning between two prints), so that a
 * terminal showing both shows what python3's would.
 */
function writeInterleaved({ output, error, errorAt }, { stdout, stderr }) {
  const out = Buffer.from(output);
  const err = Buffer.from(error ?? '');
  let written = 0;
  if (errorAt.length > 0 && errorAt[0][1] > 0) stderr.write(err.subarray(0, errorAt[0][1]));
  for (const [i, [atOutput, atError]] of errorAt.entries()) {
    if (atOutput > written) stdout.write(out.subarray(written, atOutput));
    written = Math.max(written, atOutput);
    stderr.write(err.subarray(atError, i + 1 < errorAt.length ? errorAt[i + 1][1] : err.length));
  }
  if (written < out.length) stdout.write(out.subarray(written));
  if (errorAt.length === 0 && err.length > 0) stderr.write(err);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])) {
  const status = await main();
  // A program ended by an uncaught KeyboardInterrupt: python3 ends itself by SIGINT after the
  // traceback (its caller sees a signal; a shell says 130), and so does this command.
  if (status === INTERRUPTED_STATUS) process.kill(process.pid, 'SIGINT');
  else process.exitCode = status;
}
