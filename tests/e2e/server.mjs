// A small static file server for end-to-end tests: serves a folder on
// 127.0.0.1 with the headers a CDN sends (wasm MIME type, CORS), so the tests
// see what a clinic's page sees. Routes can be added per test for failure cases.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Starts a server for `root` on a free port of 127.0.0.1.
 * `routes` maps a path to `(req, res) => void` for hand-made responses,
 * `headers` are added to every file response (for example a CSP), and
 * `cors` (default true) adds `Access-Control-Allow-Origin: *` as a CDN would.
 * Resolves to `{ url, close }`.
 */
export async function serve(root, { routes = {}, headers = {}, cors = true } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = routes[path];
    if (route) return route(req, res);
    // Browsers ask for a favicon on their own; answer so it is not a console error.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
