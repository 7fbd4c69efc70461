// Page objects for the cross-engine suite (engines.test.mjs): what a test
// does to the guide, the static page and the editor, written once against
// the engine-neutral page API of engines.mjs. Elements are found by
// `data-testid`, id or role, inside the widget's shadow root.
//
// Every function passed to `page.evaluate`, `page.waitFor` or `page.click`
// runs in the page: it sees only its one JSON argument, never this module.

/** In the page: the shadow root of the widget host `host` (a CSS selector). */
const ROOT = `(host) => document.querySelector(host)?.shadowRoot`;

/** One widget on a page. */
export class GuidePage {
  constructor(page, host = 'infusion-guide') {
    this.page = page;
    this.host = host;
  }

  /** Opens `url` and waits until the guide is laid out and styled. */
  async open(url) {
    await this.page.goto(url);
    await this.waitForGuide();
  }

  /**
   * Waits for the guide the patient can use: laid out, styled, and the app
   * in place of the loader's HTML (marked `data-prerender`, shown before the
   * wasm has started).
   */
  waitForGuide() {
    return this.page.waitFor(({ host }) => {
      const root = document.querySelector(host)?.shadowRoot;
      const guide = root?.querySelector('[data-testid=guide]');
      // Styled: the widget's sheet gives the guide its padding.
      return guide && !root.querySelector('[data-prerender]') && guide.getBoundingClientRect().height > 0 && getComputedStyle(guide).paddingTop !== '0px';
    }, { host: this.host }, { message: 'the guide' });
  }

  /** Runs `fn(root, arg)` in the page with the widget's shadow root. */
  inRoot(fn, arg) {
    return this.page.evaluate(
      new Function('q', `const root = (${ROOT})(q.host); return (${fn})(root, q.arg);`),
      { host: this.host, arg },
    );
  }

  /** Waits until `fn(root, arg)` is truthy in the page. */
  waitInRoot(fn, arg, message) {
    return this.page.waitFor(
      new Function('q', `const root = (${ROOT})(q.host); return root && (${fn})(root, q.arg);`),
      { host: this.host, arg },
      { message },
    );
  }

  /** Clicks the element `css` matches in the shadow root, as a pointer would. */
  click(css) {
    return this.page.click(
      new Function('q', `return (${ROOT})(q.host).querySelector(q.css);`),
      { host: this.host, css },
    );
  }

  /** Moves keyboard focus to the element `css` matches. */
  focus(css) {
    return this.inRoot((root, css) => root.querySelector(css).focus(), css);
  }

  /** The ids (or test ids) of the guide's parts, in document order. */
  parts() {
    return this.inRoot((root) =>
      [...root.querySelector('[data-testid=guide]').querySelectorAll(':scope > *')]
        .filter((el) => el.getBoundingClientRect().height > 0)
        .map((el) => el.dataset.testid || el.id || el.className));
  }

  /** The crisis card: its heading, its phone links, and where it is. */
  crisis() {
    return this.inRoot((root) => {
      const card = root.querySelector('[data-testid=crisis]');
      return {
        top: card.getBoundingClientRect().top,
        text: card.innerText,
        links: [...card.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      };
    });
  }

  text(css = '[data-testid=guide]') {
    return this.inRoot((root, css) => root.querySelector(css)?.innerText ?? null, css);
  }

  stepProgress() {
    return this.text('[data-testid=step-progress]');
  }

  /** The FAQ question `id`: whether it is shown, open, and its answer visible. */
  question(id) {
    return this.inRoot((root, id) => {
      const item = root.getElementById(`faq-${id}`);
      const button = item.querySelector('button.ig-disclosure');
      const answer = root.getElementById(`faq-${id}-answer`);
      // A closed answer (`hidden="until-found"`) may keep a box of its own
      // while its content is skipped: what counts is whether its text shows.
      const text = answer.firstElementChild ?? answer;
      return {
        shown: !item.hidden && item.getBoundingClientRect().height > 0,
        expanded: button?.getAttribute('aria-expanded') ?? null,
        answerVisible: !answer.hasAttribute('hidden') && text.getBoundingClientRect().height > 0,
        hiddenProperty: answer.hidden,
      };
    }, id);
  }

  /** The ids of the questions the FAQ shows now. */
  shownQuestions() {
    return this.inRoot((root) =>
      [...root.querySelectorAll('[data-testid=faq-item]')].filter((el) => !el.hidden).map((el) => el.id.slice(4)));
  }

  /** Types `text` into the FAQ search with the keyboard. */
  async search(text) {
    await this.focus('[data-testid=faq-search]');
    await this.page.type(text);
  }

  /** Chooses `lang` in the guide's language select, as a change by the patient. */
  chooseLanguage(lang) {
    return this.inRoot((root, lang) => {
      const select = root.querySelector('[data-testid=language] select, select[data-testid=language]');
      select.value = lang;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, lang);
  }

  /** The computed value of `property` on the element `css` matches. */
  style(css, property) {
    return this.inRoot((root, [css, property]) => {
      const el = css === ':host' ? root.host : root.querySelector(css);
      return getComputedStyle(el)[property];
    }, [css, property]);
  }

  /**
   * Applies the widget's own `@media print` rules on screen, in a sheet
   * adopted after the widget's, and says what is visible then. No engine's
   * driver here can switch all three engines to print media, so the print
   * rules are taken as each engine parsed them and applied as screen rules.
   */
  printView() {
    return this.inRoot((root) => {
      const print = [];
      for (const sheet of root.adoptedStyleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule instanceof CSSMediaRule && rule.media.mediaText === 'print') {
            for (const inner of rule.cssRules) print.push(inner.cssText);
          }
        }
      }
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(print.join('\n'));
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      const visible = (el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none';
      const answers = [...root.querySelectorAll('.ig-answer')];
      const steps = [...root.querySelectorAll('[data-testid=step]')];
      const view = {
        rules: print.length,
        answers: answers.filter(visible).length,
        totalAnswers: answers.length,
        steps: steps.filter(visible).length,
        totalSteps: steps.length,
        buttons: [...root.querySelectorAll('button:not(.ig-disclosure)')].filter(visible).length,
        crisis: visible(root.querySelector('[data-testid=crisis]')),
      };
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      return view;
    });
  }

  /** What the page recorded as going wrong (tests/e2e/pages/errors.js). */
  errors() {
    return this.page.evaluate(() => window.__errors ?? ['the error recorder did not run']);
  }
}

/** The static guide (`infusion-guide render`) pasted into a page, without the loader. */
export class StaticGuidePage {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
  }

