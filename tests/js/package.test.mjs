// The npm package (issue 15, defect 5): `npm pack` builds the runtime first (prepack) and ships it, with
// a LICENSE; the packed tarball installs into an empty folder with no network, and its CLI, its API and
// its single-file build all run from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'sp-package-'));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// One pack for all the tests below (prepack rebuilds the Wasm module only if a source changed).
const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root));
const files = new Set(packed.files.map((f) => f.path));
const tarball = path.join(work, packed.filename);

test('the tarball holds the runtime, both builds of it, a LICENSE and the README', () => {
  for (const file of [
    'web/generated/semaphore_runtime.mjs',
    'web/generated/semaphore_runtime.wasm',
    'web/generated/semaphore_runtime.single.mjs',
    'web/cli.mjs',
    'web/semaphore-playground.d.ts',
    'LICENSE',
    'README.md',
    'package.json',
  ]) {
    assert.ok(files.has(file), `${file} is in the package`);
  }
  assert.match(readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.ok(![...files].some((f) => f.startsWith('tests/') || f.startsWith('build') || f.startsWith('core/')), 'no sources or tests');
  console.log(`# ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
});

test('--help names only files the package has', () => {
  const help = execFileSync(process.execPath, [path.join(root, 'web/cli.mjs'), '--help'], { encoding: 'utf8' });
  const named = [...help.matchAll(/\b[\w./-]+\.(?:md|json|mjs|html)\b/g)].map((m) => m[0]);
  assert.ok(named.length > 0, 'the help points somewhere');
  for (const file of named) assert.ok(files.has(file), `--help mentions ${file}, which the package lacks`);
});

test('installed offline into an empty folder: the CLI, the API and the single-file build run', () => {
  const app = path.join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  // --offline: nothing may come from the network (the package has no dependencies).
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);

  const cli = spawnSync(
    path.join(app, 'node_modules/.bin/semaphore-playground'),
    ['--tasks', '2', '--permits', '1', '--duration', '1', '--instant'],
    {
      cwd: app,
      encoding: 'utf8',
    },
  );
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^0\.00s Task 1 started\n/);
  assert.match(cli.stdout, /2\.00s Task 2 finished\n$/);

  const script = `
    import { loadRuntime } from 'semaphore-playground';
    import createSingle from 'semaphore-playground/single-file';
    const api = await loadRuntime();
    const single = await loadRuntime({ singleFile: true });
    const module = await createSingle();
    console.log(JSON.stringify({
      api: api.simulate({ permits: 3, tasks: 5 }).length,
      single: single.simulate({ permits: 1, tasks: 3, duration: 1 }).at(-1),
      factory: typeof module.Simulation,
    }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { api: 12, single: { t: 3, task: 3, event: 'finished' }, factory: 'function' });
});
