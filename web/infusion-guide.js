// infusion-guide loader: the one file a clinic's page references.
//
//   <script type="module" src="https://CDN/infusion-guide/infusion-guide.js"></script>
//   <infusion-guide content-src="/our-guide.json"></infusion-guide>
//
// It defines the <infusion-guide> custom element and starts the WebAssembly
// module. Every other file (the wasm-bindgen glue `infusion_guide.js` and
// `infusion_guide_bg.wasm`) is found relative to this file's own URL, so the
// folder can be copied to any static host or CDN. Rendering, content and host
// page work all live in Rust (src/embed.rs); this file only bridges the custom
// element lifecycle, which Rust cannot subclass.

import init, { Widget } from './infusion_guide.js';

const TAG = 'infusion-guide';

// A module script runs once per URL, but a page can still include the loader
// twice under different URLs (a version query, a CDN and a local copy): the
// second copy must define nothing and mount nothing.
if (!customElements.get(TAG)) {
  const wasmUrl = new URL('infusion_guide_bg.wasm', import.meta.url);
  let failed = null;
  const ready = init({ module_or_path: wasmUrl }).catch((error) => {
    failed = error;
    console.error('[infusion-guide] the widget could not start:', error);
  });

  class InfusionGuideElement extends HTMLElement {
    static observedAttributes = ['content-src', 'lang', 'theme', 'heading-level', 'region'];

    #widget = null;

    connectedCallback() {
      ready.then(() => this.#mount());
    }

    disconnectedCallback() {
      // Moving an element (remove then insert in one task) must not remount it.
      queueMicrotask(() => {
        if (!this.isConnected) this.#unmount();
      });
    }

    attributeChangedCallback() {
      if (this.#widget) this.#widget.update();
    }

    #mount() {
      if (failed || this.#widget || !this.isConnected) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      try {
        this.#widget = new Widget(this, root);
      } catch (error) {
        console.error('[infusion-guide] the widget could not be shown:', error);
      }
    }

    #unmount() {
      const widget = this.#widget;
      this.#widget = null;
      if (widget) widget.free();
    }
  }

  customElements.define(TAG, InfusionGuideElement);
}
