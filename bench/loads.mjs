// Page loads: the time to the first content on screen, and the longest task
// on the page's main thread, each load in a fresh browser context (nothing
// cached), optionally as a mid-range phone (CPU and network throttled).
import { firstContentProbe } from './pages.mjs';

/**
 * A mid-range phone, as Lighthouse's mobile preset: the CPU 4x slower
 * (Emulation.setCPUThrottlingRate) and its "slow 4G" network (150 ms round
 * trip, 1.6 Mbit/s down = 1,638.4 kbit/s, 750 kbit/s up), in bytes per second.
 */
export const PHONE = {
  cpuRate: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
};

/** How long one load may take before the benchmark gives up on it. */
const LOAD_TIMEOUT_MS = { fast: 30_000, phone: 90_000 };

/** What each page's first content is (see firstContentProbe). */
const TARGET = { blank: 'host' };

/** Opens a fresh context and page with the probe installed, throttled if `phone`. */
async function openPage(browser, name, phone) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(firstContentProbe, TARGET[name] ?? 'guide');
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  if (phone) {
    // Set before navigating, so that the page's every byte and task is throttled.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downloadBytesPerSecond,
      uploadThroughput: PHONE.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuRate });
  }
  return { context, page, errors };
}

/** Pages with the widget's script, which report when they can be used (`infusion-guide:ready`). */
const INTERACTIVE = new Set(['widget', 'clinic-paste', 'clinic-src']);

/**
 * Navigates and waits for the probe's figures: `{ firstContent, fcp,
 * interactive, shift }`, times in ms since navigation start (`interactive`
 * null for pages without the widget's script); for those pages, it waits for
 * `ready` and half a second more, so that the takeover's shifts are counted.
 */
async function loadAndWait(page, url, errors, timeout, interactive) {
  await page.goto(url, { waitUntil: 'commit', timeout });
  try {
    await page.waitForFunction(() => window.__bench?.firstContent != null, null, { timeout, polling: 200 });
    if (interactive) {
      await page.waitForFunction(() => window.__bench.interactive != null, null, { timeout, polling: 200 });
      await page.waitForTimeout(500);
    }
    // First contentful paint is reported a little after the paint itself.
    await page.waitForFunction(() => window.__bench.fcp != null, null, { timeout: 5000, polling: 100 }).catch(() => {});
  } catch (error) {
    const why = errors.length ? ` (page errors: ${errors.join('; ')})` : '';
    throw new Error(`${url}: no first content within ${timeout / 1000} s${why}`, { cause: error });
  }
  if (errors.length) throw new Error(`${url}: page errors: ${errors.join('; ')}`);
  const figures = await page.evaluate(() => ({ ...window.__bench }));
  if (!(figures.firstContent > 0)) throw new Error(`${url}: first content at ${figures.firstContent} ms`);
  return figures;
}

/** One load of `name` (see bench/pages.mjs): `{ firstContent, fcp, interactive, shift }`. */
export async function timeLoad(browser, baseUrl, name, { phone = false } = {}) {
  const { context, page, errors } = await openPage(browser, name, phone);
  try {
    return await loadAndWait(page, `${baseUrl}/${name}.html`, errors, LOAD_TIMEOUT_MS[phone ? 'phone' : 'fast'], INTERACTIVE.has(name));
  } finally {
    await context.close();
  }
}

/**
 * One traced load of `name`: the page's first content and then one second
 * more, recorded as a Chromium trace. Returns the longest task (ms) on the
 * page's renderer main thread and how many tasks took over 50 ms.
 */
export async function traceLoad(browser, baseUrl, name, { phone = false } = {}) {
  const { context, page, errors } = await openPage(browser, name, phone);
  const url = `${baseUrl}/${name}.html`;
  try {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    let trace;
    try {
      await loadAndWait(page, url, errors, LOAD_TIMEOUT_MS[phone ? 'phone' : 'fast'], INTERACTIVE.has(name));
      await page.waitForTimeout(1000);
    } finally {
      trace = await browser.stopTracing();
    }
    return longestTask(JSON.parse(trace.toString('utf8')), url);
  } finally {
    await context.close();
  }
}

/**
 * The longest top-level task (`RunTask`) on the main thread (CrRendererMain)
 * of the renderer process that committed `url`, and the number over 50 ms.
 */
export function longestTask(trace, url) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const commit = events.find((e) => e.name === 'FrameCommittedInBrowser' && e.args?.data?.url === url);
  if (!commit) throw new Error(`the trace has no commit of ${url}`);
  const pid = commit.args.data.processId;
  const main = events.find((e) => e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error(`the trace has no main thread for the renderer of ${url}`);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === main.tid)
    .map((e) => e.dur / 1000);
  if (tasks.length === 0) throw new Error(`the trace has no task on the main thread of ${url}`);
  return { longest: Math.max(...tasks), over50: tasks.filter((ms) => ms > 50).length };
}
