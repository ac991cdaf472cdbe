// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** `bypassCSP`: only for the accessibility checks, which inject axe-core into the page. */
/**
 * The repository served on localhost and a Chromium context, for one test file: started before its
 * tests, closed after them. `onReady(server, context)` hands them to the file.
 */
export function useBrowser(onReady) {
  let server;
  let context;
  before(async () => {
    server = await startServer();
    context = await launch();
    onReady(server, context);
  });
  after(async () => {
    await context?.close();
    await server?.close();
  });
}

export async function launch({ bypassCSP = false } = {}) {
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'sp-chromium-')), {
    bypassCSP,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1200, height: 900 },
  });
}

/**
 * A new page that fails the test on any console error or uncaught exception. `beforeLoad(page)`, if
 * given, runs before the page is loaded (e.g. injectWasmTraps).
 */
export async function openPage(context, url, { beforeLoad } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url);
  page.problems = problems;
  return page;
}

export function shot(page, name) {
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Fault injection for a real WebAssembly trap; call before page.goto. The page remembers every Wasm
 * instance it creates (window.wasmInstances, in creation order) and gets two ways to break one:
 * - window.emptyFunctionTable(instance) sets every entry of the instance's function table to null;
 * - window.trapAtNextGrowth = true does that from inside Wasm, at the next memory growth of any
 *   instance (the runtime's malloc calls the emscripten_resize_heap import in the middle of a run);
 *   it fires once and sets window.trapFired.
 * Nothing here throws. The engine does: Wasm calls through the table (call_indirect: function
 * pointers, virtual calls, Embind's member-function dispatch), so the instance's next such call
 * raises a WebAssembly.RuntimeError from Wasm code, as a real trap does.
 */
export function injectWasmTraps(page) {
  return page.addInitScript(() => {
    window.wasmInstances = [];
    window.trapAtNextGrowth = false;
    window.trapFired = false;
    window.emptyFunctionTable = (instance) => {
      const table = instance.exports.__indirect_function_table;
      for (let i = 0; i < table.length; i++) table.set(i, null);
    };
    const watch = (imports) => {
      let instance = null;
      const patched = {};
      for (const [name, functions] of Object.entries(imports ?? {})) {
        const grow = functions?.emscripten_resize_heap;
        patched[name] =
          typeof grow !== 'function'
            ? functions
            : {
                ...functions,
                emscripten_resize_heap(...args) {
                  const grown = grow(...args);
                  if (window.trapAtNextGrowth && instance) {
                    window.trapAtNextGrowth = false;
                    window.trapFired = true;
                    window.emptyFunctionTable(instance);
                  }
                  return grown;
                },
              };
      }
      const remember = (result) => {
        instance = result.instance ?? result; // instantiate(module) gives the instance itself
        window.wasmInstances.push(instance);
        return result;
      };
      return { patched, remember };
    };
    const { instantiate, instantiateStreaming } = WebAssembly;
    WebAssembly.instantiate = function (source, imports) {
      const { patched, remember } = watch(imports);
      return instantiate.call(this, source, patched).then(remember);
    };
    WebAssembly.instantiateStreaming = function (source, imports) {
      const { patched, remember } = watch(imports);
      return instantiateStreaming.call(this, source, patched).then(remember);
    };
  });
}

/**
 * Record every error a run reports (window.runErrors: name, message, whether it is a
 * WebAssembly.RuntimeError, and the top stack frame), by wrapping the public Run.on('error', ...).
 */
export function recordRunErrors(page) {
  return page.evaluate(async () => {
    window.runErrors = [];
    const { Run } = await import('/web/driver.mjs'); // the same module instance the page uses
    const on = Run.prototype.on;
    Run.prototype.on = function (type, listener) {
      if (type !== 'error') return on.call(this, type, listener);
      return on.call(this, type, (error) => {
        window.runErrors.push({
          name: error?.name,
          message: error?.message,
          wasmRuntimeError: error instanceof WebAssembly.RuntimeError,
          topFrame:
            String(error?.stack ?? '')
              .split('\n')[1]
              ?.trim() ?? '',
        });
        listener(error);
      });
    };
  });
}

export async function ready(page) {
  await page.waitForSelector('#playground[data-ready="true"]');
}

/** The log's rows as drawn (time, printed line, and the hidden "note:" cue before any explanation). */
export function logLines(page) {
  return page.$$eval('#log .log-row', (rows) => rows.map((r) => r.textContent));
}

/** Press Run and wait until the run has ended and every view has drawn its last event. */
export async function runToEnd(page, state = 'done') {
  await page.click('#run');
  await page.waitForSelector(`#playground[data-state="${state}"]`, { timeout: 30000 });
  await page.waitForSelector('#log .log-window.at-end .log-row.current:last-child');
}

/** Wait until the playground's state attribute says `state`. */
export function waitForState(page, state, timeout = 30000) {
  return page.waitForSelector(`#playground[data-state="${state}"]`, { timeout });
}

/** Open the page's program editor ("Edit the program") and wait until CodeMirror has drawn it. */
export async function openEditor(page) {
  await page.getByRole('button', { name: 'Edit the program' }).click();
  await page.locator('#editor-host .cm-content').waitFor();
}

/** Open the page's program editor and paste `source` into it (enterProgram). */
export async function editProgram(page, source) {
  await openEditor(page);
  await enterProgram(page, page, source);
}

/**
 * Select all of the editor's text by keyboard and paste `source` over it (a paste event carrying the
 * text); returns the text box. Does not wait for CodeMirror to draw it (enterProgram does).
 */
export async function pasteProgram(scope, page, source) {
  const box = scope.getByRole('textbox', { name: 'Python program' });
  await box.focus();
  await page.keyboard.press('Control+A');
  await box.evaluate((content, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, source);
  return box;
}

/**
 * Replace the editor's text with `source` as a learner pastes it: select all by keyboard, then a paste
 * event carrying the text (CodeMirror's own paste path; typing it key by key would auto-indent every
 * line a second time).
 */
export async function enterProgram(scope, page, source) {
  const box = await pasteProgram(scope, page, source);
  const lines = source.replace(/\n$/, '').split('\n');
  await box
    .locator('.cm-line')
    .nth(lines.length - 1)
    .waitFor(); // CodeMirror has drawn the new lines
  assert.deepEqual((await box.locator('.cm-line').allTextContents()).slice(0, lines.length), lines);
}

/**
 * Record every program the page's own runtime runs whole (window.programsOnPage: the sources) and
 * every one it only tries within the page's budget (window.programsTriedOnPage: runs with maxSteps,
 * web/ui/speculative-run.mjs), by wrapping the public Runtime's simulateProgram and runProgram; and
 * every program run in the worker (window.programsInWorker). Edited programs run whole only in the
 * worker (web/ui/program-host.mjs), so only the loader's warm-up may show up in programsOnPage.
 */
export function recordProgramsOnPage(page) {
  return page.evaluate(async () => {
    window.programsOnPage = [];
    window.programsTriedOnPage = [];
    window.programsInWorker = [];
    // The same module instances the page uses: under /csp/ they are other URLs, so other instances.
    const here = (path) => new URL(path, document.baseURI).href;
    const { Runtime } = await import(here('web/runtime.mjs'));
    const { WorkerRuntime } = await import(here('web/worker-runtime.mjs'));
    for (const name of ['simulateProgram', 'runProgram']) {
      const original = Runtime.prototype[name];
      Runtime.prototype[name] = function (source, options, ...rest) {
        (options?.maxSteps > 0 ? window.programsTriedOnPage : window.programsOnPage).push(source);
        return original.call(this, source, options, ...rest);
      };
    }
    const inWorker = WorkerRuntime.prototype.runProgram;
    WorkerRuntime.prototype.runProgram = function (source, ...rest) {
      window.programsInWorker.push(source);
      return inWorker.call(this, source, ...rest);
    };
  });
}
