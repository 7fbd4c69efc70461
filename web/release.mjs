// The versioned release, from the release build in dist/ (`cargo xtask release`,
// also run by `cargo xtask test`, whose end-to-end tests install it):
//
//   target/package/infusion-guide-VERSION.tgz      the npm package (`npm pack`)
//   target/package/infusion-guide-VERSION.tar.gz   the same files, for clinics
//                                                  that host them themselves
//
// The package holds the widget (loader, .wasm, stylesheet), integrity.json,
// the clinic's editor page with its example file, the content schema, a
// README for npm and the CHANGELOG, and nothing else (`files`, `exports`).
// VERSION is Cargo.toml's.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'target', 'package');

/** What the package ships from dist/, in its own dist/ folder. */
export const SHIPPED = [
  'infusion-guide.js',
  'infusion_guide_bg.wasm',
  'infusion-guide.css',
  'integrity.json',
  'content.schema.json',
  'editor.html',
  'editor.js',
  'editor.css',
  'editor-render/infusion_guide_editor_render.js',
  'editor-render/infusion_guide_editor_render_bg.wasm',
  'clinic.json',
];

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('Cargo.toml has no version');
for (const file of SHIPPED) {
  if (!existsSync(join(DIST, file))) throw new Error(`dist/${file} is missing: run \`cargo xtask dist\` first`);
}
const integrity = JSON.parse(readFileSync(join(DIST, 'integrity.json'), 'utf8'));
if (integrity.version !== version) {
  throw new Error(`dist/ is version ${integrity.version}, Cargo.toml ${version}: run \`cargo xtask dist\` again`);
}

const name = `infusion-guide-${version}`;
const folder = join(OUT, name);
rmSync(folder, { recursive: true, force: true });
mkdirSync(join(folder, 'dist', 'editor-render'), { recursive: true });
for (const file of SHIPPED) copyFileSync(join(DIST, file), join(folder, 'dist', file));
copyFileSync(join(ROOT, 'CHANGELOG.md'), join(folder, 'CHANGELOG.md'));
const readme = readFileSync(join(ROOT, 'docs', 'npm-readme.md'), 'utf8')
  .replaceAll('__VERSION__', version)
  .replaceAll('__LOADER_INTEGRITY__', integrity.loader);
writeFileSync(join(folder, 'README.md'), readme);

const exported = Object.fromEntries(SHIPPED.map((file) => [`./${file}`, `./dist/${file}`]));
const pkg = {
  name: 'infusion-guide',
  version,
  description:
    'A patient-education widget about IV ketamine infusion for depression: one script tag and one element on a clinic\'s website.',
  license: 'MIT',
  type: 'module',
  keywords: ['ketamine', 'patient education', 'widget', 'web component', 'webassembly', 'clinic'],
  browser: './dist/infusion-guide.js',
  exports: { '.': './dist/infusion-guide.js', ...exported },
  files: ['dist/', 'README.md', 'CHANGELOG.md'],
  sideEffects: true,
};
writeFileSync(join(folder, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// npm pack writes the .tgz (npm's own layout, package/...); tar the same folder for self-hosting.
const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', OUT], { cwd: folder, encoding: 'utf8' }).trim();
execFileSync('tar', ['-czf', join(OUT, `${name}.tar.gz`), '-C', OUT, name]);
console.log(`infusion-guide ${version}: target/package/${packed} (npm), target/package/${name}.tar.gz (self-hosting)`);
