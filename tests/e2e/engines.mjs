// The three browser engines a patient's browser is built on, behind one small
// page API, so that a cross-engine test is written once:
//
// - Chromium (Chrome, Edge, Samsung Internet): Debian's /usr/bin/chromium,
//   driven by puppeteer-core over the DevTools protocol;
// - Gecko (Firefox): Debian's firefox-esr, driven by puppeteer-core over
//   WebDriver BiDi (no geckodriver);
// - WebKit (Safari, every iPhone browser): WebKitGTK's MiniBrowser, driven by
//   WebKitWebDriver over classic WebDriver, under an Xvfb X server of its own
//   (MiniBrowser has no headless mode).
//
// The page API (`EnginePage`) is what all three can do: open a URL, run a
// function in the page, click an element a function returns (inside shadow
// roots too), press keys, take a screenshot. Media emulation is not in it:
// Firefox over BiDi and WebKit over classic WebDriver have none, so tests
// switch themes with the widget's attributes and read print rules directly.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { after, afterEach, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
/** Firefox ESR 140 beside Debian's current ESR (cargo xtask setup puts it there). */
export const FIREFOX_140 = process.env.FIREFOX_140 || '/opt/firefox-esr-140/usr/lib/firefox-esr/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines, by the name tests and screenshots use. */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** Every WebDriver request is answered within this, or the test fails (never hangs). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Starts `engine`: one of ENGINES, or `firefox-esr-140`, the previous ESR.
 * `off` switches engine features off to stand in for older browsers or
 * patients' settings: `hiddenUntilFound` (WebKit, and Firefox ESR 140, whose
 * pref still exists; current Firefox has dropped it) and `javascript`
 * (Chromium and Firefox). Resolves to `{ name, newPage({ width, height }), close() }`.
 */
export async function launchEngine(engine, { off = [] } = {}) {
  const javascript = !off.includes('javascript');
  switch (engine) {
    case 'chromium':
      if (off.some((f) => f !== 'javascript')) unknown(engine, off.join(', '));
      return puppeteerEngine('chromium', { javascript }, await puppeteer.launch({
        browser: 'chrome',
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      }));
    case 'firefox':
    case 'firefox-esr-140': {
      const esr140 = engine === 'firefox-esr-140';
      const prefs = {
        javascript: { 'javascript.enabled': false },
        ...(esr140 ? { hiddenUntilFound: { 'dom.hidden_until_found.enabled': false } } : {}),
      };
      const extraPrefsFirefox = Object.assign({}, ...off.map((f) => prefs[f] ?? unknown(engine, f)));
      return puppeteerEngine(engine, { javascript, esr140 }, await puppeteer.launch({
        browser: 'firefox',
        executablePath: esr140 ? FIREFOX_140 : FIREFOX,
        headless: true,
        extraPrefsFirefox,
        // ESR 140 cannot set a page's viewport over BiDi: its window size is the viewport.
        env: { ...process.env, MOZ_HEADLESS_WIDTH: '1280', MOZ_HEADLESS_HEIGHT: '900' },
      }));
    }
    case 'webkit': {
      const flags = { hiddenUntilFound: '--features=!HiddenUntilFound' };
      return webkitEngine(off.map((f) => flags[f] ?? unknown(engine, f)));
    }
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

/**
 * For the tests of one `describe`: starts `engine` (with `options`, as
 * `launchEngine`) before them and ends it after. `newPage(size)` gives a fresh
 * page (no storage, no cache), which is closed after its test even when the
 * test failed (WebKitWebDriver allows one page at a time).
 */
export function engineForSuite(engine, options) {
  let browser;
  const open = new Set();
  before(async () => {
    browser = await launchEngine(engine, options);
  });
  after(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const page of open) await page.close();
    open.clear();
  });
  return {
    async newPage(size) {
      const page = await browser.newPage(size);
      const close = page.close.bind(page);
      page.close = async () => {
        open.delete(page);
        await close();
      };
      open.add(page);
      return page;
    },
  };
}

function unknown(engine, feature) {
  throw new Error(`${engine}: cannot switch off ${feature}`);
}

/** Turns a function and its argument into a script body for any engine. */
function script(fn, arg) {
  return `return (${fn})(${JSON.stringify(arg ?? null)});`;
}

/**
 * The page API every engine offers. Subclasses implement `goto`, `evaluate`,
 * `click`, `keys`, `screenshot` and `close`.
 */
