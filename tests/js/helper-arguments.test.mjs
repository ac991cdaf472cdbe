// The package's helpers (format, export, predict, lesson program, scenario) with wrong arguments: one
// TypeError naming the call, the argument and what it takes, never an engine message from inside
// ("Cannot read properties of null (reading 't')", "text.split is not a function").
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as api from '../../web/semaphore-playground.mjs';

const WRONG = [null, undefined, 5, 'text', [], {}];

const CALLS = {
  formatEvent: { call: (x) => api.formatEvent(x), says: /^formatEvent\(event\): event must be an event object/ },
  describeEvent: { call: (x) => api.describeEvent(x), says: /^describeEvent\(event\): event must be an event object/ },
  programOutput: { call: (x) => api.programOutput(x), says: /^programOutput\(event\): event must be an event object/ },
  commentary: { call: (x) => api.commentary(x), says: /^commentary\(event\): event must be an event object/ },
  eventToJson: { call: (x) => api.eventToJson(x), says: /^eventToJson\(event\): event must be an event object/ },
  programEventToJson: { call: (x) => api.programEventToJson(x), says: /^programEventToJson\(event\): event must be an event object/ },
  formatTime: { call: (x) => api.formatTime(x), says: /^formatTime\(t\): t must be a number of seconds/, except: [5] },
  measureTrace: { call: (x) => api.measureTrace(x), says: /^measureTrace\(trace\): trace must be a list of events/, except: [[]] },
  traceToJsonl: { call: (x) => api.traceToJsonl(x), says: /^traceToJsonl\(trace\): trace must be a list of events/, except: [[]] },
  traceToCsv: { call: (x) => api.traceToCsv(x), says: /^traceToCsv\(trace\): trace must be a list of events/, except: [[]] },
  traceFromJsonl: { call: (x) => api.traceFromJsonl(x), says: /^traceFromJsonl\(text\): text must be a string/, except: ['text'] },
  traceFromCsv: { call: (x) => api.traceFromCsv(x), says: /^traceFromCsv\(text\): text must be a string/, except: ['text'] },
  programFile: {
    call: (x) => api.programFile(x),
    says: /^programFile\(scenario\): scenario must be a scenario as normalizeScenario returns it/,
  },
  pythonProgram: { call: (x) => api.pythonProgram(x), says: /^pythonProgram\(scenario\): scenario must be a scenario/ },
  cppProgram: { call: (x) => api.cppProgram(x), says: /^cppProgram\(scenario\): scenario must be a scenario/ },
  programText: {
    call: (x) => api.programText(x),
    says: /^programText\(lines\): lines must be a list of \[text, step\] lines/,
    except: [[]],
  },
  taskCount: { call: (x) => api.taskCount(x), says: /^taskCount\(scenario\): scenario must be a scenario/ },
  idealTime: { call: (x) => api.idealTime(x), says: /^idealTime\(scenario\): scenario must be a scenario/ },
  makeQuestion: { call: (x) => api.makeQuestion('peak', x), says: /^makeQuestion\(id, scenario\): scenario must be a scenario/ },
  makeProgramQuestion: {
    call: (x) => api.makeProgramQuestion('peak', x),
    says: /^makeProgramQuestion\(id, result\): result must be a program's result/,
  },
  questionTrace: {
    call: (x) => api.questionTrace(x, []),
    says: /^questionTrace\(events, primitives\): events must be a list of events/,
    except: [[]],
  },
  reveal: { call: (x) => api.reveal(x, '1', []), says: /^reveal\(question, answerText, trace\): question must be a question/ },
};

for (const [name, { call, says, except = [] }] of Object.entries(CALLS)) {
  test(`${name} with a wrong argument: one TypeError saying what it takes`, () => {
    for (const value of WRONG) {
      if (except.some((ok) => JSON.stringify(ok) === JSON.stringify(value))) continue;
      assert.throws(
        () => call(value),
        (error) => error instanceof TypeError && says.test(error.message) && !error.message.includes('\n'),
        `${name}(${JSON.stringify(value)})`,
      );
    }
  });
}

test("formatEvent of a program's line printed outside asyncio.run() (t null): the line without a time", async () => {
  const runtime = await api.loadRuntime();
  const { events } = runtime.simulateProgram('print("before")\nimport asyncio\nasync def main():\n    print("in")\nasyncio.run(main())\n');
  const lines = events.filter((e) => e.event === 'print').map((e) => api.formatEvent(e));
  assert.deepEqual(lines, ['before', '0.00s in']);
});

test('traceFromJsonl names the line that is not JSON; a trace read back is the trace written', () => {
  const trace = [
    { t: 0, task: 1, event: 'waiting' },
    { t: 0, task: 1, event: 'started' },
  ];
  assert.deepEqual(api.traceFromJsonl(api.traceToJsonl(trace)), trace);
  assert.throws(
    () => api.traceFromJsonl(`${api.traceToJsonl(trace)}{"t": 1,\n`),
    (error) => error instanceof SyntaxError && /^traceFromJsonl\(text\): line 3 is not JSON: /.test(error.message),
  );
  assert.throws(() => api.traceFromJsonl('5\n'), /^TypeError: traceFromJsonl\(text\): line 1 must be an event object .* \(got 5\)$/);
});
