// The host pages the benchmark loads. They are one small clinic page in
// three forms, so that only the guide differs between them:
//
//   widget   the README's embed snippet: the loader script and <infusion-guide>
//            showing the built-in guide
//   static   the built-in guide as static HTML (`infusion-guide render`, a
//            declarative shadow root linking infusion-guide.css), no script
//   blank    the same page without any guide
//
// plus pages for the FAQ search, content parsing and memory measurements.
import { execFileSync } from 'node:child_process';

const SNIPPET = '<script type="module" src="/infusion-guide.js"></script>';

/** A clinic's page around `guide` (HTML placed between two paragraphs). */
export function hostPage(guide = '', { title = 'Riverbend Mood Clinic' } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body>
<main>
<h1>Ketamine infusion at our clinic</h1>
<p>Our clinic offers IV ketamine infusion for depression. The guide below explains how it goes.</p>
${guide}
<p>Questions about your own care? Call us, or ask at your next visit.</p>
</main>
</body>
</html>
`;
}

/** The built-in guide as the command-line tool renders it for a static page. */
export function renderStaticGuide(root) {
  return execFileSync(
    'cargo',
    ['run', '--release', '--quiet', '--bin', 'infusion-guide', '--', 'render', 'content/default.json', '--lang', 'en'],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Every page the benchmark serves, by path. */
export function benchPages(staticGuide) {
  return {
    '/widget.html': hostPage(`${SNIPPET}\n<infusion-guide></infusion-guide>`),
    '/static.html': hostPage(`<infusion-guide>${staticGuide}</infusion-guide>`),
    '/blank.html': hostPage(),
    // The FAQ search: 1,000 generated questions from a content file.
    '/faq.html': hostPage(`${SNIPPET}\n<infusion-guide content-src="/bench/faq-1000.json" lang="en"></infusion-guide>`),
    // Parsing and memory: the loader only; the page mounts widgets itself.
    '/tools.html': hostPage(`${SNIPPET}\n<div id="slot"></div>`),
  };
}

/**
 * The probe every timed load runs before the page's own scripts (an init
 * script): it polls in requestAnimationFrame until the page's first content
 * is laid out with a non-zero size, then records performance.now() (time
 * since navigation start) at the following frame, once that content has been
 * painted. `target` is 'guide' (the guide's title heading inside the open
 * shadow root, and the widget's styles applied: adopted by the live widget,
 * or the static page's linked stylesheet loaded) or 'host' (the host page's
 * own heading). It also records first-contentful-paint. Results land in
 * `window.__bench`.
 */
export function firstContentProbe(target) {
  if (window !== window.top) return;
  const bench = (window.__bench = { firstContent: null, fcp: null });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });

  const hasSize = (element) => {
    const box = element?.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0;
  };
  const guideShown = () => {
    const root = document.querySelector('infusion-guide')?.shadowRoot;
    const title = root?.querySelector('[data-testid=guide] .ig-title');
    if (!hasSize(title)) return false;
    const links = [...root.querySelectorAll('link[rel=stylesheet]')];
    return root.adoptedStyleSheets.length > 0 || (links.length > 0 && links.every((link) => link.sheet));
  };
  const shown = target === 'guide' ? guideShown : () => hasSize(document.querySelector('h1'));
  const poll = () => {
    if (shown()) {
      requestAnimationFrame(() => {
        bench.firstContent = performance.now();
      });
    } else {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);
}
