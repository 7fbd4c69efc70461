// Download sizes: what a host page fetches for the widget, raw and as a
// server sends it compressed (gzip level 9, brotli quality 11, node's zlib).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';

/** 90 KB, the budget for the widget's brotli download, as 90 × 1024 bytes. */
export const BROTLI_BUDGET = 90 * 1024;
/** The brotli download at 5d194b5, before the guide was prerendered into the loader: not to grow. */
export const BROTLI_BEFORE_HTML_FIRST = 166_674;

/** `bytes` brotli-compressed at quality 11 (the highest, as for precompressed files). */
export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** `bytes` gzip-compressed at level 9. */
export function gzip(bytes) {
  return gzipSync(bytes, { level: 9 });
}

/** `{ raw, gzip, brotli }` byte counts of one file. */
function measure(path) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo xtask dist\` (or \`cargo xtask bench\`)`);
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
}

/**
 * The size rows: the files a widget page downloads and their total, the
 * sources embedded in the wasm ("of which", not added), and the static
 * page's stylesheet (not part of the widget's download).
 */
export function downloadSizes(root, dist = join(root, 'dist')) {
  const downloaded = [
    { name: 'infusion-guide.js (loader, glue, built-in guide)', ...measure(join(dist, 'infusion-guide.js')) },
    { name: 'infusion_guide_bg.wasm', ...measure(join(dist, 'infusion_guide_bg.wasm')) },
  ];
  const total = { name: 'TOTAL downloaded by a widget page', raw: 0, gzip: 0, brotli: 0 };
  for (const row of downloaded) for (const k of ['raw', 'gzip', 'brotli']) total[k] += row[k];
  const embedded = [
    { name: '  of which content/default.json (in the loader)', ...measure(join(root, 'content/default.json')) },
    { name: '  of which styles/widget.css (in the loader)', ...measure(join(root, 'styles/widget.css')) },
  ];
  const staticOnly = [
    { name: 'infusion-guide.css (static page only)', ...measure(join(dist, 'infusion-guide.css')) },
  ];
  return { downloaded, total, embedded, staticOnly };
}
