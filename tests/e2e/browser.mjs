// Launches Debian's Chromium for the end-to-end tests (never a downloaded one).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Chromium's flags here: as root, with a closed network (no background calls). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page object for one widget on a page, found by a CSS selector for its host. */
export class GuidePage {
  constructor(page, host = 'infusion-guide') {
    this.page = page;
    this.hostSelector = host;
    // A CSS selector, or a locator of one host (as `GuidePage.all` makes).
    this.host = typeof host === 'string' ? page.locator(host) : host;
  }

  /** One page object per widget element that `selector` matches now, in document order. */
  static async all(page, selector = 'infusion-guide') {
    return (await page.locator(selector).all()).map((host) => new GuidePage(page, host));
  }

  /**
   * The guide the patient sees, inside the shadow root (Playwright pierces
   * open shadow roots). A pasted static page also holds a `<noscript>` copy,
   * which is never shown where the shadow root is.
   */
  guide() {
    return this.host.getByTestId('guide').filter({ visible: true });
  }

  /**
   * Waits for the guide the patient can use: the loader's HTML (marked
   * `data-prerender`, shown before the wasm has started) replaced by the app.
   */
  async waitForGuide() {
    await this.guide().waitFor({ state: 'visible', timeout: 15000 });
    await this.host.locator('[data-prerender]').waitFor({ state: 'detached', timeout: 15000 });
  }

  // --- what the host page does to the element -------------------------------

  /** Sets an attribute of the widget's element, as the host page's script would. */
  setAttribute(name, value) {
    return this.host.evaluate((host, [name, value]) => host.setAttribute(name, value), [name, value]);
  }

  /** Puts `content` in the element as inline JSON and sets its `lang` (an attribute change reads the new inline content). */
  setInlineContent(content, lang) {
    return this.host.evaluate((host, [content, lang]) => {
      const json = Object.assign(document.createElement('script'), { type: 'application/json' });
      json.textContent = JSON.stringify(content);
      host.replaceChildren(json);
      host.setAttribute('lang', lang);
    }, [content, lang]);
  }

  /** Removes the widget's element from the page, as a host page's script would, and waits until it has unmounted. */
  async removeFromPage({ timeout = 15000 } = {}) {
    const host = await this.host.elementHandle();
    await host.evaluate((host) => host.remove());
    await waitForNoGuide(this.page, host, timeout);
  }

  /** Waits until the widget has unmounted: its shadow root holds no guide. */
  async waitForUnmount({ timeout = 15000 } = {}) {
    await waitForNoGuide(this.page, await this.host.elementHandle(), timeout);
  }

  /** Whether the element has a shadow root (none until the widget's script has run). */
  hasShadowRoot() {
    return this.host.evaluate((host) => !!host.shadowRoot);
  }

  /** How many guides the element's shadow root holds (0 without a shadow root). */
  guideCount() {
    return this.host.evaluate((host) => host.shadowRoot?.querySelectorAll('[data-testid=guide]').length ?? 0);
  }

  /** All the text of the shadow root. */
  shadowText() {
    return this.host.evaluate((host) => host.shadowRoot.textContent);
  }

  /** Takes a screenshot of the widget into `path`, and gives back the PNG. */
  screenshot(path) {
    return this.host.screenshot({ path });
  }

  // --- what the patient sees -------------------------------------------------

  /** The guide's title (the first heading; of `level` when given). */
  title(level) {
    const title = this.guide().locator('.ig-title');
    return level === undefined ? title : title.and(this.guide().getByRole('heading', { level, includeHidden: true }));
  }

  /** The text of the guide's title, read from the shadow root at once (null without one). */
  titleText() {
    return this.host.evaluate((host) => host.shadowRoot.querySelector('.ig-title')?.textContent ?? null);
  }

