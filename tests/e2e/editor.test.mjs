// The clinic's content editor (editor.html): the example file previewed by the
// real widget, problems listed by line and column and jumped to, live preview
// of fixes, reading levels, download, embed snippet, accessibility (axe-core,
// keyboard, 320 px, 200% zoom) and the strict CSP. Screenshots go to
// target/screenshots/editor-*.png. The page is reached through EditorPage
// (browser.mjs); only the measurements of the whole page (axe, the keyboard's
// focus walk, sideways scrolling, the CSP header) read it directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch, EditorPage } from './browser.mjs';
import { cli, renderWithCli } from './cli.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/clinic.json', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
let site;
let strict;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  site = await serve(DIST);
  strict = await serve(DIST, { headers: { 'Content-Security-Policy': CSP } });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await strict?.close();
});

/** Opens the editor in a fresh context and waits for its first check and the preview. */
async function openEditor({ url = site.url, width = 1280, height = 900, deviceScaleFactor = 1, permissions = [] } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, acceptDownloads: true });
  if (permissions.length) await context.grantPermissions(permissions, { origin: url });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url + '/editor.html');
  const editor = new EditorPage(page);
  await editor.ready();
  return { page, editor, preview: editor.preview, errors, close: () => context.close() };
}

/** The 1-based line of the first occurrence of `find` in `text`. */
function lineOf(text, find) {
  return text.slice(0, text.indexOf(find)).split('\n').length;
}

test('the editor previews the example, lists a problem by line, jumps to it, and previews the fix', async () => {
  const { editor, preview, errors, close } = await openEditor();
  const example = readFileSync(EXAMPLE, 'utf8');
  assert.equal(await editor.source(), example, 'starts from examples/clinic.json');
  await assert.doesNotReject(editor.waitForNoProblems());
  assert.match(await preview.guide().textContent(), /\+1 555 010 0199/, "the preview shows the example clinic's phone");
  assert.equal(await preview.guide().locator('h3.ig-title').count(), 1, 'the guide title is a level-3 heading under "Preview"');

  // A colour the widget does not accept.
  const accentLine = lineOf(example, '"accent": "#2f6b4f"');
  const accentColumn = example.split('\n')[accentLine - 1].indexOf('"#2f6b4f"') + 1;
  await editor.typeOver('"#2f6b4f"', '"red"');
  const problem = editor.problems();
  await problem.first().waitFor({ timeout: 5000 });
  assert.equal(await problem.count(), 1);
  const label = await problem.textContent();
  assert.ok(label.startsWith(`Line ${accentLine}, column ${accentColumn}: theme.accent — `), label);
  assert.match(label, /not a colour/);
  assert.equal(await editor.summary().textContent(), '1 problem');
  assert.equal(await editor.summary().getAttribute('role'), 'status');
  assert.match(await editor.previewStatus().textContent(), /Showing your last valid version/);
  assert.match(await preview.guide().textContent(), /\+1 555 010 0199/, 'the last valid preview stays');

  // Clicking the problem puts the cursor on it.
  await editor.putCursorAtStart();
  await problem.click();
  assert.deepEqual(await editor.cursor(), { focused: true, line: accentLine, column: accentColumn });
  assert.equal(await editor.cursorLine().textContent(), `Cursor: line ${accentLine}, column ${accentColumn}`);

  // Broken JSON: a trailing comma, further down the file.
  const before = await editor.source();
  const commaLine = lineOf(before, '"remove": true }');
  const commaColumn = before.split('\n')[commaLine - 1].indexOf('true }') + 'true'.length + 1;
  await editor.typeOver('"remove": true }', '"remove": true, }');
  const comma = editor.problems().filter({ hasText: 'trailing comma' });
  await comma.waitFor({ timeout: 5000 });
  assert.ok((await comma.textContent()).startsWith(`Line ${commaLine}, column ${commaColumn}: trailing comma`), await comma.textContent());
  await comma.click();
  assert.deepEqual(await editor.cursor(), { focused: true, line: commaLine, column: commaColumn });
  await editor.typeOver('"remove": true, }', '"remove": true }');
  await editor.typeOver('"red"', '"#7a2e8c"');

  // Fixed, with a new title: no problems, and the preview follows.
  await editor.typeOver('"theme":', '"guide": { "title": { "en": "Our ketamine program" } },\n\n  "theme":');
  await editor.waitForNoProblems({ timeout: 5000 });
  assert.equal(await editor.problemItems().count(), 0);
  await preview.guide().locator('.ig-title', { hasText: 'Our ketamine program' }).waitFor({ timeout: 5000 });
  assert.match(await editor.previewStatus().textContent(), /shows your file/);

  // The preview's language follows the selector; Spanish keeps the built-in title.
  const languages = editor.previewControls.language;
  assert.deepEqual((await editor.choices(languages)).map((c) => c.value), ['en', 'es']);
  await editor.previewIn('es');
  await preview.guide().locator('.ig-title', { hasText: 'Infusión de ketamina' }).waitFor({ timeout: 5000 });
  await editor.previewIn('en');

  // A file with its own languages fills the selector with them, in its order.
  await editor.typeOver('"guide": {', '"languages": ["es", "en"],\n  "guide": {');
  await editor.waitForFirstChoice(languages, 'Spanish (es)');
  assert.deepEqual((await editor.choices(languages)).map((c) => c.label), ['Spanish (es)', 'English (en)']);
  assert.equal(await languages.inputValue(), 'en', 'the language shown stays');

  // Phone width.
  await editor.choosePreviewWidth('Phone (375 px)');
  const width = await editor.previewWidth();
  assert.ok(width <= 375 && width >= 360, `the phone preview is ${width}px wide`);
  await editor.choosePreviewWidth('Full width');

  // Reading level: a table per language, with rows and grades.
  const rows = editor.readabilityRows();
  assert.ok((await rows.count()) > 10, 'the reading level table has a row per part');
  assert.deepEqual(await editor.readabilityLanguages(), ['Spanish (es)', 'English (en)']);
  const grade = await rows.first().getByRole('cell').nth(1).textContent();
  assert.match(grade, /^\d+\.\d$/, `a grade: ${grade}`);
  assert.equal(await editor.readabilityTables().getByRole('columnheader').first().textContent(), 'Part');

  // Download: the current text, as our-guide.json.
  const text = await editor.source();
  const download = await editor.downloadJson();
  assert.equal(download.name, 'our-guide.json');
  assert.equal(download.text, text);
  assert.match(await editor.fileStatus().textContent(), /Downloaded our-guide\.json\./);

  assert.deepEqual(errors, []);
  await close();
});

