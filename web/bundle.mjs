// Trunk post-build step: makes dist/ the two files a host page needs.
//
//   infusion-guide.js        the loader with the wasm-bindgen glue inlined, and the
//                            built-in guide as JSON (for the wasm) and as HTML in
//                            each language (shown before and without the wasm),
//                            with the stylesheet; minified
//   infusion_guide_bg.wasm   the module, fetched with its integrity hash
//   integrity.json           the SRI hashes of both, for the README's snippet
//   infusion-guide.css       the widget's styles, minified, linked by the static
//                            page (`infusion-guide render`) for no-JavaScript
//                            visitors, and by the loader where the browser has
//                            no constructable stylesheets
//   editor-render/           the editor page's renderer (editor-render/): the
//                            static HTML of `infusion-guide render`, in the
//                            browser; only the editor loads it
//
// wasm-bindgen names its output after the package (infusion-guide.js), which
// is the loader's stable name, so the glue is read, inlined and replaced here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR;
if (!staging || !source) throw new Error('run by Trunk: TRUNK_STAGING_DIR and TRUNK_SOURCE_DIR must be set');

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(source, 'Cargo.toml'), 'utf8'))?.[1] ?? '0.0.0';

renameSync(join(staging, 'infusion-guide_bg.wasm'), join(staging, 'infusion_guide_bg.wasm'));
const wasmIntegrity = sri(readFileSync(join(staging, 'infusion_guide_bg.wasm')));

const glueExport = 'export { initSync, __wbg_init as default };';
let glue = readFileSync(join(staging, 'infusion-guide.js'), 'utf8');
if (!glue.includes(glueExport)) throw new Error(`the wasm-bindgen glue changed shape: "${glueExport}" not found`);
glue = glue.replace(glueExport, 'export { initSync };\nconst init = __wbg_init;');

// The built-in guide as static HTML, rendered natively by the same components
// (the command-line tool, built for the host; `cargo xtask` has built it).
const prerender = execFileSync(
  'cargo',
  ['run', '--quiet', '--bin', 'infusion-guide', '--', 'prerender', '--css', join('styles', 'widget.css')],
  { cwd: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
);
const css = JSON.parse(prerender).css;
// Without its whitespace: the wasm never shows positions in the built-in guide.
const defaultJson = JSON.stringify(JSON.parse(readFileSync(join(source, 'content', 'default.json'), 'utf8')));

const importLine = "import init, { Widget, checkContent, prepareGuide, readabilityReport, starterContent } from './infusion_guide.js';";
let loader = readFileSync(join(source, 'web', 'infusion-guide.js'), 'utf8');
if (!loader.includes(importLine)) throw new Error(`web/infusion-guide.js must import the glue as: ${importLine}`);
loader = loader
  .replace(importLine, '// (the wasm-bindgen glue is inlined above)')
  .replace('__INFUSION_GUIDE_VERSION__', version)
  .replace('__INFUSION_GUIDE_WASM_INTEGRITY__', wasmIntegrity)
  .replace("'__INFUSION_GUIDE_DEFAULT_JSON__'", () => JSON.stringify(defaultJson))
  .replace("'__INFUSION_GUIDE_PRERENDER__'", () => JSON.stringify(prerender.trim()));
for (const placeholder of ['DEFAULT_JSON', 'PRERENDER']) {
  if (loader.includes(`__INFUSION_GUIDE_${placeholder}__`)) throw new Error(`web/infusion-guide.js: __INFUSION_GUIDE_${placeholder}__ was not replaced`);
}

// Minified: every page that shows the guide downloads this file. The readable source is
// web/infusion-guide.js and the wasm-bindgen output.
const minified = await minify(`${glue}\n${loader}`, {
  module: true,
  compress: { passes: 2 },
  mangle: true,
  format: { preamble: `// infusion-guide ${version}: loader and wasm-bindgen glue (minified). Source: web/infusion-guide.js` },
});
const bundle = minified.code;
rmSync(join(staging, 'infusion-guide.js'));
writeFileSync(join(staging, 'infusion-guide.js'), bundle);

// The editor's renderer: the widget's crate with server-side rendering, which
// patients' pages never download. Its own target folder: as a dependency the
// widget's crate is built again with other features, and Cargo names both
// builds' cdylib infusion_guide.wasm (no hash), which must not overwrite the
// widget's.
const tool = (program, args) =>
  execFileSync(program, args, { cwd: source, stdio: ['ignore', 'inherit', 'inherit'] });
const editorTarget = join('target', 'editor-render');
tool('cargo', [
  'build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown',
  '--package', 'infusion-guide-editor-render', '--target-dir', editorTarget,
]);
const editorOut = join(staging, 'editor-render');
tool('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--out-dir', editorOut,
  join(editorTarget, 'wasm32-unknown-unknown', 'release', 'infusion_guide_editor_render.wasm'),
]);
const editorWasm = join(editorOut, 'infusion_guide_editor_render_bg.wasm');
tool('wasm-opt', ['-Oz', editorWasm, '-o', editorWasm]);

const integrity = { version, loader: sri(Buffer.from(bundle)), wasm: wasmIntegrity };
writeFileSync(join(staging, 'integrity.json'), JSON.stringify(integrity, null, 2) + '\n');
writeFileSync(join(staging, 'infusion-guide.css'), css);
console.log(`infusion-guide ${version}: loader ${integrity.loader}, wasm ${integrity.wasm}`);
