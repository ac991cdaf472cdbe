// A loaded runtime: what you can do with one Wasm instance.

import { Run } from './driver.mjs';
import { normalizeScenario } from './scenario.mjs';
import { Simulation } from './simulation.mjs';
import { simulateProgram } from './program.mjs';

export class Runtime {
  #module;

  constructor(module) {
    this.#module = module;
  }

  /** The whole trace of a scenario at once, on the virtual clock (no waiting): for tests and tools. */
  simulate(input) {
    const sim = new Simulation(this.#module, normalizeScenario(input));
    try {
      const events = [];
      while (!sim.done() && !sim.deadlocked()) {
        if (!sim.hasReady()) sim.advanceTo(sim.nextDeadline());
        sim.runOnce();
        for (const event of sim.takeEvents()) events.push(event);
      }
      for (const event of sim.takeEvents()) events.push(event);
      const failure = sim.failure();
      if (failure) throw new Error(`the runtime failed: ${failure}`);
      return events;
    } finally {
      sim.dispose();
    }
  }

  /** A run driven by host timers (see driver.mjs). The scenario is checked now; throws ScenarioError. */
  createRun(input, options = {}) {
    const scenario = normalizeScenario(input);
    return new Run(() => new Simulation(this.#module, scenario), scenario, options);
  }

  /**
   * Run a program of the playground's Python (a subset of async Python 3.11) at once, on the
   * virtual clock: { output, events, exitStatus, error, finalLine, deadlock, steps }.
   */
  simulateProgram(source) {
    return simulateProgram(this.#module, source);
  }

  /** Current size of the Wasm memory in bytes (it only grows). */
  heapBytes() {
    return this.#module.heapBytes();
  }
}
