// When the clinic's content cannot be used, the patient still gets the
// built-in guide with a one-line note, the console says why (starting with
// "[infusion-guide]"), the host page gets an `infusion-guide:error` event with
// the problems, and nothing is thrown at the page. One test per way a
// `content-src` can fail, plus content that is JSON but not valid content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const EXAMPLES = join(ROOT, 'examples');
const RECORD_JS = fileURLToPath(new URL('./pages/record.js', import.meta.url));
const CLINIC_JSON = readFileSync(join(EXAMPLES, 'clinic.json'));
const CLINIC_PHONE = '+1 555 010 0199';
/** MAX_CONTENT_BYTES in src/content/mod.rs. */
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
/** TIMEOUT_MS in src/embed/fetch.rs is 10 s; the test waits a little longer. */
const ERROR_WAIT = { timeout: 15000 };

/** `{"pad":"xxx…"}`, exactly `size` bytes: looks like JSON all the way. */
function paddedJson(size) {
  const shell = '{"pad":""}';
  return `{"pad":"${'x'.repeat(size - shell.length)}"}`;
}

const INVALID_JSON = `{
  "guide": {
    "title": { "en": "Broken" }
  },
}
`;

const UNKNOWN_FIELD = `{
  "guide": {
    "titel": { "en": "A typo" }
  }
}
`;

let browser;
let site;
/** Content on another origin that sends no CORS header. */
let noCors;
/** Responses held open for the "never answers" case, closed after the tests. */
const hanging = [];

const reply = (status, type, body, headers = {}) => (req, res) => {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
};