  /** Waits until the title is `title` (a string, exactly; or a RegExp). */
  async waitForTitle(title, { timeout = 15000 } = {}) {
    const expected = title instanceof RegExp ? { source: title.source, flags: title.flags } : { text: title };
    await this.page.waitForFunction(([host, expected]) => {
      const root = host.shadowRoot;
      if (!root) return false;
      const text = root.querySelector('.ig-title')?.textContent;
      return expected.text !== undefined ? text === expected.text : new RegExp(expected.source, expected.flags).test(text ?? '');
    }, [await this.host.elementHandle(), expected], { timeout });
  }

  /** The language the guide is shown in (its `lang`). */
  language() {
    return this.guide().getAttribute('lang');
  }

  /** How many headings of `level` the guide has, hidden ones included. */
  headingCount(level) {
    return this.guide().getByRole('heading', { level, includeHidden: true }).count();
  }

  /** A heading of the guide, by its name. */
  heading(name, options = {}) {
    return this.guide().getByRole('heading', { name, ...options });
  }

  /** The summary under "In short". */
  summary() {
    return this.guide().getByTestId('summary');
  }

  /** The disclaimer at the foot of the guide. */
  disclaimer() {
    return this.guide().getByTestId('disclaimer');
  }

  /** The note that the clinic's content could not be used, shown over the built-in guide. */
  fallbackNote() {
    return this.guide().getByTestId('fallback-note');
  }

  /** The crisis notice. */
  crisisNotice() {
    return this.guide().getByTestId('crisis');
  }

  /** A link of the crisis notice, by its name ('Call 988'). */
  crisisLink(name) {
    return this.crisisNotice().getByRole('link', { name });
  }

  /** Where the crisis notice's links go (`tel:988`, `sms:988`, ...), in order. */
  crisisLinks() {
    return this.crisisNotice().locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  }

  /** Waits until the crisis notice's text contains `text`. */
  async waitForCrisisText(text, { timeout = 15000 } = {}) {
    await this.page.waitForFunction(
      ([host, text]) => !!host.shadowRoot?.querySelector('[data-testid=crisis]')?.textContent.includes(text),
      [await this.host.elementHandle(), text],
      { timeout },
    );
  }

