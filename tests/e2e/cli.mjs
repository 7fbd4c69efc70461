// The command-line tool, run as a clinic runs it (`cargo run --bin
// infusion-guide -- ...`, built for this machine), for tests that check the
// editor page gives the same bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `infusion-guide ARGS...` prints. */
export function cli(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'infusion-guide', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** What `infusion-guide render FILE ARGS...` prints for a file holding `text`. */
export function renderWithCli(text, args) {
  const file = join(mkdtempSync(join(tmpdir(), 'ig-render-')), 'our-guide.json');
  writeFileSync(file, text);
  return cli('render', file, ...args);
}
