// The static page (`infusion-guide render`): the guide as HTML inside the
// <infusion-guide> element, in a declarative shadow root. Without JavaScript
// the whole guide shows, styled, every answer open, and passes axe-core; with
// JavaScript the widget mounts over it without moving the guide's top parts,
// and its controls work. Screenshots go to target/screenshots/.
//
// The HTML comes from the command-line tool (`cargo run`), so this file needs
// a Rust toolchain besides dist/ (`trunk build --release`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch, StaticGuidePage } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser;
let site;
let staticHtml;

/** The static guide, as a clinic makes it. */
function renderGuide(lang) {
  return execFileSync(
    'cargo',
    ['run', '--quiet', '--bin', 'infusion-guide', '--', 'render', 'content/default.json', '--lang', lang],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** A clinic's page with the static guide pasted in; the loader only with `?script`. */
function clinicPage(req, res) {
  const script = new URL(req.url, 'http://x').searchParams.has('script')
    ? '<script type="module" src="/infusion-guide.js"></script>'
    : '';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Clinic</title></head>
<body><h1>Ketamine infusion at our clinic</h1>${script}
<infusion-guide>${staticHtml}</infusion-guide>
<p>After the guide.</p></body></html>`);
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  staticHtml = renderGuide('en');
  assert.match(staticHtml, /^<template shadowrootmode="open"><link rel="stylesheet" href="infusion-guide.css">/);
  browser = await launch();
  // A strict CSP, as the README recommends: the static page needs no inline style.
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  site = await serve(DIST, {
    routes: {
      '/clinic.html': (req, res) => {
        res.setHeader('Content-Security-Policy', csp);
        clinicPage(req, res);
      },
    },
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens the clinic page in a fresh context; `errors` collects console errors and CSP reports. */
async function open(path, { javaScriptEnabled = true, width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(site.url + path, { waitUntil: 'load' });
  const guide = new StaticGuidePage(page);
  await guide.waitForGuide();
  return { page, guide, errors, close: () => context.close() };
}

/** The boxes of the parts that must not move when the widget mounts. */
async function topBoxes(guide) {
  const boxes = {
    guide: await guide.guide().boundingBox(),
    title: await guide.heading(/ketamine infusion for depression/i).boundingBox(),
    crisis: await guide.crisisNotice().boundingBox(),
    inShort: await guide.heading('In short', { exact: true }).boundingBox(),
    summary: await guide.summary().boundingBox(),
  };
  for (const [name, box] of Object.entries(boxes)) assert.ok(box, `${name} has no box`);
  return boxes;
}

test('without JavaScript the whole guide shows, styled, every answer open', async () => {
  const { page, guide, errors, close } = await open('/clinic.html', { javaScriptEnabled: false });
  const style = await guide.styles({ '[data-testid=guide]': ['padding-top', 'background-color', 'font-size'] });
  assert.deepEqual(style, { '[data-testid=guide]': { 'padding-top': '20px', 'background-color': 'rgb(255, 255, 255)', 'font-size': '18px' } });
  assert.equal(await page.evaluate(() => window.InfusionGuide), undefined);

  await assert.doesNotReject(guide.crisisLink('Call 988').waitFor());
  const steps = guide.steps();
  assert.ok((await steps.count()) > 1);
  for (const step of await steps.all()) assert.ok(await step.isVisible(), 'a step is hidden');
  const answers = guide.answers();
  assert.ok((await answers.count()) > 1);
  for (const answer of await answers.all()) assert.ok(await answer.isVisible(), 'an answer is hidden');
  assert.ok(await guide.heading('Does it hurt?').isVisible());
  assert.ok(await guide.disclaimer().isVisible());
  for (const control of ['button', 'input', 'select']) {
    assert.equal(await guide.controlCount(control), 0, `a ${control} without JavaScript`);
  }
  // The place-keeping boxes take room but show nothing.
  assert.equal(await guide.contents().count(), 0);
  assert.equal(await guide.languagePlaceholder().isVisible(), false);

  await guide.screenshot(`${SCREENSHOTS}/static-nojs.png`);
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core finds no WCAG 2.2 AA violation in the static guide', async () => {
  // axe-core needs the page's timers, which a context without JavaScript
  // never runs; without the loader script the page is the same static guide.
  const { page, close } = await open('/clinic.html');
  assert.equal(await page.evaluate(() => window.InfusionGuide), undefined);
  const results = await new AxeBuilder({ page }).withTags(WCAG).include('infusion-guide').analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, []);
  assert.ok(results.passes.length > 10, 'axe checked the guide');
  await close();
});

for (const width of [1280, 768, 360]) {
  test(`at ${width} px the widget mounts over the static guide without moving its top`, async () => {
    const { guide, errors, close } = await open('/clinic.html', { width });
    const before = await topBoxes(guide);
    // The loader comes after measuring, as a slow network would bring it.
    await guide.loadWidget();
    const after = await topBoxes(guide);
    for (const name of Object.keys(before)) {
      // The guide grows below (the controls); its top and width stay.
      for (const side of name === 'guide' ? ['x', 'y', 'width'] : ['x', 'y', 'width', 'height']) {
        const moved = Math.abs(after[name][side] - before[name][side]);
        assert.ok(moved <= 1, `${name}.${side} moved by ${moved}px: ${before[name][side]} -> ${after[name][side]}`);
      }
    }
    console.log(`# ${width}px: title y ${before.title.y} -> ${after.title.y}, "In short" y ${before.inShort.y} -> ${after.inShort.y}`);

    // The live guide starts as the static one was: every step, every answer open.
    assert.equal(await guide.showingAllSteps(), true);
    assert.equal(await guide.stepProgressLine().count(), 0);
    assert.ok((await guide.questionButtons().count()) > 1);
    assert.equal(await guide.questionButtons({ expanded: false }).count(), 0);
    assert.ok(await guide.contents().isVisible(), 'the contents list appears');
    assert.ok(await guide.languageSelect().isVisible(), 'the language select appears');

    // And its controls work.
    await guide.showOneStepAtATime();
    await assert.doesNotReject(guide.stepProgressLine().waitFor());
    assert.match(await guide.stepProgress(), /^Step 1 of \d+$/);
    await guide.next();
    assert.match(await guide.stepProgress(), /^Step 2 of \d+$/);
    assert.equal(await guide.shownSteps().count(), 1);
    await guide.closeAllAnswers();
    assert.equal(await guide.questionButtons({ expanded: true }).count(), 0);

    if (width === 1280) await guide.screenshot(`${SCREENSHOTS}/static-mounted.png`);
    assert.deepEqual(errors, []);
    await close();
  });
}
