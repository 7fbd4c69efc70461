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
