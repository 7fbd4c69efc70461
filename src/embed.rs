//! The embed layer: the only code that talks to the host page.
//!
//! The loader (`web/infusion-guide.js`) defines the `<infusion-guide>` custom
//! element and, for each connected element, constructs a [`Widget`] with the
//! element and its open shadow root. The widget reads the element's
//! attributes, adopts the stylesheets into the shadow root, mounts the Yew
//! [`App`] with the built-in guide at once, then loads the clinic's content
//! (inline JSON or `content-src`) and swaps it in. Whatever goes wrong with
//! the clinic's content, the patient keeps the default guide, the console
//! says why, and the host page gets an `infusion-guide:error` event.
//! Dropping the widget (`free()` from JavaScript) unmounts the app.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};
use yew::{AppHandle, Callback};

use crate::app::{App, AppProps, HEADING_LEVELS};
use crate::components::context::{GuideEvent, RenderMode};
use crate::content::{self, Content, ContentError, Region, Theme};

mod fallback;
mod fetch;
mod tools;

/// The widget's CSS, compiled in so that no extra request and no `<style>`
/// element (blocked by a strict `style-src`) is needed. Minified by build.rs
/// from styles/widget.css.
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

thread_local! {
    /// One constructed stylesheet shared by every widget on the page.
    static STYLESHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// Apps of unmounted widgets, idle, with their mount points. Yew 0.23
    /// never frees the event listeners of an app's root (it `forget`s them),
    /// so a page that adds and removes widgets all day would leak; reusing
    /// idle apps bounds that by the most widgets ever shown at once.
    static IDLE_APPS: RefCell<Vec<(Element, AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
    /// Numbers successive widgets, so a reused app starts with fresh state.
    static NEXT_INSTANCE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// What the host page configured: from the element's attributes, or from
/// `InfusionGuide.mount(element, options)`. The loader passes a plain object
/// with string values (`contentSrc`, `contentJson`, `lang`, `theme`,
/// `headingLevel`, `region`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Options {
    content_src: Option<String>,
    content_json: Option<String>,
    lang: Option<String>,
    theme: Option<String>,
    heading_level: Option<String>,
    region: Option<String>,
}

impl Options {
    fn from_js(value: &JsValue) -> Options {
        let get = |key: &str| {
            js_sys::Reflect::get(value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .filter(|v| !v.trim().is_empty())
        };
        Options {
            content_src: get("contentSrc"),
            content_json: get("contentJson"),
            lang: get("lang"),
            theme: get("theme"),
            heading_level: get("headingLevel"),
            region: get("region"),
        }
    }
}

/// Parses and checks the built-in guide (once per page), so that the loader
/// can do it in a task of its own before the first widget mounts: a page's
/// longest task is then the rendering alone, not the parsing and rendering.
#[wasm_bindgen(js_name = prepareGuide)]
pub fn prepare_guide() {
    let _ = content::default_content();
}

/// One mounted widget: the host element, and the Yew app in its shadow root.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    host: HtmlElement,
    options: Options,
    root: ShadowRoot,
    /// The element in the shadow root that the app renders into, once attached.
    mount_point: Option<Element>,
    app: Option<AppHandle<App>>,
    /// This widget's number (see [`AppProps::instance`]).
    instance: u32,
    /// Whether it replaced the static page (see [`RenderMode::OverStaticPage`]).
    prerendered: bool,
    /// Whether content loading has started at least once.
    started: bool,
    theme_sheet: CssStyleSheet,
    /// The content shown now.
    content: Rc<Content>,
    /// Whether the clinic's content failed and the default is shown.
    fell_back: bool,
    /// Where the current content came from, to reload only on a change.
    source: Option<Source>,
    /// Bumped on every load, so a slow, outdated response is ignored.
    generation: u32,
    /// Aborts the fetch under way, if any.
    abort: Option<web_sys::AbortController>,
}

/// Where a widget's clinic content comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// A `<script type="application/json">` child of the element.
    Inline(String),
    /// The `content-src` URL, resolved against the page.
    Url(String),
}

