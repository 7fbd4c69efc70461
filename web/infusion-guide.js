// infusion-guide loader: the one file a clinic's page references.
//
//   <script type="module" src="https://CDN/infusion-guide/infusion-guide.js"></script>
//   <infusion-guide content-src="/our-guide.json"></infusion-guide>
//
// At build time (web/bundle.mjs) the wasm-bindgen glue is inlined in place of
// the import below, and the built-in guide is compiled in three forms: its
// content JSON (which the wasm reads), the same guide as static HTML in each
// built-in language with the crisis notice of each region (rendered natively
// by the same components: `infusion-guide prerender`), and the widget's
// stylesheet. So this file covers all the JavaScript a page runs, a Subresource
// Integrity hash on it covers everything, and the guide is on screen as soon
// as this file has run, while the .wasm (fetched with its own integrity hash)
// streams in. When the module has started, the app takes the HTML's place in
// the same state, so nothing moves. Where the module cannot start (no
// WebAssembly, no constructable stylesheets, a failed download) or stops (a
// panic), the HTML stays: never an empty box.
//
// Rendering, content and events live in Rust (src/embed.rs); this file bridges
// the element lifecycle, which Rust cannot subclass, the JavaScript API, the
// HTML shown before and without the module, and fetching the clinic's content
// in parallel with the module.

import init, { Widget, checkContent, prepareGuide, readabilityReport, starterContent } from './infusion_guide.js';

const VERSION = '__INFUSION_GUIDE_VERSION__';
const WASM_INTEGRITY = '__INFUSION_GUIDE_WASM_INTEGRITY__';
/** The built-in guide's content JSON, handed to the wasm at start-up. */
const DEFAULT_JSON = '__INFUSION_GUIDE_DEFAULT_JSON__';
/** `infusion-guide prerender`: { live, guides, crisis, refs, languages, fallbackLanguage, region, css }. */
const PRERENDER = JSON.parse('__INFUSION_GUIDE_PRERENDER__');
const CRISIS_MARK = '<!--ig-crisis-->';
const TAG = 'infusion-guide';
const DIV_SELECTOR = '[data-infusion-guide]';
const ATTRIBUTES = ['content-src', 'lang', 'theme', 'heading-level', 'region'];
/** The limits on a clinic's content file (content::MAX_CONTENT_BYTES, and the README). */
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** Attribute names as option names: content-src -> contentSrc. */
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/**
 * Resolves in a later task, so that the host page can paint and answer input
 * in between: starting the module, preparing the guide and mounting each
 * widget are separate tasks, none of them long.
 */
const nextTask = () =>
  globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));

/** Mounts run one per task, in the order asked (ten widgets on a page are ten short tasks). */
let mounting = Promise.resolve();
const inTurn = (mount) => {
  mounting = mounting
    .then(nextTask)
    .then(mount)
    .catch((error) => console.error('[infusion-guide] the widget could not be shown:', error));
};

/** The stylesheet every widget adopts, or null where constructable stylesheets are missing. */
function widgetSheet() {
  try {
    if (!('adoptedStyleSheets' in ShadowRoot.prototype)) return null;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PRERENDER.css);
    return sheet;
  } catch {
    return null;
  }
}

/** Whether this browser can run the widget: checked before any shadow root is attached. */
const canRun = (sheet) =>
  !!sheet &&
  typeof WebAssembly === 'object' &&
  typeof WebAssembly.instantiate === 'function' &&
  typeof AbortController === 'function' &&
  typeof TextDecoder === 'function';

// ---- The guide as HTML: what the app shows first, in the same language,
// ---- region, heading level and theme, without its controls.

/** The language the host asked for: the element's, the page's, the browser's (src/embed.rs, resolve_lang). */
const requestedLang = (options) =>
  options.lang || document.documentElement.getAttribute('lang')?.trim() || navigator.language || 'en';

