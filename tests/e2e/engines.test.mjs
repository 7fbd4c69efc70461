// The widget in the three engines patients' browsers are built on: Chromium,
// Firefox (Gecko) and WebKit (Safari's engine), each test written once
// (engines.mjs, objects.mjs). Covered in each engine: the guide mounts with
// the crisis card first; steps next and previous; the FAQ by keyboard, its
// search and a deep link; the language switch; a clinic's `content-src`; a
// strict CSP; the static page; the editor's located errors; print rules; and
// each engine gap the widget works around (narrow layout container, theme on
// native controls, a print() that does not block, find-in-page without
// `hidden="until-found"`, the static page without declarative shadow DOM).
// Screenshots per engine and width go to target/screenshots/engines-*.png.
//
// The static page comes from the command-line tool (`cargo run`), so this file
// needs a Rust toolchain besides dist/ (`trunk build --release`).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { serve } from './server.mjs';
import { cli, renderWithCli } from './cli.mjs';
import { ENGINES, engineForSuite } from './engines.mjs';
import { GuidePage, StaticGuidePage, EditorPage } from './objects.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const PAGES = fileURLToPath(new URL('./pages', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CLINIC = { clinic: { name: { en: 'Harbour Light Clinic', es: 'Clínica Harbour Light' }, phone: '+1 555 010 0123' } };

let site;
let staticHtml;

/** A clinic's page: the error recorder first, then the README's snippet (or `body`). */
function hostPage({ attrs = '', column = '', body } = {}) {
  const widget = body ?? `<script type="module" src="/infusion-guide.js"></script>
<infusion-guide ${attrs}></infusion-guide>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Clinic</title>
<script src="/pages/errors.js"></script><link rel="stylesheet" href="/pages/engines.css"></head>
<body><h1>Our clinic</h1><main class="${column ? `column-${column}` : ''}">${widget}</main>
<p>After the guide.</p></body></html>`;
}

function html(res, body, headers = {}) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function file(path, type) {
  return (req, res) => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(readFileSync(path));
  };
}

const params = (req) => new URL(req.url, 'http://x').searchParams;

/** 80 questions more than the built-in guide's: a long FAQ, in lists of 20. One answer says "zebra". */
const LONG_FAQ = {
  faq: Array.from({ length: 80 }, (_, i) => ({
    id: `extra-${i + 1}`,
    question: { en: `Extra question ${i + 1}?`, es: `¿Pregunta ${i + 1}?` },
    answer: { en: i === 44 ? 'A zebra answer.' : 'A plain answer.', es: 'Una respuesta.' },
  })),
};

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  staticHtml = cli('render', 'content/default.json', '--lang', 'en');
  site = await serve(DIST, {
    routes: {
      '/pages/errors.js': file(`${PAGES}/errors.js`, 'text/javascript; charset=utf-8'),
      '/pages/engines.css': file(`${PAGES}/engines.css`, 'text/css; charset=utf-8'),
      '/host.html': (req, res) => html(res, hostPage({ attrs: params(req).get('attrs') ?? '', column: params(req).get('column') })),
      '/csp.html': (req, res) => html(res, hostPage(), { 'Content-Security-Policy': STRICT_CSP }),
      '/static.html': (req, res) => html(res, hostPage({ body: `<infusion-guide>${staticHtml}</infusion-guide>` }),
        { 'Content-Security-Policy': STRICT_CSP }),
      '/static-no-dsd.html': (req, res) => html(res, hostPage({
        body: `<infusion-guide>${staticHtml.replaceAll('<template shadowrootmode="open">', '<template data-was-shadowrootmode="open">')}</infusion-guide>`,
      })),
      '/long-faq.json': (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(LONG_FAQ));
      },
      '/harbour.json': (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(CLINIC));
      },
    },
  });
});

after(async () => {
  await site?.close();
});

