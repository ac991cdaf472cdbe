// The public JavaScript API of Semaphore Playground (browser and Node).
export { loadRuntime } from './loader.mjs';
export { Runtime } from './runtime.mjs';
export { Run } from './driver.mjs';
export { EventBatch } from './event-batch.mjs';
export { normalizeScenario, ScenarioError, LIMITS, DEFAULTS, idealTime, taskCount } from './scenario.mjs';
export { formatEvent, describeEvent, formatTime, eventToJson, EVENT_KINDS } from './format.mjs';
export { programResult, programEventToJson } from './program.mjs';
