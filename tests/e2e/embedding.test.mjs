// "Embedding on any clinic site": the widget on plain, Bootstrap and hostile
// pages, under a strict Content-Security-Policy (same-origin and from a CDN),
// with Subresource Integrity, included twice, in a single-page app, ten to a
// page, through its JavaScript API and stub snippet, and with no requests,
// cookies or storage beyond its own. Pages are served from two local servers
// on 127.0.0.1 (two ports, so two origins); screenshots go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

/** The strict policy a clinic that hosts the widget itself can send. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Where the widget is served from in CROSS_ORIGIN_CSP; replaced by the real origin. */
export const CDN_ORIGIN = 'https://cdn.example';

/** The policy for a clinic page that loads the widget from a CDN (README lines). */
export const CROSS_ORIGIN_CSP = `default-src 'self'; script-src 'self' ${CDN_ORIGIN} 'wasm-unsafe-eval'; connect-src 'self' ${CDN_ORIGIN}; style-src 'self'`;

const E2E = dirname(fileURLToPath(import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const PAGES = join(E2E, 'pages');
const SCREENSHOTS = join(ROOT, 'target', 'screenshots');
const CLINIC_JSON = join(ROOT, 'examples', 'clinic.json');
const RECORD_JS = join(PAGES, 'record.js');
/** Bootstrap from npm (`bootstrap`), when installed; the test that needs it is skipped otherwise. */
const BOOTSTRAP_CSS = process.env.BOOTSTRAP_CSS || join(ROOT, 'node_modules', 'bootstrap', 'dist', 'css', 'bootstrap.min.css');

const CLINIC_PHONE = '+1 555 010 0199';
/** A second clinic, for a content-src that changes. */
const SECOND_CLINIC = {
  guide: { title: { en: 'Lakeside infusions: your visit', es: 'Infusiones Lakeside: su visita' } },
  clinic: { name: { en: 'Lakeside Clinic', es: 'Clínica Lakeside' }, phone: '+1 555 010 0222' },
};
const WAIT = { timeout: 15000 };

let browser;
/** The widget's "CDN": dist/ plus per-test routes (pages, content, fixtures). */
let site;
const routes = {};
/** A clinic's own site on another port (another origin), for cross-origin cases. */
let clinicSite;
const clinicRoutes = {};

// --- helpers -----------------------------------------------------------------

function page({ lang = 'en', head = '', body = '', title = 'Riverbend Mood Clinic' } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head>
<body>${body}</body></html>`;
}

function send(res, body, type, headers = {}) {
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const htmlRoute = (make, headers = {}) => (req, res) =>
  send(res, make(new URL(req.url, 'http://x').searchParams), 'text/html; charset=utf-8', headers);
const jsonRoute = (text) => (req, res) => send(res, text, 'application/json; charset=utf-8');
const fileRoute = (path, type) => (req, res) => send(res, readFileSync(path), type);

const LOADER = '<script type="module" src="/infusion-guide.js"></script>';

/** A fresh browser context and page that records console, errors, requests and widget events. */
async function open(url, { record = true, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  const log = { console: [], errors: [], pageErrors: [], requests: [] };
  p.on('console', (m) => {
    log.console.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') log.errors.push(m.text());
  });
  p.on('pageerror', (e) => log.pageErrors.push(String(e.stack || e.message)));
  p.on('request', (r) => log.requests.push(r.url()));
  if (record) await p.addInitScript({ path: RECORD_JS });
  if (url) await p.goto(url);
  return { context, page: p, log, close: () => context.close() };
}

/** Waits until `count` widget events of `type` have reached document. */
async function waitForEvents(p, type, count = 1, target = null) {
  try {
    await p.waitForFunction(
      ([type, count, target]) =>
        (window.__ig?.events ?? []).filter((e) => e.type === type && (target === null || e.target === target)).length >= count,
      [type, count, target],
      WAIT,
    );
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    const seen = await p.evaluate(() => window.__ig?.events ?? null).catch(() => null);
    assert.fail(`expected ${count} infusion-guide:${type} event(s)${target ? ` from #${target}` : ''} within ${WAIT.timeout / 1000} s; events seen: ${JSON.stringify(seen)}`);
  }
}

const events = (p, type) => p.evaluate((type) => window.__ig.events.filter((e) => e.type === type), type);

/** How many guides each widget element that `selector` matches holds, in document order. */
async function guideCounts(p, selector = 'infusion-guide') {
  return Promise.all((await GuidePage.all(p, selector)).map((guide) => guide.guideCount()));
}

/** Console messages that report a Content-Security-Policy violation. */
const cspMessages = (log) => log.console.filter((line) => /Content Security Policy|Refused to/i.test(line));

const sha384 = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

function pngSize(buffer) {
  // IHDR: width and height are the big-endian 32-bit numbers at bytes 16 and 20.
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** Compares two PNG screenshots pixel by pixel in the browser; returns the share of differing pixels. */
async function comparePngs(a, b) {
  const context = await browser.newContext();
  const p = await context.newPage();
  try {
    return await p.evaluate(async ([a, b]) => {
      const load = (src) => new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = reject;
        img.src = 'data:image/png;base64,' + src;
      });
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      if (ia.width !== ib.width || ia.height !== ib.height) return { sameSize: false, diff: 1 };
      const pixels = (img) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [pa, pb] = [pixels(ia), pixels(ib)];
      let differing = 0;
      for (let i = 0; i < pa.length; i += 4) {
        if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2] || pa[i + 3] !== pb[i + 3]) differing++;
      }
      return { sameSize: true, diff: differing / (pa.length / 4) };
    }, [a.toString('base64'), b.toString('base64')]);
  } finally {
    await context.close();
  }
}

// --- servers -------------------------------------------------------------------

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  Object.assign(routes, {
    '/clinic.json': fileRoute(CLINIC_JSON, 'application/json; charset=utf-8'),
    '/clinic-2.json': jsonRoute(JSON.stringify(SECOND_CLINIC, null, 2)),
    '/pages/record.js': fileRoute(RECORD_JS, 'text/javascript; charset=utf-8'),
    '/pages/layout.css': fileRoute(join(PAGES, 'layout.css'), 'text/css; charset=utf-8'),
    '/pages/hostile.css': fileRoute(join(PAGES, 'hostile.css'), 'text/css; charset=utf-8'),
    '/pages/bootstrap.min.css': fileRoute(BOOTSTRAP_CSS, 'text/css; charset=utf-8'),
  });
  site = await serve(DIST, { routes });
  Object.assign(clinicRoutes, {
    '/clinic.json': fileRoute(CLINIC_JSON, 'application/json; charset=utf-8'),
  });
  // Serves tests/e2e, so /pages/record.js and /pages/layout.css exist there too.
  clinicSite = await serve(E2E, { routes: clinicRoutes, cors: false });
  assert.notEqual(new URL(site.url).port, new URL(clinicSite.url).port);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await clinicSite?.close();
});

// --- a plain page ----------------------------------------------------------------

routes['/plain.html'] = htmlRoute(() => page({
  head: '<link rel="stylesheet" href="/pages/layout.css">',
  body: `<main><h1>Riverbend Mood Clinic</h1>${LOADER}
<infusion-guide content-src="/clinic.json"></infusion-guide></main>`,
}));

test('a plain page with content-src shows the clinic content, fires ready once and logs nothing', async () => {
  const { page: p, log, close } = await open(`${site.url}/plain.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await waitForEvents(p, 'ready');
  await guide.clinicPhone(CLINIC_PHONE).waitFor(WAIT);
  const tel = await guide.clinicPhoneLink().getAttribute('href');
  assert.equal(tel, 'tel:+15550100199');
  assert.equal(await guide.fallbackNote().count(), 0);
  await p.waitForTimeout(1000); // a second ready or a late error would arrive by now
  assert.equal((await events(p, 'ready')).length, 1, 'infusion-guide:ready fires once');
  assert.deepEqual(await events(p, 'error'), [], 'no infusion-guide:error');
  assert.deepEqual(log.errors, [], 'no console errors');
  assert.deepEqual(log.pageErrors, []);
  await close();
});

test('attributes changed later update the widget: lang, theme, region, heading-level, content-src', async () => {
  const { page: p, log, close } = await open(`${site.url}/plain.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await waitForEvents(p, 'ready');

  await guide.setAttribute('lang', 'es');
  await guide.waitForTitle(/ketamina/i);
  assert.equal(await guide.language(), 'es');

  await guide.setAttribute('theme', 'dark');
  await guide.waitForTheme('dark');
  assert.equal(await guide.style('[data-testid=guide]', 'background-color'), 'rgb(21, 25, 30)');

  await guide.setAttribute('region', 'uk');
  await guide.waitForCrisisText('116 123');
  assert.ok((await guide.crisisLinks()).filter((href) => href === 'tel:116123').length >= 1);

  await guide.setAttribute('heading-level', '3');
  await guide.title(3).waitFor({ state: 'attached', ...WAIT });
  assert.equal(await guide.headingCount(2), 0, 'no h2 left once headings start at 3');

  await guide.setAttribute('content-src', '/clinic-2.json');
  await guide.waitForTitle(SECOND_CLINIC.guide.title.es);
  await guide.clinicPhone('+1 555 010 0222').waitFor(WAIT);
  assert.equal(await guide.clinicPhone(CLINIC_PHONE).count(), 0, 'the first clinic is gone');
  await waitForEvents(p, 'ready', 2);
  assert.deepEqual(await events(p, 'error'), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

routes['/inline.html'] = htmlRoute(() => page({
  body: `<main>${LOADER}
<infusion-guide><script type="application/json">{ "guide": { "title": { "en": "Inline clinic guide" } } }</script></infusion-guide></main>`,
}));

test('inline content in a <script type="application/json"> child changes the title', async () => {
  const { page: p, log, close } = await open(`${site.url}/inline.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await guide.waitForTitle('Inline clinic guide');
  await waitForEvents(p, 'ready');
  assert.deepEqual(await events(p, 'error'), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

routes['/default.html'] = htmlRoute(() => page({ body: `<main>${LOADER}<infusion-guide></infusion-guide></main>` }));

test('a widget without content (the built-in guide) also fires infusion-guide:ready, once', async () => {
  const { page: p, log, close } = await open(`${site.url}/default.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  assert.match(await guide.titleText(), /ketamine/i);
  await waitForEvents(p, 'ready');
  await p.waitForTimeout(500);
  assert.equal((await events(p, 'ready')).length, 1);
  assert.deepEqual(await events(p, 'error'), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- the <div data-infusion-guide> form ----------------------------------------------

routes['/div.html'] = htmlRoute(() => page({
  body: `<main>${LOADER}
<div id="first" data-infusion-guide data-content-src="/clinic.json"></div></main>`,
}));

test('<div data-infusion-guide data-content-src> works, a div added later mounts, removing it unmounts', async () => {
  const { page: p, log, close } = await open(`${site.url}/div.html`);
  const first = new GuidePage(p, '#first');
  await first.waitForGuide();
  await first.clinicPhone(CLINIC_PHONE).waitFor(WAIT);

  await p.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'later';
    div.setAttribute('data-infusion-guide', '');
    div.setAttribute('data-content-src', '/clinic-2.json');
    document.querySelector('main').append(div);
  });
  const later = new GuidePage(p, '#later');
  await later.waitForGuide();
  await later.clinicPhone('+1 555 010 0222').waitFor(WAIT);
  assert.deepEqual(await guideCounts(p, '#first, #later'), [1, 1]);

  // A data- attribute changed later updates it too.
  await later.setAttribute('data-lang', 'es');
  await later.waitForTitle(SECOND_CLINIC.guide.title.es);

  await later.removeFromPage();
  assert.deepEqual(await guideCounts(p, '#first'), [1], 'the other widget stays');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- the JavaScript API and the stub snippet -------------------------------------------

const API_CONTENT = { guide: { title: { en: 'API clinic guide', es: 'Guía de la clínica API' } } };

routes['/api.html'] = htmlRoute(() => page({ body: `<main>${LOADER}<div id="api"></div></main>` }));

test('InfusionGuide.mount(div, { content, lang }) renders; update() switches; unmount() empties it', async () => {
  const { page: p, log, close } = await open(`${site.url}/api.html`);
  await p.waitForFunction(() => window.InfusionGuide?.version, null, WAIT);
  const version = await p.evaluate(() => window.InfusionGuide.version);
  assert.match(version, /^\d+\.\d+\.\d+/);
  await p.evaluate((content) => {
    window.handle = window.InfusionGuide.mount(document.querySelector('#api'), { content, lang: 'es' });
  }, API_CONTENT);
  const api = new GuidePage(p, '#api');
  await api.waitForGuide();
  await api.waitForTitle(API_CONTENT.guide.title.es);
  assert.equal(await api.language(), 'es');

  await p.evaluate(() => window.handle.update({ lang: 'en' }));
  await api.waitForTitle(API_CONTENT.guide.title.en);
  assert.equal(await api.language(), 'en');

  await p.evaluate(() => window.handle.unmount());
  await api.waitForUnmount();
  assert.equal((await api.shadowText()).trim(), '', 'nothing left in the shadow root');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

/** The stub snippet for the README: queues InfusionGuide.mount() calls made before the loader runs. */
const STUB = "window.InfusionGuide=window.InfusionGuide||{q:[],mount:function(e,o){var h={q:[],update:function(x){h.q.push(['update',x])},unmount:function(){h.q.push(['unmount'])}};this.q.push([e,o,h]);return h}};";

routes['/stub.html'] = htmlRoute(() => page({
  body: `<main><div id="early"></div>
<script>${STUB}
window.early = InfusionGuide.mount(document.getElementById('early'), { content: ${JSON.stringify(API_CONTENT)}, lang: 'es' });
window.early.update({ lang: 'en' });
window.queuedBeforeLoad = InfusionGuide.q.length;
</script>
${LOADER}</main>`,
}));

test('the stub snippet queues mount() and update() made before the loader; they apply after it loads', async () => {
  const { page: p, log, close } = await open(`${site.url}/stub.html`);
  const early = new GuidePage(p, '#early');
  await early.waitForGuide();
  assert.equal(await p.evaluate(() => window.queuedBeforeLoad), 1);
  await early.waitForTitle(API_CONTENT.guide.title.en);
  assert.equal(await early.language(), 'en', 'the queued update({ lang: "en" }) applied');
  // The handle the stub returned now drives the real widget.
  await p.evaluate(() => window.early.update({ lang: 'es' }));
  await early.waitForTitle(API_CONTENT.guide.title.es);
  await p.evaluate(() => window.early.unmount());
  await early.waitForUnmount();
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- host page styles: plain, Bootstrap, hostile ------------------------------------------

routes['/layout.html'] = htmlRoute((q) => {
  const sheets = (q.get('sheets') ?? '').split(',').filter(Boolean);
  const widget = q.get('widget') !== '0';
  return page({
    head: ['layout.css', ...sheets].map((s) => `<link rel="stylesheet" href="/pages/${s}">`).join('\n'),
    // The widget comes first, at the top of the column, so that the host's own
    // text (30 px on the hostile page) cannot shift it by a fraction of a pixel.
    body: `<main>${widget ? `${LOADER}\n<infusion-guide content-src="/clinic.json"></infusion-guide>` : ''}
<h1>Riverbend Mood Clinic</h1>
<p id="host-p">Ketamine infusions at our clinic. <a href="#">Call us</a> or <button type="button">book online</button>.</p>
<p>Questions about your own care? Ask at your next visit.</p></main>`,
  });
});

/** Computed styles inside the widget that a host page must not be able to change. */
const WIDGET_PROBES = {
  '[data-testid=guide]': ['font-size', 'font-family', 'font-weight', 'line-height', 'color', 'background-color', 'padding-top', 'padding-left', 'box-sizing', 'display', 'border-top-left-radius'],
  '.ig-title': ['font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom', 'display', 'box-sizing'],
  '#ig-steps-h': ['font-size', 'font-weight', 'margin-top', 'margin-bottom'],
  '.ig-part p': ['font-size', 'line-height', 'margin-top', 'margin-bottom', 'display'],
  '[data-testid=next-step]': ['font-size', 'font-family', 'min-height', 'height', 'width', 'padding-top', 'padding-left', 'display', 'box-sizing', 'border-top-width', 'background-color', 'color', 'cursor'],
  '[data-testid=faq-item] button': ['font-size', 'min-height', 'height', 'display', 'text-align', 'padding-top', 'border-top-width', 'cursor'],
  '[data-testid=faq-search]': ['font-size', 'height', 'width', 'box-sizing', 'padding-top', 'border-top-width'],
  'nav a': ['font-size', 'color', 'display', 'text-decoration-line'],
  '[data-testid=crisis]': ['font-size', 'padding-top', 'border-top-width', 'display', 'box-sizing', 'width'],
  '[data-testid=checklist] input': ['width', 'height', 'box-sizing'],
};

/** Every computed property of the host page's own `<p id="host-p">` (the host page's, outside the widget). */
const hostParagraphStyle = (p) => p.evaluate(() => {
  const style = getComputedStyle(document.querySelector('#host-p'));
  const out = {};
  for (let i = 0; i < style.length; i++) out[style[i]] = style.getPropertyValue(style[i]);
  return out;
});

async function measure(sheets, { screenshot } = {}) {
  const { page: p, log, close } = await open(`${site.url}/layout.html?sheets=${sheets.join(',')}`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await guide.clinicPhone(CLINIC_PHONE).waitFor(WAIT);
  const styles = await guide.styles(WIDGET_PROBES);
  const box = await guide.guideSize();
  const hostP = await hostParagraphStyle(p);
  const png = screenshot ? await guide.screenshot(join(SCREENSHOTS, screenshot)) : null;
  // The same page without the widget: the host <p> must look the same.
  await p.goto(`${site.url}/layout.html?sheets=${sheets.join(',')}&widget=0`);
  const hostPWithout = await hostParagraphStyle(p);
  await close();
  return { styles, box, hostP, hostPWithout, png, log };
}

let plainMeasure;
const plain = () => (plainMeasure ??= measure([], { screenshot: 'embed-plain.png' }));

function assertSameAsPlain(name, got, base) {
  for (const [selector, style] of Object.entries(base.styles)) {
    assert.ok(style, `plain page: ${selector} exists in the widget`);
    assert.deepEqual(got.styles[selector], style, `${name}: computed style of ${selector} differs from the plain page`);
  }
  assert.equal(got.box.width, base.box.width, `${name}: the guide's width differs from the plain page`);
  assert.equal(got.box.height, base.box.height, `${name}: the guide's height differs from the plain page`);
  assert.deepEqual(got.hostP, got.hostPWithout, `${name}: the widget changed the host page's <p>`);
  assert.deepEqual(got.log.errors, [], `${name}: console errors`);
  assert.deepEqual(got.log.pageErrors, [], `${name}: uncaught errors`);
}

async function assertSameScreenshot(name, png, base) {
  assert.deepEqual(pngSize(png), pngSize(base.png), `${name}: screenshot size differs from the plain page`);
  const { diff } = await comparePngs(png, base.png);
  console.log(`# ${name}: ${(diff * 100).toFixed(3)}% of the screenshot's pixels differ from the plain page`);
  assert.ok(diff <= 0.001, `${name}: ${(diff * 100).toFixed(3)}% of pixels differ from the plain page`);
}

test('plain page: widget sizes are its own (18 px text, 28 px title, 44 px buttons), 720 px wide', async () => {
  const base = await plain();
  assert.equal(base.styles['[data-testid=guide]']['font-size'], '18px');
  assert.equal(base.styles['.ig-title']['font-size'], '28px');
  assert.equal(base.styles['[data-testid=next-step]']['min-height'], '44px');
  assert.equal(base.box.width, 720);
  assert.deepEqual(base.hostP, base.hostPWithout, 'the widget changed the host page <p>');
  assert.deepEqual(base.log.errors, []);
});

test('a hostile stylesheet (!important globals, html 10px, button all:unset) changes nothing in the widget', async () => {
  const base = await plain();
  const hostile = await measure(['hostile.css'], { screenshot: 'embed-hostile.png' });
  assert.equal(hostile.hostP['font-size'], '30px', 'the hostile sheet did apply to the host page');
  assertSameAsPlain('hostile', hostile, base);
  await assertSameScreenshot('hostile', hostile.png, base);
});

test('a Bootstrap page (npm bootstrap), alone and with the hostile rules, changes nothing in the widget', async (t) => {
  if (!existsSync(BOOTSTRAP_CSS)) {
    t.skip(`Bootstrap is not installed: ${BOOTSTRAP_CSS} is missing (add the npm devDependency "bootstrap": "5.3.8")`);
    return;
  }
  const base = await plain();
  const bootstrap = await measure(['bootstrap.min.css'], { screenshot: 'embed-bootstrap.png' });
  assert.match(bootstrap.hostP['font-family'], /system-ui|apple-system/, 'Bootstrap did apply to the host page');
  assertSameAsPlain('bootstrap', bootstrap, base);
  await assertSameScreenshot('bootstrap', bootstrap.png, base);
  const both = await measure(['bootstrap.min.css', 'hostile.css']);
  assertSameAsPlain('bootstrap + hostile', both, base);
});

// --- Content-Security-Policy ---------------------------------------------------------

/** A page that inlines nothing: the recorder and the loader are same-origin files. */
const cspPage = (loaderOrigin = '') => page({
  head: `<script src="/pages/record.js"></script>\n<link rel="stylesheet" href="/pages/layout.css">`,
  body: `<main><h1>Riverbend Mood Clinic</h1>
<script type="module" src="${loaderOrigin}/infusion-guide.js"></script>
<infusion-guide content-src="/clinic.json"></infusion-guide></main>`,
});

async function assertRendersUnderCsp(url, policy, widgetOrigin) {
  const { page: p, log, close } = await open(url, { record: false });
  const response = await p.goto(url);
  assert.equal(response.headers()['content-security-policy'], policy);
  assert.equal(await p.evaluate(() => window.__ig?.listening), true, 'the external recorder ran');
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await waitForEvents(p, 'ready');
  await guide.clinicPhone(CLINIC_PHONE).waitFor(WAIT);
  const style = {
    background: await guide.style('[data-testid=guide]', 'background-color'),
    padding: await guide.style('[data-testid=guide]', 'padding-top'),
    fontSize: await guide.style('[data-testid=guide]', 'font-size'),
    sheets: await guide.styleSheetCount(),
  };
  assert.notEqual(style.background, 'rgba(0, 0, 0, 0)', 'the widget stylesheet applied (background)');
  assert.equal(style.padding, '20px', 'the widget stylesheet applied (padding)');
  assert.equal(style.fontSize, '18px');
  assert.equal(style.sheets, 2);
  for (const file of ['infusion-guide.js', 'infusion_guide_bg.wasm']) {
    assert.ok(log.requests.includes(`${widgetOrigin}/${file}`), `${file} came from ${widgetOrigin}`);
  }
  await p.waitForTimeout(500);
  assert.deepEqual(await p.evaluate(() => window.__ig.violations), [], 'securitypolicyviolation events');
  assert.deepEqual(cspMessages(log), [], 'CSP messages in the console');
  assert.deepEqual(await events(p, 'error'), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  // The recorder does see violations on this page: an inline style attribute is one.
  await p.evaluate(() => document.querySelector('h1').setAttribute('style', 'color: red'));
  await p.waitForFunction(() => window.__ig.violations.length > 0, null, WAIT);
  await close();
}

routes['/csp.html'] = htmlRoute(() => cspPage(), { 'Content-Security-Policy': STRICT_CSP });

test(`strict CSP, everything same-origin (${STRICT_CSP}): renders, styled, no violation`, async () => {
  await assertRendersUnderCsp(`${site.url}/csp.html`, STRICT_CSP, site.url);
});

test('strict CSP on the clinic origin, widget from a CDN origin (CROSS_ORIGIN_CSP): renders, no violation', async () => {
  const policy = CROSS_ORIGIN_CSP.replaceAll(CDN_ORIGIN, site.url);
  clinicRoutes['/csp-cdn.html'] = htmlRoute(() => cspPage(site.url), { 'Content-Security-Policy': policy });
  await assertRendersUnderCsp(`${clinicSite.url}/csp-cdn.html`, policy, site.url);
});

// --- Subresource Integrity -------------------------------------------------------------

function sriPage(integrity) {
  return page({
    head: '<link rel="stylesheet" href="/pages/layout.css">',
    body: `<main><h1>Riverbend Mood Clinic</h1>
<script type="module" src="${site.url}/infusion-guide.js" integrity="${integrity}" crossorigin="anonymous"></script>
<infusion-guide content-src="/clinic.json"></infusion-guide></main>`,
  });
}

test('SRI: the loader with integrity from dist/integrity.json loads; a wrong hash is refused quietly', async () => {
  const integrity = JSON.parse(readFileSync(join(DIST, 'integrity.json'), 'utf8'));
  assert.equal(integrity.loader, sha384(readFileSync(join(DIST, 'infusion-guide.js'))), 'integrity.json matches dist/infusion-guide.js');
  clinicRoutes['/sri.html'] = htmlRoute(() => sriPage(integrity.loader));
  clinicRoutes['/sri-wrong.html'] = htmlRoute(() => sriPage(sha384(Buffer.from('not the loader'))));

  let { page: p, log, close } = await open(`${clinicSite.url}/sri.html`);
  let guide = new GuidePage(p);
  await guide.waitForGuide();
  await guide.clinicPhone(CLINIC_PHONE).waitFor(WAIT);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();

  ({ page: p, log, close } = await open(`${clinicSite.url}/sri-wrong.html`));
  await p.waitForFunction(() => document.readyState === 'complete', null, WAIT);
  await p.waitForTimeout(1000);
  guide = new GuidePage(p);
  const state = {
    defined: await p.evaluate(() => !!customElements.get('infusion-guide')),
    shadow: await guide.hasShadowRoot(),
    api: await p.evaluate(() => !!window.InfusionGuide),
  };
  assert.deepEqual(state, { defined: false, shadow: false, api: false }, 'nothing of the widget ran');
  assert.ok(log.errors.some((e) => /integrity/i.test(e)), `the browser names the integrity failure: ${JSON.stringify(log.errors)}`);
  assert.ok(!log.requests.some((u) => u.endsWith('.wasm')), 'the wasm is not fetched');
  assert.deepEqual(log.pageErrors, [], 'no uncaught error');
  await close();
});

test('a tampered wasm file (one byte changed) does not run: an [infusion-guide] console error, no uncaught error, the guide as HTML', async () => {
  const wasm = Buffer.from(readFileSync(join(DIST, 'infusion_guide_bg.wasm')));
  wasm[Math.floor(wasm.length / 2)] ^= 0x01;
  const tampered = await serve(DIST, {
    routes: {
      '/infusion_guide_bg.wasm': (req, res) => send(res, wasm, 'application/wasm', { 'Access-Control-Allow-Origin': '*' }),
      '/clinic.json': routes['/clinic.json'],
      '/tampered.html': htmlRoute(() => page({ body: `<main>${LOADER}<infusion-guide content-src="/clinic.json"></infusion-guide></main>` })),
    },
  });
  try {
    const { page: p, log, close } = await open(`${tampered.url}/tampered.html`);
    await p.waitForFunction(() => window.InfusionGuide?.version, null, WAIT);
    const deadline = Date.now() + 15000;
    while (!log.errors.some((e) => e.startsWith('[infusion-guide]')) && Date.now() < deadline) await p.waitForTimeout(100);
    console.log(`# tampered wasm console errors: ${JSON.stringify(log.errors)}`);
    assert.ok(log.errors.some((e) => e.startsWith('[infusion-guide]')), `an [infusion-guide] console error: ${JSON.stringify(log.errors)}`);
    // The module never ran: the guide stays as static HTML (every step, no controls).
    const guide = new GuidePage(p);
    const shown = {
      guides: await guide.guideCount(),
      controls: await guide.controlCount(),
      call988: (await guide.phoneLinks()).includes('tel:988'),
    };
    assert.deepEqual(shown, { guides: 1, controls: 0, call988: true });
    assert.deepEqual(log.pageErrors, [], 'no uncaught error');
    await close();
  } finally {
    await tampered.close();
  }
});

// --- included twice ------------------------------------------------------------------

routes['/twice.html'] = htmlRoute(() => page({
  body: `<main>${LOADER}
<infusion-guide id="one"></infusion-guide>
${LOADER}
<script type="module" src="/infusion-guide.js?v=2"></script>
<infusion-guide id="two" lang="es"></infusion-guide>
<div id="three" data-infusion-guide></div></main>`,
}));

test('the loader included twice (same URL, and with ?v=2): one definition, one guide per element', async () => {
  const { page: p, log, close } = await open(null);
  await p.addInitScript(() => {
    const define = customElements.define.bind(customElements);
    window.__defined = [];
    customElements.define = (name, ...rest) => {
      window.__defined.push(name);
      return define(name, ...rest);
    };
  });
  await p.goto(`${site.url}/twice.html`);
  for (const id of ['#one', '#two', '#three']) await new GuidePage(p, id).waitForGuide();
  await p.waitForTimeout(1000); // a second copy would mount again by now
  assert.deepEqual(await p.evaluate(() => window.__defined), ['infusion-guide'], 'customElements.define called once');
  assert.deepEqual(await guideCounts(p, '#one, #two, #three'), [1, 1, 1]);
  assert.match(await new GuidePage(p, '#two').titleText(), /ketamina/i);
  assert.ok(log.requests.some((u) => u.endsWith('/infusion-guide.js?v=2')), 'the ?v=2 copy was loaded');
  assert.equal(log.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'the wasm is fetched once');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- a single-page app -----------------------------------------------------------------

routes['/spa.html'] = htmlRoute(() => page({ body: `<main id="app"><h1>Riverbend app</h1></main>${LOADER}` }));

test('SPA: 100 add/remove cycles do not grow wasm memory or JS event listeners', async () => {
  const { page: p, log, close } = await open(`${site.url}/spa.html`);
  await p.waitForFunction(() => window.InfusionGuide?.version, null, WAIT);
  await p.evaluate(() => {
    window.cycle = async (n) => {
      for (let i = 0; i < n; i++) {
        const el = document.createElement('infusion-guide');
        el.setAttribute('content-src', '/clinic.json');
        const ready = new Promise((resolve) => el.addEventListener('infusion-guide:ready', resolve, { once: true }));
        document.querySelector('#app').append(el);
        await ready;
        if (el.shadowRoot.querySelectorAll('[data-testid=guide]').length !== 1) throw new Error(`cycle ${i}: no guide`);
        el.remove();
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (el.shadowRoot.querySelectorAll('[data-testid=guide]').length !== 0) throw new Error(`cycle ${i}: not unmounted`);
      }
    };
  });
  const cdp = await p.context().newCDPSession(p);
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const counters = await cdp.send('Memory.getDOMCounters');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await p.evaluate(() => window.InfusionGuide.stats().wasmMemoryBytes);
    return { wasmMemoryBytes: wasm, jsEventListeners: counters.jsEventListeners, nodes: counters.nodes, jsHeapUsed: heap.usedSize };
  };
  await p.evaluate(() => window.cycle(10));
  const at10 = await sample();
  await p.evaluate(() => window.cycle(90));
  const at100 = await sample();
  console.log(`# SPA after 10 cycles:  ${JSON.stringify(at10)}`);
  console.log(`# SPA after 100 cycles: ${JSON.stringify(at100)}`);
  assert.equal(typeof at10.wasmMemoryBytes, 'number', 'InfusionGuide.stats().wasmMemoryBytes is a number');
  const leaks = [];
  if (at100.wasmMemoryBytes > at10.wasmMemoryBytes) leaks.push(`wasm memory grew from ${at10.wasmMemoryBytes} to ${at100.wasmMemoryBytes} bytes`);
  if (at100.jsEventListeners - at10.jsEventListeners > 5) leaks.push(`JS event listeners grew from ${at10.jsEventListeners} to ${at100.jsEventListeners}`);
  assert.deepEqual(leaks, [], `between cycle 10 and cycle 100: ${leaks.join('; ')}`);
  assert.equal(await p.evaluate(() => document.querySelectorAll('infusion-guide').length), 0);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- ten widgets on one page -------------------------------------------------------------

const TEN = Array.from({ length: 10 }, (_, i) => ({
  id: `w${i}`,
  lang: i % 2 ? 'es' : 'en',
  content: { guide: { title: { en: `Clinic ${i} guide`, es: `Guía de la clínica ${i}` } } },
}));

routes['/ten.html'] = htmlRoute(() => page({
  body: `<main>${LOADER}
${TEN.map((w) => `<infusion-guide id="${w.id}" lang="${w.lang}"><script type="application/json">${JSON.stringify(w.content)}</script></infusion-guide>`).join('\n')}
</main>`,
}));

test('ten widgets with their own content and language on one page; stepping one moves no other', async () => {
  const { page: p, log, close } = await open(`${site.url}/ten.html`);
  await waitForEvents(p, 'ready', 10);
  for (const w of TEN) {
    const guide = new GuidePage(p, `#${w.id}`);
    assert.equal(await guide.titleText(), w.content.guide.title[w.lang], `${w.id} title`);
    assert.equal(await guide.language(), w.lang, `${w.id} lang`);
  }
  const w3 = new GuidePage(p, '#w3');
  await w3.next();
  await w3.next();
  await waitForEvents(p, 'step', 2, 'w3');
  const current = await Promise.all((await GuidePage.all(p)).map((guide) => guide.shownStepIndex()));
  assert.deepEqual(current, [0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...new Set((await events(p, 'step')).map((e) => e.target))], ['w3']);
  assert.deepEqual(await guideCounts(p), Array(10).fill(1));
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- events ------------------------------------------------------------------------

test('step, faq-open and section events reach a listener on document with the right detail', async () => {
  const { page: p, log, close } = await open(`${site.url}/plain.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await waitForEvents(p, 'ready');

  await guide.next();
  await waitForEvents(p, 'step');
  const stepIds = await guide.stepIds();
  assert.deepEqual(await events(p, 'step'), [{ type: 'step', detail: stepIds[1], target: 'infusion-guide', bubbles: true, composed: true }]);

  const [faqId] = await guide.questionIds();
  await guide.question(faqId).button.click();
  await waitForEvents(p, 'faq-open');
  assert.deepEqual(await events(p, 'faq-open'), [{ type: 'faq-open', detail: faqId, target: 'infusion-guide', bubbles: true, composed: true }]);

  await guide.contentsLink('Questions').click();
  await waitForEvents(p, 'section');
  assert.deepEqual(await events(p, 'section'), [{ type: 'section', detail: 'faq', target: 'infusion-guide', bubbles: true, composed: true }]);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});

// --- privacy: requests, cookies, storage ------------------------------------------------

routes['/bare.html'] = htmlRoute(() => page({
  body: `<main><h1>Riverbend Mood Clinic</h1>${LOADER}<infusion-guide content-src="/clinic.json"></infusion-guide></main>`,
}));

test('no requests but its own files and the content; no cookies; no storage until the patient opts in', async () => {
  const { context, page: p, log, close } = await open(`${site.url}/bare.html`);
  const guide = new GuidePage(p);
  await guide.waitForGuide();
  await waitForEvents(p, 'ready');
  // Use it: step, questions, search, a checklist tick (not remembered yet).
  await guide.next();
  await guide.openAllAnswers();
  await guide.searchFaq('drive');
  await guide.tickChecklistItem(0);
  await guide.chooseLanguage('es');
  await p.waitForTimeout(1000);
  const allowed = new Set([
    `${site.url}/bare.html`,
    `${site.url}/infusion-guide.js`,
    `${site.url}/infusion_guide_bg.wasm`,
    `${site.url}/clinic.json`,
    `${site.url}/favicon.ico`,
  ]);
  const others = log.requests.filter((u) => !allowed.has(u));
  assert.deepEqual(others, [], 'requests other than the page, the loader, the wasm, the content and the favicon');
  assert.deepEqual(await context.cookies(), [], 'no cookies');
  assert.equal(await p.evaluate(() => document.cookie), '');
  const storage = () => p.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  assert.deepEqual(await storage(), { local: {}, session: {} }, 'no storage before the patient opts in');

  // The patient opts in: now (and only now) the ticks are kept on the device.
  await guide.rememberTicks(true);
  await p.waitForFunction(() => localStorage.length > 0, null, WAIT);
  const after = await storage();
  assert.deepEqual(Object.keys(after.local), ['infusion-guide:ticks:v1']);
  assert.deepEqual(after.session, {});
  await guide.rememberTicks(false);
  await p.waitForFunction(() => localStorage.length === 0, null, WAIT);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await close();
});