/** The closest built-in language (Content::pick_language). */
function pickLanguage(requested) {
  const wanted = requested.trim().toLowerCase();
  const primary = (tag) => tag.split(/[-_]/)[0];
  return (
    PRERENDER.languages.find((l) => l.toLowerCase() === wanted) ??
    PRERENDER.languages.find((l) => primary(l.toLowerCase()) === primary(wanted)) ??
    PRERENDER.fallbackLanguage
  );
}

/** A region name the widget knows, or undefined. */
const knownRegion = (name) => {
  const region = name?.trim().toLowerCase();
  return region && region in PRERENDER.crisis ? region : undefined;
};

/** The heading level option as the app reads it: 1 to 4, else 2. */
function headingLevel(value) {
  const level = /^\+?\d+$/.test(value?.trim() ?? '') ? Number(value.trim()) : 0;
  return level >= 1 && level <= 4 ? level : 2;
}

/**
 * The built-in guide as HTML for these options, with `region`'s crisis
 * numbers: as the app first renders it (`live`: one step, answers closed, the
 * controls, which work once the app has taken over), or as the static page
 * shows it (every step and answer, no controls), where the app cannot run.
 */
function guideHtml(options, region, live) {
  const lang = pickLanguage(requestedLang(options));
  const level = headingLevel(options.headingLevel);
  const theme = (options.theme ?? '').toLowerCase();
  const forms = live ? PRERENDER.live : PRERENDER.guides;
  // The crisis notice, and the {crisis} and {emergency} in the text, of the element's region.
  let html = forms[lang]
    .replace(CRISIS_MARK, () => PRERENDER.crisis[region][lang])
    .replace(/<!--ig-ref:([a-z]+)-->/g, (_, name) => PRERENDER.refs[region][lang][name]);
  // Headings are the only <hN> tags (content text is escaped), rendered at level 2.
  if (level !== 2) html = html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, end, n) => `<${end}h${Math.min(6, Number(n) + level - 2)}`);
  if (theme === 'light' || theme === 'dark') html = html.replace(' data-theme="auto"', ` data-theme="${theme}"`);
  // The app sees the mark and starts as this form does (src/embed.rs).
  return `<div class="ig-root"${live ? ' data-prerender="live"' : ''}>${html}</div>`;
}

/** The clinic's name and phone, and its crisis region, read from content JSON text (no merge, no checks). */
function peekClinic(text, lang) {
  try {
    const content = JSON.parse(text);
    const name = content?.clinic?.name;
    return {
      phone: typeof content?.clinic?.phone === 'string' ? content.clinic.phone : '',
      name: typeof name === 'string' ? name : (name?.[lang] ?? Object.values(name ?? {})[0] ?? ''),
      region: knownRegion(content?.crisis?.region),
    };
  } catch {
    return { phone: '', name: '', region: undefined };
  }
}

/** Shows "Clinic name +1 555…" (a tel: link) in the crisis notice in `root`, as plain DOM text. */
function showClinicPhone(root, name, phone) {
  root.querySelector('.ig-clinic-phone')?.remove();
  const body = root.querySelector('.ig-crisis-body');
  if (!body || !phone) return;
  const line = document.createElement('p');
  line.className = 'ig-clinic-phone';
  const link = document.createElement('a');
  link.className = 'ig-crisis-action';
  link.href = 'tel:' + phone.replace(/[^\d+]/g, '');
  link.textContent = phone;
  line.append(name ? name + ' ' : '', link);
  body.append(line);
}

// ---- The clinic's content, read at once (not after the module has started).

