// The two sides the suite compares: CPython (reference.py, gen_random.py) and ours (the CLI, and the
// JavaScript API in-process). Child processes go through one small pool, as many at a time as there
// are cores, so the suite keeps the machine busy without oversubscribing it.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parseJsonl } from './traces.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const python = process.env.REFERENCE_PYTHON || 'python3';

const REFERENCE = path.join(here, 'reference.py');
const GENERATOR = path.join(here, 'gen_random.py');
const PROGRAM_REFERENCE = path.join(here, 'program_reference.py');
const CLI = path.join(root, 'web/cli.mjs');
const API = path.join(root, 'web/semaphore-playground.mjs');

// ---------------------------------------------------------------------------------------------
// Child processes.
// ---------------------------------------------------------------------------------------------

const slots = availableParallelism();
let running = 0;
const queue = [];

/** Run fn() when a slot is free; at most `slots` at once. */
function inPool(fn) {
  return new Promise((resolve, reject) => {
    queue.push(() => {
      running += 1;
      fn()
        .then(resolve, reject)
        .finally(() => {
          running -= 1;
          queue.shift()?.();
        });
    });
    if (running < slots) queue.shift()();
  });
}

/**
 * Run a command to completion; rejects with its stderr unless it exits 0. With `limitMs`, a command
 * still running then is killed and resolves with what it printed so far (a program that hangs).
 */
function run(command, args, input, limitMs) {
  return inPool(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let killed = false;
        const timer =
          limitMs &&
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, limitMs);
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', (error) => {
          reject(
            new Error(`cannot run ${command}: ${error.message}${command === python ? ' (set REFERENCE_PYTHON to a Python >= 3.11)' : ''}`),
          );
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          const stdout = Buffer.concat(out).toString('utf8');
          const stderr = Buffer.concat(err).toString('utf8');
          if (code === 0 || killed) resolve(stdout);
          else reject(new Error(`${[command, ...args].join(' ')} exited with ${signal ?? code}:\n${stderr}`));
        });
        child.stdin.end(input ?? '');
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// CPython.
// ---------------------------------------------------------------------------------------------

/** reference.py's output for these arguments (e.g. [file], or ['--text', '-'] with input). */
export function reference(args, input) {
  return run(python, [REFERENCE, ...args], input);
}

/** Scenarios for seeds first .. first+count-1, from gen_random.py. */
export async function randomScenarios(first, count) {
  if (count === 0) return [];
  return parseJsonl(await run(python, [GENERATOR, '--seed', String(first), '--count', String(count)]));
}

/**
 * Reference results for many scenarios: [{trace, stats}] in input order. The list is dealt round-robin
 * into one `reference.py --batch` per core (one Python start-up each, not one per scenario).
 */
export async function referenceBatch(scenarios) {
  const parts = Math.max(1, Math.min(slots, scenarios.length));
  const chunks = Array.from({ length: parts }, (_, k) => scenarios.filter((_, i) => i % parts === k));
  const outputs = await Promise.all(
    chunks.map((chunk) => run(python, [REFERENCE, '--batch'], chunk.map((s) => `${JSON.stringify(s)}\n`).join(''))),
  );
  const results = outputs.map(parseJsonl);
  return scenarios.map((_, i) => results[i % parts][Math.floor(i / parts)]);
}

/**
 * Python programs run by CPython on the virtual clock (program_reference.py, one forked child each):
 * for each source, { lines: [[t, text]], end: 'done'|'deadlock'|'error', error, timers: [[setAt, when]] }.
 */
export async function runPrograms(sources) {
  if (sources.length === 0) return [];
  const parts = Math.max(1, Math.min(slots, sources.length));
  const chunks = Array.from({ length: parts }, (_, k) => sources.filter((_, i) => i % parts === k));
  const outputs = await Promise.all(
    chunks.map((chunk) => run(python, [PROGRAM_REFERENCE, '--batch'], chunk.map((s) => `${JSON.stringify(s)}\n`).join(''))),
  );
  const results = outputs.map(parseJsonl);
  return sources.map((_, i) => {
    const { lines, final, deadlock, timers } = results[i % parts][Math.floor(i / parts)];
    return { lines, end: deadlock ? 'deadlock' : final ? 'error' : 'done', error: final, timers };
  });
}

/**
 * A Python program run by CPython on the real clock, as a learner runs it (`python3 -u`, so every
 * line arrives even if it is killed): its printed lines. A program still running after `limitMs`
 * (a deadlock: Python waits forever) is killed, and what it printed until then is the result.
 */
export async function runOnRealClock(source, limitMs) {
  const out = await run(python, ['-u', '-'], source, limitMs);
  return out.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

// ---------------------------------------------------------------------------------------------
// Ours. Missing pieces are reported as failures that say what is missing, never as skips.
// ---------------------------------------------------------------------------------------------

/** The CLI's JSON Lines output for a scenario file (`--format jsonl --instant`). */
export async function cliText(file) {
  if (!existsSync(CLI))
    throw new Error(`our CLI is missing: ${path.relative(root, CLI)} does not exist, so there is nothing to compare with CPython`);
  return run(process.execPath, [CLI, '--scenario', file, '--format', 'jsonl', '--instant']);
}

let api;

/** { runtime, normalizeScenario } from web/semaphore-playground.mjs, loaded once. */
export function loadOurs() {
  api ??= (async () => {
    if (!existsSync(API))
      throw new Error(
        `our JavaScript API is missing: ${path.relative(root, API)} does not exist, so there is nothing to compare with CPython`,
      );
    const { loadRuntime, normalizeScenario } = await import(pathToFileURL(API).href);
    if (typeof loadRuntime !== 'function' || typeof normalizeScenario !== 'function') {
      throw new Error(`${path.relative(root, API)} must export loadRuntime() and normalizeScenario() (docs/ARCHITECTURE.md)`);
    }
    return { runtime: await loadRuntime(), normalizeScenario };
  })();
  return api;
}
