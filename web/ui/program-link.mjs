// An edited program in a link: `?program=` carries the text compressed (deflate-raw, the browser's
// own CompressionStream) and base64url-encoded, so a link reopens it. A malformed parameter is an
// Error with a message for the learner; nothing else in the link is lost.

const MAX_PROGRAM = 100_000; // characters: far beyond a lesson, small enough to keep links sane
// UTF-8 bytes of MAX_PROGRAM characters at most: where reading a decompressed link stops. Deflate
// expands up to ~1000 times, so a link of a few hundred kilobytes could otherwise inflate to a
// gigabyte in the page's memory before its length was checked.
const MAX_PROGRAM_BYTES = 4 * MAX_PROGRAM;

async function pipe(bytes, stream) {
  return readAtMost(new Blob([bytes]).stream().pipeThrough(stream), Infinity);
}

/**
 * All of `stream`'s bytes, or a RangeError as soon as there are more than `maxBytes` (the stream
 * is cancelled: nothing past the limit is produced).
 */
export async function readAtMost(stream, maxBytes) {
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw new RangeError(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function tooLong() {
  return new Error(`The program in the link is longer than ${MAX_PROGRAM.toLocaleString('en')} characters.`);
}

function toBase64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it has characters that base64url does not use');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The `program=` value for `source`. */
export async function encodeProgram(source) {
  return toBase64url(await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw')));
}

/** The program a `program=` value carries; throws an Error saying what is wrong with it. */
export async function decodeProgram(param) {
  let bytes;
  try {
    const inflated = new Blob([fromBase64url(param)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    bytes = await readAtMost(inflated, MAX_PROGRAM_BYTES);
  } catch (error) {
    if (error instanceof RangeError) throw tooLong();
    const why = error.message.startsWith('it has') ? error.message : 'it is not a compressed program';
    throw new Error(`The program in the link could not be read: ${why}. The link's other settings are kept.`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.length > MAX_PROGRAM) throw tooLong();
  return text;
}
