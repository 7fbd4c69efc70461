// infusion-guide loader: the one file a clinic's page references.
//
//   <script type="module" src="https://CDN/infusion-guide/infusion-guide.js"></script>
//   <infusion-guide content-src="/our-guide.json"></infusion-guide>
//
// At build time (web/bundle.mjs) the wasm-bindgen glue is inlined in place of
// the import below, so this file covers all the JavaScript a page runs and a
// Subresource Integrity hash on it covers everything; the .wasm next to it is
// fetched with its own integrity hash. Rendering, content and events live in
// Rust (src/embed.rs); this file bridges the element lifecycle, which Rust
// cannot subclass, and the JavaScript API.

import init, { Widget, checkContent, prepareGuide, readabilityReport } from './infusion_guide.js';

const VERSION = '__INFUSION_GUIDE_VERSION__';
const WASM_INTEGRITY = '__INFUSION_GUIDE_WASM_INTEGRITY__';
const TAG = 'infusion-guide';
const DIV_SELECTOR = '[data-infusion-guide]';
const ATTRIBUTES = ['content-src', 'lang', 'theme', 'heading-level', 'region'];

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

/** One widget on one element: mounts once the module is ready, updates, unmounts. */
class Controller {
  constructor(element, readOptions) {
    this.element = element;
    this.readOptions = readOptions;
    this.widget = null;
    this.gone = false;
  }

  mount() {
    this.gone = false;
    started.then((ok) => inTurn(() => {
      if (!ok || this.gone || this.widget || !this.element.isConnected) return;
      try {
        const root = this.element.shadowRoot ?? this.element.attachShadow({ mode: 'open' });
        this.widget = new Widget(this.element, root, this.readOptions());
      } catch (error) {
        console.error('[infusion-guide] the widget could not be shown:', error);
      }
    }));
  }

  update() {
    try {
      this.widget?.update(this.readOptions());
    } catch (error) {
      console.error('[infusion-guide] the widget could not be updated:', error);
    }
  }

  unmount() {
    this.gone = true;
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
    if (value !== null) options[camel(name)] = value;
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
    if (value !== undefined && value !== null) plain[camel(name)] = String(value);
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

const controllers = new WeakMap();
let started;

// A module script runs once per URL, but a page can include the loader twice
// under different URLs (a version query, a CDN and a local copy): the second
// copy must define nothing and mount nothing.
if (!(window.InfusionGuide && window.InfusionGuide.version)) {
  const wasmUrl = new URL('infusion_guide_bg.wasm', import.meta.url);
  const request = WASM_INTEGRITY.startsWith('sha')
    ? new Request(wasmUrl, { integrity: WASM_INTEGRITY })
    : wasmUrl;
  started = init({ module_or_path: request }).then(
    async () => {
      await nextTask();
      prepareGuide();
      return true;
    },
    (error) => {
      console.error('[infusion-guide] the widget could not start:', error);
      return false;
    },
  );

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
  if (!customElements.get(TAG)) customElements.define(TAG, InfusionGuideElement);

  // <div data-infusion-guide>: for page builders that strip unknown elements.
  const mountDiv = (div) => {
    if (controllers.has(div) && controllers.get(div).widget) return;
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
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();

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