for (const engine of ENGINES) {
  describe(engine, () => {
    const { newPage } = engineForSuite(engine);

    /** A fresh page with the guide of `path` open. */
    async function openGuide(path = '/host.html', size) {
      const page = await newPage(size);
      const guide = new GuidePage(page);
      await guide.open(site.url + path);
      return { page, guide };
    }

    async function noErrors(guide) {
      assert.deepEqual(await guide.errors(), [], `${engine}: errors in the page`);
    }

    test(`${engine}: the guide mounts with the crisis card first and its numbers as links`, async () => {
      const { page, guide } = await openGuide();
      const parts = await guide.parts();
      // The header holds the title and the language select; the crisis card comes next.
      assert.deepEqual(parts.slice(0, 2), ['ig-header', 'crisis'], `the parts begin ${parts.slice(0, 3)}`);
      const card = await guide.crisis();
      assert.ok(card.links.includes('tel:988'), `crisis links: ${card.links}`);
      assert.match(card.text, /988/);
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: steps go next and previous, with their progress`, async () => {
      const { page, guide } = await openGuide();
      assert.match(await guide.stepProgress(), /^Step 1 of \d+$/);
      await guide.click('[data-testid=next-step]');
      await guide.waitInRoot((root) => /^Step 2 of/.test(root.querySelector('[data-testid=step-progress]').textContent), null, 'step 2');
      await guide.click('[data-testid=next-step]');
      await guide.waitInRoot((root) => /^Step 3 of/.test(root.querySelector('[data-testid=step-progress]').textContent), null, 'step 3');
      await guide.click('[data-testid=previous-step]');
      await guide.waitInRoot((root) => /^Step 2 of/.test(root.querySelector('[data-testid=step-progress]').textContent), null, 'back to step 2');
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: a FAQ answer opens and closes by keyboard`, async () => {
      const { page, guide } = await openGuide();
      assert.equal((await guide.question('does-it-hurt')).expanded, 'false');
      await guide.focus('#faq-does-it-hurt button');
      await page.keys('Enter');
      await guide.waitInRoot((root) => root.querySelector('#faq-does-it-hurt button').getAttribute('aria-expanded') === 'true', null, 'open by Enter');
      assert.ok((await guide.question('does-it-hurt')).answerVisible, 'the answer shows');
      await page.keys('Space');
      await guide.waitInRoot((root) => root.querySelector('#faq-does-it-hurt button').getAttribute('aria-expanded') === 'false', null, 'closed by Space');
      assert.equal((await guide.question('does-it-hurt')).answerVisible, false, 'the answer is hidden again');
      // Tab moves on to the next question's button.
      await page.keys('Tab');
      assert.equal(await guide.inRoot((root) => root.activeElement?.closest('[data-testid=faq-item]')?.id), 'faq-what-will-i-feel');
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: the FAQ search, typed, finds words in answers and says how many match`, async () => {
      const { page, guide } = await openGuide();
      assert.match(await guide.text('label[for=ig-faq-search]'), /questions and answers/);
      await guide.search('machinery');
      // Only two answers say "machinery"; no question does.
      await guide.waitInRoot((root) => root.querySelector('[data-testid=faq-status]').textContent === '2 questions match', null, 'two matches');
      assert.deepEqual(await guide.shownQuestions(), ['can-i-drive', 'back-to-work']);
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: a long FAQ's search hides the lists of 20 with no match and shows them all again`, async () => {
      const { page, guide } = await openGuide('/host.html?attrs=' + encodeURIComponent('content-src="/long-faq.json"'));
      await guide.waitInRoot((root) => root.querySelectorAll('.ig-faq-long > dl.ig-faq-chunk').length > 4, null, 'the long FAQ in lists');
      const total = (await guide.shownQuestions()).length;
      assert.ok(total > 100, `${total} questions`);
      await guide.search('zebra');
      await guide.waitInRoot((root) => root.querySelector('[data-testid=faq-status]').textContent === '1 question matches', null, 'one match');
      assert.deepEqual(await guide.shownQuestions(), ['extra-45']);
      assert.equal(await guide.inRoot((root) => root.querySelectorAll('.ig-faq-chunk:not([hidden])').length), 1);
      await guide.inRoot((root) => root.querySelector('#faq-extra-45').scrollIntoView({ block: 'center' }));
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-long-faq-search.png`, { fullPage: false });
      await page.keys(...Array(5).fill('Backspace'));
      await guide.waitInRoot((root) => root.querySelector('[data-testid=faq-status]').textContent === '', null, 'the search cleared');
      assert.equal((await guide.shownQuestions()).length, total);
      assert.equal(await guide.inRoot((root) => root.querySelectorAll('.ig-faq-chunk[hidden]').length), 0);
      // Halfway down the questions, as a patient scrolling: questions, not gaps.
      await guide.inRoot((root) => root.querySelector('#faq-extra-50').scrollIntoView({ block: 'start' }));
      await page.waitFor(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
      const onScreen = await guide.inRoot((root) => [...root.querySelectorAll('[data-testid=faq-item]')]
        .map((item) => item.getBoundingClientRect())
        .filter((box) => box.height > 0 && box.bottom > 0 && box.top < innerHeight).length);
      assert.ok(onScreen >= 8, `${onScreen} questions on screen`);
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-long-faq.png`, { fullPage: false });
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: a #faq- link opens that question`, async () => {
      const { page, guide } = await openGuide('/host.html#faq-is-it-addictive');
      await guide.waitInRoot((root) => root.querySelector('#faq-is-it-addictive button').getAttribute('aria-expanded') === 'true', null, 'the linked question opens');
      assert.ok((await guide.question('is-it-addictive')).answerVisible);
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: the language select switches the guide to Spanish`, async () => {
      const { page, guide } = await openGuide();
      await guide.chooseLanguage('es');
      await guide.waitInRoot((root) => /Infusión de ketamina/.test(root.querySelector('.ig-title').textContent), null, 'the Spanish title');
      assert.match(await guide.stepProgress(), /^Paso 1 de \d+$/);
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: a clinic's content-src is applied`, async () => {
      const { page, guide } = await openGuide('/host.html?attrs=' + encodeURIComponent('content-src="/harbour.json"'));
      await guide.waitInRoot((root) => root.querySelector('[data-testid=guide]').textContent.includes('+1 555 010 0123'), null, "the clinic's phone");
      assert.match(await guide.text(), /Harbour Light Clinic/);
      assert.equal(await guide.inRoot((root) => root.querySelector('[data-testid=fallback-note]')), null, 'no fallback note');
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: under a strict CSP the guide renders, styled, with no violation`, async () => {
      const { page, guide } = await openGuide('/csp.html');
      assert.equal(await guide.style('[data-testid=guide]', 'paddingTop'), '20px');
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: the static page shows the whole guide, styled, every answer open`, async () => {
      const page = await newPage();
      const staticPage = new StaticGuidePage(page);
      await staticPage.open(site.url + '/static.html');
      const view = await page.waitFor(() => {
        const guide = document.querySelector('infusion-guide').shadowRoot?.querySelector('[data-testid=guide]');
        return guide && getComputedStyle(guide).paddingTop === '20px';
      }, null, { message: 'the styled static guide' }).then(() => staticPage.view());
      assert.equal(view.where, 'shadow root');
      assert.equal(view.crisisColour, 'rgb(179, 38, 30)', 'in the widget palette');
      assert.ok(view.totalAnswers > 10);
      assert.equal(view.answers, view.totalAnswers, 'every answer shows');
      assert.ok(view.crisisLinks.includes('tel:988'));
      // The <noscript> copy is never shown beside it.
      const hostHeight = await page.evaluate(() => document.querySelector('infusion-guide').getBoundingClientRect().height);
      assert.ok(Math.abs(hostHeight - view.height) < 2, `the element (${hostHeight}px) holds only the guide (${view.height}px)`);
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-static.png`);
      assert.deepEqual(await page.evaluate(() => window.__errors), []);
      await page.close();
    });

    test(`${engine}: the editor lists a problem with its line and column`, async () => {
      const page = await newPage();
      const editor = new EditorPage(page);
      await editor.open(site.url + '/editor.html');
      const source = await editor.source();
      const line = source.split('\n').findIndex((l) => l.includes('"#2f6b4f"')) + 1;
      const column = source.split('\n')[line - 1].indexOf('"#2f6b4f"') + 1;
      assert.ok(await editor.replace('"#2f6b4f"', '"red"'));
      const problems = await editor.problems();
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.ok(problems[0].startsWith(`Line ${line}, column ${column}: theme.accent`), problems[0]);
      await page.close();
    });

    test(`${engine}: the editor gives the guide as HTML, the same bytes as \`infusion-guide render\``, async () => {
      const page = await newPage();
      const editor = new EditorPage(page);
      await editor.open(site.url + '/editor.html');
      const html = await editor.staticHtml({ lang: 'es', region: 'uk', level: '3' });
      const { version } = JSON.parse(readFileSync(`${DIST}/integrity.json`, 'utf8'));
      const css = `https://cdn.jsdelivr.net/npm/infusion-guide@${version}/dist/infusion-guide.css`;
      const expected = renderWithCli(await editor.source(), ['--lang', 'es', '--region', 'uk', '--heading-level', '3', '--css-href', css]);
      assert.equal(html, expected, 'the same bytes as the command line');
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-editor-html.png`);
      await page.close();
    });

    test(`${engine}: the print rules show every step and answer, and no buttons`, async () => {
      const { page, guide } = await openGuide();
      const view = await guide.printView();
      assert.ok(view.rules > 5, `${view.rules} print rules`);
      assert.equal(view.answers, view.totalAnswers, 'every answer prints');
      assert.equal(view.steps, view.totalSteps, 'every step prints');
      assert.equal(view.buttons, 0, 'no buttons print');
      assert.ok(view.crisis, 'the crisis card prints');
      await page.close();
    });

    test(`${engine}: the narrow layout comes from a container inside the shadow root, not :host`, async () => {
      // Safari 17.0-17.4 ignore a container named on :host (WebKit bug 267046).
      const { page, guide } = await openGuide('/host.html?column=360');
      assert.equal(await guide.style(':host', 'containerName'), 'none');
      assert.equal(await guide.style('.ig-root', 'containerName'), 'infusion-guide');
      assert.equal(await guide.style('[data-testid=guide]', 'paddingTop'), '12px', 'narrow padding at 360 px');
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-360.png`);
      await page.close();
      const wide = await openGuide('/host.html');
      assert.equal(await wide.guide.style('[data-testid=guide]', 'paddingTop'), '20px', 'wide padding at 1280 px');
      await wide.page.screenshot(`${SCREENSHOTS}/engines-${engine}-1280.png`);
      await wide.page.close();
    });

    test(`${engine}: native controls follow the theme (color-scheme)`, async () => {
      const dark = await openGuide('/host.html?attrs=' + encodeURIComponent('theme="dark"'));
      assert.equal(await dark.guide.style('[data-testid=language]', 'colorScheme'), 'dark');
      assert.equal(await dark.guide.style('#ig-remember', 'colorScheme'), 'dark');
      await dark.page.screenshot(`${SCREENSHOTS}/engines-${engine}-1280-dark.png`);
      await dark.page.close();
      const light = await openGuide('/host.html?attrs=' + encodeURIComponent('theme="light"'));
      assert.equal(await light.guide.style('[data-testid=language]', 'colorScheme'), 'light');
      await light.page.close();
    });

    test(`${engine}: "Print these questions" keeps its marks until afterprint, also when print() returns at once`, async () => {
      const { page, guide } = await openGuide();
      // Safari's print() may return before it prints: stand in for that.
      await page.evaluate(() => {
        window.__printCalls = 0;
        window.print = () => {
          window.__printCalls += 1;
        };
      });
      await guide.click('#ig-questions button');
      await page.waitFor(() => window.__printCalls === 1, null, { message: 'print() called' });
      // Later, while the dialog would still be open, only the questions are marked to print.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const marked = () => guide.inRoot((root) => ({
        guide: root.querySelector('.ig').classList.contains('ig-printing-part'),
        part: root.querySelector('#ig-questions').classList.contains('ig-print-only'),
      }));
      assert.deepEqual(await marked(), { guide: true, part: true }, 'marked while printing');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.deepEqual(await marked(), { guide: false, part: false }, 'unmarked after printing');
      await noErrors(guide);
      await page.close();
    });

    test(`${engine}: the "remember on this device" choice says Safari forgets after 7 days`, async () => {
      const { page, guide } = await openGuide();
      assert.match(await guide.text('[data-testid=remember-note]'), /Safari.*7 days/);
      assert.equal(await guide.inRoot((root) => root.querySelector('[data-testid=remember]').getAttribute('aria-describedby')), 'ig-remember-note');
      await page.close();
    });
  });
}