test('reading levels use each language\'s formula and flag hard parts in words, not colour alone', async () => {
  const { editor, close } = await openEditor();
  assert.equal(await editor.readabilityTables().count(), 2, 'English and Spanish');
  // Spanish is scored on the INFLESZ scale, not with English's grades.
  const spanish = editor.readabilityTable('Spanish (es)');
  assert.deepEqual(await spanish.getByRole('columnheader').allTextContents(), ['Part', 'Words', 'INFLESZ (Szigriszt-Pazos)', 'Fernández-Huerta', 'Check']);
  assert.equal(await editor.hardParts().count(), 0, 'the example reads easily in both languages');
  assert.match(await editor.readingLevel().textContent(), /aim for grade 6, and stay at or below grade 8/);
  assert.match(await editor.readingLevel().textContent(), /aim for 65 or more, and stay at 55 or above/);

  // A hard English answer is flagged, in words.
  const text = JSON.parse(await editor.source());
  text.faq.find((q) => q.id === 'what-does-it-cost').answer.en =
    'Notwithstanding comprehensive institutional reimbursement considerations, individualized pharmacological administration expenditures necessitate substantial contemporaneous documentation.';
  await editor.setSource(JSON.stringify(text, null, 2));
  const hard = editor.hardParts();
  await hard.first().waitFor();
  assert.match(await hard.first().getByRole('cell').last().textContent(), /above grade\s8/);
  assert.match(await editor.hardPartNotes().first().textContent(), /1 of \d+ parts are above grade 8/);
  await close();
});

