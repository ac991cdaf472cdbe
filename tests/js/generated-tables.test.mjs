// The Unicode tables the interpreter carries are generated from python3's own answers (one source:
// CPython 3.11, Unicode 14); a header edited by hand, or a generator changed without regenerating,
// would drift from it. Each header must be exactly what its generator writes now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);

for (const [generator, header] of [
  ['python/tools/gen_unicode_names.py', 'python/unicode_names.hpp'],
  ['python/tools/gen_unicode_case.py', 'python/unicode_case.hpp'],
  ['python/tools/gen_unicode_normalization.py', 'python/unicode_normalization.hpp'],
]) {
  test(`${header} is what ${generator} writes from python3's Unicode data`, () => {
    const written = spawnSync('python3', [generator], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stdout, /Unicode 14\.0\.0/, "python3 3.11's Unicode (the version CPython 3.11 prints by)");
    assert.ok(
      written.stdout === readFileSync(new URL(header, ROOT), 'utf8'),
      `${header} differs from what ${generator} writes: run "python3 ${generator} > ${header}"`,
    );
  });
}