  /** The `tel:` links of the guide, in order. */
  phoneLinks() {
    return this.guide().locator('a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  }

  /** The "Contact" part (found by id: its name changes with the language). */
  contact() {
    return this.guide().locator('#ig-contact');
  }

  /** The clinic's phone number `phone` where the contact part shows it. */
  clinicPhone(phone) {
    return this.contact().getByText(phone);
  }

  /** The contact part's first link that calls the clinic. */
  clinicPhoneLink() {
    return this.contact().locator('a[href^="tel:"]').first();
  }

  /** How many form controls (`tag`: buttons, fields, selects) the shadow root holds (-1 without a shadow root). */
  controlCount(tag = 'button, input, select') {
    return this.host.evaluate((host, tag) => host.shadowRoot?.querySelectorAll(tag).length ?? -1, tag);
  }

  // --- moving around -----------------------------------------------------------

  /** The contents list. */
  contents() {
    return this.guide().getByRole('navigation');
  }

  /** A link of the contents list, by its name ('Questions'). */
  contentsLink(name) {
    return this.contents().getByRole('link', { name, exact: true });
  }

  /** The language select (found by test id: its label changes with the language). */
  languageSelect() {
    return this.guide().getByTestId('language');
  }

  /** Chooses the language `lang` (a code such as 'es') in the guide's language select. */
  chooseLanguage(lang) {
    return this.languageSelect().selectOption(lang);
  }

  /** Waits until the guide has the theme `theme` ('dark', 'light' or 'auto'). */
  async waitForTheme(theme, { timeout = 15000 } = {}) {
    await this.page.waitForFunction(
      ([host, theme]) => host.shadowRoot?.querySelector('[data-testid=guide]')?.dataset.theme === theme,
      [await this.host.elementHandle(), theme],
      { timeout },
    );
  }

  // --- steps -------------------------------------------------------------------

  /** The steps, hidden ones included. */
  steps() {
    return this.guide().getByTestId('step');
  }

  /** The steps shown now. */
  shownSteps() {
    return this.steps().filter({ visible: true });
  }

  /** The ids of the steps, in order (without the `ig-step-` prefix). */
  stepIds() {
    return this.steps().evaluateAll((steps) => steps.map((s) => s.id.replace(/^ig-step-/, '')));
  }

  /** The place (from 0) of the first step not hidden, -1 if none, read from the shadow root. */
  shownStepIndex() {
    return this.host.evaluate((host) => [...host.shadowRoot.querySelectorAll('[data-testid=step]')].findIndex((s) => !s.hidden));
  }

  /** The line that says which step shows ("Step 2 of 7"), there only while one step shows. */
  stepProgressLine() {
    return this.guide().getByTestId('step-progress');
  }

  /** The text of the step progress line. */
  stepProgress() {
    return this.stepProgressLine().textContent();
  }

  /** Presses "Next step". */
  next() {
    return this.guide().getByTestId('next-step').click();
  }

  /** The button that shows all the steps or one at a time. */
  stepsToggle() {
    return this.guide().getByTestId('toggle-all-steps');
  }

  /** Whether all the steps show (the toggle is pressed). */
  async showingAllSteps() {
    return (await this.stepsToggle().getAttribute('aria-pressed')) === 'true';
  }

  /** Presses "Show all steps" and waits until it is pressed. */
  async showAllSteps() {
    await this.stepsToggle().click();
    await this.guide().locator('[data-testid=toggle-all-steps][aria-pressed="true"]').waitFor();
  }

  /** Presses the toggle to show one step at a time, and waits until it is no longer pressed. */
  async showOneStepAtATime() {
    await this.stepsToggle().click();
    await this.guide().locator('[data-testid=toggle-all-steps][aria-pressed="false"]').waitFor();
  }

  // --- questions and answers ---------------------------------------------------------------

  /** Presses "Open all" in the FAQ. */
  openAllAnswers() {
    return this.guide().getByTestId('faq-open-all').click();
  }

  /** Presses "Close all" in the FAQ. */
  closeAllAnswers() {
    return this.guide().getByTestId('faq-close-all').click();
  }

  /** Types `text` into the FAQ search. */
  searchFaq(text) {
    return this.guide().getByTestId('faq-search').fill(text);
  }

  /** The question `id` of the FAQ: `{ item, button, answer }`. */
  question(id) {
    const item = this.guide().locator(`#faq-${id}`);
    return { item, button: item.getByRole('button'), answer: this.guide().locator(`#faq-${id}-answer`) };
  }

  /** Waits until the question `id` is open (its button says it is expanded). */
  async waitForOpenQuestion(id, options = {}) {
    await this.page.waitForFunction(
      ([host, id]) => host.shadowRoot.querySelector(`#faq-${id} button`)?.getAttribute('aria-expanded') === 'true',
      [await this.host.elementHandle(), id],
      options,
    );
  }

  /** The ids of the FAQ's questions, in order (without the `faq-` prefix). */
  questionIds() {
    return this.guide().getByTestId('faq-item').evaluateAll((items) => items.map((item) => item.id.replace(/^faq-/, '')));
  }

  /** The buttons of the questions, hidden ones included; only the open (or closed) ones with `expanded`. */
  questionButtons({ expanded } = {}) {
    const options = expanded === undefined ? {} : { expanded };
    return this.guide().getByTestId('faq-item').getByRole('button', { includeHidden: true, ...options });
  }

  /** The answers of the FAQ, hidden ones included. */
  answers() {
    return this.guide().locator('dd.ig-answer');
  }

  /** Waits until the FAQ is a long one (lists of questions) with at least `questions` questions in its lists. */
  waitForLongFaq(questions) {
    return this.guide().locator('.ig-faq-long .ig-faq-chunk').getByTestId('faq-item').nth(questions - 1).waitFor({ state: 'attached' });
  }

  // --- the checklist ---------------------------------------------------------------------------

  /** Ticks the checklist's item number `index` (from 0). */
  tickChecklistItem(index = 0) {
    return this.guide().getByTestId('checklist').getByRole('checkbox').nth(index).check();
  }

  /** Ticks (or unticks) "Remember my ticks on this device" (found by test id: its label changes with the language). */
  rememberTicks(remember = true) {
    const box = this.guide().getByTestId('remember');
    return remember ? box.check() : box.uncheck();
  }

  // --- focus ---------------------------------------------------------------------------------

  /**
   * What has the focus inside the widget, or null: `{ key, tag, testid,
   * expanded, outline, width, height, inline }`; `outline` when a focus
   * outline of 2 px or more shows, `inline` for a link inside a sentence.
   */
  focusedElement() {
    return this.host.evaluate((host) => {
      const el = host.shadowRoot.activeElement;
      if (!el) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        key: el.dataset.testid || el.id || el.textContent.trim().slice(0, 40),
        tag: el.tagName,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        width: box.width,
        height: box.height,
        testid: el.dataset.testid || '',
        expanded: el.getAttribute('aria-expanded'),
        // Links inside a sentence are exempt from the target size (WCAG 2.5.8, inline).
        inline: el.tagName === 'A' && !el.className && !!el.closest('p, li'),
      };
    });
  }

  /** The id of what has the focus inside the widget (undefined when nothing has). */
  focusedId() {
    return this.host.evaluate((host) => host.shadowRoot.activeElement?.id);
  }

  /** Whether `control` has the focus, shown as keyboard focus (it matches `:focus-visible`). */
  isFocusVisible(control) {
    return control.evaluate((el) => el.matches(':focus-visible'));
  }

  /**
   * Which sides of `control` show a dark ring 5 px outside it, at the middle
   * of each side, read from a screenshot: `{ left, right, top, bottom }`.
   */
  async focusRingSides(control) {
    const box = await control.boundingBox();
    const clip = { x: box.x - 10, y: box.y - 10, width: box.width + 20, height: box.height + 20 };
    const png = await this.page.screenshot({ clip });
    return this.page.evaluate(async ({ src, width, height }) => {
      const img = new Image();
      await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = 'data:image/png;base64,' + src; });
      const canvas = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const dark = (x, y) => { const [r, g, b] = ctx.getImageData(x, y, 1, 1).data; return r + g + b < 200; };
      const scale = img.width / width; // device pixels per CSS pixel
      const at = (x, y) => dark(Math.round(x * scale), Math.round(y * scale));
      return { left: at(5, height / 2), right: at(width - 5, height / 2), top: at(width / 2, 5), bottom: at(width / 2, height - 5) };
    }, { src: png.toString('base64'), width: clip.width, height: clip.height });
  }

  // --- print ---------------------------------------------------------------------------------

  /**
   * Switches the page to print media and says what of the guide prints:
   * `{ answers, totalAnswers, steps, totalSteps, buttons, crisis, linkTarget }`
   * (`buttons`: those shown, other than the questions'; `linkTarget`: what
   * the crisis notice's first `tel:` link prints after itself).
   */
  async printView() {
    await this.page.emulateMedia({ media: 'print' });
    return this.host.evaluate((host) => {
      const root = host.shadowRoot;
      const visible = (el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none';
      const answers = [...root.querySelectorAll('.ig-answer')];
      const steps = [...root.querySelectorAll('[data-testid=step]')];
      // Question buttons print as the questions themselves; every other button is hidden.
      const buttons = [...root.querySelectorAll('button:not(.ig-disclosure)')].filter(visible);
      const tel = root.querySelector('[data-testid=crisis] a[href^="tel:"]');
      return {
        answers: answers.filter(visible).length,
        totalAnswers: answers.length,
        steps: steps.filter(visible).length,
        totalSteps: steps.length,
        buttons: buttons.length,
        crisis: visible(root.querySelector('[data-testid=crisis]')),
        linkTarget: getComputedStyle(tel, '::after').content,
      };
    });
  }

  /**
   * Presses "Print these questions" with the browser's print replaced by a
   * recorder (which, like Chromium's, fires afterprint before it returns),
   * and gives back what print saw: the guide's parts, `{ id, cls, marked }`
   * each, `marked` when the guide was marked for printing one part. Null if
   * print was not called.
   */
  async printQuestions() {
    await this.host.evaluate((host) => {
      window.print = () => {
        const article = host.shadowRoot.querySelector('[data-testid=guide]');
        window.__printed = [...article.children].map((el) => ({ id: el.id, cls: el.className, marked: article.classList.contains('ig-printing-part') }));
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await this.guide().getByRole('button', { name: 'Print these questions' }).click();
    return this.page.evaluate(() => window.__printed ?? null);
  }

  /**
   * Switches the page to print media, marks the guide for printing the part
   * `id` alone (as "Print these questions" does), and gives back the ids (or
   * classes) of the guide's parts that show then. The guide's mark is taken
   * off again; the part's stays.
   */
  async printViewOfPart(id) {
    await this.page.emulateMedia({ media: 'print' });
    return this.host.evaluate((host, id) => {
      const root = host.shadowRoot;
      const article = root.querySelector('[data-testid=guide]');
      article.classList.add('ig-printing-part');
      root.querySelector(`#${id}`).classList.add('ig-print-only');
      const shown = [...article.children].filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.id || el.className);
      article.classList.remove('ig-printing-part');
      return shown;
    }, id);
  }

  /** Whether the guide is marked for printing one part. */
  markedForPrint() {
    return this.host.evaluate((host) => host.shadowRoot.querySelector('[data-testid=guide]').classList.contains('ig-printing-part'));
  }

  // --- styles ----------------------------------------------------------------------------------

  /** The computed `property` ('font-size') of the first element in the shadow root that `selector` matches (null if none). */
  style(selector, property) {
    return this.host.evaluate((host, [selector, property]) => {
      const el = host.shadowRoot.querySelector(selector);
      return el ? getComputedStyle(el).getPropertyValue(property) : null;
    }, [selector, property]);
  }

  /** Computed styles in the shadow root: for each `{ selector: [property, ...] }`, `{ property: value }` of its first element (null if none). */
  styles(probes) {
    return this.host.evaluate((host, probes) => {
      const styles = {};
      for (const [selector, props] of Object.entries(probes)) {
        const el = host.shadowRoot.querySelector(selector);
        if (!el) {
          styles[selector] = null;
          continue;
        }
        const cs = getComputedStyle(el);
        styles[selector] = Object.fromEntries(props.map((prop) => [prop, cs.getPropertyValue(prop)]));
      }
      return styles;
    }, probes);
  }

  /** The guide's size in CSS pixels: `{ width, height }`. */
  guideSize() {
    return this.host.evaluate((host) => {
      const box = host.shadowRoot.querySelector('[data-testid=guide]').getBoundingClientRect();
      return { width: box.width, height: box.height };
    });
  }

  /** How many stylesheets the shadow root has adopted. */
  styleSheetCount() {
    return this.host.evaluate((host) => host.shadowRoot.adoptedStyleSheets.length);
  }
}

/** Waits until the widget element `host` (a handle) has a shadow root without a guide. */
function waitForNoGuide(page, host, timeout) {
  return page.waitForFunction(
    (host) => !!host.shadowRoot && host.shadowRoot.querySelectorAll('[data-testid=guide]').length === 0,
    host,
    { timeout },
  );
}

/**
 * A page object for the static guide (`infusion-guide render`) pasted inside
 * the element: shown without JavaScript, the widget mounting over it once
 * the loader comes.
 */
export class StaticGuidePage extends GuidePage {
  /** The box that keeps the language select's place (its word "Language"), before the widget mounts. */
  languagePlaceholder() {
    return this.guide().getByText('Language');
  }

  /** Adds the loader (`src`) to the page late, as a slow network would bring it, and waits for the widget's controls. */
  async loadWidget(src = '/infusion-guide.js') {
    await this.host.evaluate(
      (host, src) =>
        new Promise((resolve, reject) => {
          host.addEventListener('infusion-guide:ready', resolve, { once: true });
          const script = document.createElement('script');
          script.type = 'module';
          script.src = src;
          script.onerror = reject;
          document.head.append(script);
        }),
      src,
    );
    await this.stepsToggle().waitFor({ state: 'visible' });
  }
}

/** Reads a Playwright download into text (in memory, wherever the browser put the file). */
async function downloadedText(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A page object for the clinic's editor (editor.html): found by role or
 * label, and by id only where nothing else names an element (the status
 * lines, the cursor line, the preview's host).
 */
export class EditorPage {
  constructor(page) {
    this.page = page;
    this.preview = new GuidePage(page, '#preview');
    // The preview pane holds the widget too, whose shadow root has its own
    // "Language" label: the editor's controls are the unnamed row above it.
    const controls = page.getByRole('region', { name: 'Preview', exact: true }).locator('.preview-controls');
    /** The controls above the preview: language, colours, crisis numbers and width. */
    this.previewControls = {
      language: controls.getByLabel('Language', { exact: true }),
      colours: controls.getByLabel('Colours', { exact: true }),
      crisisNumbers: controls.getByLabel('Crisis numbers', { exact: true }),
      width: controls.getByRole('group', { name: 'Width', exact: true }),
    };
    const html = this.staticSection();
    /** The choices of "The guide as HTML": language, crisis numbers and heading level. */
    this.staticControls = {
      language: html.getByLabel('Language', { exact: true }),
      crisisNumbers: html.getByLabel('Crisis numbers', { exact: true }),
      headingLevel: html.getByLabel("Heading level of the guide's title", { exact: true }),
    };
  }

  /** Waits for the editor's first check of its file and for the preview. */
  async ready() {
    await this.preview.waitForGuide();
    await this.page.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 15000 });
  }

  /** The textarea with the file's text ("Content file (JSON)"). */
  sourceBox() {
    return this.page.getByLabel('Content file (JSON)', { exact: true });
  }

  /** The file's text, as it is in the textarea. */
  source() {
    return this.sourceBox().inputValue();
  }

  /** Replaces all of the file's text, as a paste would. */
  setSource(text) {
    return this.sourceBox().fill(text);
  }

  /** Waits until the file's text contains `text`. */
  async waitForSource(text) {
    const box = await this.sourceBox().elementHandle();
    await this.page.waitForFunction(([box, text]) => box.value.includes(text), [box, text]);
  }

  /** Selects the first `find` in the file's text and types `replacement` over it (throws if `find` is not there). */
  async typeOver(find, replacement) {
    const found = await this.sourceBox().evaluate((source, find) => {
      const start = source.value.indexOf(find);
      if (start === -1) return false;
      source.focus();
      source.setSelectionRange(start, start + find.length);
      return true;
    }, find);
    if (!found) throw new Error(`the editor text does not contain ${JSON.stringify(find)}`);
    await this.page.keyboard.type(replacement, { delay: 5 });
  }

  /** Puts the textarea's cursor at the start of the file (without focusing it). */
  putCursorAtStart() {
    return this.sourceBox().evaluate((source) => source.setSelectionRange(0, 0));
  }

  /** Where the textarea's cursor is: `{ focused, line, column }`, 1-based, in characters. */
  cursor() {
    return this.sourceBox().evaluate((source) => {
      const before = source.value.slice(0, source.selectionStart);
      return {
        focused: document.activeElement === source,
        line: before.split('\n').length,
        column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1,
      };
    });
  }

  /** The line under the textarea that says where the cursor is ("Cursor: line 1, column 1"). */
  cursorLine() {
    return this.page.locator('#caret');
  }

  /** The font family the file's text is shown in. */
  sourceFont() {
    return this.sourceBox().evaluate((source) => getComputedStyle(source).fontFamily);
  }

  /** Takes the focus from the textarea, and scrolls it and the page to the top. */
  scrollToTop() {
    return this.sourceBox().evaluate((source) => {
      source.blur();
      source.scrollTop = 0;
      window.scrollTo(0, 0);
    });
  }

  /** The "Problems" section. */
  problemsSection() {
    return this.page.getByRole('region', { name: 'Problems', exact: true });
  }

  /** The summary of the problems ("1 problem", "No problems: this file is valid"), a status line. */
  summary() {
    return this.problemsSection().getByRole('status');
  }

  /** Waits until the summary says the file is valid. */
  waitForNoProblems(options) {
    return this.summary().filter({ hasText: 'No problems: this file is valid' }).waitFor(options);
  }

  /** The problems listed, each a button that moves the cursor to it. */
  problems() {
    return this.problemsSection().getByRole('button');
  }

  /** The items of the list of problems. */
  problemItems() {
    return this.problemsSection().getByRole('listitem');
  }

  /** The text of each problem listed. */
  problemTexts() {
    return this.problems().allTextContents();
  }

  /** The status line above the text: opened, downloaded, started. */
  fileStatus() {
    return this.page.locator('#file-status');
  }

  /** Opens a file from this computer, named `name`, with the text `text`. */
  openFile(name, text) {
    return this.page.getByLabel('Open a file from this computer', { exact: true })
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Presses "Download JSON" and gives back the file: `{ name, text }`. */
  async downloadJson() {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Download JSON', exact: true }).click(),
    ]);
    return { name: download.suggestedFilename(), text: await downloadedText(download) };
  }

  /** Fills in "Start a new file for your clinic" ({ name, phone, email, website, bookingUrl, region }) and starts the file. */
  async newFile({ name, phone, email, website, bookingUrl, region }) {
    await this.page.getByText('Start a new file for your clinic', { exact: true }).click();
    const form = [
      ['Clinic name (required)', name],
      ['Phone patients call (required)', phone],
      ['Email (optional)', email],
      ['Website (optional)', website],
      ['Booking page (optional)', bookingUrl],
    ];
    for (const [label, value] of form) {
      if (value !== undefined) await this.page.getByLabel(label, { exact: true }).fill(value);
    }
    if (region !== undefined) await this.page.getByLabel('Country, for the crisis numbers', { exact: true }).selectOption(region);
    await this.page.getByRole('button', { name: 'Start the file', exact: true }).click();
  }

  /** The status line above the preview (showing your file, your last valid version, or the built-in guide). */
  previewStatus() {
    return this.page.locator('#preview-status');
  }

  /** Shows the preview in the language `lang` (a code such as 'es'). */
  previewIn(lang) {
    return this.previewControls.language.selectOption(lang);
  }

  /** Shows the crisis numbers of `region` in the preview ('' for the file's own). */
  previewCrisisNumbers(region) {
    return this.previewControls.crisisNumbers.selectOption(region);
  }

  /** Chooses the preview's width by its label ('Phone (375 px)' or 'Full width'). */
  choosePreviewWidth(label) {
    return this.previewControls.width.getByLabel(label, { exact: true }).check();
  }

  /** How wide the preview is, in CSS pixels. */
  previewWidth() {
    return this.preview.host.evaluate((host) => host.getBoundingClientRect().width);
  }

  /** The `tel:` links of the preview, in order. */
  previewPhoneLinks() {
    return this.preview.guide().locator('a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  }

  /** Waits until the preview links to the phone number `number` (as in `tel:131114`). */
  waitForPreviewPhone(number) {
    return this.preview.host.locator(`a[href="tel:${number}"]`).first().waitFor({ state: 'attached' });
  }

  /** The choices of a select (`{ value, label }` each), in order. */
  choices(select) {
    return select.locator('option').evaluateAll((options) => options.map((o) => ({ value: o.value, label: o.textContent })));
  }

  /** Waits until the first choice of a select reads `label`. */
  waitForFirstChoice(select, label) {
    return select.locator('option').first().filter({ hasText: label }).waitFor({ state: 'attached', timeout: 5000 });
  }

  /** The "Reading level" section. */
  readingLevel() {
    return this.page.getByRole('region', { name: 'Reading level', exact: true });
  }

  /** The reading level tables, one per language with a formula. */
  readabilityTables() {
    return this.readingLevel().getByRole('table');
  }

  /** The scrolling region of one language's reading level table (`language` as in 'Spanish (es)'). */
  readabilityTable(language) {
    return this.readingLevel().getByRole('region', { name: `Reading level table, ${language}`, exact: true });
  }

  /** The languages of the reading level section (its level-3 headings). */
  readabilityLanguages() {
    return this.readingLevel().getByRole('heading', { level: 3 }).allTextContents();
  }

  /** The rows of the reading level tables, one per part of the guide (header rows left out). */
  readabilityRows() {
    return this.readabilityTables().getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }

  /** The rows flagged as too hard to read. */
  hardParts() {
    return this.readingLevel().locator('tr.too-hard');
  }

  /** The notes that say how many parts of a language are too hard. */
  hardPartNotes() {
    return this.readingLevel().locator('.readability-note-hard');
  }

  /** The status line of the reading level section. */
  readabilityStatus() {
    return this.page.locator('#readability-status');
  }

  /** The "Put the guide on your website" section. */
  embedSection() {
    return this.page.getByRole('region', { name: 'Put the guide on your website', exact: true });
  }

  /** The choice "Where the widget's files come from". */
  filesFromGroup() {
    return this.page.getByRole('group', { name: "Where the widget's files come from", exact: true });
  }

  /** Chooses where the widget's files come from: 'cdn', or 'own' with the folder `folder` on the clinic's website. */
  async filesFrom(where, folder) {
    const group = this.filesFromGroup();
    if (where === 'cdn') await group.getByRole('radio', { name: 'The public CDN' }).check();
    else if (where === 'own') await group.getByRole('radio', { name: 'Your own website', exact: true }).check();
    else throw new Error(`files come from 'cdn' or 'own', not ${JSON.stringify(where)}`);
    if (folder !== undefined) await this.page.getByLabel('The folder on your website with infusion-guide.js', { exact: true }).fill(folder);
  }

  /** Says where the file will be on the clinic's website. */
  contentPath(path) {
    return this.page.getByLabel('Where the file will be on your website', { exact: true }).fill(path);
  }

  /** The embed snippet's text. */
  snippet() {
    return this.page.getByLabel('Embed snippet', { exact: true }).inputValue();
  }

  /** Presses "Copy embed snippet", waits for "Copied", and gives back what the clipboard holds. */
  async copySnippet() {
    await this.page.getByRole('button', { name: 'Copy embed snippet', exact: true }).click();
    await this.embedSection().getByRole('status').filter({ hasText: 'Copied' }).waitFor({ timeout: 5000 });
    return this.clipboard();
  }

  /** What the clipboard holds (the context needs the clipboard permissions). */
  clipboard() {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The "The guide as HTML" section. */
  staticSection() {
    return this.page.getByRole('region', { name: 'The guide as HTML', exact: true });
  }

  /** Chooses the language, crisis numbers ('' for the file's own) and heading level of the guide as HTML; each optional. */
  async chooseStatic({ lang, region, level } = {}) {
    if (lang !== undefined) await this.staticControls.language.selectOption(lang);
    if (region !== undefined) await this.staticControls.crisisNumbers.selectOption(region);
    if (level !== undefined) await this.staticControls.headingLevel.selectOption(String(level));
  }

  /** Presses "Download HTML", without waiting for a file (there is none while the file has problems). */
  pressDownloadHtml() {
    return this.staticSection().getByRole('button', { name: 'Download HTML', exact: true }).click();
  }

  /** Presses "Download HTML" and gives back the file: `{ name, text }`. */
  async downloadStaticHtml() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.pressDownloadHtml()]);
    return { name: download.suggestedFilename(), text: await downloadedText(download) };
  }

  /** Presses "Copy HTML", waits for "Copied", and gives back what the clipboard holds. */
  async copyStaticHtml() {
    const section = this.staticSection();
    await section.getByRole('button', { name: 'Copy HTML', exact: true }).click();
    await section.getByText('Copied').waitFor({ timeout: 5000 });
    return this.clipboard();
  }

  /** The two panes, "Your content file" and "Preview", as boxes in CSS pixels. */
  async paneBoxes() {
    const edit = await this.page.getByRole('region', { name: 'Your content file', exact: true }).boundingBox();
    const preview = await this.page.getByRole('region', { name: 'Preview', exact: true }).boundingBox();
    return { edit, preview };
  }
}
