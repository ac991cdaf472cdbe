// A program in a link (web/ui/program-link.mjs): it round-trips, a malformed one says what is wrong,
// and a link that inflates to far more than a program (a "deflate bomb") is refused without the
// page inflating all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { decodeProgram, encodeProgram, readAtMost } from '../../web/ui/program-link.mjs';

test('a program goes into a link and comes back the same', async () => {
  const source = 'import asyncio\nprint("ünïcode ✓", 1 + 2)\n';
  assert.equal(await decodeProgram(await encodeProgram(source)), source);
});

test('a malformed link says what is wrong with it', async () => {
  await assert.rejects(decodeProgram('not base64!'), /could not be read: it has characters that base64url does not use/);
  await assert.rejects(decodeProgram('AAAA'), /could not be read: it is not a compressed program/);
});

test('a link that inflates past the longest program is refused as too long, without inflating all of it', async (t) => {
  const link = await encodeProgram('#'.repeat(50_000_000)); // ~50 KB in the link, 50 MB inflated
  assert.ok(link.length < 100_000, `the link is small (${link.length})`);
  // Count what the page's DecompressionStream hands on.
  const Real = globalThis.DecompressionStream;
  let inflated = 0;
  globalThis.DecompressionStream = class {
    constructor(format) {
      const real = new Real(format);
      const count = new TransformStream({
        transform(chunk, controller) {
          inflated += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      this.writable = real.writable;
      this.readable = real.readable.pipeThrough(count, { preventCancel: false });
    }
  };
  t.after(() => {
    globalThis.DecompressionStream = Real;
  });
  await assert.rejects(decodeProgram(link), /longer than 100,000 characters/);
  assert.ok(inflated < 2_000_000, `inflating stopped near the limit (${inflated} bytes inflated)`);
});

test('reading stops at the limit: an endless stream is cancelled, not read to the end', async () => {
  let pulled = 0;
  let cancelled = false;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
    cancel() {
      cancelled = true;
    },
  });
  await assert.rejects(readAtMost(endless, 1_000_000), RangeError);
  assert.ok(cancelled, 'the stream was cancelled');
  assert.ok(pulled <= 20, `it stopped after about 1 MB (${pulled} chunks of 64 KB)`);
});

test('under the limit every byte is read, in order', async () => {
  const parts = [Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)];
  const stream = new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  assert.deepEqual([...(await readAtMost(stream, 6))], [1, 2, 3, 4, 5, 6]);
});
