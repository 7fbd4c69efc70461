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

use std::rc::Rc;

use yew::AttrValue;

use crate::app::{App, AppProps};
use crate::components::context::RenderMode;
use crate::content::Content;
use crate::content::SharedContent;

/// The guide `content` in language `lang` (the closest the content has), its
/// title a heading of `heading_level` (clamped to 1..=4), as a declarative
/// shadow DOM template that links the stylesheet at `css_href`. The same
/// arguments always give the same bytes.
pub fn render_static(
    content: Rc<Content>,
    lang: &str,
    heading_level: u8,
    css_href: &str,
) -> String {
    let props = yew::props!(AppProps {
        content: SharedContent::from(content),
        lang: AttrValue::from(lang.to_owned()),
        heading_level,
        mode: RenderMode::StaticPage,
    });
    let guide = crate::ssr::render_component::<App>(props);
    let guide = format!(
        "<link rel=\"stylesheet\" href=\"{}\"><div class=\"ig-root\">{guide}</div>",
        escape_attribute(css_href)
    );
    format!("<template shadowrootmode=\"open\">{guide}</template><noscript>{guide}</noscript>")
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
