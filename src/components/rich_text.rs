//! Rendering of formatted text ([`RichText`]) as Yew HTML.
//!
//! Only `p`, `strong`, `em`, `ul`, `ol`, `li`, `a` and `br` elements are
//! produced, all through `html!`; clinic text always becomes text nodes, so
//! nothing the clinic writes is ever read as HTML. Links are checked again
//! here ([`link_scheme_allowed`]) in case a tree was built without
//! [`parse`](crate::content::rich::parse).

use yew::prelude::*;

use crate::content::rich::{link_scheme_allowed, Block, Inline, RichText};

/// Renders formatted text (paragraphs, lists, bold, italic, links and line
/// breaks) with no wrapping element of its own, for components that show it
/// inside their own markup.
pub fn render_rich(text: &RichText) -> Html {
    html! {
        for block in &text.blocks {
            { render_block(block) }
        }
    }
}

fn render_block(block: &Block) -> Html {
    match block {
        Block::Paragraph(inlines) => html! { <p>{ render_inlines(inlines) }</p> },
        Block::BulletList(items) => html! {
            <ul>
                for item in items {
                    <li>{ render_inlines(item) }</li>
                }
            </ul>
        },
        Block::NumberedList { start, items } => {
            // Leave out the default so the markup stays plain.
            let start = (*start != 1).then(|| start.to_string());
            html! {
                <ol {start}>
                    for item in items {
                        <li>{ render_inlines(item) }</li>
                    }
                </ol>
            }
        }
    }
}

fn render_inlines(inlines: &[Inline]) -> Html {
    html! {
        for inline in inlines {
            { render_inline(inline) }
        }
    }
}

fn render_inline(inline: &Inline) -> Html {
    match inline {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Strong(children) => html! { <strong>{ render_inlines(children) }</strong> },
        Inline::Emphasis(children) => html! { <em>{ render_inlines(children) }</em> },
        Inline::Link { href, children } if link_scheme_allowed(href) => {
            // No target: the patient comes back with the back button, where
            // they left off. noopener/noreferrer keep the clinic page private.
            let external = href
                .get(..4)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http"));
            let rel = external.then_some("noopener noreferrer");
            html! { <a href={href.clone()} {rel}>{ render_inlines(children) }</a> }
        }
        Inline::Link { children, .. } => render_inlines(children),
        Inline::LineBreak => html! { <br /> },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::content::rich::{parse, RichText};
    use crate::ssr::render_html;

    fn render(text: RichText) -> String {
        render_html(render_rich(&text))
    }

    fn render_source(source: &str) -> String {
        match parse(source) {
            Ok(text) => render(text),
            Err(errors) => panic!("{source:?}: {errors:?}"),
        }
    }

    const ELEMENTS: [&str; 8] = ["p", "strong", "em", "ul", "ol", "li", "a", "br"];
    const ATTRIBUTES: [&str; 3] = ["href", "rel", "start"];

    /// Checks rendered HTML: only the expected elements and attributes, and
    /// only allowed link addresses. All text is escaped on output, so every
    /// `<` starts a tag.
    fn check_html(html: &str) -> Result<(), String> {
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            rest = &rest[open + 1..];
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unclosed tag in {html}"))?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            let tag = tag.strip_prefix('/').unwrap_or(tag);
            let tag = tag.strip_suffix('/').unwrap_or(tag);
            let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            if !ELEMENTS.contains(&name) {
                return Err(format!("element <{name}> in {html}"));
            }
            while !attributes.trim().is_empty() {
                let trimmed = attributes.trim_start();
                let (attribute, after) = trimmed
                    .split_once("=\"")
                    .ok_or_else(|| format!("odd attribute {trimmed:?} in {html}"))?;
                let close = after
                    .find('"')
                    .ok_or_else(|| format!("unclosed attribute in {html}"))?;
                let value = &after[..close];
                attributes = &after[close + 1..];
                if !ATTRIBUTES.contains(&attribute) {
                    return Err(format!("attribute {attribute} in {html}"));
                }
                if attribute == "href" && !link_scheme_allowed(&unescape(value)) {
                    return Err(format!("href {value:?} in {html}"));
                }
            }
        }
        if html.to_ascii_lowercase().contains("<script") {
            return Err(format!("script in {html}"));
        }
        Ok(())
    }

    fn unescape(value: &str) -> String {
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn renders_every_element() {
        let html = render_source(
            "A **b** *c*  \nd [e](https://x.org) [f](tel:1)\n\n- g\n\n3. h\n\nj\n\n1. i",
        );
        assert_eq!(
            html,
            "<p>A <strong>b</strong> <em>c</em><br>d \
             <a href=\"https://x.org\" rel=\"noopener noreferrer\">e</a> \
             <a href=\"tel:1\">f</a></p>\
             <ul><li>g</li></ul><ol start=\"3\"><li>h</li></ol><p>j</p><ol><li>i</li></ol>"
        );
        check_html(&html).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn html_in_text_is_escaped() {
        let html = render_source("<b>hi</b> & <script>alert(1)</script>");
        assert!(
            html.starts_with("<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;"),
            "{html}"
        );
        check_html(&html).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn refused_links_render_as_text() {
        let text = RichText {
            blocks: vec![Block::Paragraph(vec![Inline::Link {
                href: "javascript:alert(1)".into(),
                children: vec![Inline::Text("click".into())],
            }])],
        };
        assert_eq!(render(text), "<p>click</p>");
    }

    #[test]
    fn checker_catches_what_it_should() {
        assert!(check_html("<p>ok <a href=\"mailto:a@b.c\">m</a></p>").is_ok());
        assert!(check_html("<div></div>").is_err());
        assert!(check_html("<p onclick=\"x\"></p>").is_err());
        assert!(check_html("<a href=\"javascript:x\"></a>").is_err());
        assert!(check_html("<script>").is_err());
    }
}
