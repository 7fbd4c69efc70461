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
    this.host = page.locator(host);
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