/** The same rules and messages as before the loader fetched: 10 s, 2 MB, no redirects, no cookies. */
async function fetchContent(url, abort) {
  const failed = (error) =>
    `${url} could not be fetched (${error?.message ?? ''}); the server may be down, may redirect, or may not allow this site to read it (CORS)`;
  const notJson = `${url} is a web page (HTML), not a JSON content file: check the content-src address`;
  const tooLarge = `${url} is larger than ${MAX_CONTENT_BYTES / 1024} KB, the limit for a content file`;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, TIMEOUT_MS);
  const reason = (error) => (timedOut ? `${url} did not answer within ${TIMEOUT_MS / 1000} seconds` : failed(error));
  try {
    const response = await fetch(url, { credentials: 'omit', redirect: 'error', signal: abort.signal }).catch((e) => {
      throw reason(e);
    });
    if (!response.ok) throw `${url} answered ${response.status} ${response.statusText}: check the content-src address`;
    if ((response.headers.get('content-type') ?? '').toLowerCase().includes('text/html')) throw notJson;
    if (Number(response.headers.get('content-length')?.trim() || 0) > MAX_CONTENT_BYTES) throw tooLarge;
    const text = await response.text().catch((e) => {
      throw reason(e);
    });
    if (text.length > MAX_CONTENT_BYTES || new TextEncoder().encode(text).length > MAX_CONTENT_BYTES) throw tooLarge;
    if (text.trimStart().startsWith('<')) throw notJson;
    return { contentState: 'text', contentText: text, contentOrigin: url };
  } catch (error) {
    return { contentState: 'failed', contentError: String(error), contentOrigin: url };
  } finally {
    clearTimeout(timer);
  }
}

/** Where an element's content comes from: inline JSON first, then content-src; null for the built-in guide. */
function contentSource(options) {
  if (options.contentJson !== undefined) return { key: 'inline:' + options.contentJson, text: options.contentJson };
  const src = options.contentSrc?.trim();
  if (!src) return null;
  let url = src;
  try {
    url = new URL(src, document.baseURI).href;
  } catch {
    // Passed on as written; fetch names the problem.
  }
  return { key: 'url:' + url, url };
}

// ---- One widget on one element.

const controllers = new WeakMap();
/** Controllers of connected elements, for the fallback when the module cannot start or stops. */
const live = new Set();
let started;
let sheet = null;
let runs = false;
/** Whether the module has started: the app then mounts in the next task, with no HTML first. */
let moduleReady = false;

/** One widget on one element: the HTML at once, the app once the module is ready, updates, unmount. */
class Controller {
  constructor(element, readOptions) {
    this.element = element;
    this.readOptions = readOptions;
    this.widget = null;
    this.gone = false;
    this.root = null;
    /** Whether the root holds the clinic's own static page (`infusion-guide render`). */
    this.pasted = false;
    /** A copy of that page, shown again if the module stops. */
    this.saved = null;
    /** The clinic's content as the widget's options: `contentState` and the rest. */
    this.content = {};
    this.source = null;
    this.abort = null;
    this.fellBack = false;
    /** What the fallback HTML shows (language, region, options), to redraw it only on a change. */
    this.fallbackKey = '';
  }

  mount() {
    this.gone = false;
    live.add(this);
    this.showHtml();
    started.then((ok) =>
      ok
        ? inTurn(() => this.start())
        : this.fallback(),
    );
  }

  /** The options for the widget: the element's (or the API's) and the content read so far. */
  options() {
    const { contentJson, contentSrc, ...rest } = this.readOptions();
    return { ...rest, ...this.content };
  }

  /** Starts reading the clinic's content if its source changed; `then` runs when it is known. */
  loadContent() {
    const source = contentSource(this.readOptions());
    if (source?.key === this.source?.key) return;
    this.source = source;
    this.abort?.abort();
    this.abort = null;
    if (!source) {
      this.content = {};
    } else if (source.text !== undefined) {
      this.content = { contentState: 'text', contentText: source.text, contentOrigin: 'inline content' };
    } else {
      this.content = { contentState: 'pending', contentOrigin: source.url };
      const abort = (this.abort = new AbortController());
      fetchContent(source.url, abort).then((content) => {
        if (this.source !== source || this.gone) return;
        this.abort = null;
        this.content = content;
        this.contentArrived();
      });
    }
  }

