// The clinic's content editor (editor.html): the example file previewed by the
// real widget, problems listed by line and column and jumped to, live preview
// of fixes, reading levels, download, embed snippet, accessibility (axe-core,
// keyboard, 320 px, 200% zoom) and the strict CSP. Screenshots go to
// target/screenshots/editor-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';
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
  const preview = new GuidePage(page, '#preview');
  await preview.waitForGuide();
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 15000 });
  return { page, preview, errors, close: () => context.close() };
}

/** Selects `find` in the textarea (its first occurrence) and types `replacement` over it. */
async function typeOver(page, find, replacement) {
  const found = await page.evaluate((find) => {
    const source = document.getElementById('source');
    const start = source.value.indexOf(find);
    if (start === -1) return false;
    source.focus();
    source.setSelectionRange(start, start + find.length);
    return true;
  }, find);
  assert.ok(found, `the editor text contains ${JSON.stringify(find)}`);
  await page.keyboard.type(replacement, { delay: 5 });
}

/** The 1-based line of the first occurrence of `find` in `text`. */
function lineOf(text, find) {
  return text.slice(0, text.indexOf(find)).split('\n').length;
}

/** The line and column (1-based, in characters) of the textarea's cursor. */
function cursor(page) {
  return page.evaluate(() => {
    const source = document.getElementById('source');
    const before = source.value.slice(0, source.selectionStart);
    return {
      focused: document.activeElement === source,
      line: before.split('\n').length,
      column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1,
    };
  });
}

const summary = (page) => page.locator('#summary');

