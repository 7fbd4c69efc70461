//! The embed layer: the only code that talks to the host page.
//!
//! The loader (`web/infusion-guide.js`) defines the `<infusion-guide>` custom
//! element and, for each connected element, constructs a [`Widget`] with the
//! element and its open shadow root. The widget reads the element's
//! attributes, adopts the widget's stylesheet into the shadow root and mounts
//! the Yew [`App`] there. Dropping the widget (`free()` from JavaScript)
//! unmounts the app.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot};
use yew::AppHandle;

use crate::app::{App, AppProps};

/// The widget's CSS, compiled in so that no extra request and no `<style>`
/// element (blocked by a strict `style-src`) is needed.
const WIDGET_CSS: &str = include_str!("../styles/widget.css");

thread_local! {
    /// One constructed stylesheet shared by every widget on the page.
    static STYLESHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// One mounted widget: the host element, and the Yew app in its shadow root.
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    /// Mounts the guide into `root`, the open shadow root of `host`.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot) -> Result<Widget, JsValue> {
        adopt_stylesheet(&root)?;
        let document = host.owner_document().ok_or("the element has no document")?;
        // Replace whatever an earlier mount or server-rendered markup left.
        root.set_text_content(None);
        let mount_point = document.create_element("div")?;
        mount_point.set_class_name("ig-root");
        root.append_child(&mount_point)?;
        let props = props_from_attributes(&host);
        let app = yew::Renderer::<App>::with_root_and_props(mount_point, props).render();
        Ok(Widget {
            host,
            app: Some(app),
        })
    }

    /// Re-reads the element's attributes after one of them changed.
    pub fn update(&mut self) {
        let props = props_from_attributes(&self.host);
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn adopt_stylesheet(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = STYLESHEET.with(|cell| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(WIDGET_CSS)?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}

/// The language: the element's `lang`, else the page's `<html lang>`, else the
/// browser's first preference.
fn resolve_lang(host: &HtmlElement) -> String {
    let own = host.get_attribute("lang").filter(|l| !l.trim().is_empty());
    let page = || {
        host.owner_document()
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .filter(|l| !l.trim().is_empty())
    };
    let browser = || web_sys::window().and_then(|w| w.navigator().language());
    own.or_else(page)
        .or_else(browser)
        .unwrap_or_else(|| "en".to_owned())
}

fn props_from_attributes(host: &HtmlElement) -> AppProps {
    let heading_level = host
        .get_attribute("heading-level")
        .and_then(|level| level.trim().parse::<u8>().ok())
        .filter(|level| (1..=5).contains(level))
        .unwrap_or(2);
    AppProps {
        lang: resolve_lang(host).into(),
        heading_level,
    }
}
