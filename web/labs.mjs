// Labs (issue #14): short lessons that break the lesson on purpose. Each is a program with a goal, a
// hint before the solution, and an automatic check of the outcome. The starting program does not meet
// the goal and the solution does (tests/conformance/labs.test.mjs runs both in CPython).
//
// A check reads what a learner reads: the program's printed output, whether the run deadlocked
// (where Python would wait forever) and the final line of an uncaught exception. It receives
// `{ output, deadlock, error }` (a runtime.simulateProgram result has these) and returns
// `{ met, reason }`. The programs print their own times (seconds since main() began), so the same
// text means the same thing on any clock.

/** Parse "1.0 Task 3 started" lines: [{ t, task, what }] (other lines are skipped). */
function taskLines(output) {
  return output.split('\n').flatMap((line) => {
    const m = /^(\d+(?:\.\d+)?) Task (\d+) (.+)$/.exec(line);
    return m ? [{ t: Number(m[1]), task: Number(m[2]), what: m[3] }] : [];
  });
}

/** The most tasks between their "started" and "finished"/"done" lines at once. */
function peakHolders(lines) {
  let now = 0;
  let peak = 0;
  for (const { what } of lines) {
    if (what === 'started') peak = Math.max(peak, ++now);
    else if (what === 'finished' || what === 'done') now -= 1;
  }
  return peak;
}

function count(lines, what) {
  return lines.filter((l) => l.what === what).length;
}

function result(met, reason) {
  return { met, reason };
}

/** Every task finished, no deadlock, no uncaught exception; then `more(lines)`. */
function allFinished(n, more = () => result(true, 'goal met')) {
  return ({ output, deadlock, error }) => {
    if (error) return result(false, `the program stopped with ${error}`);
    if (deadlock) return result(false, 'the program is stuck: some tasks wait forever');
    const lines = taskLines(output);
    const finished = count(lines, 'finished');
    if (finished !== n) return result(false, `${finished} of ${n} tasks finished`);
    return more(lines, output);
  };
}

const CLOCK = `START = 0  # the loop's time when main() began


def now():  # seconds since main() began, as the lines print them
    return f"{asyncio.get_running_loop().time() - START:.1f}"
`;

/**
 * A lab program: the clock the lines print, the lab's own definitions, and main() (which starts the
 * clock, then runs `main`, lines indented as in the program) under asyncio.run. `imports`: modules
 * besides asyncio.
 */
function program(definitions, main, imports = []) {
  return `${['asyncio', ...imports].map((m) => `import ${m}`).join('\n')}

${CLOCK}

${definitions.trim()}


async def main():
    global START
    START = asyncio.get_running_loop().time()
${main.trimEnd()}


asyncio.run(main())
`;
}

function lesson(permits, { sem = `asyncio.Semaphore(${permits})`, tasks = 5, announce = false } = {}) {
  return program(
    `sem = ${sem}

async def limited_task(n):
    async with sem:
        print(now(), f"Task {n} started")
        await asyncio.sleep(2)
        print(now(), f"Task {n} finished")

`,
    `${announce ? '    print("a Lock:", isinstance(sem, asyncio.Lock))\n' : ''}    await asyncio.gather(*(limited_task(n) for n in range(1, ${tasks + 1})))
`,
  );
}

const forgetRelease = (fixed) =>
  program(
    `sem = asyncio.Semaphore(2)

async def limited_task(n):
${
  fixed
    ? `    async with sem:
        print(now(), f"Task {n} started")
        await asyncio.sleep(1)
        print(now(), f"Task {n} finished")`
    : `    await sem.acquire()
    print(now(), f"Task {n} started")
    await asyncio.sleep(1)
    print(now(), f"Task {n} finished")`
}

`,
    `    await asyncio.gather(*(limited_task(n) for n in range(1, 5)))
`,
  );

const releaseTwice = (Sem) =>
  program(
    `sem = asyncio.${Sem}(2)

async def limited_task(n):
    async with sem:
        print(now(), f"Task {n} started")
        await asyncio.sleep(1)
        print(now(), f"Task {n} finished")
    if n == 1:
        sem.release()  # a bug: one release more than acquires

`,
    `    await asyncio.gather(*(limited_task(n) for n in range(1, 6)))
`,
  );

const queuedTimeout = (fixed) =>
  program(
    `sem = asyncio.Semaphore(1)

async def limited_task(n, patience):
${
  fixed
    ? `    try:
        async with asyncio.timeout(patience):
            await sem.acquire()
    except TimeoutError:
        print(now(), f"Task {n} gave up")
        return`
    : `    await sem.acquire()`
}
    try:
        print(now(), f"Task {n} started")
        await asyncio.sleep(3)
        print(now(), f"Task {n} finished")
    finally:
        sem.release()

`,
    `    await asyncio.gather(limited_task(1, None), limited_task(2, 1))
`,
  );