  /** The shadow root, attached if need be; a pasted static page is kept (and given a root where the browser lacks declarative shadow DOM). */
  ensureRoot() {
    if (this.root) return this.root;
    const element = this.element;
    let root = element.shadowRoot;
    if (!root) {
      const template = [...element.children].find((c) => c.localName === 'template' && c.hasAttribute('shadowrootmode'));
      if (typeof element.attachShadow !== 'function') return null;
      root = element.attachShadow({ mode: 'open' });
      if (template) root.append(template.content.cloneNode(true));
    }
    this.pasted = !!root.querySelector('.ig');
    if (this.pasted && !this.saved) this.saved = [...root.childNodes].map((node) => node.cloneNode(true));
    if (sheet) root.adoptedStyleSheets = [sheet];
    this.root = root;
    return root;
  }

  /**
   * Before the app: the clinic's static page if pasted; the built-in guide
   * if the element has no content of its own; else nothing of the guide's
   * body until the clinic's content is known (never the wrong text first).
   */
  showHtml() {
    this.loadContent();
    if (!runs) return this.fallback();
    const root = this.ensureRoot();
    if (!root || this.pasted || this.widget || moduleReady) return;
    const options = this.readOptions();
    root.innerHTML = this.source ? '' : guideHtml(options, knownRegion(options.region) ?? PRERENDER.region, true);
  }

  /**
   * Where the module cannot start or has stopped: the guide as static HTML
   * (the clinic's pasted page, else the built-in guide) with the crisis
   * numbers of the element's region and the clinic's phone; the element's
   * own children (a clinic's fallback text) stay visible through a slot.
   */
  fallback(known = {}) {
    if (this.gone) return;
    this.fellBack = true;
    this.widget = null;
    const options = this.readOptions();
    const lang = known.lang ?? pickLanguage(requestedLang(options));
    const peeked = this.content.contentText ? peekClinic(this.content.contentText, lang) : {};
    const region = knownRegion(known.region) ?? knownRegion(options.region) ?? peeked.region ?? PRERENDER.region;
    const root = this.ensureRoot();
    if (!root) {
      // No shadow DOM at all: the guide in the element itself, unstyled but readable.
      if (!this.element.querySelector(':scope > .ig-root')) this.element.insertAdjacentHTML('beforeend', guideHtml({ ...options, lang }, region, false));
      return;
    }
    if (this.saved) {
      if (this.fallbackKey !== 'saved') root.replaceChildren(...this.saved.map((node) => node.cloneNode(true)));
      this.fallbackKey = 'saved';
      return;
    }
    const key = JSON.stringify([lang, region, options.headingLevel, options.theme]);
    if (key !== this.fallbackKey) {
      // Without constructable stylesheets, the stylesheet file next to this one.
      const link = sheet ? '' : `<link rel="stylesheet" href="${new URL('infusion-guide.css', import.meta.url).href.replace(/"/g, '&quot;')}">`;
      root.innerHTML = `${link}<slot></slot>${guideHtml({ ...options, lang }, region, false)}`;
      this.fallbackKey = key;
    }
    showClinicPhone(root, known.name ?? peeked.name, known.phone ?? peeked.phone);
  }

  /** The module has started: the app takes the HTML's place. */
  start() {
    if (this.gone || this.widget || this.fellBack || !this.element.isConnected) return;
    try {
      this.widget = new Widget(this.element, this.ensureRoot(), this.options(), sheet);
    } catch (error) {
      console.error('[infusion-guide] the widget could not be shown:', error);
      this.fallback();
    }
  }

  contentArrived() {
    if (this.widget) this.update();
    else if (this.fellBack) this.fallback();
  }

