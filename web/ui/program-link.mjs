// An edited program in a link: `?program=` carries the text compressed (deflate-raw, the browser's
// own CompressionStream) and base64url-encoded, so a link reopens it. A malformed parameter is an
// Error with a message for the learner; nothing else in the link is lost.

const MAX_PROGRAM = 100_000; // characters: far beyond a lesson, small enough to keep links sane

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
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
    bytes = await pipe(fromBase64url(param), new DecompressionStream('deflate-raw'));
  } catch (error) {
    const why = error.message.startsWith('it has') ? error.message : 'it is not a compressed program';
    throw new Error(`The program in the link could not be read: ${why}. The link's other settings are kept.`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.length > MAX_PROGRAM) throw new Error(`The program in the link is longer than ${MAX_PROGRAM.toLocaleString('en')} characters.`);
  return text;
}