test('the editor previews the example, lists a problem by line, jumps to it, and previews the fix', async () => {
  const { page, preview, errors, close } = await openEditor();
  const example = readFileSync(EXAMPLE, 'utf8');
  const source = page.locator('#source');
  assert.equal(await source.inputValue(), example, 'starts from examples/clinic.json');
  await assert.doesNotReject(summary(page).filter({ hasText: 'No problems: this file is valid' }).waitFor());
  assert.match(await preview.guide().textContent(), /\+1 555 010 0199/, "the preview shows the example clinic's phone");
  assert.equal(await preview.guide().locator('h3.ig-title').count(), 1, 'the guide title is a level-3 heading under "Preview"');

  // A colour the widget does not accept.
  const accentLine = lineOf(example, '"accent": "#2f6b4f"');
  const accentColumn = example.split('\n')[accentLine - 1].indexOf('"#2f6b4f"') + 1;
  await typeOver(page, '"#2f6b4f"', '"red"');
  const problem = page.locator('#problems button');
  await problem.first().waitFor({ timeout: 5000 });
  assert.equal(await problem.count(), 1);
  const label = await problem.textContent();
  assert.ok(label.startsWith(`Line ${accentLine}, column ${accentColumn}: theme.accent — `), label);
  assert.match(label, /not a colour/);
  assert.equal(await summary(page).textContent(), '1 problem');
  assert.equal(await summary(page).getAttribute('role'), 'status');
  assert.match(await page.locator('#preview-status').textContent(), /Showing your last valid version/);
  assert.match(await preview.guide().textContent(), /\+1 555 010 0199/, 'the last valid preview stays');

  // Clicking the problem puts the cursor on it.
  await page.locator('#source').evaluate((el) => el.setSelectionRange(0, 0));
  await problem.click();
  assert.deepEqual(await cursor(page), { focused: true, line: accentLine, column: accentColumn });
  assert.equal(await page.locator('#caret').textContent(), `Cursor: line ${accentLine}, column ${accentColumn}`);

  // Broken JSON: a trailing comma, further down the file.
  const before = await source.inputValue();
  const commaLine = lineOf(before, '"remove": true }');
  const commaColumn = before.split('\n')[commaLine - 1].indexOf('true }') + 'true'.length + 1;
  await typeOver(page, '"remove": true }', '"remove": true, }');
  const comma = page.locator('#problems button', { hasText: 'trailing comma' });
  await comma.waitFor({ timeout: 5000 });
  assert.ok((await comma.textContent()).startsWith(`Line ${commaLine}, column ${commaColumn}: trailing comma`), await comma.textContent());
  await comma.click();
  assert.deepEqual(await cursor(page), { focused: true, line: commaLine, column: commaColumn });
  await typeOver(page, '"remove": true, }', '"remove": true }');
  await typeOver(page, '"red"', '"#7a2e8c"');

  // Fixed, with a new title: no problems, and the preview follows.
  await typeOver(page, '"theme":', '"guide": { "title": { "en": "Our ketamine program" } },\n\n  "theme":');
  await summary(page).filter({ hasText: 'No problems: this file is valid' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#problems li').count(), 0);
  await preview.guide().locator('.ig-title', { hasText: 'Our ketamine program' }).waitFor({ timeout: 5000 });
  assert.match(await page.locator('#preview-status').textContent(), /shows your file/);

  // The preview's language follows the selector; Spanish keeps the built-in title.
  assert.deepEqual(await page.locator('#preview-lang option').evaluateAll((os) => os.map((o) => o.value)), ['en', 'es']);
  await page.selectOption('#preview-lang', 'es');
  await preview.guide().locator('.ig-title', { hasText: 'Infusión de ketamina' }).waitFor({ timeout: 5000 });
  await page.selectOption('#preview-lang', 'en');

  // A file with its own languages fills the selector with them, in its order.
  await typeOver(page, '"guide": {', '"languages": ["es", "en"],\n  "guide": {');
  await page.locator('#preview-lang option').first().filter({ hasText: 'Spanish (es)' }).waitFor({ state: 'attached', timeout: 5000 });
  assert.deepEqual(await page.locator('#preview-lang option').evaluateAll((os) => os.map((o) => o.textContent)), ['Spanish (es)', 'English (en)']);
  assert.equal(await page.locator('#preview-lang').inputValue(), 'en', 'the language shown stays');

  // Phone width.
  await page.getByLabel('Phone (375 px)').check();
  const width = await page.locator('#preview').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width <= 375 && width >= 360, `the phone preview is ${width}px wide`);
  await page.getByLabel('Full width').check();

  // Reading level: a table per language, with rows and grades.
  const rows = page.locator('#readability-tables tbody tr');
  assert.ok((await rows.count()) > 10, 'the reading level table has a row per part');
  assert.deepEqual(await page.locator('#readability-tables h3').allTextContents(), ['Spanish (es)', 'English (en)']);
  const grade = await rows.first().locator('td').nth(1).textContent();
  assert.match(grade, /^\d+\.\d$/, `a grade: ${grade}`);
  assert.equal(await page.locator('#readability-tables th[scope=col]').first().textContent(), 'Part');

  // Download: the current text, as our-guide.json.
  const text = await source.inputValue();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  assert.equal(download.suggestedFilename(), 'our-guide.json');
  assert.equal(readFileSync(await download.path(), 'utf8'), text);
  assert.match(await page.locator('#file-status').textContent(), /Downloaded our-guide\.json\./);

  assert.deepEqual(errors, []);
  await close();
});

test('reading levels use each language\'s formula and flag hard parts in words, not colour alone', async () => {
  const { page, close } = await openEditor();
  const tables = page.locator('#readability-tables table');
  assert.equal(await tables.count(), 2, 'English and Spanish');
  // Spanish is scored on the INFLESZ scale, not with English's grades.
  const spanish = page.locator('.readability-language', { has: page.locator('h3', { hasText: 'Spanish' }) });
  assert.deepEqual(await spanish.locator('th[scope=col]').allTextContents(), ['Part', 'Words', 'INFLESZ (Szigriszt-Pazos)', 'Fernández-Huerta', 'Check']);
  assert.equal(await page.locator('#readability-tables tr.too-hard').count(), 0, 'the example reads easily in both languages');
  assert.match(await page.locator('.readability').textContent(), /aim for grade 6, and stay at or below grade 8/);
  assert.match(await page.locator('.readability').textContent(), /aim for 65 or more, and stay at 55 or above/);

  // A hard English answer is flagged, in words.
  const source = page.locator('#source');
  const text = JSON.parse(await source.inputValue());
  text.faq.find((q) => q.id === 'what-does-it-cost').answer.en =
    'Notwithstanding comprehensive institutional reimbursement considerations, individualized pharmacological administration expenditures necessitate substantial contemporaneous documentation.';
  await source.fill(JSON.stringify(text, null, 2));
  const hard = page.locator('#readability-tables tr.too-hard');
  await hard.first().waitFor();
  assert.match(await hard.first().locator('td').last().textContent(), /above grade\s8/);
  assert.match(await page.locator('.readability-note-hard').first().textContent(), /1 of \d+ parts are above grade 8/);
  await close();
});

test('opening a local file replaces the text; the snippet follows the path and is copied', async () => {
  const { page, preview, errors, close } = await openEditor({ permissions: ['clipboard-read', 'clipboard-write'] });
  const file = JSON.stringify({ clinic: { phone: '+1 555 010 0777' } }, null, 2);
  await page.setInputFiles('#open-file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.locator('#file-status', { hasText: 'Opened mine.json.' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#source').inputValue(), file);
  await preview.guide().getByText('+1 555 010 0777').first().waitFor({ timeout: 5000 });

  // The versioned CDN form first, pinned by the hash of this release's loader.
  await page.getByLabel('Where the file will be on your website').fill('/guides/riverbend.json');
  const { version, loader } = JSON.parse(readFileSync(`${DIST}/integrity.json`, 'utf8'));
  const cdn =
    `<script type="module" src="https://cdn.jsdelivr.net/npm/infusion-guide@${version}/dist/infusion-guide.js"\n` +
    `        integrity="${loader}" crossorigin="anonymous"></script>\n` +
    '<infusion-guide content-src="/guides/riverbend.json"></infusion-guide>';
  assert.equal(await page.locator('#snippet').inputValue(), cdn);
  assert.match(await page.getByRole('group', { name: "Where the widget's files come from" }).textContent(), new RegExp(`version ${version}`));
  // Then the files on the clinic's own website.
  await page.getByLabel('Your own website').check();
  await page.getByLabel('The folder on your website with infusion-guide.js').fill('https://riverbend.example/ig');
  const expected =
    '<script type="module" src="https://riverbend.example/ig/infusion-guide.js"></script>\n' +
    '<infusion-guide content-src="/guides/riverbend.json"></infusion-guide>';
  assert.equal(await page.locator('#snippet').inputValue(), expected);
  await page.getByRole('button', { name: 'Copy embed snippet' }).click();
  await page.locator('#copy-status', { hasText: 'Copied' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.deepEqual(errors, []);
  await close();
});

test('without clinic.json the editor starts from a small valid example', async () => {
  const server = await serve(DIST, { routes: { '/clinic.json': (req, res) => res.writeHead(404).end() } });
  const { page, preview, close } = await openEditor({ url: server.url });
  const text = await page.locator('#source').inputValue();
  assert.doesNotThrow(() => JSON.parse(text));
  await summary(page).filter({ hasText: 'No problems: this file is valid' }).waitFor();
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
  const { page, preview, errors, close } = await openEditor({ url: server.url });
  assert.equal(await summary(page).textContent(), '1 problem');
  assert.match(await page.locator('#preview-status').textContent(), /built-in guide/);
  assert.match(await page.locator('#readability-status').textContent(), /Fix the problems/);
  assert.equal(await preview.guide().locator('.ig-title').count(), 1);
  assert.deepEqual(errors, []);
  await close();
  await server.close();
});

test('axe-core finds no WCAG 2.2 AA violation on the editor page, with and without problems', async () => {
  const { page, close } = await openEditor();
  const axe = async () => {
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  assert.deepEqual(await axe(), []);
  await typeOver(page, '"#2f6b4f"', '"red"');
  await page.locator('#problems button').first().waitFor();
  await page.getByLabel('Phone (375 px)').check();
  assert.deepEqual(await axe(), []);
  await close();
});

test('keyboard: every control of the editor is reachable with Tab and shows a visible focus', async () => {
  const { page, close } = await openEditor();
  await typeOver(page, '"#2f6b4f"', '"red"');
  await page.locator('#problems button').first().waitFor();
  // Start from the top of the page, as a keyboard user arriving on it.
  await page.evaluate(() => document.activeElement.blur());
  await page.mouse.click(2, 2);
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
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
  await page.locator('#problems button').first().focus();
  await page.keyboard.press('Enter');
  assert.equal((await cursor(page)).focused, true);
  await close();
});

test('320 px and 200% zoom: the panes stack and the page does not scroll sideways', async () => {
  for (const options of [{ width: 320, height: 800 }, { width: 640, height: 800, deviceScaleFactor: 2 }]) {
    const { page, close } = await openEditor(options);
    const layout = await page.evaluate(() => {
      const edit = document.querySelector('.pane-edit').getBoundingClientRect();
      const view = document.querySelector('.pane-preview').getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        stacked: view.top >= edit.bottom,
      };
    });
    assert.ok(layout.overflow <= 0, `${options.width}px: the page scrolls sideways by ${layout.overflow}px`);
    assert.ok(layout.stacked, `${options.width}px: the preview comes below the editor`);
    await close();
  }
});

test('the editor works under the strict CSP (no inline scripts or styles)', async () => {
  const { page, preview, errors, close } = await openEditor({ url: strict.url });
  const csp = await page.evaluate(async () => {
    const response = await fetch('editor.html');
    return response.headers.get('content-security-policy');
  });
  assert.equal(csp, CSP);
  assert.equal(await summary(page).textContent(), 'No problems: this file is valid');
  const styled = await page.locator('#source').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(styled, /monospace/, 'editor.css applies');
  await typeOver(page, '"theme":', '"guide": { "title": { "en": "Strict and sound" } },\n  "theme":');
  await preview.guide().locator('.ig-title', { hasText: 'Strict and sound' }).waitFor({ timeout: 5000 });
  assert.deepEqual(errors, [], 'no CSP violation or other console error');
  await close();
});

test('screenshots of the editor at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const { page, close } = await openEditor({ width, height: 900 });
    await typeOver(page, '"#2f6b4f"', '"red"');
    await page.locator('#problems button').first().waitFor();
    await page.locator('#source').evaluate((el) => {
      el.blur();
      el.scrollTop = 0;
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: `${SCREENSHOTS}/editor-${width}.png`, fullPage: width === 375 });
    await close();
  }
});

test('the preview shows the crisis numbers of each region, the file\'s by default', async () => {
  const { page, preview, errors, close } = await openEditor();
  const select = page.getByRole('region', { name: 'Preview', exact: true }).getByLabel('Crisis numbers', { exact: true });
  // The choices, here and for the guide as HTML, are the regions the content format knows (its schema).
  const schema = JSON.parse(readFileSync(`${DIST}/content.schema.json`, 'utf8'));
  const regions = schema.properties.crisis.properties.region.enum;
  const htmlSelect = page.getByRole('region', { name: 'The guide as HTML' }).getByLabel('Crisis numbers', { exact: true });
  for (const choices of [select, htmlSelect]) {
    assert.deepEqual(await choices.locator('option').evaluateAll((options) => options.map((o) => o.value)), ['', ...regions]);
  }
  const links = () => preview.guide().evaluate((guide) => [...guide.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')));
  assert.ok((await links()).includes('tel:988'), 'the example clinic is in the US');
  await select.selectOption('au');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('a[href="tel:131114"]'));
  const australian = await links();
  assert.ok(australian.includes('tel:000'), `links: ${australian}`);
  assert.ok(!australian.includes('tel:988') && !australian.includes('tel:911'), `links: ${australian}`);
  await select.selectOption('');
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('a[href="tel:988"]'));
  assert.deepEqual(errors, []);
  await close();
});

test('a new file from the short form is the same file as `infusion-guide init` writes, and is valid', async () => {
  const { page, preview, errors, close } = await openEditor();
  await page.getByText('Start a new file for your clinic').click();
  await page.getByLabel('Clinic name (required)').fill('Harbour Light Clinic');
  await page.getByLabel('Phone patients call (required)').fill('+61 2 5550 1234');
  await page.getByLabel('Booking page (optional)').fill('https://harbour.example/book');
  await page.getByLabel('Country, for the crisis numbers').selectOption('au');
  await page.getByRole('button', { name: 'Start the file' }).click();
  await page.waitForFunction(() => document.querySelector('#source').value.includes('Harbour Light Clinic'));
  const made = await page.locator('#source').inputValue();
  const fromCli = cli('init', '--name', 'Harbour Light Clinic', '--phone', '+61 2 5550 1234',
    '--booking-url', 'https://harbour.example/book', '--region', 'au');
  assert.equal(made, fromCli, 'the same bytes as the command line');
  assert.match(await page.locator('#file-status').textContent(), /Started a new file for Harbour Light Clinic/);
  // Valid, and previewed with the clinic's phone and Australia's numbers.
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot?.querySelector('a[href="tel:131114"]'));
  assert.equal(await page.locator('#problems li').count(), 0);
  assert.match(await preview.guide().textContent(), /\+61 2 5550 1234/);
  assert.deepEqual(errors, []);
  await close();
});

test('the guide as HTML: downloaded and copied in each language, the same bytes as `infusion-guide render`', async () => {
  const { page, errors, close } = await openEditor({ permissions: ['clipboard-read', 'clipboard-write'] });
  const section = page.getByRole('region', { name: 'The guide as HTML' });
  const text = await page.locator('#source').inputValue();
  const { version } = JSON.parse(readFileSync(`${DIST}/integrity.json`, 'utf8'));
  const cdnCss = `https://cdn.jsdelivr.net/npm/infusion-guide@${version}/dist/infusion-guide.css`;
  assert.match(await section.textContent(), new RegExp(`stylesheet at ${cdnCss.replace(/[.]/g, '\\.')}`));

  // Spanish, the UK's crisis numbers, the title an h3: downloaded.
  await section.getByLabel('Language').selectOption('es');
  await section.getByLabel('Crisis numbers').selectOption('uk');
  await section.getByLabel("Heading level of the guide's title").selectOption('3');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download HTML' }).click()]);
  assert.equal(download.suggestedFilename(), 'our-guide.es.html');
  const downloaded = readFileSync(await download.path(), 'utf8');
  const cli = renderWithCli(text, ['--lang', 'es', '--region', 'uk', '--heading-level', '3', '--css-href', cdnCss]);
  assert.equal(downloaded, cli, 'the same bytes as the command line');
  assert.match(downloaded, /<h3/);
  assert.match(downloaded, /tel:116123/, "Samaritans, the UK's line");
  assert.doesNotMatch(downloaded, /tel:988/);
  await section.getByText('Downloaded our-guide.es.html (Spanish (es)).').waitFor({ timeout: 5000 });

  // English, the file's own region, files on the clinic's website: copied.
  await page.getByLabel('Your own website').check();
  await page.getByLabel('The folder on your website with infusion-guide.js').fill('https://riverbend.example/ig/');
  await section.getByLabel('Language').selectOption('en');
  await section.getByLabel('Crisis numbers').selectOption('');
  await section.getByLabel("Heading level of the guide's title").selectOption('2');
  await section.getByRole('button', { name: 'Copy HTML' }).click();
  await section.getByText('Copied').waitFor({ timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, renderWithCli(text, ['--lang', 'en', '--css-href', 'https://riverbend.example/ig/infusion-guide.css']));

  // A file with a problem gives no HTML, and says why.
  await typeOver(page, '"#2f6b4f"', '"red"');
  await page.locator('#problems button').first().waitFor();
  let downloads = 0;
  page.on('download', () => downloads++);
  await section.getByRole('button', { name: 'Download HTML' }).click();
  await section.getByText('Fix the 1 problem in your file first (see "Problems").').waitFor({ timeout: 5000 });
  assert.equal(downloads, 0);
  assert.deepEqual(errors, []);
  await close();
});

test('the guide as HTML works under the strict CSP and only fetches the page\'s own files', async () => {
  const { page, errors, close } = await openEditor({ url: strict.url });
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  const section = page.getByRole('region', { name: 'The guide as HTML' });
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download HTML' }).click()]);
  assert.match(readFileSync(await download.path(), 'utf8'), /^<template shadowrootmode="open">/);
  assert.deepEqual(errors, [], 'no CSP violation or other console error');
  for (const url of requests) assert.ok(url.startsWith(strict.url) || url.startsWith('blob:'), `only its own files: ${url}`);
  assert.ok(requests.some((url) => url.endsWith('/editor-render/infusion_guide_editor_render_bg.wasm')), requests.join('\n'));
  await close();
});