  update() {
    if (!this.widget) {
      if (this.fellBack) this.fallback();
      else this.showHtml();
      return;
    }
    this.loadContent();
    try {
      this.widget.update(this.options());
    } catch (error) {
      console.error('[infusion-guide] the widget could not be updated:', error);
    }
  }

  unmount() {
    this.gone = true;
    live.delete(this);
    this.abort?.abort();
    this.abort = null;
    this.source = null;
    const widget = this.widget;
    this.widget = null;
    try {
      widget?.free();
    } catch (error) {
      console.error('[infusion-guide] the widget could not be removed:', error);
    }
  }
}

/** Options from an element's attributes (or their data- forms) and inline JSON. */
function optionsFromElement(element) {
  const options = {};
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name) ?? element.getAttribute('data-' + name);
    if (value !== null && value.trim()) options[camel(name)] = value;
  }
  const inline = [...element.children].find(
    (child) => child.localName === 'script' && child.type === 'application/json',
  );
  if (inline && inline.textContent.trim()) options.contentJson = inline.textContent;
  return options;
}

/** Options given to the JavaScript API, checked and made plain. */
function optionsFromApi(options = {}) {
  const plain = {};
  for (const name of ATTRIBUTES) {
    const value = options[camel(name)];
    if (value !== undefined && value !== null && String(value).trim()) plain[camel(name)] = String(value);
  }
  if (options.content !== undefined) {
    try {
      plain.contentJson = JSON.stringify(options.content);
    } catch (error) {
      console.error('[infusion-guide] options.content is not JSON-serialisable:', error);
    }
  }
  return plain;
}

/**
 * The panic hook (src/embed/fallback.rs) calls this just before the module
 * aborts, with [shadowRoot, region, lang, clinicName, phone] per widget.
 */
function onPanic(widgets) {
  for (const [root, region, lang, name, phone] of widgets) {
    for (const controller of live) {
      if (controller.root === root) controller.fallback({ region, lang, name, phone });
    }
  }
}

