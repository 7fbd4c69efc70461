// The versioned release (web/release.mjs, run by `cargo xtask test` before
// these tests): the npm package ships exactly the widget, the editor, the
// schema, integrity.json, its README and the CHANGELOG; installed with npm into
// an empty folder, what it installed is all a clinic's page needs (the README's
// snippet with the integrity hash), and the editor works from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const PACKAGE = join(ROOT, 'target', 'package', `infusion-guide-${VERSION}`);
const TARBALL = join(ROOT, 'target', 'package', `infusion-guide-${VERSION}.tgz`);

let folder;
let installed;
let site;
let browser;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'infusion-guide-clinic-'));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'clinic-site', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', TARBALL], { cwd: folder, stdio: 'inherit' });
  installed = join(folder, 'node_modules', 'infusion-guide');
  const integrity = JSON.parse(readFileSync(join(installed, 'dist', 'integrity.json'), 'utf8'));
  site = await serve(join(installed, 'dist'), {
    routes: {
      '/clinic.html': (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title></head><body>
<h1>Our clinic</h1>
<script type="module" src="/infusion-guide.js" integrity="${integrity.loader}" crossorigin="anonymous"></script>
<infusion-guide region="uk"></infusion-guide></body></html>`);
      },
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the npm package ships exactly the widget, the editor, the schema, integrity.json, its README and CHANGELOG', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE, encoding: 'utf8' }));
  const files = report.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'README.md',
    'dist/clinic.json',
    'dist/content.schema.json',
    'dist/editor-render/infusion_guide_editor_render.js',
    'dist/editor-render/infusion_guide_editor_render_bg.wasm',
    'dist/editor.css',
    'dist/editor.html',
    'dist/editor.js',
    'dist/infusion-guide.css',
    'dist/infusion-guide.js',
    'dist/infusion_guide_bg.wasm',
    'dist/integrity.json',
    'package.json',
  ]);
  console.log(`# npm pack: ${report.filename}, ${report.size} bytes packed, ${report.unpackedSize} unpacked`);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'infusion-guide');
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.exports['.'], './dist/infusion-guide.js');
  // Its README's snippet names this version and this build's integrity hash.
  const readme = readFileSync(join(installed, 'README.md'), 'utf8');
  const integrity = JSON.parse(readFileSync(join(installed, 'dist', 'integrity.json'), 'utf8'));
  assert.ok(readme.includes(`infusion-guide@${VERSION}/dist/infusion-guide.js`), 'the versioned URL');
  assert.ok(readme.includes(integrity.loader), 'the loader hash');
  assert.equal(integrity.version, VERSION);
});

test('a page served from what npm installed shows the guide, its hash checked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${site.url}/clinic.html`);
  const guide = new GuidePage(page);
  await guide.waitForGuide();
  assert.equal(await page.evaluate(() => window.InfusionGuide.version), VERSION);
  assert.ok(await guide.guide().locator('a[href="tel:116123"]').first().isVisible(), 'the UK numbers');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the editor works from what npm installed', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/editor.html`);
  const preview = new GuidePage(page, '#preview');
  await preview.waitForGuide();
  await page.locator('#readability-tables table').first().waitFor();
  // The example clinic file it opens with: valid, and previewed with its phone.
  assert.equal(await page.locator('#problems li').count(), 0);
  assert.match(await preview.guide().textContent(), /\+1 555 010 0199/);
  // Its renderer came too: the guide as HTML, from the installed files.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HTML' }).click()]);
  const html = readFileSync(await download.path(), 'utf8');
  assert.match(html, /^<template shadowrootmode="open"><link rel="stylesheet" href="https:\/\/cdn\.jsdelivr\.net\/npm\/infusion-guide@[^/]+\/dist\/infusion-guide\.css">/);
  assert.match(html, /\+1 555 010 0199/);
  await context.close();
});