const cancelWaiter = (fixed) =>
  program(
    `sem = asyncio.Semaphore(1)

async def limited_task(n):
    try:
        async with sem:
            print(now(), f"Task {n} started")
            await asyncio.sleep(2)
            print(now(), f"Task {n} finished")
    except asyncio.CancelledError:
        print(now(), f"Task {n} cancelled")
        raise

`,
    `    tasks = [asyncio.create_task(limited_task(n)) for n in range(1, 4)]
    await asyncio.sleep(1)
${fixed ? '    tasks[2].cancel()  # task 3 is still in the queue\n' : ''}    await asyncio.gather(*tasks, return_exceptions=True)
`,
  );

const fifo = (startOf4) =>
  program(
    `sem = asyncio.Semaphore(1)

async def limited_task(n, ask_at):
    await asyncio.sleep(ask_at)
    async with sem:
        print(now(), f"Task {n} started")
        await asyncio.sleep(2)
        print(now(), f"Task {n} finished")

`,
    `    await asyncio.gather(
        limited_task(1, 0), limited_task(2, 0.5), limited_task(3, 1),
        limited_task(4, ${startOf4}), limited_task(5, 1.5),
    )
`,
  );

const twoSemaphores = (fixed) =>
  program(
    `disk = asyncio.Semaphore(1)
network = asyncio.Semaphore(1)

async def backup(n):
    async with disk:
        await asyncio.sleep(0.5)
        async with network:
            print(now(), f"Task {n} started")
            await asyncio.sleep(1)
            print(now(), f"Task {n} finished")

async def restore(n):
    async with ${fixed ? 'disk' : 'network'}:
        await asyncio.sleep(0.5)
        async with ${fixed ? 'network' : 'disk'}:
            print(now(), f"Task {n} started")
            await asyncio.sleep(1)
            print(now(), f"Task {n} finished")

`,
    `    await asyncio.gather(backup(1), restore(2))
`,
  );

const downloads = (limited) =>
  program(
    `${limited ? 'sem = asyncio.Semaphore(3)\n' : ''}
async def download(n):
${
  limited
    ? `    async with sem:
        print(now(), f"Task {n} started")
        await asyncio.sleep(1)
        print(now(), f"Task {n} finished")`
    : `    print(now(), f"Task {n} started")
    await asyncio.sleep(1)
    print(now(), f"Task {n} finished")`
}

`,
    `    await asyncio.gather(*(download(n) for n in range(1, 11)))
    print(now(), "all downloads done")
`,
  );

const blockingSleep = (fixed) =>
  program(
    `sem = asyncio.Semaphore(3)

async def limited_task(n):
    async with sem:
        print(now(), f"Task {n} started")
        ${fixed ? 'await asyncio.sleep(1)' : 'time.sleep(1)  # wait a second'}
        print(now(), f"Task {n} finished")

`,
    `    await asyncio.gather(*(limited_task(n) for n in range(1, 7)))
`,
    ['time'],
  );

const lastTime = (lines) => Math.max(0, ...lines.map((l) => l.t));