// Older engines, emulated by switching a feature off.
for (const engine of ['firefox-esr-140', 'webkit']) {
  describe(`${engine} without hidden="until-found" (Firefox before 139, Safari before 26.2)`, () => {
    const { newPage } = engineForSuite(engine, { off: ['hiddenUntilFound'] });

    test(`${engine} without until-found: the FAQ search finds an answer's words in closed answers`, async () => {
      const page = await newPage();
      const guide = new GuidePage(page);
      await guide.open(site.url + '/host.html');
      const question = await guide.question('what-will-i-feel');
      // The engine really lacks it: `hidden` reads as a plain boolean.
      assert.equal(question.hiddenProperty, true, 'until-found is off in this engine');
      assert.equal(question.answerVisible, false);
      assert.match(await guide.text('label[for=ig-faq-search]'), /questions and answers/);
      await guide.search('floaty');
      await guide.waitInRoot((root) => root.querySelector('[data-testid=faq-status]').textContent === '1 question matches', null, 'one match');
      assert.deepEqual(await guide.shownQuestions(), ['what-will-i-feel']);
      assert.deepEqual(await guide.errors(), []);
      await page.close();
    });
  });
}

// A browser without declarative shadow DOM (Firefox before 123, Safari before
// 16.4) parses `<template shadowrootmode>` as a plain, inert template. No
// engine here can switch it off any more, so the page gives them exactly
// that: the same static page with the attribute renamed.
for (const engine of ['chromium', 'firefox']) {
  describe(`${engine} without declarative shadow DOM, JavaScript off`, () => {
    const { newPage } = engineForSuite(engine, { off: ['javascript'] });

    test(`${engine} without declarative shadow DOM or JavaScript: the static page shows its <noscript> copy, styled`, async () => {
      const page = await newPage();
      const staticPage = new StaticGuidePage(page);
      await staticPage.open(site.url + '/static-no-dsd.html');
      assert.equal(await page.evaluate(() => window.__errors), undefined, 'no script ran');
      const view = await staticPage.view();
      assert.equal(view.where, 'light DOM', 'the template stays inert');
      assert.ok(view.height > 1000, `the guide is ${view.height}px tall`);
      assert.equal(view.padding, '20px', 'styled by the widget stylesheet');
      assert.equal(view.crisisColour, 'rgb(179, 38, 30)', 'in the widget palette');
      assert.equal(view.answers, view.totalAnswers, 'every answer shows');
      assert.ok(view.crisisLinks.includes('tel:988'));
      await page.screenshot(`${SCREENSHOTS}/engines-${engine}-static-no-dsd.png`);
      await page.close();
    });
  });
}