test('opening a local file replaces the text; the snippet follows the path and is copied', async () => {
  const { editor, preview, errors, close } = await openEditor({ permissions: ['clipboard-read', 'clipboard-write'] });
  const file = JSON.stringify({ clinic: { phone: '+1 555 010 0777' } }, null, 2);
  await editor.openFile('mine.json', file);
  await editor.fileStatus().filter({ hasText: 'Opened mine.json.' }).waitFor({ timeout: 5000 });
  assert.equal(await editor.source(), file);
  await preview.guide().getByText('+1 555 010 0777').first().waitFor({ timeout: 5000 });

  // The versioned CDN form first, pinned by the hash of this release's loader.
  await editor.contentPath('/guides/riverbend.json');
  const { version, loader } = JSON.parse(readFileSync(`${DIST}/integrity.json`, 'utf8'));
  const cdn =
    `<script type="module" src="https://cdn.jsdelivr.net/npm/infusion-guide@${version}/dist/infusion-guide.js"\n` +
    `        integrity="${loader}" crossorigin="anonymous"></script>\n` +
    '<infusion-guide content-src="/guides/riverbend.json"></infusion-guide>';
  assert.equal(await editor.snippet(), cdn);
  assert.match(await editor.filesFromGroup().textContent(), new RegExp(`version ${version}`));
  // Then the files on the clinic's own website.
  await editor.filesFrom('own', 'https://riverbend.example/ig');
  const expected =
    '<script type="module" src="https://riverbend.example/ig/infusion-guide.js"></script>\n' +
    '<infusion-guide content-src="/guides/riverbend.json"></infusion-guide>';
  assert.equal(await editor.snippet(), expected);
  assert.equal(await editor.copySnippet(), expected);
  assert.deepEqual(errors, []);
  await close();
});

test('without clinic.json the editor starts from a small valid example', async () => {
  const server = await serve(DIST, { routes: { '/clinic.json': (req, res) => res.writeHead(404).end() } });
  const { editor, preview, close } = await openEditor({ url: server.url });
  const text = await editor.source();
  assert.doesNotThrow(() => JSON.parse(text));
  await editor.waitForNoProblems();
  await preview.guide().getByText("Your clinic's name").first().waitFor({ timeout: 5000 });
  await close();
  await server.close();
});

test('a file with problems from the start shows the built-in guide and says so', async () => {
  const server = await serve(DIST, {
    routes: {
      '/clinic.json': (req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{ "theme": { "accent": "blue" } }'),
    },
  });
  const { editor, preview, errors, close } = await openEditor({ url: server.url });
  assert.equal(await editor.summary().textContent(), '1 problem');
  assert.match(await editor.previewStatus().textContent(), /built-in guide/);
  assert.match(await editor.readabilityStatus().textContent(), /Fix the problems/);
  assert.equal(await preview.guide().locator('.ig-title').count(), 1);
  assert.deepEqual(errors, []);
  await close();
  await server.close();
});

test('axe-core finds no WCAG 2.2 AA violation on the editor page, with and without problems', async () => {
  const { page, editor, close } = await openEditor();
  const axe = async () => {
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  assert.deepEqual(await axe(), []);
  await editor.typeOver('"#2f6b4f"', '"red"');
  await editor.problems().first().waitFor();
  await editor.choosePreviewWidth('Phone (375 px)');
  assert.deepEqual(await axe(), []);
  await close();
});

test('keyboard: every control of the editor is reachable with Tab and shows a visible focus', async () => {
  const { page, editor, close } = await openEditor();
  await editor.typeOver('"#2f6b4f"', '"red"');
  await editor.problems().first().waitFor();
  // Start from the top of the page, as a keyboard user arriving on it.
  await page.evaluate(() => document.activeElement.blur());
  await page.mouse.click(2, 2);
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    // A measurement of the whole page: whatever has the focus, wherever it is.
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      if (el.id === 'preview' || el.closest('#preview')) return { key: 'preview' };
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        key: el.id || el.textContent.trim().slice(0, 30) || el.getAttribute('value'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        width: box.width,
        height: box.height,
      };
    });
    if (!focused) break;
    if (focused.key === 'preview') continue;
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    assert.ok(focused.outline, `no visible focus indicator on "${focused.key}"`);
    assert.ok(focused.width >= 24 && focused.height >= 24, `"${focused.key}" is smaller than 24 by 24 px`);
  }
  for (const id of ['open-file', 'download', 'source', 'preview-lang', 'preview-theme', 'content-src', 'snippet', 'copy',
    'static-lang', 'static-region', 'static-level', 'static-download', 'static-copy']) {
    assert.ok(seen.has(id), `Tab reaches #${id} (reached: ${[...seen].join(', ')})`);
  }
  assert.ok([...seen].some((key) => String(key).startsWith('Line ')), 'Tab reaches the problem buttons');

  // Enter on a problem moves the cursor to it.
  await editor.problems().first().focus();
  await page.keyboard.press('Enter');
  assert.equal((await editor.cursor()).focused, true);
  await close();
});

