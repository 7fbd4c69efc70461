// Records what a host page can see of the widget: its events (on document,
// so only composed, bubbling events arrive) and Content-Security-Policy
// violations. Loaded as an external same-origin script on strict-CSP pages
// (inline scripts are blocked there) and as a Playwright init script elsewhere.
(() => {
  if (window.__ig) return;
  const ig = (window.__ig = { listening: true, events: [], violations: [] });
  const names = ['ready', 'error', 'step', 'faq-open', 'section'];
  for (const name of names) {
    document.addEventListener('infusion-guide:' + name, (event) => {
      let detail = null;
      try {
        detail = event.detail === undefined ? null : JSON.parse(JSON.stringify(event.detail));
      } catch {
        detail = String(event.detail);
      }
      ig.events.push({
        type: name,
        detail,
        target: event.target?.id || event.target?.localName || null,
        bubbles: event.bubbles,
        composed: event.composed,
      });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    ig.violations.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      sample: event.sample,
    });
  });
})();
