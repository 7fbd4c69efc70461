// Measurements inside a page where the widget runs: the FAQ search as the
// patient types, checking and mounting a large content file, and memory over
// repeated mount and unmount. Each runs its loop inside the page (one
// page.evaluate), so that no round trip to Node is timed, and checks what the
// widget showed, so that it cannot time nothing.

const VIEWPORT = { viewport: { width: 1280, height: 800 } };
const TIMEOUT_MS = 60_000;

/** Opens `path` in a fresh context; fails on any page error. */
async function open(browser, baseUrl, path) {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(baseUrl + path, { timeout: TIMEOUT_MS });
  const check = () => {
    if (errors.length) throw new Error(`${path}: page errors: ${errors.join('; ')}`);
  };
  return { context, page, check };
}

/**
 * Types `keystrokes` (`{ value, count, status }`: the input's new value, how
 * many questions must then be shown, and the status line) into the FAQ search
 * of the page with `total` questions. For each: the time from setting the
 * value and dispatching `input` to the updated list laid out. Returns the
 * samples in ms.
 */
export async function faqSearch(browser, baseUrl, keystrokes, total) {
  const { context, page, check } = await open(browser, baseUrl, '/faq.html');
  try {
    await page.waitForFunction(
      (n) => {
        const root = document.querySelector('infusion-guide')?.shadowRoot;
        return !!root?.querySelector('[data-testid=faq-search]') && root.querySelectorAll('[data-testid=faq-item]').length === n;
      },
      total,
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    const samples = await page.evaluate(async (keystrokes) => {
      const root = document.querySelector('infusion-guide').shadowRoot;
      const input = root.querySelector('[data-testid=faq-search]');
      const status = root.querySelector('[data-testid=faq-status]');
      const list = root.querySelector('#ig-faq');
      const shown = () => list.querySelectorAll('[data-testid=faq-item]:not([hidden])').length;
      // A new task: every microtask has run by then, and Yew renders in one.
      const nextTask = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(null);
        });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      // Not updated at the first task boundary: wait for the next change in
      // the shadow root (or a moment) and look again. Observed only then, so
      // that the observer's own cost is not timed in the usual case.
      const change = () =>
        new Promise((resolve) => {
          const observer = new MutationObserver(() => done());
          const timer = setTimeout(() => done(), 50);
          const done = () => {
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          };
          observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        });

      const out = [];
      for (const { value, count, status: expected } of keystrokes) {
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await nextTask();
        let t1;
        for (;;) {
          void list.offsetHeight; // style and layout of the updated list
          t1 = performance.now();
          if (shown() === count && status.textContent === expected) break;
          if (t1 - t0 > 5000) {
            return { error: `"${value}": ${shown()} questions shown and status "${status.textContent}", expected ${count} and "${expected}"` };
          }
          await change();
        }
        out.push(t1 - t0);
        // A pause between keystrokes, as when typing: the frame is painted.
        await frame();
        await frame();
      }
      return { samples: out };
    }, keystrokes);
    check();
    if (samples.error) throw new Error(`FAQ search showed the wrong list: ${samples.error}`);
    return samples.samples;
  } finally {
    await context.close();
  }
}

/**
 * The browser side of parsing: `InfusionGuide.checkContent` on the file at
 * `contentPath` (`runs` times after one untimed call), and mounting an
 * element with that content inline until the guide is laid out
 * (`mountRuns` times), checking that the widget used it (`faqCount`
 * questions, no error event). Returns `{ check: [ms], mount: [ms] }`.
 */
