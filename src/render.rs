//! The static page: the whole guide as plain HTML, for patients without
//! JavaScript or WebAssembly, and for search engines.
//!
//! [`render_static`] renders the same [`App`] components on the server side
//! (Yew's `LocalServerRenderer`) in the state a static page can show: every
//! step at once, every answer open, and none of the controls that do nothing
//! without JavaScript (step buttons, FAQ search and topics, checkboxes, print,
//! the language select, the contents links). The output is a declarative
//! shadow DOM template that a clinic pastes inside its `<infusion-guide>`
//! element; it links the widget's stylesheet (`dist/infusion-guide.css`), so
//! the page is styled like the widget without any inline style that a strict
//! Content-Security-Policy would block:
//!
//! ```html
//! <script type="module" src="/infusion-guide/infusion-guide.js"></script>
//! <infusion-guide lang="en"><template shadowrootmode="open"><link rel="stylesheet"
//!   href="/infusion-guide/infusion-guide.css"><div class="ig-root">…</div></template></infusion-guide>
//! ```
//!
//! When the widget mounts, it replaces that content with the live guide,
//! started in the same open state ([`RenderMode::OverStaticPage`]), so only the
//! controls appear and the guide's top parts do not move.
//!
//! The command-line tool (`render`) and the editor page's wasm
//! (`editor-render/`, "Download HTML") both call [`static_page_of_file`]. In
//! the browser, Yew's renderer runs on the page's task queue, so the
//! functions here are `async`; natively, [`render_static`] and
//! [`render_clinic_file`] run them to the end at once.

use std::rc::Rc;

use yew::AttrValue;

use crate::app::{App, AppProps};
use crate::components::context::RenderMode;
use crate::content::{load_clinic_bytes, Content, ContentError, Region, SharedContent};

/// What the static page shows of a guide: `render`'s options, the same as
/// the element's attributes.
#[derive(Clone, Copy, Debug)]
pub struct PageOptions<'a> {
    /// The language (the closest the content has).
    pub lang: &'a str,
    /// The level of the guide title's heading (clamped to 1..=4).
    pub heading_level: u8,
    /// Whose crisis numbers it shows: the content's own region when `None`.
    pub region: Option<Region>,
    /// Where the page finds the widget's stylesheet.
    pub css_href: &'a str,
}

/// The guide `content` as `options` say, as a declarative shadow DOM
/// template that links the stylesheet, followed by a `<noscript>` copy for
/// browsers without declarative shadow DOM. The same arguments always give
/// the same bytes.
pub async fn static_page(content: Rc<Content>, options: PageOptions<'_>) -> String {
    let PageOptions {
        lang,
        heading_level,
        region,
        css_href,
    } = options;
    let article = guide_in_mode(content, lang, heading_level, region, RenderMode::StaticPage).await;
    let guide = format!(
        "<link rel=\"stylesheet\" href=\"{}\"><div class=\"ig-root\">{article}</div>",
        escape_attribute(css_href),
    );
    format!("<template shadowrootmode=\"open\">{guide}</template><noscript>{guide}</noscript>")
}

/// [`static_page`], run to the end at once (natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_static(content: Rc<Content>, options: PageOptions<'_>) -> String {
    crate::ssr::block_on(static_page(content, options))
}

/// Why a clinic's file could not be rendered.
#[derive(Debug)]
pub enum RenderFailure {
    /// The file has problems (as `check` lists them).
    Content(Vec<ContentError>),
    /// The content has no language `lang`; it has `languages`.
    NoLanguage {
        lang: String,
        languages: Vec<String>,
    },
}

/// What `infusion-guide render` prints for a clinic's content file `bytes`
/// (merged onto the built-in guide), and what the editor page's "Download
/// HTML" gives for the same file: [`static_page`] of it, with a newline.
/// Both call this one function, so the same input gives the same bytes.
pub async fn static_page_of_file(
    bytes: &[u8],
    options: PageOptions<'_>,
) -> Result<String, RenderFailure> {
    let content = load_clinic_bytes(bytes).map_err(RenderFailure::Content)?;
    if !content.languages.iter().any(|l| l == options.lang) {
        return Err(RenderFailure::NoLanguage {
            lang: options.lang.to_owned(),
            languages: content.languages.clone(),
        });
    }
    let html = static_page(Rc::new(content), options).await;
    Ok(format!("{html}\n"))
}

/// [`static_page_of_file`], run to the end at once (natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn render_clinic_file(bytes: &[u8], options: PageOptions<'_>) -> Result<String, RenderFailure> {
    crate::ssr::block_on(static_page_of_file(bytes, options))
}

/// The guide's markup (the `<article>`) as `mode` renders it.
pub(crate) async fn guide_in_mode(
    content: Rc<Content>,
    lang: &str,
    heading_level: u8,
    region: Option<Region>,
    mode: RenderMode,
) -> String {
    let props = yew::props!(AppProps {
        content: SharedContent::from(content),
        lang: AttrValue::from(lang.to_owned()),
        heading_level,
        region,
        mode,
    });
    crate::ssr::render_component_async::<App>(props).await
}

/// `value` made safe inside a double-quoted HTML attribute.
fn escape_attribute(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            escape_attribute(r#"a.css?x=1&y="2"'<>"#),
            "a.css?x=1&amp;y=&quot;2&quot;&#39;&lt;&gt;"
        );
    }
}
