#!/usr/bin/env node
// semaphore-playground: run a scenario headless and print the lesson's log.
//
//   semaphore-playground --permits 3 --tasks 5 --duration 2      # real time: takes 4 s, like Python
//   semaphore-playground --scenario run.json --format jsonl --instant
//
// Exit status: 0 when the run ends (a deadlock is a lesson, not an error), 2 for bad input (one line
// on stderr naming the problem, nothing on stdout), 1 for anything unexpected.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { loadRuntime } from './loader.mjs';
import { normalizeScenario, ScenarioError } from './scenario.mjs';
import { eventToJson, formatEvent } from './format.mjs';
import { programEventToJson } from './program.mjs';

const USAGE = `Usage: semaphore-playground [options]

Runs asyncio's semaphore lesson on a faithful model of CPython's event loop and prints its log.

Scenario (either flags or a file):
  --permits N        permits of the semaphore (integer 0..1000000, default 3)
  --tasks N          number of identical tasks (integer 0..1000000, default 5)
  --duration S       seconds each task holds its permit (0..1000000, default 2)
  --bounded          use asyncio.BoundedSemaphore
  --scenario FILE    a scenario as JSON (see docs/ARCHITECTURE.md); "-" reads standard input

Program (instead of a scenario):
  --program FILE.py  run a program of the playground's Python (async Python 3.11, a subset) on the
                     virtual clock, instantly; "-" reads standard input. Prints what python3 prints;
                     exit status as python3's (1 for an uncaught exception or a SyntaxError), 2 when
                     the playground does not support the program, 3 for a deadlock (where python3
                     would wait forever: the stuck tasks are named on stderr)

Output:
  --format text      "0.00s Task 1 started" lines (default)
  --format jsonl     one JSON object per event: {"t", "task", "event"} (+ "waiting" on a deadlock)

Pace:
  (default)          real time: one virtual second per second, as Python would take
  --speed X          X virtual seconds per real second (e.g. 10)
  --instant          no waiting at all
  --help             this text`;

class UsageError extends Error {}

function number(flag, text) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(`--${flag} must be a number (got "${text}")`);
  return value;
}

function readScenario(path) {
  let text;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --scenario ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--scenario ${path} is not valid JSON: ${error.message}`);
  }
}

function readProgram(path) {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --program ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
}

const VALUE_FLAGS = new Set(['--permits', '--tasks', '--duration', '--speed']);

// parseArgs reads "--permits -1" as a flag followed by an option; join a negative number to its flag
// so the user hears about the allowed range instead.
function joinNegativeValues(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.has(argv[i]) && /^-[\d.]/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i += 1;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/** Turn argv into { scenario, format, speed } or throw UsageError / ScenarioError. */
export function parseCommandLine(argv) {
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
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message.split('\n')[0]);
  }
  const o = parsed.values;
  if (o.help) return { help: true };

  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new UsageError(`--format must be text or jsonl (got "${format}")`);
  if (o.program !== undefined) {
    for (const flag of ['permits', 'tasks', 'duration', 'bounded', 'scenario', 'speed', 'instant']) {
      if (o[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --program`);
    }
    return { program: readProgram(o.program), format };
  }
  if (o.instant && o.speed !== undefined) throw new UsageError('use either --speed or --instant, not both');
  let speed = 1;
  if (o.instant) speed = Infinity;
  if (o.speed !== undefined) {
    speed = number('speed', o.speed);
    if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number of virtual seconds per second (got "${o.speed}")`);
  }

  let input;
  if (o.scenario !== undefined) {
    for (const flag of ['permits', 'tasks', 'duration', 'bounded']) {
      if (o[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --scenario (put it in the file)`);
    }
    input = readScenario(o.scenario);
  } else {
    input = {};
    for (const flag of ['permits', 'tasks', 'duration']) {
      const value = number(flag, o[flag]);
      if (value !== undefined) input[flag] = value;
    }
    if (o.bounded) input.bounded = true;
  }
  return { scenario: normalizeScenario(input), format, speed };
}

export async function main(argv = process.argv.slice(2), { stdout = process.stdout, stderr = process.stderr } = {}) {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioError) {
      stderr.write(`semaphore-playground: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  let runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    stderr.write(`semaphore-playground: ${error.message}\n`); // e.g. not built yet: says how to build it
    return 1;
  }
  if (options.program !== undefined) return runProgram(runtime, options, { stdout, stderr });
  const write = options.format === 'jsonl' ? eventToJson : formatEvent;
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
    for (const event of batch) text += `${write(event)}\n`;
    // Go at the reader's pace: when the pipe is full the run pauses until it drains, so a million
    // tasks piped into a slow reader never pile up in memory. (The trace does not change.)
    if (stdout.write(text) === false && run.state === 'running') {
      run.pause();
      stdout.once('drain', () => run.resume());
    }
  });
  let failure = null;
  run.on('error', (error) => { failure = error; });
  const finished = run.done;
  run.start();
  await Promise.race([finished, outputClosed, new Promise((resolve) => run.on('state', (s) => s === 'error' && resolve()))]);
  if (outputError) {
    if (outputError.code === 'EPIPE') return 0;
    stderr.write(`semaphore-playground: cannot write the output: ${outputError.message}\n`);
    return 1;
  }
  if (failure) {
    stderr.write(`semaphore-playground: the runtime failed: ${failure.message ?? failure}\n`);
    return 1;
  }
  return 0;
}

/** --program: print what python3 would print, and end as python3 would (see USAGE). */
function runProgram(runtime, options, { stdout, stderr }) {
  const result = runtime.simulateProgram(options.program);
  if (options.format === 'jsonl') {
    stdout.write(result.events.map((event) => `${programEventToJson(event)}\n`).join(''));
  } else {
    stdout.write(result.output);
  }
  if (result.error !== null) stderr.write(result.error);
  return result.exitStatus;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])) {
  process.exitCode = await main();
}
