// The patient's guide in a real browser: accessibility (axe-core in light,
// dark and forced colours), keyboard use, small screens and zoom, print,
// deep links and languages. Screenshots go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch, GuidePage } from './browser.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../target/screenshots', import.meta.url));
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser;
let site;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  site = await serve(DIST, {
    routes: {
      // A host page with hostile root sizing and its own h1, for rem and heading checks.
      '/host.html': (req, res) => {
        const attrs = new URL(req.url, 'http://x').searchParams.get('attrs') ?? '';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>
<style>html { font-size: 10px } body { margin: 0 }</style></head>
<body><h1>Clinic</h1><script type="module" src="/infusion-guide.js"></script>
<infusion-guide ${attrs}></infusion-guide></body></html>`);
      },
    },
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens `path` in a fresh context and waits for the guide. */
async function open(path, { width = 1280, height = 900, colorScheme = 'light', forcedColors = 'none' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, forcedColors });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(site.url + path);
  const guide = new GuidePage(page);
  await guide.waitForGuide();
  return { page, guide, errors, close: () => context.close() };
}

async function axe(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).include('infusion-guide').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const mode of [
  { name: 'light', colorScheme: 'light' },
  { name: 'dark', colorScheme: 'dark' },
  { name: 'forced-colours', colorScheme: 'light', forcedColors: 'active' },
]) {
  test(`axe-core finds no WCAG 2.2 AA violation in ${mode.name} mode, all answers open`, async () => {
    const { page, guide, close } = await open('/index.html', mode);
    await guide.openAllAnswers();
    await guide.showAllSteps();
    assert.deepEqual(await axe(page), []);
    await close();
  });
}

test('screenshots at 320, 768 and 1280 px, light and dark, without horizontal scrolling', async () => {
  for (const width of [320, 768, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const { page, guide, close } = await open('/index.html', { width, colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${width}px ${colorScheme}: the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: `${SCREENSHOTS}/guide-${width}-${colorScheme}.png`, fullPage: width !== 1280 ? false : false });
      await guide.screenshot(`${SCREENSHOTS}/guide-${width}-${colorScheme}-full.png`);
      await close();
    }
  }
});

test('200% zoom (a 640 px wide viewport at twice the pixel density) does not scroll sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(site.url + '/index.html');
  const guide = new GuidePage(page);
  await guide.waitForGuide();
  await guide.openAllAnswers();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
  await context.close();
});

test('sizes do not follow the host page root font size', async () => {
  const { guide, close } = await open('/host.html');
  assert.equal(await guide.style('[data-testid=guide]', 'font-size'), '18px');
  await close();
});

test('headings start at level 2, or at the heading-level attribute', async () => {
  let { guide, close } = await open('/host.html');
  assert.equal(await guide.title(2).count(), 1);
  assert.equal(await guide.headingCount(1), 0);
  await close();
  ({ guide, close } = await open('/host.html?attrs=' + encodeURIComponent('heading-level="3"')));
  assert.equal(await guide.title(3).count(), 1);
  assert.equal(await guide.headingCount(2), 0);
  await close();
});

test('keyboard only: every control is reachable with Tab, shows a visible focus, and works with Enter and Space', async () => {
  const { page, guide, close } = await open('/index.html');
  const seen = new Set();
  let stepNextPressed = false;
  let faqOpened = false;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focused = await guide.focusedElement();
    if (!focused) {
      if (seen.size > 0) break; // focus left the widget, after having been inside it
      continue;
    }
    assert.ok(focused.outline, `no visible focus indicator on ${focused.tag} "${focused.key}"`);
    assert.ok(focused.inline || (focused.width >= 24 && focused.height >= 24), `${focused.tag} "${focused.key}" is smaller than 24 by 24 px`);
    seen.add(focused.key);
    if (focused.testid === 'next-step' && !stepNextPressed) {
      await page.keyboard.press('Enter');
      stepNextPressed = true;
      assert.match(await guide.stepProgress(), /^Step 2 of/);
    }
    if (focused.expanded === 'false' && !faqOpened) {
      await page.keyboard.press(' ');
      faqOpened = true;
      assert.equal((await guide.focusedElement()).expanded, 'true', 'Space opens a question');
    }
  }
  assert.ok(stepNextPressed, 'reached the next-step button');
  assert.ok(faqOpened, 'reached and opened a question');
  for (const expected of ['faq-search', 'faq-open-all', 'remember', 'language']) {
    assert.ok([...seen].includes(expected), `Tab never reached ${expected}`);
  }
  await close();
});

test('the focus ring of a question in a long FAQ is drawn whole, not clipped by the question it is in', async () => {
  // In a long FAQ, lists of questions and questions skip rendering while off
  // screen (content-visibility), which also clips their painting: the ring
  // must still show on every side.
  const { page, guide, close } = await open('/index.html', { width: 900 });
  const faq = Array.from({ length: 80 }, (_, i) => ({
    id: `question-${i + 1}`,
    question: { en: `Question ${i + 1}?` },
    answer: { en: `Answer ${i + 1}.` },
  }));
  await guide.setInlineContent({ languages: ['en'], fallback_language: 'en', faq }, 'en');
  await guide.waitForLongFaq(100);
  const second = guide.questionButtons().nth(1);
  await guide.questionButtons().first().focus();
  await page.keyboard.press('Tab'); // keyboard focus, so :focus-visible applies
  assert.equal(await guide.isFocusVisible(second), true);
  // The ring: 3 px of focus colour, then 3 px more of dark shadow, outside the
  // button. Read the pixels 5 px outside each side, at the middle.
  const outside = await guide.focusRingSides(second);
  assert.deepEqual(outside, { left: true, right: true, top: true, bottom: true });
  await close();
});

test('the contents list moves focus to the part without changing the page URL', async () => {
  const { page, guide, close } = await open('/index.html');
  const before = page.url();
  await guide.contentsLink('Questions').click();
  assert.equal(await guide.focusedId(), 'ig-faq-h');
  assert.equal(page.url(), before);
  await close();
});

test('a #faq-<id> link in the page URL opens that question', async () => {
  const { guide, close } = await open('/index.html#faq-can-i-drive');
  const question = guide.question('can-i-drive');
  await question.button.waitFor();
  await guide.waitForOpenQuestion('can-i-drive');
  assert.ok(await question.answer.isVisible());
  await close();
});

test('the language follows the element, then the page, and the switcher changes it', async () => {
  let { guide, close } = await open('/host.html?attrs=' + encodeURIComponent('lang="es"'));
  assert.equal(await guide.language(), 'es');
  assert.match(await guide.title(2).innerText(), /ketamina/i);
  await guide.chooseLanguage('en');
  assert.equal(await guide.language(), 'en');
  await close();
});

test('theme="dark" turns the guide dark even on a light device', async () => {
  const { guide, close } = await open('/host.html?attrs=' + encodeURIComponent('theme="dark"'));
  assert.equal(await guide.style('[data-testid=guide]', 'background-color'), 'rgb(21, 25, 30)');
  await close();
});

test('print shows the whole guide expanded, with link targets and without buttons', async () => {
  const { page, guide, close } = await open('/index.html');
  const state = await guide.printView();
  assert.equal(state.answers, state.totalAnswers, 'every answer prints');
  assert.equal(state.steps, state.totalSteps, 'every step prints');
  assert.equal(state.buttons, 0, 'no buttons in print');
  assert.ok(state.crisis, 'the crisis notice prints');
  assert.match(state.linkTarget, /tel:/);
  await page.pdf({ path: `${SCREENSHOTS}/guide-print.pdf`, format: 'A4' });
  await close();
});

test('"Print these questions" prints only the questions (and the crisis notice) of the guide', async () => {
  const { guide, close } = await open('/index.html');
  // What print would show: captured while the widget has marked the page for it.
  const printed = await guide.printQuestions();
  assert.ok(printed && printed.length > 3, 'print was called');
  assert.ok(printed[0].marked, 'the guide is marked for printing one part');
  const visible = await guide.printViewOfPart('ig-questions');
  assert.deepEqual(visible.sort(), ['ig-crisis', 'ig-questions']);
  assert.equal(await guide.markedForPrint(), false, 'the mark is removed after printing');
  await close();
});
