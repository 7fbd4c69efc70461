// Records, for html-first.test.mjs, what happens while the app takes the
// place of the loader's HTML: the `infusion-guide:ready` events (with whether
// the HTML was still there and the controls were in place when each fired)
// and, where the engine reports them (Chromium), layout shifts.
(() => {
  const state = { ready: [], cls: null };
  document.addEventListener('infusion-guide:ready', (event) => {
    const root = event.target.shadowRoot;
    state.ready.push({
      html: !!root.querySelector('[data-prerender]'),
      controlsWork: !!root.querySelector('[data-testid=next-step]') && !root.querySelector('[data-prerender]'),
    });
  });
  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) {
    state.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) state.cls += entry.value;
    }).observe({ type: 'layout-shift' });
  }
  window.__takeover = {
    /** From now on: the HTML is on screen, the takeover is to come. */
    reset() {
      if (state.cls !== null) state.cls = 0;
      state.ready.length = 0;
    },
    read: () => JSON.parse(JSON.stringify(state)),
    get ready() {
      return state.ready;
    },
  };
})();
