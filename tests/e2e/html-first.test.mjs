// HTML first, in the three engines: the guide is on screen as HTML before the
// WebAssembly has started, the app takes its place without anything moving,
// and wherever the module cannot start the patient reads the whole guide as
// static HTML with the crisis numbers of the element's region and the
// clinic's phone, never an empty box.
//
// The cases where the widget cannot run: WebAssembly undefined (iOS Lockdown
// Mode, a policy), constructable stylesheets missing (Safari before 16.4,
// Firefox before 101), the .wasm answering 404, and a .wasm whose bytes do not
// match the loader's integrity hash. Each with a US clinic (content-src,
// region attribute) and a UK clinic (inline JSON whose crisis region is uk).
// Screenshots: target/screenshots/nowasm-{engine}-{case}-{region}.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { serve } from './server.mjs';
import { ENGINES, engineForSuite } from './engines.mjs';
import { GuidePage } from './objects.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const PAGES = fileURLToPath(new URL('./pages', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));

/** A question only the clinic's file has. */
const PARKING = {
  faq: [{
    id: 'where-to-park',
    question: { en: 'Where can my driver park?', es: '¿Dónde puede estacionar quien me lleva?' },
    answer: { en: 'In the lot behind the clinic.', es: 'En el estacionamiento detrás de la clínica.' },
  }],
};
const US = { clinic: { name: 'Harbour Light Clinic', phone: '+1 555 010 0123' } };
const UK = { clinic: { name: 'Thames Mood Clinic', phone: '+44 20 7946 0018' }, crisis: { region: 'uk' } };
const REGIONS = {
  us: {
    element: '<infusion-guide region="us" content-src="/harbour.json"></infusion-guide>',
    lang: 'en-US',
    crisis: 'tel:988',
    notCrisis: 'tel:116123',
    foreign: ['tel:116123', 'tel:999', 'tel:111'],
    phone: { href: 'tel:+15550100123', text: '+1 555 010 0123' },
  },
  uk: {
    element: `<infusion-guide><script type="application/json">${JSON.stringify(UK)}</script></infusion-guide>`,
    lang: 'en-GB',
    crisis: 'tel:116123',
    notCrisis: 'tel:988',
    foreign: ['tel:988', 'sms:988', 'tel:911'],
    phone: { href: 'tel:+442079460018', text: '+44 20 7946 0018' },
  },
};

/** What stops the widget, and where the loader comes from. */
const CASES = {
  'no-webassembly': { breaker: 'delete window.WebAssembly;', loader: '/infusion-guide.js' },
  'no-constructable-stylesheets': {
    breaker: `delete ShadowRoot.prototype.adoptedStyleSheets; delete Document.prototype.adoptedStyleSheets;
window.CSSStyleSheet = class { constructor() { throw new TypeError('Illegal constructor'); } };`,
    loader: '/infusion-guide.js',
  },
  'wasm-404': { breaker: '', loader: '/broken/infusion-guide.js' },
  'wasm-wrong-integrity': { breaker: '', loader: '/tampered/infusion-guide.js' },
};

let site;

function page({ lang = 'en', head = '', body }) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Clinic</title>
<script src="/pages/errors.js"></script><link rel="stylesheet" href="/pages/engines.css">${head}</head>
<body><h1>Our clinic</h1><main>${body}</main><p>After the guide.</p></body></html>`;
}

function send(res, body, type, status = 200) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

const params = (req) => new URL(req.url, 'http://x').searchParams;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const loader = readFileSync(`${DIST}/infusion-guide.js`);
  const wasm = readFileSync(`${DIST}/infusion_guide_bg.wasm`);
  const tampered = Buffer.from(wasm);
  tampered[Math.floor(tampered.length / 2)] ^= 0x01;
  const js = 'text/javascript; charset=utf-8';
  site = await serve(DIST, {
    routes: {
      '/pages/errors.js': (req, res) => send(res, readFileSync(`${PAGES}/errors.js`), js),
      '/pages/engines.css': (req, res) => send(res, readFileSync(`${PAGES}/engines.css`), 'text/css'),
      '/harbour.json': (req, res) => send(res, JSON.stringify(US), 'application/json'),
      '/broken/infusion-guide.js': (req, res) => send(res, loader, js),
      '/broken/infusion_guide_bg.wasm': (req, res) => send(res, 'not found', 'text/plain', 404),
      '/tampered/infusion-guide.js': (req, res) => send(res, loader, js),
      '/tampered/infusion_guide_bg.wasm': (req, res) => send(res, tampered, 'application/wasm'),
      // The module arrives late, as on a slow phone network: the HTML shows first.
      '/slow/infusion-guide.js': (req, res) => send(res, loader, js),
      '/slow/infusion_guide_bg.wasm': (req, res) => setTimeout(() => send(res, wasm, 'application/wasm'), 1500),
      '/nowasm.html': (req, res) => {
        const { breaker, loader: src } = CASES[params(req).get('case')];
        const region = REGIONS[params(req).get('region')];
        send(res, page({
          lang: region.lang,
          head: breaker ? `<script>${breaker}</script>` : '',
          body: `<script type="module" src="${src}"></script>${region.element}`,
        }), 'text/html; charset=utf-8');
      },
      '/takeover.html': (req, res) => send(res, page({
        lang: 'es',
        head: '<script src="/pages/takeover.js"></script>',
        body: `<script type="module" src="/slow/infusion-guide.js"></script>