#[wasm_bindgen]
impl Widget {
    /// Mounts the guide into `root`, the open shadow root of `host`.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot, options: JsValue) -> Result<Widget, JsValue> {
        fallback::install_panic_hook();
        let theme_sheet = CssStyleSheet::new()?;
        let shared = shared_stylesheet()?;
        root.set_adopted_style_sheets(&js_sys::Array::of2(&shared, &theme_sheet));
        let content = content::default_content().map_err(|errors| {
            JsValue::from_str(&format!("the built-in guide is invalid: {}", errors.len()))
        })?;
        // The static page (`infusion-guide render`): its declarative shadow
        // root holds the guide; the app starts in the same state over it.
        let prerendered = root.query_selector(".ig").ok().flatten().is_some();
        let instance = NEXT_INSTANCE.with(|n| {
            let next = n.get().wrapping_add(1);
            n.set(next);
            next
        });
        let options = Options::from_js(&options);
        // Over a static page made from the clinic's own content, keep it on
        // screen until that content has loaded, instead of flashing the
        // built-in guide in between.
        let deferred =
            prerendered && matches!(content_source(&host, &options), Some(Source::Url(_)));
        let inner = Rc::new(RefCell::new(Inner {
            host: host.clone(),
            options,
            root: root.clone(),
            mount_point: None,
            app: None,
            instance,
            prerendered,
            started: false,
            theme_sheet,
            content,
            fell_back: false,
            source: None,
            generation: 0,
            abort: None,
        }));
        if !deferred {
            Inner::attach(&inner)?;
        }
        inner.borrow().apply_theme();
        fallback::register(&root, &inner.borrow().content);
        let widget = Widget { inner };
        widget.load_content();
        Ok(widget)
    }

    /// Applies new options (an attribute changed, or `handle.update()`).
    pub fn update(&mut self, options: JsValue) {
        self.inner.borrow_mut().options = Options::from_js(&options);
        self.load_content();
        Inner::rerender(&self.inner);
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.generation = inner.generation.wrapping_add(1);
        if let Some(abort) = inner.abort.take() {
            abort.abort();
        }
        fallback::unregister(&inner.root);
        if let (Some(mut app), Some(mount_point)) = (inner.app.take(), inner.mount_point.take()) {
            // Idle: render nothing, leave the shadow root, wait for the next widget.
            let idle = AppProps {
                active: false,
                ..inner.props(Weak::new())
            };
            app.update(idle);
            mount_point.remove();
            IDLE_APPS.with(|apps| match apps.try_borrow_mut() {
                Ok(mut apps) => apps.push((mount_point, app)),
                Err(_) => app.destroy(),
            });
        }
    }
}

impl Widget {
    /// Starts loading the clinic's content if its source changed.
    fn load_content(&self) {
        let source = {
            let inner = self.inner.borrow();
            let source = content_source(&inner.host, &inner.options);
            if inner.started && source == inner.source {
                return;
            }
            source
        };
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.started = true;
            inner.source = source.clone();
            inner.generation = inner.generation.wrapping_add(1);
            if let Some(abort) = inner.abort.take() {
                abort.abort();
            }
            inner.generation
        };
        match source {
            None => Inner::finish(&self.inner, generation, Ok(None)),
            Some(Source::Inline(text)) => {
                let result = content::load_clinic(&text)
                    .map(|c| Some(Rc::new(c)))
                    .map_err(Failure::Content);
                Inner::finish(&self.inner, generation, result);
            }
            Some(Source::Url(url)) => {
                let abort = web_sys::AbortController::new().ok();
                self.inner.borrow_mut().abort = abort.clone();
                let weak = Rc::downgrade(&self.inner);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = fetch::fetch_text(&url, abort.as_ref())
                        .await
                        .map_err(Failure::Fetch)
                        .and_then(|text| {
                            content::load_clinic(&text)
                                .map(|c| Some(Rc::new(c)))
                                .map_err(Failure::Content)
                        });
                    if let Some(inner) = weak.upgrade() {
                        Inner::finish(&inner, generation, result);
                    }
                });
            }
        }
    }
}

