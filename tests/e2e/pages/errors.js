// Records what went wrong in a page, for engines whose driver cannot report
// it (WebKitWebDriver has no console log): uncaught errors, rejected
// promises, console.error calls and Content-Security-Policy violations, in
// `window.__errors`. Loaded as the page's first script, from its own origin,
// so a strict CSP allows it.
(() => {
  if (window.__errors) return;
  const errors = (window.__errors = []);
  window.addEventListener('error', (event) => errors.push(`error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${event.reason}`));
  document.addEventListener('securitypolicyviolation', (event) =>
    errors.push(`CSP: ${event.effectiveDirective || event.violatedDirective} blocked ${event.blockedURI}`));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    errors.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError(...args);
  };
})();
