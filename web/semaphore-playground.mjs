// The public JavaScript API of Semaphore Playground (browser and Node).
export { loadRuntime } from './loader.mjs';
export { Runtime } from './runtime.mjs';
export { Run } from './runtime.mjs';
export { WorkerRuntime, loadWorkerRuntime } from './worker-runtime.mjs';
export { EventBatch } from './event-batch.mjs';
export { normalizeScenario, ScenarioError, LIMITS, DEFAULTS, idealTime, taskCount } from './scenario.mjs';
export { formatEvent, describeEvent, formatTime, eventToJson, EVENT_KINDS, programOutput, commentary } from './format.mjs';
export { measureTrace } from './compare.mjs';
export { makeQuestion, makeProgramQuestion, questionTrace, reveal, QUESTION_IDS } from './predict.mjs';
export { traceToJsonl, traceFromJsonl, traceToCsv, traceFromCsv, programFile } from './export.mjs';
export { pythonProgram, cppProgram, programText } from './lesson-program.mjs';
export { programEventToJson } from './program.mjs';