/// Why the clinic's content is not shown.
enum Failure {
    /// The file could not be fetched (with the reason for the console).
    Fetch(String),
    /// The file was fetched but is not valid content.
    Content(Vec<ContentError>),
}

impl Inner {
    fn props(&self, weak: Weak<RefCell<Inner>>) -> AppProps {
        let options = &self.options;
        AppProps {
            content: self.content.clone().into(),
            lang: resolve_lang(&self.host, options.lang.as_deref()).into(),
            heading_level: options
                .heading_level
                .as_deref()
                .and_then(|level| level.trim().parse::<u8>().ok())
                .filter(|level| HEADING_LEVELS.contains(level))
                .unwrap_or(2),
            theme: options
                .theme
                .clone()
                .unwrap_or_default()
                .to_ascii_lowercase()
                .into(),
            region: options.region.as_deref().and_then(Region::from_name),
            fell_back: self.fell_back,
            instance: self.instance,
            mode: if self.prerendered {
                RenderMode::OverStaticPage
            } else {
                RenderMode::Live
            },
            active: true,
            on_event: Callback::from(move |event: GuideEvent| {
                if let Some(inner) = weak.upgrade() {
                    let host = inner.borrow().host.clone();
                    let (name, detail) = match event {
                        GuideEvent::Step(id) => ("infusion-guide:step", JsValue::from_str(&id)),
                        GuideEvent::FaqOpen(id) => {
                            ("infusion-guide:faq-open", JsValue::from_str(&id))
                        }
                        GuideEvent::Section(part) => {
                            ("infusion-guide:section", JsValue::from_str(part))
                        }
                    };
                    dispatch(&host, name, &detail);
                }
            }),
        }
    }

    /// Puts the app into the shadow root (replacing any static page there),
    /// reusing an idle app when there is one.
    fn attach(this: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
        let (root, host) = {
            let inner = this.borrow();
            (inner.root.clone(), inner.host.clone())
        };
        root.set_text_content(None);
        let idle =
            IDLE_APPS.with(|apps| apps.try_borrow_mut().ok().and_then(|mut apps| apps.pop()));
        let (mount_point, idle_app) = match idle {
            Some((mount_point, app)) => (mount_point, Some(app)),
            None => {
                let document = host.owner_document().ok_or("the element has no document")?;
                let mount_point = document.create_element("div")?;
                mount_point.set_class_name("ig-root");
                (mount_point, None)
            }
        };
        root.append_child(&mount_point)?;
        let props = this.borrow().props(Rc::downgrade(this));
        let app = match idle_app {
            Some(mut app) => {
                app.update(props);
                app
            }
            None => yew::Renderer::<App>::with_root_and_props(mount_point.clone(), props).render(),
        };
        let mut inner = this.borrow_mut();
        inner.mount_point = Some(mount_point);
        inner.app = Some(app);
        Ok(())
    }

    fn rerender(this: &Rc<RefCell<Inner>>) {
        let props = this.borrow().props(Rc::downgrade(this));
        if let Some(app) = this.borrow_mut().app.as_mut() {
            app.update(props);
        }
    }

    /// Shows the loaded content (or keeps the default) and tells the host page.
    fn finish(
        this: &Rc<RefCell<Inner>>,
        generation: u32,
        result: Result<Option<Rc<Content>>, Failure>,
    ) {
        let host = {
            let mut inner = this.borrow_mut();
            if inner.generation != generation {
                return;
            }
            inner.abort = None;
            match &result {
                Ok(Some(content)) => {
                    inner.content = content.clone();
                    inner.fell_back = false;
                }
                Ok(None) => {
                    inner.fell_back = false;
                    if let Ok(default) = content::default_content() {
                        inner.content = default;
                    }
                }
                Err(_) => {
                    inner.fell_back = true;
                    if let Ok(default) = content::default_content() {
                        inner.content = default;
                    }
                }
            }
            inner.apply_theme();
            fallback::register(&inner.root, &inner.content);
            inner.host.clone()
        };
        if this.borrow().app.is_none() {
            if let Err(error) = Inner::attach(this) {
                web_sys::console::error_2(
                    &"[infusion-guide] the widget could not be shown:".into(),
                    &error,
                );
            }
        } else {
            Inner::rerender(this);
        }
        match result {
            Ok(_) => dispatch(&host, "infusion-guide:ready", &JsValue::UNDEFINED),
            Err(failure) => {
                let source = this.borrow().source.clone();
                let detail = report(source.as_ref(), failure);
                dispatch(&host, "infusion-guide:error", &detail);
                dispatch(&host, "infusion-guide:ready", &JsValue::UNDEFINED);
            }
        }
    }