export const labs = Object.freeze([
  {
    id: 'lesson',
    title: 'The lesson: two at a time',
    goal: 'Change the program so that at most two tasks hold the semaphore at once, and all five still finish.',
    hint: 'The number in Semaphore(...) is how many tasks may be inside "async with sem" together.',
    program: lesson(3),
    solution: lesson(2),
    check: allFinished(5, (lines) => {
      const peak = peakHolders(lines);
      return peak <= 2
        ? result(true, `at most ${peak} at once, all finished at ${lastTime(lines)} s`)
        : result(false, `${peak} tasks held the semaphore at once`);
    }),
  },
  {
    id: 'lock',
    title: 'Semaphore(1) and Lock',
    goal: 'Make the tasks run strictly one at a time, using an asyncio.Lock instead of the semaphore.',
    hint: 'An asyncio.Lock() is used with "async with" exactly like a semaphore, and lets one task in at a time.',
    program: lesson(3, { announce: true }),
    solution: lesson(1, { sem: 'asyncio.Lock()', announce: true }),
    check: allFinished(5, (lines, output) => {
      const peak = peakHolders(lines);
      if (peak !== 1) return result(false, `${peak} tasks ran at once`);
      if (!output.startsWith('a Lock: True\n')) return result(false, 'one at a time, but not with an asyncio.Lock');
      return result(true, 'one at a time: ten seconds for five tasks');
    }),
  },
  {
    id: 'forget-release',
    title: 'Forget to release',
    goal: 'The program gets stuck after two tasks. Make all four tasks finish.',
    hint: 'sem.acquire() takes a permit; nothing gives it back. "async with sem:" releases it when the block ends, even on an error.',
    program: forgetRelease(false),
    solution: forgetRelease(true),
    check: allFinished(4),
  },
  {
    id: 'release-twice',
    title: 'Release twice',
    goal: 'Task 1 releases once too often, and three tasks end up holding a two-permit semaphore. Make the mistake fail loudly instead.',
    hint: 'asyncio.BoundedSemaphore refuses to go above its starting value: release() raises ValueError.',
    program: releaseTwice('Semaphore'),
    solution: releaseTwice('BoundedSemaphore'),
    check: ({ output, error }) => {
      if (error && /ValueError: BoundedSemaphore released too many times/.test(error))
        return result(true, 'the extra release raised ValueError');
      const peak = peakHolders(taskLines(output));
      return result(
        false,
        peak > 2 ? `${peak} tasks held a two-permit semaphore at once, and nothing complained` : 'no ValueError was raised',
      );
    },
  },
  {
    id: 'timeout-while-queued',
    title: 'A timeout while queued',
    goal: 'Task 2 should wait at most 1 second for the permit, then print "Task 2 gave up" instead of waiting 3 seconds.',
    hint: 'Wrap the acquire in "async with asyncio.timeout(patience):" and catch TimeoutError. (Release only what you acquired.)',
    program: queuedTimeout(false),
    solution: queuedTimeout(true),
    check: ({ output, error, deadlock }) => {
      if (error || deadlock) return result(false, error ?? 'the program is stuck');
      const gaveUp = taskLines(output).find((l) => l.task === 2 && l.what === 'gave up');
      return gaveUp && gaveUp.t === 1 ? result(true, 'task 2 left the queue after 1 s') : result(false, 'task 2 never gave up after 1 s');
    },
  },
  {
    id: 'cancel-waiter',
    title: 'Cancel a waiting task',
    goal: 'At 1 s, cancel task 3 while it is still in the queue, so the program ends at 4 s instead of 6 s.',
    hint: 'create_task() returns a Task; task.cancel() raises CancelledError inside it, wherever it is waiting.',
    program: cancelWaiter(false),
    solution: cancelWaiter(true),
    check: ({ output, error, deadlock }) => {
      if (error || deadlock) return result(false, error ?? 'the program is stuck');
      const lines = taskLines(output);
      const cancelled = lines.find((l) => l.task === 3 && l.what === 'cancelled');
      const started3 = lines.some((l) => l.task === 3 && l.what === 'started');
      if (!cancelled || started3) return result(false, 'task 3 was not cancelled while it waited');
      return lastTime(lines) === 4
        ? result(true, 'task 3 left the queue; the run ends at 4 s')
        : result(false, `the run ends at ${lastTime(lines)} s`);
    },
  },
  {
    id: 'fifo',
    title: 'FIFO fairness: who is next, and why',
    goal: 'The permit goes to waiters in the order they asked. Change only when task 4 asks, so that it starts before task 3.',
    hint: 'Whoever calls acquire() first while the semaphore is taken is first in the queue.',
    program: fifo(1.2),
    solution: fifo(0.8),
    check: allFinished(5, (lines) => {
      const starts = lines.filter((l) => l.what === 'started').map((l) => l.task);
      return starts.indexOf(4) < starts.indexOf(3)
        ? result(true, `start order ${starts.join(', ')}`)
        : result(false, `start order ${starts.join(', ')}: task 3 is still ahead of task 4`);
    }),
  },
  {
    id: 'two-semaphores',
    title: 'Two semaphores in opposite order',
    goal: 'backup() takes disk then network, restore() takes network then disk: they deadlock. Make both finish.',
    hint: 'A deadlock needs a cycle: if every task takes the semaphores in the same order, no cycle can form.',
    program: twoSemaphores(false),
    solution: twoSemaphores(true),
    check: allFinished(2),
  },
  {
    id: 'downloads',
    title: 'Ten downloads, three at a time',
    goal: 'Ten downloads all run at once. Limit them to three at a time, and see what it costs: the total becomes 4 s.',
    hint: 'One asyncio.Semaphore(3) shared by every download, and "async with sem:" around the work.',
    program: downloads(false),
    solution: downloads(true),
    check: allFinished(10, (lines) => {
      const peak = peakHolders(lines);
      if (peak > 3) return result(false, `${peak} downloads ran at once`);
      return result(true, `at most ${peak} at once; done at ${lastTime(lines)} s instead of 1 s`);
    }),
  },
  {
    id: 'blocking-sleep',
    title: 'A sleep that blocks everyone',
    goal: 'The semaphore lets three tasks in, yet the six tasks run one at a time and take 6 s. Make three run together, so all six finish in 2 s.',
    hint: 'time.sleep() blocks the whole event loop: while one task sleeps in it, no other task runs. "await asyncio.sleep()" pauses only the task that awaits it.',
    program: blockingSleep(false),
    solution: blockingSleep(true),
    check: allFinished(6, (lines) => {
      const peak = peakHolders(lines);
      if (peak < 3) return result(false, `${peak === 1 ? 'one task' : `${peak} tasks`} at a time: done at ${lastTime(lines)} s`);
      return result(true, `three at a time: done at ${lastTime(lines)} s instead of 6 s`);
    }),
  },
]);