class EnginePage {
  /** Polls `fn(arg)` in the page until it returns a truthy value, which it resolves to. */
  async waitFor(fn, arg, { timeout = 15_000, message } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, arg);
        if (last) return last;
      } catch (error) {
        // A navigation in progress destroys the context: try again.
        last = error.message;
      }
      if (Date.now() > end) {
        throw new Error(`${this.engine}: timed out waiting for ${message ?? fn} (last: ${JSON.stringify(last)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Types `text` into the focused element, one key at a time. */
  async type(text) {
    await this.keys(...text);
  }
}

/** A key name as WebDriver's key codes want it. */
const WEBDRIVER_KEYS = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Space: ' ',
  Backspace: '\uE003',
  Shift: '\uE008',
  ArrowDown: '\uE015',
  ArrowUp: '\uE013',
};

class PuppeteerPage extends EnginePage {
  constructor(engine, page) {
    super();
    this.engine = engine;
    this.page = page;
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  evaluate(fn, arg) {
    return this.page.evaluate(new Function(script(fn, arg)));
  }

  async click(fn, arg) {
    const handle = await this.page.evaluateHandle(new Function(script(fn, arg)));
    const element = handle.asElement();
    if (!element) throw new Error(`${this.engine}: no element to click from ${fn}`);
    await element.click();
    await handle.dispose();
  }

  async keys(...keys) {
    for (const key of keys) {
      if (key === 'Shift+Tab') {
        await this.page.keyboard.down('Shift');
        await this.page.keyboard.press('Tab');
        await this.page.keyboard.up('Shift');
      } else {
        await this.page.keyboard.press(key === 'Space' ? ' ' : key);
      }
    }
  }

  async screenshot(path, { fullPage = true } = {}) {
    await this.page.screenshot({ path, fullPage });
  }

  close() {
    return this.page.close();
  }
}

function puppeteerEngine(name, { javascript = true, esr140 = false }, browser) {
  return {
    name,
    async newPage({ width = 1280, height = 900 } = {}) {
      // A fresh browser context per page: no storage or cache carries over.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      if (!esr140) await page.setViewport({ width, height });
      // Firefox takes this from a pref at launch; puppeteer's call is for Chromium.
      if (!javascript && name === 'chromium') await page.setJavaScriptEnabled(false);
      const enginePage = new PuppeteerPage(name, page);
      enginePage.close = () => context.close();
      return enginePage;
    },
    close: () => browser.close(),
  };
}

class WebDriverPage extends EnginePage {
  constructor(engine, request) {
    super();
    this.engine = engine;
    this.request = request;
  }

  async goto(url) {
    await this.request('POST', '/url', { url });
  }

  evaluate(fn, arg) {
    // WebDriver's execute awaits a returned promise, as puppeteer does.
    return this.request('POST', '/execute/sync', { script: script(fn, arg), args: [] });
  }

  async click(fn, arg) {
    const element = await this.evaluate(fn, arg);
    const id = element && Object.values(element)[0];
    if (!id) throw new Error(`${this.engine}: no element to click from ${fn}`);
    await this.request('POST', `/element/${id}/click`, {});
  }

  async keys(...keys) {
    const actions = [];
    for (const key of keys) {
      if (key === 'Shift+Tab') {
        actions.push(
          { type: 'keyDown', value: WEBDRIVER_KEYS.Shift },
          { type: 'keyDown', value: WEBDRIVER_KEYS.Tab },
          { type: 'keyUp', value: WEBDRIVER_KEYS.Tab },
          { type: 'keyUp', value: WEBDRIVER_KEYS.Shift },
        );
      } else {
        const value = WEBDRIVER_KEYS[key] ?? key;
        actions.push({ type: 'keyDown', value }, { type: 'keyUp', value });
      }
    }
    await this.request('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.request('DELETE', '/actions');
  }

  async screenshot(path) {
    // WebKitWebDriver answers a screenshot only when the document is taller
    // than the window; the test pages make sure of that.
    const png = await this.request('GET', '/screenshot');
    writeFileSync(path, Buffer.from(png, 'base64'));
  }
}

/** Waits for `child` to print a line matching `pattern` on `stream`. */
function waitForLine(stream, pattern, what) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), 20_000);
    stream.on('data', (chunk) => {
      text += chunk;
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

/**
 * WebKitGTK: an Xvfb display of its own, WebKitWebDriver on a free port, and
 * one WebDriver session (one MiniBrowser) per page. Each process is ended by
 * its own pid on close.
 */
async function webkitEngine(browserArgs) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const [, number] = await waitForLine(xvfb.stdio[3], /(\d+)\n/, 'Xvfb');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    env: {
      ...process.env,
      DISPLAY: `:${number}`,
      // Without it, screenshots come out blank under Xvfb.
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = () => {
    driver.kill('SIGKILL');
    xvfb.kill('SIGKILL');
  };
  const base = `http://127.0.0.1:${port}`;
  async function call(method, path, body) {
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(`webkit: ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    }
    return json.value;
  }
  // The driver listens once it is up; until then, requests are refused.
  for (let tries = 0; ; tries += 1) {
    try {
      await call('GET', '/status');
      break;
    } catch (error) {
      if (tries > 100) {
        stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    name: 'webkit',
    async newPage({ width = 1280, height = 900 } = {}) {
      const session = await call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', ...browserArgs] },
          },
        },
      });
      const prefix = `/session/${session.sessionId}`;
      const page = new WebDriverPage('webkit', (method, path, body) => call(method, prefix + path, body));
      // The window stops at about 447 px: narrower layouts use a narrow column.
      await page.request('POST', '/window/rect', { width, height });
      page.close = () => call('DELETE', prefix).catch(() => {});
      return page;
    },
    async close() {
      stop();
    },
  };
}
