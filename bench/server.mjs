// The benchmark's web server: serves files and generated pages on 127.0.0.1
// the way a clinic's host or CDN does, brotli-compressed (quality 11, done
// once per file and kept in memory) when the browser's Accept-Encoding allows,
// with the right MIME types (application/wasm for the module, so that
// streaming compilation works). The end-to-end tests' server (tests/e2e/
// server.mjs) sends files uncompressed, which would make every download look
// several times larger than a real clinic's.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotli } from './sizes.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Starts a server on a free port of 127.0.0.1.
 *
 * `mounts` maps a URL prefix (ending in `/`) to a folder: `{ '/': 'dist' }`.
 * `pages` maps a path to an HTML string, for the generated host pages.
 * Resolves to `{ url, close }`.
 */
export async function serve({ mounts = {}, pages = {} } = {}) {
  // Each body once as is and once brotli-compressed, by path.
  const cache = new Map();
  const entry = (path) => {
    if (cache.has(path)) return cache.get(path);
    let body = null;
    if (pages[path] !== undefined) {
      body = Buffer.from(pages[path]);
    } else {
      const prefix = Object.keys(mounts)
        .filter((p) => path.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      if (prefix !== undefined) {
        const root = normalize(mounts[prefix]);
        const file = normalize(join(root, path.slice(prefix.length)));
        if (file.startsWith(root + sep)) {
          try {
            body = readFileSync(file);
          } catch {
            body = null;
          }
        }
      }
    }
    const found = body && {
      type: TYPES[extname(path) || '.html'] ?? 'application/octet-stream',
      plain: body,
      br: brotli(body),
    };
    cache.set(path, found);
    return found;
  };

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // Browsers ask for a favicon on their own; answer so it is not a console error.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const file = entry(path);
    if (!file) return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const acceptsBrotli = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const body = acceptsBrotli ? file.br : file.plain;
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
      ...(acceptsBrotli ? { 'Content-Encoding': 'br' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    /** Compresses every page and file under `paths` now, so no load waits for it. */
    warm: (paths) => paths.forEach(entry),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
