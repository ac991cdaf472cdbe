// `npm run bench` from a fresh clone (issue 15, defect 9): it installs what it needs first, like
// `npm start` and `npm test`. A copy of the files the script uses, without node_modules, stands for
// the fresh clone; --list stops after checking that every dependency of the measurements loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('npm run bench installs the npm dependencies before it needs them', () => {
  const clone = mkdtempSync(path.join(tmpdir(), 'sp-bench-'));
  for (const entry of ['package.json', 'package-lock.json', 'scripts', 'bench'])
    cpSync(path.join(root, entry), path.join(clone, entry), { recursive: true });
  assert.ok(!existsSync(path.join(clone, 'node_modules')));
  const r = spawnSync('npm', ['run', '--silent', 'bench', '--', '--list'], { cwd: clone, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^w1 N=1000000 K=100: native, wasm/m);
  assert.ok(existsSync(path.join(clone, 'node_modules/p-limit')));
});