test('320 px and 200% zoom: the panes stack and the page does not scroll sideways', async () => {
  for (const options of [{ width: 320, height: 800 }, { width: 640, height: 800, deviceScaleFactor: 2 }]) {
    const { page, editor, close } = await openEditor(options);
    // A measurement of the whole page: how far it scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const panes = await editor.paneBoxes();
    assert.ok(overflow <= 0, `${options.width}px: the page scrolls sideways by ${overflow}px`);
    assert.ok(panes.preview.y >= panes.edit.y + panes.edit.height, `${options.width}px: the preview comes below the editor`);
    await close();
  }
});

test('the editor works under the strict CSP (no inline scripts or styles)', async () => {
  const { page, editor, preview, errors, close } = await openEditor({ url: strict.url });
  // The header the page was served with: a request from the page, not a look at its DOM.
  const csp = await page.evaluate(async () => {
    const response = await fetch('editor.html');
    return response.headers.get('content-security-policy');
  });
  assert.equal(csp, CSP);
  assert.equal(await editor.summary().textContent(), 'No problems: this file is valid');
  assert.match(await editor.sourceFont(), /monospace/, 'editor.css applies');
  await editor.typeOver('"theme":', '"guide": { "title": { "en": "Strict and sound" } },\n  "theme":');
  await preview.guide().locator('.ig-title', { hasText: 'Strict and sound' }).waitFor({ timeout: 5000 });
  assert.deepEqual(errors, [], 'no CSP violation or other console error');
  await close();
});

test('screenshots of the editor at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const { page, editor, close } = await openEditor({ width, height: 900 });
    await editor.typeOver('"#2f6b4f"', '"red"');
    await editor.problems().first().waitFor();
    await editor.scrollToTop();
    await page.screenshot({ path: `${SCREENSHOTS}/editor-${width}.png`, fullPage: width === 375 });
    await close();
  }
});

test('the preview shows the crisis numbers of each region, the file\'s by default', async () => {
  const { editor, errors, close } = await openEditor();
  // The choices, here and for the guide as HTML, are the regions the content format knows (its schema).
  const schema = JSON.parse(readFileSync(`${DIST}/content.schema.json`, 'utf8'));
  const regions = schema.properties.crisis.properties.region.enum;
  for (const choices of [editor.previewControls.crisisNumbers, editor.staticControls.crisisNumbers]) {
    assert.deepEqual((await editor.choices(choices)).map((c) => c.value), ['', ...regions]);
  }
  assert.ok((await editor.previewPhoneLinks()).includes('tel:988'), 'the example clinic is in the US');
  await editor.previewCrisisNumbers('au');
  await editor.waitForPreviewPhone('131114');
  const australian = await editor.previewPhoneLinks();
  assert.ok(australian.includes('tel:000'), `links: ${australian}`);
  assert.ok(!australian.includes('tel:988') && !australian.includes('tel:911'), `links: ${australian}`);
  await editor.previewCrisisNumbers('');
  await editor.waitForPreviewPhone('988');
  assert.deepEqual(errors, []);
  await close();
});