before(async () => {
  browser = await launch();
  noCors = await serve(EXAMPLES, { cors: false });
  site = await serve(DIST, {
    routes: {
      '/host.html': (req, res) => {
        const q = new URL(req.url, 'http://x').searchParams;
        const src = q.get('src');
        const inline = q.get('inline');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Riverbend Mood Clinic</h1><script type="module" src="/infusion-guide.js"></script>
<infusion-guide${src ? ` content-src="${src}"` : ''}>${inline ? `<script type="application/json">${inline}</script>` : ''}</infusion-guide>
</body></html>`);
      },
      '/clinic.json': reply(200, 'application/json', CLINIC_JSON),
      '/error-500.json': reply(500, 'text/plain', 'Internal Server Error'),
      '/never.json': (req, res) => {
        hanging.push(res); // never answers
      },
      '/page.json': reply(200, 'text/html; charset=utf-8', '<!doctype html><html><body><h1>Page not found</h1></body></html>'),
      '/page-as-json.json': reply(200, 'application/json', '<!doctype html><html><body><h1>Page not found</h1></body></html>'),
      '/invalid.json': reply(200, 'application/json', INVALID_JSON),
      '/unknown-field.json': reply(200, 'application/json', UNKNOWN_FIELD),
      '/too-large.json': reply(200, 'application/json', paddedJson(MAX_CONTENT_BYTES + 1), {
        'Content-Length': String(MAX_CONTENT_BYTES + 1),
      }),
      '/too-large-chunked.json': (req, res) => {
        // No Content-Length: the size is only known once the body is read.
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        const body = paddedJson(MAX_CONTENT_BYTES + 1);
        res.write(body.slice(0, 1024 * 1024));
        res.end(body.slice(1024 * 1024));
      },
      '/moved.json': (req, res) => res.writeHead(302, { Location: '/clinic.json' }).end(),
    },
  });
});

after(async () => {
  for (const res of hanging) res.destroy();
  await browser?.close();
  await site?.close();
  await noCors?.close();
});

/**
 * Opens a page whose widget has `src` (a path on the site, or a full URL) or
 * inline content, waits for `infusion-guide:error`, and checks the fallback.
 * Returns the error detail and the console errors for more checks.
 */
async function expectFallback({ src = null, inline = null, message }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e.stack || e.message)));
  await page.addInitScript({ path: RECORD_JS });
  const query = new URLSearchParams();
  if (src) query.set('src', src);
  if (inline) query.set('inline', inline);
  try {
    await page.goto(`${site.url}/host.html?${query}`);
    const guide = new GuidePage(page);
    await guide.waitForGuide();
    await page.waitForFunction(() => window.__ig.events.some((e) => e.type === 'error'), null, ERROR_WAIT);
    await page.waitForFunction(() => window.__ig.events.some((e) => e.type === 'ready'), null, ERROR_WAIT);
    const errors = await page.evaluate(() => window.__ig.events.filter((e) => e.type === 'error'));
    assert.equal(errors.length, 1, 'one infusion-guide:error');
    const [event] = errors;
    assert.ok(event.bubbles && event.composed, 'the error event bubbles and is composed');
    assert.ok(Array.isArray(event.detail) && event.detail.length > 0, `a non-empty detail array: ${JSON.stringify(event.detail)}`);
    for (const item of event.detail) {
      assert.deepEqual(Object.keys(item).sort(), ['column', 'line', 'message', 'path']);
    }
    assert.match(event.detail[0].message, message, `the first message says why: ${JSON.stringify(event.detail)}`);

    // The patient keeps the built-in guide, and is told in one line.
    await guide.guide().getByTestId('fallback-note').waitFor({ state: 'visible', ...ERROR_WAIT });
    assert.match(await guide.guide().locator('.ig-title').innerText(), /Ketamine/);
    assert.equal(await guide.guide().locator('#ig-contact').getByText(CLINIC_PHONE).count(), 0, "not the clinic's content");
    assert.ok(await guide.guide().getByTestId('crisis').isVisible(), 'the crisis notice is there');

    const ours = consoleErrors.filter((e) => e.startsWith('[infusion-guide]'));
    assert.ok(ours.length >= 1, `a console error starting with [infusion-guide]: ${JSON.stringify(consoleErrors)}`);
    assert.deepEqual(pageErrors, [], 'no uncaught exception');
    return { detail: event.detail, consoleErrors: ours };
  } finally {
    await context.close();
  }
}

test('404: the built-in guide, the note, a console error and an error event naming the status', async () => {
  await expectFallback({ src: '/missing.json', message: /404/ });
});

test('500: the built-in guide and an error naming the status', async () => {
  await expectFallback({ src: '/error-500.json', message: /500/ });
});

test('a server that never answers: gives up after the 10 s timeout and falls back', async () => {
  const started = Date.now();
  await expectFallback({ src: '/never.json', message: /did not answer/ });
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds >= 9, `waited ${seconds.toFixed(1)} s, less than the 10 s timeout`);
});

test('an HTML page (text/html) instead of JSON is named as a web page', async () => {
  await expectFallback({ src: '/page.json', message: /web page/ });
});

test('an HTML page sent as application/json is named as a web page too', async () => {
  await expectFallback({ src: '/page-as-json.json', message: /web page/ });
});

test('invalid JSON: the error has the line and column of the mistake', async () => {
  const { detail, consoleErrors } = await expectFallback({ src: '/invalid.json', message: /trailing comma/ });
  // The stray comma is the 4th character of line 4: `  },`.
  assert.deepEqual({ line: detail[0].line, column: detail[0].column }, { line: 4, column: 4 }, JSON.stringify(detail[0]));
  assert.ok(consoleErrors.some((e) => e.includes(`invalid.json:${detail[0].line}:${detail[0].column}:`)), `the console names file:line:column: ${JSON.stringify(consoleErrors)}`);
});

test('a file over the 2 MiB limit (Content-Length) is refused as larger than the limit', async () => {
  await expectFallback({ src: '/too-large.json', message: /larger/ });
});

test('a file over the 2 MiB limit sent without Content-Length is refused too', async () => {
  await expectFallback({ src: '/too-large-chunked.json', message: /larger/ });
});

test('a cross-origin content file without CORS is refused, and the message mentions CORS', async () => {
  const src = `${noCors.url}/clinic.json`;
  assert.notEqual(new URL(src).origin, new URL(site.url).origin);
  await expectFallback({ src, message: /CORS/ });
});

test('a redirect (302 to a valid file) is refused, and the message mentions the redirect', async () => {
  await expectFallback({ src: '/moved.json', message: /redirect/ });
});

test('valid JSON that is not valid content (an unknown field): path, line and column', async () => {
  const { detail } = await expectFallback({ src: '/unknown-field.json', message: /unknown field "titel"/ });
  assert.equal(detail[0].path, 'guide.titel');
  assert.equal(detail[0].line, 3, JSON.stringify(detail[0]));
  assert.equal(typeof detail[0].column, 'number', JSON.stringify(detail[0]));
  assert.ok(detail[0].column >= 1);
});

test('invalid inline content: the same fallback, with line and column', async () => {
  const { detail } = await expectFallback({ inline: UNKNOWN_FIELD, message: /unknown field "titel"/ });
  assert.equal(detail[0].line, 3, JSON.stringify(detail[0]));
  assert.equal(typeof detail[0].column, 'number');
});