export async function browserParse(browser, baseUrl, contentPath, { runs, mountRuns, faqCount }) {
  const { context, page, check } = await open(browser, baseUrl, '/tools.html');
  try {
    const result = await page.evaluate(
      async ({ contentPath, runs, mountRuns, faqCount }) => {
        if (!(await window.InfusionGuide.ready)) return { error: 'the widget did not start' };
        const text = await (await fetch(contentPath)).text();
        const nextTask = () =>
          new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(null);
          });

        const first = await window.InfusionGuide.checkContent(text);
        if (first.length) return { error: `checkContent found problems: ${JSON.stringify(first.slice(0, 3))}` };
        const checks = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const problems = await window.InfusionGuide.checkContent(text);
          checks.push(performance.now() - t0);
          if (problems.length) return { error: 'checkContent found problems on a later run' };
        }

        const mounts = [];
        const slot = document.getElementById('slot');
        for (let i = 0; i < mountRuns; i++) {
          const element = document.createElement('infusion-guide');
          const json = document.createElement('script');
          json.type = 'application/json';
          json.textContent = text;
          element.append(json);
          let failed = null;
          element.addEventListener('infusion-guide:error', (e) => (failed = e.detail), { once: true });
          const ready = new Promise((resolve) => element.addEventListener('infusion-guide:ready', resolve, { once: true }));
          const t0 = performance.now();
          slot.append(element);
          await ready;
          // Shown: the guide's title and every question of the file (the
          // built-in guide's 20 would mean the content was not used).
          const shown = () => element.shadowRoot?.querySelectorAll('[data-testid=faq-item]').length ?? 0;
          let t1;
          for (;;) {
            const title = element.shadowRoot?.querySelector('[data-testid=guide] .ig-title');
            void element.offsetHeight;
            t1 = performance.now();
            if (failed) return { error: `the widget refused the content: ${JSON.stringify(failed).slice(0, 300)}` };
            if (title && shown() === faqCount) break;
            if (t1 - t0 > 30_000) return { error: `the widget showed ${shown()} questions, expected ${faqCount}` };
            await nextTask();
          }
          mounts.push(t1 - t0);
          element.remove();
          await nextTask();
        }
        return { checks, mounts };
      },
      { contentPath, runs, mountRuns, faqCount },
    );
    check();
    if (result.error) throw new Error(`parsing in the browser: ${result.error}`);
    return { check: result.checks, mount: result.mounts };
  } finally {
    await context.close();
  }
}

/**
 * Memory after each count in `checkpoints` (ascending, e.g. [1, 100]) of
 * mount and unmount cycles of the built-in guide (`InfusionGuide.mount`,
 * `handle.unmount()`): the wasm memory's size and the JS heap in use after
 * garbage collection. Returns `[{ cycles, wasm, heap }]`, sizes in bytes.
 */
export async function memoryCycles(browser, baseUrl, checkpoints) {
  const { context, page, check } = await open(browser, baseUrl, '/tools.html');
  try {
    const cdp = await context.newCDPSession(page);
    const run = (n) =>
      page.evaluate(async (n) => {
        if (!(await window.InfusionGuide.ready)) return 'the widget did not start';
        const slot = document.getElementById('slot');
        const nextTask = () =>
          new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(null);
          });
        // The whole guide: its last part, which is rendered after the first paint.
        const guide = () => slot.shadowRoot?.querySelector('[data-testid=guide] [data-testid=disclaimer]');
        for (let i = 0; i < n; i++) {
          // (The timer is cleared: 100 pending ones would be counted in the heap.)
          const ready = new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), 10_000);
            const done = () => {
              clearTimeout(timer);
              resolve(true);
            };
            slot.addEventListener('infusion-guide:ready', done, { once: true });
          });
          const handle = window.InfusionGuide.mount(slot, {});
          if (!(await ready)) return 'no infusion-guide:ready within 10 s of mount';
          const mounted = performance.now();
          while (!guide()) {
            if (performance.now() - mounted > 10_000) return 'a mounted widget never showed its guide';
            await nextTask();
          }
          handle.unmount();
          const unmounted = performance.now();
          while (guide()) {
            if (performance.now() - unmounted > 10_000) return 'an unmounted widget left its guide on the page';
            await nextTask();
          }
        }
        return null;
      }, n);
    const measure = async () => {
      // Twice: objects freed by the first collection's finalizers go in the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.InfusionGuide.stats().wasmMemoryBytes);
      if (!wasm) throw new Error('InfusionGuide.stats() gave no wasm memory size');
      return { wasm, heap: usedSize };
    };
    const failed = async (n) => {
      const error = await run(n);
      if (error) throw new Error(`mount/unmount cycles: ${error}`);
    };
    const results = [];
    let done = 0;
    for (const cycles of checkpoints) {
      await failed(cycles - done);
      done = cycles;
      results.push({ cycles, ...(await measure()) });
    }
    check();
    return results;
  } finally {
    await context.close();
  }
}