    /// Sets the content's colours, radius and font as CSS custom properties
    /// in the widget's own constructed stylesheet (never an inline style).
    fn apply_theme(&self) {
        let _ = self
            .theme_sheet
            .replace_sync(&theme_css(&self.content.theme));
    }
}

/// The `:host` rule that carries a content theme. Every value was validated
/// (`#rrggbb`, a number, a font from a fixed list), so nothing can escape it.
fn theme_css(theme: &Theme) -> String {
    format!(
        ":host{{--ig-c-accent:{};--ig-c-accent-text:{};--ig-c-bg:{};--ig-c-text:{};--ig-c-radius:{}px;--ig-c-font:{}}}",
        theme.accent,
        theme.accent_text,
        theme.background,
        theme.text,
        theme.radius,
        theme.font.css_stack()
    )
}

/// Logs why the clinic's content is not shown, and returns the event detail:
/// a list of `{ message, path, line, column }`.
fn report(failure_source: Option<&Source>, failure: Failure) -> JsValue {
    let src = match failure_source {
        Some(Source::Url(url)) => url.clone(),
        _ => "inline content".to_owned(),
    };
    let list = js_sys::Array::new();
    let mut lines = Vec::new();
    let push = |message: &str, path: &str, pos: Option<content::json::Pos>| {
        list.push(&tools::problem(message, path, pos));
    };
    match &failure {
        Failure::Fetch(reason) => {
            push(reason, "", None);
            lines.push(reason.clone());
        }
        Failure::Content(errors) => {
            for error in errors {
                push(&error.message, &error.path, error.pos);
                lines.push(error.to_line(&src));
            }
        }
    }
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "[infusion-guide] the clinic's content ({src}) was not used; showing the built-in guide instead:\n{}",
        lines.join("\n")
    )));
    list.into()
}

/// Dispatches a `CustomEvent` that bubbles out of the shadow root.
fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn shared_stylesheet() -> Result<CssStyleSheet, JsValue> {
    STYLESHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(WIDGET_CSS)?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// Where the clinic's content is: inline JSON first, then `content-src`
/// (resolved against the page's address).
fn content_source(host: &HtmlElement, options: &Options) -> Option<Source> {
    if let Some(json) = &options.content_json {
        return Some(Source::Inline(json.clone()));
    }
    let src = options.content_src.as_deref()?.trim();
    let base = host
        .owner_document()
        .and_then(|d| d.base_uri().ok().flatten());
    let url = match base {
        Some(base) => web_sys::Url::new_with_base(src, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| src.to_owned()),
        None => src.to_owned(),
    };
    Some(Source::Url(url))
}

/// The language: the option (the element's `lang`), else the page's
/// `<html lang>`, else the browser's first preference.
fn resolve_lang(host: &HtmlElement, own: Option<&str>) -> String {
    let page = || {
        host.owner_document()
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .filter(|l| !l.trim().is_empty())
    };
    let browser = || web_sys::window().and_then(|w| w.navigator().language());
    own.map(str::to_owned)
        .or_else(page)
        .or_else(browser)
        .unwrap_or_else(|| "en".to_owned())
}

/// Casts without panicking; used by the submodules.
fn cast<T: JsCast>(value: JsValue) -> Option<T> {
    value.dyn_into::<T>().ok()
}
