//! The embed layer: the only code that talks to the host page.
//!
//! The loader (`web/infusion-guide.js`) defines the `<infusion-guide>` custom
//! element. It shows the guide as HTML at once (the built-in guide, prerendered
//! at build time, or the clinic's pasted static page), reads the clinic's
//! content (inline JSON, or `content-src` fetched in parallel with the wasm),
//! and, once the module has started, constructs a [`Widget`] with the element,
//! its open shadow root, the options and the shared stylesheet. The widget
//! mounts the Yew [`App`] in place of the HTML, in the same state, so nothing
//! moves. Whatever goes wrong with the clinic's content, the patient gets the
//! built-in guide, the console says why, and the host page gets an
//! `infusion-guide:error` event. Dropping the widget (`free()` from
//! JavaScript) unmounts the app.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};
use yew::{AppHandle, Callback};

use crate::app::{App, AppProps, HEADING_LEVELS};
use crate::components::context::{GuideEvent, RenderMode};
use crate::content::{self, Content, ContentError, Region, Theme};

mod fallback;
mod tools;

thread_local! {
    /// Apps of unmounted widgets, idle, with their mount points. Yew 0.23
    /// never frees the event listeners of an app's root (it `forget`s them),
    /// so a page that adds and removes widgets all day would leak; reusing
    /// idle apps bounds that by the most widgets ever shown at once.
    static IDLE_APPS: RefCell<Vec<(Element, AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
    /// Numbers successive widgets, so a reused app starts with fresh state.
    static NEXT_INSTANCE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// What the host page configured: from the element's attributes, or from
/// `InfusionGuide.mount(element, options)`, and the clinic's content as far
/// as the loader has read it. The loader passes a plain object with string
/// values (`lang`, `theme`, `headingLevel`, `region`, `contentState`,
/// `contentText`, `contentError`, `contentOrigin`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Options {
    lang: Option<String>,
    theme: Option<String>,
    heading_level: Option<String>,
    region: Option<String>,
    content: ClinicContent,
}

/// The clinic's content, as the loader has it.
#[derive(Clone, Debug, Default, PartialEq)]
enum ClinicContent {
    /// None: the built-in guide.
    #[default]
    BuiltIn,
    /// Still being fetched.
    Pending,
    /// The text of the file or of the inline JSON, and where it came from.
    Text { text: String, origin: String },
    /// The file could not be fetched: why, in one sentence, and its address.
    Failed { reason: String, origin: String },
}

impl ClinicContent {
    /// Where the clinic's content came from, for messages.
    fn origin(&self) -> String {
        match self {
            ClinicContent::Text { origin, .. } | ClinicContent::Failed { origin, .. } => {
                origin.clone()
            }
            _ => "inline content".to_owned(),
        }
    }
}

impl Options {
    fn from_js(value: &JsValue) -> Options {
        let get = |key: &str| {
            js_sys::Reflect::get(value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        let origin = || get("contentOrigin").unwrap_or_else(|| "inline content".to_owned());
        let content = match get("contentState").as_deref() {
            Some("pending") => ClinicContent::Pending,
            Some("text") => ClinicContent::Text {
                text: get("contentText").unwrap_or_default(),
                origin: origin(),
            },
            Some("failed") => ClinicContent::Failed {
                reason: get("contentError").unwrap_or_default(),
                origin: origin(),
            },
            _ => ClinicContent::BuiltIn,
        };
        Options {
            lang: non_empty("lang"),
            theme: non_empty("theme"),
            heading_level: non_empty("headingLevel"),
            region: non_empty("region"),
            content,
        }
    }
}

/// Hands over the built-in guide's JSON (the loader carries it) and the
/// function to call if the module ever panics, then parses and checks the
/// guide once per page, in a task of its own before the first widget mounts:
/// a page's longest task is then the rendering alone.
#[wasm_bindgen(js_name = prepareGuide)]
pub fn prepare_guide(default_json: String, on_panic: js_sys::Function) {
    content::provide_default_json(default_json);
    fallback::install_panic_hook(on_panic);
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
    /// Live, or over the clinic's static page (see [`RenderMode::OverStaticPage`]).
    mode: RenderMode,
    theme_sheet: CssStyleSheet,
    /// The content shown now.
    content: Rc<Content>,
    /// Whether the clinic's content failed and the default is shown.
    fell_back: bool,
    /// Bumped each time content is given; the app reports `ready` once it
    /// shows that content (see [`AppProps::generation`]).
    generation: u32,
}

#[wasm_bindgen]
impl Widget {
    /// Mounts the guide into `root`, the open shadow root of `host`, styled
    /// by `sheet` (the loader's constructed stylesheet, shared by every
    /// widget on the page).
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: HtmlElement,
        root: ShadowRoot,
        options: JsValue,
        sheet: CssStyleSheet,
    ) -> Result<Widget, JsValue> {
        let theme_sheet = CssStyleSheet::new()?;
        root.set_adopted_style_sheets(&js_sys::Array::of2(&sheet, &theme_sheet));
        let content = content::default_content().map_err(|errors| {
            JsValue::from_str(&format!("the built-in guide is invalid: {}", errors.len()))
        })?;
        // The guide as HTML: the clinic's pasted static page (every step and
        // answer shown), or the loader's prerender, marked as the live form
        // (one step, answers closed). The app starts in the same state.
        let shown = |selector: &str| root.query_selector(selector).ok().flatten().is_some();
        let mode = if shown(".ig") && !shown("[data-prerender=live]") {
            RenderMode::OverStaticPage
        } else {
            RenderMode::Live
        };
        let instance = NEXT_INSTANCE.with(|n| {
            let next = n.get().wrapping_add(1);
            n.set(next);
            next
        });
        let inner = Rc::new(RefCell::new(Inner {
            host: host.clone(),
            options: Options::from_js(&options),
            root: root.clone(),
            mount_point: None,
            app: None,
            instance,
            mode,
            theme_sheet,
            content,
            fell_back: false,
            generation: 0,
        }));
        inner.borrow().apply_theme();
        let widget = Widget { inner };
        widget.load_content();
        Ok(widget)
    }

    /// Applies new options (an attribute changed, `handle.update()`, or the
    /// clinic's content arrived).
    pub fn update(&mut self, options: JsValue) {
        let options = Options::from_js(&options);
        let content_changed = self.inner.borrow().options.content != options.content;
        self.inner.borrow_mut().options = options;
        if content_changed {
            self.load_content();
        } else {
            Inner::rerender(&self.inner);
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        let mut inner = self.inner.borrow_mut();
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
    /// Shows the content the options carry: the built-in guide, the clinic's
    /// (parsed and merged here), or the built-in guide with the reason the
    /// clinic's was not used. While the clinic's file is still on its way,
    /// whatever the shadow root shows stays (the clinic's static page, or
    /// nothing of the guide's body): never the built-in guide first.
    fn load_content(&self) {
        let content = self.inner.borrow().options.content.clone();
        let result = match content {
            ClinicContent::Pending => return,
            ClinicContent::BuiltIn => Ok(None),
            ClinicContent::Text { text, .. } => content::load_clinic(&text)
                .map(|c| Some(Rc::new(c)))
                .map_err(Failure::Content),
            ClinicContent::Failed { reason, .. } => Err(Failure::Fetch(reason)),
        };
        Inner::finish(&self.inner, result);
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
            lang: self.requested_lang().into(),
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
            region: self.host_region(),
            fell_back: self.fell_back,
            instance: self.instance,
            generation: self.generation,
            mode: self.mode,
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
                        GuideEvent::Shown => ("infusion-guide:ready", JsValue::UNDEFINED),
                    };
                    dispatch(&host, name, &detail);
                }
            }),
        }
    }

    /// The language the host page asked for (see [`resolve_lang`]).
    fn requested_lang(&self) -> String {
        resolve_lang(&self.host, self.options.lang.as_deref())
    }

    /// The region the host page chose with the `region` attribute, if any.
    fn host_region(&self) -> Option<Region> {
        self.options.region.as_deref().and_then(Region::from_name)
    }

    /// Puts the app into the shadow root (replacing the guide as HTML there),
    /// reusing an idle app when there is one. The app renders in the same
    /// task, so the page never paints the shadow root empty.
    fn attach(this: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
        let (root, host) = {
            let inner = this.borrow();
            (inner.root.clone(), inner.host.clone())
        };
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
        root.set_text_content(None);
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
        this.borrow().register_fallback();
    }

    /// Shows the loaded content (or the default) and tells the host page;
    /// `infusion-guide:ready` follows from the app once it is on screen.
    fn finish(this: &Rc<RefCell<Inner>>, result: Result<Option<Rc<Content>>, Failure>) {
        {
            let mut inner = this.borrow_mut();
            inner.generation = inner.generation.wrapping_add(1);
            match &result {
                Ok(Some(content)) => {
                    inner.content = content.clone();
                    inner.fell_back = false;
                }
                Ok(None) | Err(_) => {
                    inner.fell_back = result.is_err();
                    if let Ok(default) = content::default_content() {
                        inner.content = default;
                    }
                }
            }
            inner.apply_theme();
        }
        if this.borrow().app.is_none() {
            if let Err(error) = Inner::attach(this) {
                web_sys::console::error_2(
                    &"[infusion-guide] the widget could not be shown:".into(),
                    &error,
                );
            }
            this.borrow().register_fallback();
        } else {
            Inner::rerender(this);
        }
        if let Err(failure) = result {
            let (host, origin) = {
                let inner = this.borrow();
                (inner.host.clone(), inner.options.content.origin())
            };
            dispatch(&host, "infusion-guide:error", &report(&origin, failure));
        }
    }

    /// Records what the page shows if the module ever stops (see [`fallback`]).
    fn register_fallback(&self) {
        let region = self.host_region().unwrap_or(self.content.crisis.region);
        let lang = self
            .content
            .pick_language(&self.requested_lang())
            .to_owned();
        fallback::register(&self.root, &self.content, region, lang);
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
fn report(origin: &str, failure: Failure) -> JsValue {
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
                lines.push(error.to_line(origin));
            }
        }
    }
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "[infusion-guide] the clinic's content ({origin}) was not used; showing the built-in guide instead:\n{}",
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
