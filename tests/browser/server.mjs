// The repository served on localhost for the browser tests, by sirv (the same package `npm start`
// uses). Pages under /csp/ get a strict Content-Security-Policy header: no inline script, no eval.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

export async function startServer() {
  const files = sirv(root, { dev: true });
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/csp/')) {
      res.setHeader('Content-Security-Policy', STRICT_CSP);
      req.url = req.url.slice('/csp'.length);
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