<infusion-guide heading-level="3" theme="dark" region="uk"></infusion-guide>`,
      }), 'text/html; charset=utf-8'),
      '/pages/takeover.js': (req, res) => send(res, readFileSync(`${PAGES}/takeover.js`), js),
      '/parking.json': (req, res) => send(res, JSON.stringify(PARKING), 'application/json'),
      '/deeplink.html': (req, res) => send(res, page({
        body: '<script type="module" src="/infusion-guide.js"></script><infusion-guide content-src="/parking.json"></infusion-guide>',
      }), 'text/html; charset=utf-8'),
    },
  });
});

after(async () => {
  await site?.close();
});

/** What the patient sees in the element: the guide, its crisis links, the clinic's phone, the controls. */
function view() {
  const host = document.querySelector('infusion-guide');
  const root = host.shadowRoot;
  const guide = root?.querySelector('[data-testid=guide]');
  if (!guide) return { height: host.getBoundingClientRect().height, guide: false };
  const visible = (el) => el.getBoundingClientRect().height > 0;
  const answers = [...guide.querySelectorAll('.ig-answer')];
  const phone = [...guide.querySelectorAll('[data-testid=crisis] a[href^="tel:+"]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));
  return {
    guide: true,
    live: !!root.querySelector('[data-prerender]'),
    height: host.getBoundingClientRect().height,
    title: guide.querySelector('.ig-title')?.textContent ?? '',
    padding: getComputedStyle(guide).paddingTop,
    crisisLinks: [...guide.querySelectorAll('[data-testid=crisis] a[href]')].map((a) => a.getAttribute('href')),
    crisisVisible: visible(guide.querySelector('[data-testid=crisis]')),
    phone: phone[0] ?? null,
    controls: root.querySelectorAll('button, select, input').length,
    phoneLinks: [...root.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')].map((a) => a.getAttribute('href')),
    answers: answers.filter(visible).length,
    totalAnswers: answers.length,
    steps: [...guide.querySelectorAll('[data-testid=step]')].filter(visible).length,
  };
}

/** The guide's words, headings, ids and boxes, to compare the HTML and the app that replaces it. */
function snapshot() {
  const root = document.querySelector('infusion-guide').shadowRoot;
  const guide = root.querySelector('[data-testid=guide]');
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  };
  const ids = [...root.querySelectorAll('[id]')].map((el) => el.id);
  return {
    prerender: !!root.querySelector('[data-prerender]'),
    guides: root.querySelectorAll('[data-testid=guide]').length,
    lang: guide.getAttribute('lang'),
    theme: guide.getAttribute('data-theme'),
    text: guide.innerText,
    headings: [...guide.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.localName}:${h.textContent}`),
    duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    boxes: {
      guide: box(guide),
      title: box(guide.querySelector('.ig-title')),
      crisis: box(guide.querySelector('[data-testid=crisis]')),
      step: box(guide.querySelector('[data-testid=step]')),
      question: box(guide.querySelector('[data-testid=faq-item]')),
      disclaimer: box(guide.querySelector('[data-testid=disclaimer]')),
    },
  };
}