// A module script runs once per URL, but a page can include the loader twice
// under different URLs (a version query, a CDN and a local copy): the second
// copy must define nothing and mount nothing.
if (!(window.InfusionGuide && window.InfusionGuide.version)) {
  sheet = widgetSheet();
  runs = canRun(sheet);
  if (runs) {
    const wasmUrl = new URL('infusion_guide_bg.wasm', import.meta.url);
    const request = WASM_INTEGRITY.startsWith('sha')
      ? new Request(wasmUrl, { integrity: WASM_INTEGRITY })
      : wasmUrl;
    started = init({ module_or_path: request }).then(
      async () => {
        await nextTask();
        prepareGuide(DEFAULT_JSON, onPanic);
        moduleReady = true;
        return true;
      },
      (error) => {
        console.error('[infusion-guide] the widget could not start; the guide is shown as HTML:', error);
        return false;
      },
    );
  } else {
    console.warn(
      '[infusion-guide] this browser lacks WebAssembly or constructable stylesheets; the guide is shown as HTML',
    );
    started = Promise.resolve(false);
  }

  class InfusionGuideElement extends HTMLElement {
    static observedAttributes = ATTRIBUTES;

    connectedCallback() {
      let controller = controllers.get(this);
      if (!controller) {
        controller = new Controller(this, () => optionsFromElement(this));
        controllers.set(this, controller);
      }
      controller.mount();
    }

    disconnectedCallback() {
      // Moving an element (remove, then insert in the same task) must not remount it.
      queueMicrotask(() => {
        if (!this.isConnected) controllers.get(this)?.unmount();
      });
    }

    attributeChangedCallback() {
      controllers.get(this)?.update();
    }
  }
  // Defined in a task of its own, after this module's evaluation: defining
  // shows each element's guide as HTML, and its first layout is a long piece
  // of work; in one task with the evaluation it ran over 50 ms on a desktop.
  const define = () => {
    if (!customElements.get(TAG)) customElements.define(TAG, InfusionGuideElement);
  };

  // <div data-infusion-guide>: for page builders that strip unknown elements.
  const mountDiv = (div) => {
    if (controllers.has(div) && live.has(controllers.get(div))) return;
    const controller = controllers.get(div) ?? new Controller(div, () => optionsFromElement(div));
    controllers.set(div, controller);
    controller.mount();
  };
  const scan = (root = document) => {
    if (root.matches?.(DIV_SELECTOR)) mountDiv(root);
    root.querySelectorAll?.(DIV_SELECTOR).forEach(mountDiv);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const controller = controllers.get(record.target);
        if (controller && record.target.localName !== TAG) controller.update();
        else if (record.attributeName === 'data-infusion-guide') scan(record.target);
        continue;
      }
      record.addedNodes.forEach((node) => node.nodeType === 1 && scan(node));
      record.removedNodes.forEach((node) => {
        if (node.nodeType !== 1) return;
        const divs = node.matches(DIV_SELECTOR) ? [node] : [...node.querySelectorAll(DIV_SELECTOR)];
        for (const div of divs) queueMicrotask(() => !div.isConnected && controllers.get(div)?.unmount());
      });
    }
  });
  const watch = () => {
    scan();
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-infusion-guide', ...ATTRIBUTES.map((name) => 'data-' + name)],
    });
  };
  nextTask().then(() => {
    define();
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
    else watch();
  });

  /** Mounts a widget on any element; returns a handle with update() and unmount(). */
  const mount = (element, options = {}) => {
    if (!(element instanceof Element)) throw new TypeError('InfusionGuide.mount needs an element');
    let current = optionsFromApi(options);
    controllers.get(element)?.unmount();
    const controller = new Controller(element, () => current);
    controllers.set(element, controller);
    controller.mount();
    return {
      update(next = {}) {
        current = { ...current, ...optionsFromApi(next) };
        controller.update();
      },
      unmount() {
        controller.unmount();
        controllers.delete(element);
      },
    };
  };

  // Calls queued by the stub snippet before this file loaded (see README).
  const queued = window.InfusionGuide?.q ?? [];
  /** Runs `tool` once the module has started; rejects if it could not. */
  const whenStarted = (tool) => (text) =>
    started.then((ok) => {
      if (!ok) throw new Error('infusion-guide could not start');
      return tool(String(text));
    });
  const api = {
    version: VERSION,
    mount,
    scan,
    /** Resolves to true once the module has started (false if it could not). */
    ready: started,
    /** The problems in a clinic's content JSON text, as `infusion-guide check` finds them. */
    checkContent: whenStarted(checkContent),
    /** Reading levels per part and language of a valid content JSON text, or null. */
    readability: whenStarted(readabilityReport),
    /**
     * A new clinic's starter file, as `infusion-guide init` writes it:
     * `{ name, phone, email, website, bookingUrl, region }`, the last four optional.
     */
    starter: (fields = {}) =>
      started.then((ok) => {
        if (!ok) throw new Error('infusion-guide could not start');
        const field = (key) => String(fields[key] ?? '');
        return starterContent(field('name'), field('phone'), field('email'), field('website'), field('bookingUrl'), field('region'));
      }),
    /** Numbers for tests and benchmarks: live widgets and wasm memory. */
    stats: () => ({ wasmMemoryBytes: typeof wasm === 'object' && wasm?.memory ? wasm.memory.buffer.byteLength : null }),
  };
  Object.defineProperty(window, 'InfusionGuide', { value: Object.freeze(api), configurable: true, writable: false });
  for (const [element, options, handle] of queued) {
    try {
      const real = mount(element, options);
      for (const [method, arg] of handle.q ?? []) real[method](arg);
      handle.update = (next) => real.update(next);
      handle.unmount = () => real.unmount();
    } catch (error) {
      console.error('[infusion-guide] a queued InfusionGuide.mount call failed:', error);
    }
  }
}