test('a new file from the short form is the same file as `infusion-guide init` writes, and is valid', async () => {
  const { editor, preview, errors, close } = await openEditor();
  await editor.newFile({
    name: 'Harbour Light Clinic',
    phone: '+61 2 5550 1234',
    bookingUrl: 'https://harbour.example/book',
    region: 'au',
  });
  await editor.waitForSource('Harbour Light Clinic');
  const made = await editor.source();
  const fromCli = cli('init', '--name', 'Harbour Light Clinic', '--phone', '+61 2 5550 1234',
    '--booking-url', 'https://harbour.example/book', '--region', 'au');
  assert.equal(made, fromCli, 'the same bytes as the command line');
  assert.match(await editor.fileStatus().textContent(), /Started a new file for Harbour Light Clinic/);
  // Valid, and previewed with the clinic's phone and Australia's numbers.
  await editor.waitForPreviewPhone('131114');
  assert.equal(await editor.problemItems().count(), 0);
  assert.match(await preview.guide().textContent(), /\+61 2 5550 1234/);
  assert.deepEqual(errors, []);
  await close();
});

test('the guide as HTML: downloaded and copied in each language, the same bytes as `infusion-guide render`', async () => {
  const { page, editor, errors, close } = await openEditor({ permissions: ['clipboard-read', 'clipboard-write'] });
  const section = editor.staticSection();
  const text = await editor.source();
  const { version } = JSON.parse(readFileSync(`${DIST}/integrity.json`, 'utf8'));
  const cdnCss = `https://cdn.jsdelivr.net/npm/infusion-guide@${version}/dist/infusion-guide.css`;
  assert.match(await section.textContent(), new RegExp(`stylesheet at ${cdnCss.replace(/[.]/g, '\\.')}`));

  // Spanish, the UK's crisis numbers, the title an h3: downloaded.
  await editor.chooseStatic({ lang: 'es', region: 'uk', level: '3' });
  const download = await editor.downloadStaticHtml();
  assert.equal(download.name, 'our-guide.es.html');
  const downloaded = download.text;
  const cli = renderWithCli(text, ['--lang', 'es', '--region', 'uk', '--heading-level', '3', '--css-href', cdnCss]);
  assert.equal(downloaded, cli, 'the same bytes as the command line');
  assert.match(downloaded, /<h3/);
  assert.match(downloaded, /tel:116123/, "Samaritans, the UK's line");
  assert.doesNotMatch(downloaded, /tel:988/);
  await section.getByText('Downloaded our-guide.es.html (Spanish (es)).').waitFor({ timeout: 5000 });

  // English, the file's own region, files on the clinic's website: copied.
  await editor.filesFrom('own', 'https://riverbend.example/ig/');
  await editor.chooseStatic({ lang: 'en', region: '', level: '2' });
  const copied = await editor.copyStaticHtml();
  assert.equal(copied, renderWithCli(text, ['--lang', 'en', '--css-href', 'https://riverbend.example/ig/infusion-guide.css']));

  // A file with a problem gives no HTML, and says why.
  await editor.typeOver('"#2f6b4f"', '"red"');
  await editor.problems().first().waitFor();
  let downloads = 0;
  page.on('download', () => downloads++);
  await editor.pressDownloadHtml();
  await section.getByText('Fix the 1 problem in your file first (see "Problems").').waitFor({ timeout: 5000 });
  assert.equal(downloads, 0);
  assert.deepEqual(errors, []);
  await close();
});

test('the guide as HTML works under the strict CSP and only fetches the page\'s own files', async () => {
  const { page, editor, errors, close } = await openEditor({ url: strict.url });
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const download = await editor.downloadStaticHtml();
  assert.match(download.text, /^<template shadowrootmode="open">/);
  assert.deepEqual(errors, [], 'no CSP violation or other console error');
  for (const url of requests) assert.ok(url.startsWith(strict.url) || url.startsWith('blob:'), `only its own files: ${url}`);
  assert.ok(requests.some((url) => url.endsWith('/editor-render/infusion_guide_editor_render_bg.wasm')), requests.join('\n'));
  await close();
});

test('the guide as HTML: a renderer that failed to load is loaded again at the next click', async () => {
  const { page, editor, close } = await openEditor();
  let failures = 1;
  await page.route('**/editor-render/infusion_guide_editor_render_bg.wasm', (route) =>
    failures-- > 0 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue());
  await editor.pressDownloadHtml();
  await editor.staticSection().getByText(/^The HTML could not be made: /).waitFor({ timeout: 10000 });
  const download = await editor.downloadStaticHtml();
  assert.match(download.text, /^<template shadowrootmode="open">/);
  await close();
});
