// Loads the Wasm runtime in browsers and in Node.
//
// Emscripten 3.1.6's Node branch does not work from an ES module (it uses __dirname and fetch() on
// file paths), so the module is built for the web only and, in Node, we read the .wasm ourselves and
// hand the bytes over (wasmBinary). Browsers fetch it next to the module, or where locateFile says.

import { programText, pythonProgram } from './lesson-program.mjs';
import { simulateProgram } from './program.mjs';
import { Runtime } from './runtime.mjs';

const DEFAULT_MODULE = new URL('./generated/semaphore_runtime.mjs', import.meta.url);
const SINGLE_FILE_MODULE = new URL('./generated/semaphore_runtime.single.mjs', import.meta.url);

const inNode = typeof process !== 'undefined' && Boolean(process.versions?.node) && typeof window === 'undefined';

/**
 * Load the runtime. Options:
 * - `moduleUrl`: where the Emscripten ES module is (default: web/generated/semaphore_runtime.mjs);
 * - `singleFile`: use the build with the .wasm inlined (no second request);
 * - `locateFile(path, prefix)`: where the .wasm is (a base URL for static hosts);
 * - `wasmBinary`: the .wasm bytes, if you have them already.
 */
export async function loadRuntime(options = {}) {
  const moduleUrl = new URL(options.moduleUrl ?? (options.singleFile ? SINGLE_FILE_MODULE : DEFAULT_MODULE), import.meta.url);
  let factory;
  try {
    ({ default: factory } = await import(moduleUrl.href));
  } catch (error) {
    throw new Error(`could not load the runtime from ${moduleUrl.href}: ${error.message}. Build it with "npm run build:wasm".`);
  }
  const settings = {};
  if (options.locateFile) settings.locateFile = options.locateFile;
  if (options.wasmBinary) {
    settings.wasmBinary = options.wasmBinary;
  } else if (inNode && !options.singleFile) {
    settings.wasmBinary = await readWasmInNode(moduleUrl, options.locateFile);
  }
  const module = await factory(settings);
  warmUp(module);
  return new Runtime(module);
}

// Engines compile a Wasm function the first time it is called (V8: lazily, with Liftoff). The first
// program a learner runs would pay for the parser, the compiler, the interpreter and asyncio (about
// 30 ms); a three-task lesson run now, while loading, pays it instead, so the first real run starts at
// once. It runs on the module, not through the Runtime's public methods: it is no program of the
// caller's, and a page watching what it runs would see it whenever the load ends.
// The same lesson program the page shows, from its generator (as the worker's warmUpPrograms runs
// it), only small: this one runs on whatever thread loads the runtime, the page's included, and needs
// only every function called once, not the 3,000 tasks after which V8 optimises them.
const WARM_UP_PROGRAM = programText(pythonProgram({ permits: 2, tasks: 3, duration: 0.5, bounded: false }));

function warmUp(module) {
  simulateProgram(module, WARM_UP_PROGRAM);
}

async function readWasmInNode(moduleUrl, locateFile) {
  const { readFile } = await import('node:fs/promises');
  const wasmName = moduleUrl.pathname
    .split('/')
    .pop()
    .replace(/\.mjs$/, '.wasm');
  const prefix = new URL('.', moduleUrl).href;
  const located = locateFile ? locateFile(wasmName, prefix) : new URL(wasmName, moduleUrl).href;
  const url = new URL(located, moduleUrl);
  try {
    return await readFile(url);
  } catch (error) {
    throw new Error(`could not read the runtime's .wasm at ${url.href}: ${error.message}. Build it with "npm run build:wasm".`);
  }
}