for (const engine of ENGINES) {
  describe(engine, () => {
    const suite = engineForSuite(engine);
    const newPage = () => suite.newPage({ width: 1280, height: 900 });

    for (const [name, { loader }] of Object.entries(CASES)) {
      for (const [regionName, region] of Object.entries(REGIONS)) {
        test(`${engine}: ${name}, ${regionName.toUpperCase()} clinic: the whole guide as HTML, its crisis numbers and the clinic's phone`, async () => {
          const p = await newPage();
          await p.goto(`${site.url}/nowasm.html?case=${name}&region=${regionName}`);
          const shown = await p.waitFor(
            (fn) => {
              const v = new Function(`return (${fn})()`)();
              // Styled: without constructable stylesheets, once the linked sheet has loaded.
              return v.guide && !v.live && v.phone && v.padding !== '0px' && v;
            },
            view.toString(),
            { message: 'the guide as HTML, styled, with the phone' },
          );
          assert.match(shown.title, /Ketamine infusion/);
          assert.ok(shown.height > 1500, `the element is ${shown.height}px tall`);
          assert.equal(shown.padding, '20px', 'styled by the widget stylesheet');
          assert.ok(shown.crisisVisible, 'the crisis card shows');
          assert.ok(shown.crisisLinks.includes(region.crisis), `crisis links: ${shown.crisisLinks}`);
          assert.ok(!shown.crisisLinks.includes(region.notCrisis), `not the other region's: ${shown.crisisLinks}`);
          assert.deepEqual(shown.phone, region.phone);
          // Nowhere in the guide (the FAQ, the disclaimer) another country's numbers.
          assert.deepEqual(shown.phoneLinks.filter((href) => region.foreign.includes(href)), [], `links: ${shown.phoneLinks}`);
          assert.equal(shown.controls, 0, 'no control that would do nothing');
          assert.ok(shown.totalAnswers > 5 && shown.answers === shown.totalAnswers, `answers shown: ${shown.answers} of ${shown.totalAnswers}`);
          assert.ok(shown.steps > 3, 'every step shows');
          if (loader !== '/infusion-guide.js' || name === 'no-webassembly') {
            await p.screenshot(`${SCREENSHOTS}/nowasm-${engine}-${name}-${regionName}.png`);
          }
          const errors = await p.evaluate(() => window.__errors);
          assert.deepEqual(errors.filter((e) => !e.startsWith('console.error: [infusion-guide] the widget could not start')), []);
          await p.close();
        });
      }
    }

    // Issue 13's regression: the question was not there yet when the link was read.
    test(`${engine}: a #faq- link to a question only in the clinic's content-src file opens it`, async () => {
      const p = await newPage();
      await p.goto(`${site.url}/deeplink.html#faq-where-to-park`);
      const guide = new GuidePage(p);
      await guide.waitForGuide();
      await guide.waitInRoot((root) => root.querySelector('#faq-where-to-park button')?.getAttribute('aria-expanded') === 'true', null, 'the linked question opens');
      assert.ok((await guide.question('where-to-park')).answerVisible);
      assert.deepEqual(await guide.errors(), []);
      await p.close();
    });

    test(`${engine}: the guide shows as HTML before the wasm, and the app takes its place without moving (es, heading level 3, dark, UK)`, async () => {
      const p = await newPage();
      await p.goto(`${site.url}/takeover.html`);
      const guide = new GuidePage(p);
      await p.waitFor(() => !!document.querySelector('infusion-guide')?.shadowRoot?.querySelector('[data-prerender=live] [data-testid=guide]'), null, { message: 'the HTML first' });
      const first = await p.evaluate(snapshot);
      await p.evaluate(() => window.__takeover.reset());
      assert.equal(await p.evaluate(() => window.__takeover.ready.length), 0, 'not ready before the app');
      await guide.waitForGuide();
      const app = await p.evaluate(snapshot);
      assert.equal(first.prerender, true);
      assert.equal(app.prerender, false);
      assert.equal(app.guides, 1, 'one guide: the app replaced the HTML');
      assert.deepEqual(app.duplicateIds, []);
      assert.deepEqual([first.lang, first.theme], ['es', 'dark']);
      assert.deepEqual([app.lang, app.theme], [first.lang, first.theme]);
      assert.equal(first.headings[0], 'h3:Infusión de ketamina para la depresión: qué esperar');
      assert.deepEqual(app.headings, first.headings);
      assert.equal(app.text, first.text, 'the same words');
      assert.deepEqual(app.boxes, first.boxes, 'nothing moved');
      const crisis = await guide.crisis();
      assert.ok(crisis.links.includes('tel:116123'), 'the UK numbers');
      // The FAQ and the disclaimer name the UK's numbers too, never 988 or 911.
      const links = await guide.inRoot((root) => [...root.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')].map((a) => a.getAttribute('href')));
      assert.ok(links.filter((href) => href === 'tel:999').length >= 2, `links: ${links}`);
      assert.deepEqual(links.filter((href) => /^(tel|sms):(988|911)$/.test(href)), []);
      const takeover = await p.evaluate(() => window.__takeover.read());
      assert.equal(takeover.ready.length, 1, 'one ready event');
      assert.deepEqual(takeover.ready[0], { html: false, controlsWork: true }, 'ready once the app is on screen');
      // Chromium reports layout shifts (Firefox and WebKit do not): none.
      if (takeover.cls !== null) assert.equal(takeover.cls, 0, 'no layout shift');
      console.log(`# ${engine}: layout shift during the takeover: ${takeover.cls ?? 'not reported by this engine'}`);
      await guide.click('[data-testid=next-step]');
      await guide.waitInRoot((root) => /^Paso 2 de/.test(root.querySelector('[data-testid=step-progress]').textContent), null, 'step 2');
      assert.deepEqual(await guide.errors(), []);
      await p.close();
    });
  });
}
