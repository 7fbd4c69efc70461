// The widget embeds with one script tag and renders inside an open shadow root,
// on the demo page and on a page of another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));

let browser;
let cdn;

before(async () => {
  browser = await launch();
  cdn = await serve(DIST);
});

after(async () => {
  await browser?.close();
  await cdn?.close();
});

async function openPage(url, errors) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  return page;
}

test('the demo page shows the guide inside an open shadow root', async () => {
  const errors = [];
  const page = await openPage(`${cdn.url}/index.html`, errors);
  const guide = new GuidePage(page);
  await guide.waitForGuide();
  const shadow = await page.evaluate(() => {
    const host = document.querySelector('infusion-guide');
    return {
      mode: host.shadowRoot?.mode,
      heading: host.shadowRoot?.querySelector('h2')?.textContent ?? null,
      lightText: host.textContent.trim(),
      sheets: host.shadowRoot?.adoptedStyleSheets.length,
      styleElements: host.shadowRoot?.querySelectorAll('style').length,
    };
  });
  assert.equal(shadow.mode, 'open');
  assert.match(shadow.heading, /ketamine/i);
  assert.equal(shadow.lightText, '', 'nothing is rendered into the host page light DOM');
  assert.equal(shadow.sheets, 2, 'styles come as adopted stylesheets: the shared one and the theme');
  assert.equal(shadow.styleElements, 0, 'no <style> element (blocked by a strict CSP)');
  await page.screenshot({ path: `${SCREENSHOTS}/demo-1280.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page on another origin with only the README snippet shows the guide', async () => {
  const host = await serve(DIST, {
    routes: {
      '/clinic.html': (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Nuestra clínica</h1>
<script type="module" src="${cdn.url}/infusion-guide.js"></script>
<infusion-guide></infusion-guide>
</body></html>`);
      },
    },
  });
  try {
    assert.notEqual(new URL(host.url).port, new URL(cdn.url).port);
    const errors = [];
    const page = await openPage(`${host.url}/clinic.html`, errors);
    const guide = new GuidePage(page);
    await guide.waitForGuide();
    assert.equal(await guide.guide().getAttribute('lang'), 'es', "follows the page's <html lang>");
    assert.match(await guide.guide().locator('h2').innerText(), /ketamina/i);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await host.close();
  }
});

test('removing the element unmounts the guide, adding it again mounts it once', async () => {
  const errors = [];
  const page = await openPage(`${cdn.url}/index.html`, errors);
  await new GuidePage(page).waitForGuide();
  const counts = await page.evaluate(async () => {
    const host = document.querySelector('infusion-guide');
    const parent = host.parentNode;
    host.remove();
    await new Promise((r) => setTimeout(r, 50));
    const afterRemove = host.shadowRoot.querySelectorAll('[data-testid=guide]').length;
    parent.appendChild(host);
    await new Promise((r) => setTimeout(r, 50));
    const afterAdd = host.shadowRoot.querySelectorAll('[data-testid=guide]').length;
    return { afterRemove, afterAdd };
  });
  assert.deepEqual(counts, { afterRemove: 0, afterAdd: 1 });
  assert.deepEqual(errors, []);
  await page.close();
});