  /** What the patient sees of the guide: from the shadow root, or from the `<noscript>` copy. */
  view() {
    return this.page.evaluate(() => {
      const host = document.querySelector('infusion-guide');
      const scope = host.shadowRoot ?? host;
      const guide = scope.querySelector('[data-testid=guide]');
      if (!guide) return { where: 'nowhere', height: host.getBoundingClientRect().height };
      const visible = (el) => el.getBoundingClientRect().height > 0;
      const answers = [...guide.querySelectorAll('.ig-answer')];
      return {
        where: host.shadowRoot ? 'shadow root' : 'light DOM',
        height: guide.getBoundingClientRect().height,
        padding: getComputedStyle(guide).paddingTop,
        crisisColour: getComputedStyle(guide.querySelector('.ig-crisis-heading')).backgroundColor,
        answers: answers.filter(visible).length,
        totalAnswers: answers.length,
        crisisLinks: [...guide.querySelectorAll('[data-testid=crisis] a[href]')].map((a) => a.getAttribute('href')),
        title: guide.querySelector('.ig-title')?.textContent ?? null,
      };
    });
  }
}

/** The clinic's editor page (`editor.html`). */
export class EditorPage {
  constructor(page) {
    this.page = page;
    this.preview = new GuidePage(page, '#preview');
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.waitFor(() => document.getElementById('summary')?.textContent.includes('No problems'),
      null, { message: 'the editor to check the example' });
    await this.preview.waitForGuide();
  }

  /** Replaces the first `find` in the source with `replacement`, as an edit by the user. */
  replace(find, replacement) {
    return this.page.evaluate(([find, replacement]) => {
      const source = document.getElementById('source');
      const start = source.value.indexOf(find);
      if (start < 0) return false;
      source.focus();
      source.setSelectionRange(start, start + find.length);
      source.setRangeText(replacement, start, start + find.length, 'end');
      source.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    }, [find, replacement]);
  }

  source() {
    return this.page.evaluate(() => document.getElementById('source').value);
  }

  /**
   * Chooses the language, crisis numbers and heading level of "The guide as
   * HTML", presses "Download HTML", and gives back the file's text (caught as
   * the page hands it to the browser: engines differ in where downloads go).
   */
  async staticHtml({ lang, region, level }) {
    await this.page.evaluate(({ lang, region, level }) => {
      for (const [id, value] of [['static-lang', lang], ['static-region', region], ['static-level', level]]) {
        const select = document.getElementById(id);
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      window.__downloaded = null;
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => {
        blob.text().then((text) => { window.__downloaded = text; });
        return create.call(URL, blob);
      };
    }, { lang, region, level });
    await this.page.click(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Download HTML'));
    return this.page.waitFor(() => window.__downloaded, null, { timeout: 30_000, message: 'the HTML download' });
  }

  /** The problems listed, once there are some. */
  problems() {
    return this.page.waitFor(() => {
      const items = [...document.querySelectorAll('#problems button')].map((b) => b.textContent);
      return items.length ? items : null;
    }, null, { message: 'a problem in the list' });
  }
}
