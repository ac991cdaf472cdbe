// The README's JavaScript API example runs as written (through the package's own name), dispose() included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the README example of the JavaScript API runs and frees what it abandons', () => {
  const readme = readFileSync(new URL('README.md', `file://${root}/`), 'utf8');
  const section = readme.slice(readme.indexOf('## JavaScript API'));
  const code = /```js\n([\s\S]*?)```/.exec(section)[1];
  assert.match(code, /abandoned\.dispose\(\)/);
  const probe = `${code}
    if (!abandoned.disposed) throw new Error('not disposed');
    try { abandoned.start(); throw new Error('a disposed run started'); } catch (error) { if (!/disposed/.test(error.message)) throw error; }
    console.log(JSON.stringify({ finished: summary.counts.finished, freed: runtime.allocatedBytes() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const last = JSON.parse(r.stdout.trimEnd().split('\n').at(-1));
  assert.equal(last.finished, 6);
  assert.ok(last.freed < 4096, `${last.freed} bytes still allocated after the example`);
});
