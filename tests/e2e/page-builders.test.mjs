// The README's page-builder instructions, on pages made the way builders make
// them: a WordPress page (jQuery loaded, a theme's global stylesheet with rules
// for every div, heading, link and svg, the snippet inside a Custom HTML block
// inside the post's content) and a builder that strips unknown elements (the
// `div data-infusion-guide` form inside its code block). The guide must show,
// look as it does anywhere (the theme's rules stay outside its shadow root),
// and leave the page's jQuery and scripts working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** A theme's global stylesheet, as careless as they come. */
const THEME_CSS = `
* { box-sizing: content-box; }
body { font: 22px/2 "Comic Sans MS", cursive; color: #333; background: #fafafa; }
div { margin: 1.5em; padding: 0.5em; }
h1, h2, h3, h4 { font-size: 40px; color: crimson; text-transform: uppercase; }
a { color: hotpink; text-decoration: none; }
svg { width: 300px; height: 300px; }
button { background: yellow; border-radius: 0; font-size: 30px; }
`;

const html = (body) => `<!doctype html><html lang="en-US"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Ketamine therapy | Riverbend</title>
<link rel="stylesheet" href="/vendor/bootstrap.min.css"><link rel="stylesheet" href="/theme/style.css">
<script src="/vendor/jquery.min.js"></script>
<script>jQuery(function ($) { $('.entry-content > *').addClass('wp-processed'); window.__jqueryRan = true; });</script>
</head><body class="page-template-default"><div id="page" class="site"><main id="main" class="site-main">
<article class="page type-page"><div class="entry-content">${body}</div></article></main></div></body></html>`;

let site;
let browser;

before(async () => {
  const send = (type, body) => (req, res) => {
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  };
  site = await serve(DIST, {
    routes: {
      '/vendor/jquery.min.js': send('text/javascript', readFileSync(`${MODULES}/jquery/dist/jquery.min.js`)),
      '/vendor/bootstrap.min.css': send('text/css', readFileSync(`${MODULES}/bootstrap/dist/css/bootstrap.min.css`)),
      '/theme/style.css': send('text/css', THEME_CSS),
      // The WordPress Custom HTML block: the README's two lines, as pasted.
      '/wordpress.html': send('text/html; charset=utf-8', html(`<p>Before the guide.</p>
<div class="wp-block-html"><script type="module" src="/infusion-guide.js"></script>
<infusion-guide region="us"></infusion-guide></div><p>After the guide.</p>`)),
      // A builder that strips unknown elements: the div form in its code block.
      '/builder.html': send('text/html; charset=utf-8', html(`<div class="sqs-block code-block"><div class="sqs-block-content">
<script type="module" src="/infusion-guide.js"></script>
<div data-infusion-guide data-region="uk" data-lang="es"></div></div></div>`)),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path, host) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(site.url + path);
  const guide = new GuidePage(page, host);
  await guide.waitForGuide();
  return { page, guide, errors, close: () => context.close() };
}

/** How the guide looks where the theme's rules would show: the title, a link, a button, the visit picture. */
function looks(guide) {
  return guide.guide().evaluate((article) => {
    const style = (el) => getComputedStyle(el);
    const title = article.querySelector('.ig-title');
    const picture = article.querySelector('.ig-visit-bar');
    return {
      titleSize: style(title).fontSize,
      titleColour: style(title).color,
      titleCase: style(title).textTransform,
      font: style(article).fontFamily.includes('Comic'),
      buttonBackground: style(article.querySelector('button')).backgroundColor,
      pictureHeight: picture.getBoundingClientRect().height,
      pictureWidth: Math.round(picture.getBoundingClientRect().width) === Math.round(picture.parentElement.getBoundingClientRect().width),
    };
  });
}

test('WordPress: the snippet in a Custom HTML block, jQuery and a careless theme on the page', async () => {
  const { page, guide, errors, close } = await open('/wordpress.html', 'infusion-guide');
  const seen = await looks(guide);
  // None of the theme's rules reach into the guide.
  assert.equal(seen.titleSize, '28px', 'the widget\'s title size, not the theme\'s 40px');
  assert.notEqual(seen.titleColour, 'rgb(220, 20, 60)', 'not the theme\'s crimson');
  assert.equal(seen.titleCase, 'none');
  assert.equal(seen.font, false, 'not the theme\'s font');
  assert.notEqual(seen.buttonBackground, 'rgb(255, 255, 0)', 'not the theme\'s yellow');
  assert.equal(seen.pictureHeight, 16, 'the visit picture keeps its size (the theme sizes every svg)');
  assert.ok(seen.pictureWidth, 'the visit picture spans its figure');
  assert.equal(await page.evaluate(() => window.__jqueryRan && window.jQuery.fn.jquery), '3.7.1');
  assert.ok(await guide.guide().locator('a[href="tel:988"]').first().isVisible());
  // The page's own text around the block is still there and in order.
  assert.deepEqual(await page.locator('.entry-content > p').allTextContents(), ['Before the guide.', 'After the guide.']);
  assert.deepEqual(errors, []);
  await close();
});

test('a builder that strips unknown elements: the data-infusion-guide div in its code block', async () => {
  const { page, guide, errors, close } = await open('/builder.html', '[data-infusion-guide]');
  const seen = await looks(guide);
  assert.notEqual(seen.titleSize, '40px');
  assert.equal(seen.titleCase, 'none');
  assert.equal(seen.pictureHeight, 16);
  assert.match(await guide.guide().locator('.ig-title').textContent(), /Infusión de ketamina/);
  assert.ok(await guide.guide().locator('a[href="tel:116123"]').first().isVisible(), 'the UK numbers');
  assert.equal(await page.evaluate(() => window.__jqueryRan === true), true);
  assert.deepEqual(errors, []);
  await close();
});
