// The host pages the benchmark loads. They are one small clinic page in
// several forms, so that only the guide differs between them:
//
//   widget         the README's embed snippet: the loader script and
//                  <infusion-guide> showing the built-in guide       (a)
//   static         the built-in guide as static HTML (`infusion-guide render`,
//                  a declarative shadow root linking infusion-guide.css), no script
//   clinic-paste   a clinic's content-src, with the README's recommended
//                  setup: the `render` output of the same file pasted inside
//                  the element, and the loader                       (b)
//   clinic-src     the same content-src alone, with the loader        (c)
//   clinic-static  the clinic's guide as static HTML, no script
//   blank          the same page without any guide
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

/** The guide in `file` (a content file) as the command-line tool renders it for a static page. */
export function renderStaticGuide(root, file = 'content/default.json') {
  return execFileSync(
    'cargo',
    ['run', '--release', '--quiet', '--bin', 'infusion-guide', '--', 'render', file, '--lang', 'en'],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** The clinic's content file the (b) and (c) pages use, served at this path. */
export const CLINIC_FILE = 'examples/clinic.json';
export const CLINIC_PATH = '/bench/clinic.json';

/** Every page the benchmark serves, by path. */
export function benchPages(staticGuide, clinicGuide) {
  return {
    '/widget.html': hostPage(`${SNIPPET}\n<infusion-guide></infusion-guide>`),
    '/static.html': hostPage(`<infusion-guide>${staticGuide}</infusion-guide>`),
    '/clinic-paste.html': hostPage(`${SNIPPET}\n<infusion-guide content-src="${CLINIC_PATH}">${clinicGuide}</infusion-guide>`),
    '/clinic-src.html': hostPage(`${SNIPPET}\n<infusion-guide content-src="${CLINIC_PATH}"></infusion-guide>`),
    '/clinic-static.html': hostPage(`<infusion-guide>${clinicGuide}</infusion-guide>`),
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
 * own heading). It also records first-contentful-paint; the first
 * interaction, when the element dispatches `infusion-guide:ready` (the app is
 * on screen and its controls work); and the layout shift (the sum of
 * `layout-shift` entries without recent input) from the first content on,
 * which is the takeover's. Results land in `window.__bench`.
 */
export function firstContentProbe(target) {
  if (window !== window.top) return;
  const bench = (window.__bench = { firstContent: null, fcp: null, interactive: null, shift: 0 });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput && bench.firstContent !== null && entry.startTime > bench.firstContent) bench.shift += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('infusion-guide:ready', () => {
    bench.interactive ??= performance.now();
  });

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
