//! Rendering of formatted text ([`RichText`]) as Yew HTML.
//!
//! Only `p`, `strong`, `em`, `ul`, `ol`, `li`, `a`, `br` and `span` (a
//! placeholder filled in for the region) elements are produced, all through
//! `html!`; clinic text always becomes text nodes, so nothing the clinic
//! writes is ever read as HTML. Links are checked again here
//! ([`link_scheme_allowed`]) in case a tree was built without
//! [`parse`](crate::content::rich::parse).

use yew::prelude::*;

use crate::content::crisis::{crisis_language, reference};
use crate::content::rich::{link_scheme_allowed, Block, Inline, RichText};
use crate::content::{primary_language, Region};

/// Where text is shown: the region whose crisis numbers fill in the
/// `{crisis}` and `{emergency}` placeholders, and the language shown.
#[derive(Clone, Copy, Debug)]
pub struct Place<'a> {
    /// The page's region.
    pub region: Region,
    /// The language of the text around the placeholders.
    pub lang: &'a str,
}

/// Renders formatted text (paragraphs, lists, bold, italic, links, line
/// breaks and the region's numbers) with no wrapping element of its own, for
/// components that show it inside their own markup.
pub fn render_rich(text: &RichText, place: Place) -> Html {
    html! {
        for block in &text.blocks {
            { render_block(block, place) }
        }
    }
}

fn render_block(block: &Block, place: Place) -> Html {
    match block {
        Block::Paragraph(inlines) => html! { <p>{ render_inlines(inlines, place) }</p> },
        Block::BulletList(items) => html! {
            <ul>
                for item in items {
                    <li>{ render_inlines(item, place) }</li>
                }
            </ul>
        },
        Block::NumberedList { start, items } => {
            // Leave out the default so the markup stays plain.
            let start = (*start != 1).then(|| start.to_string());
            html! {
                <ol {start}>
                    for item in items {
                        <li>{ render_inlines(item, place) }</li>
                    }
                </ol>
            }
        }
    }
}

fn render_inlines(inlines: &[Inline], place: Place) -> Html {
    html! {
        for inline in inlines {
            { render_inline(inline, place) }
        }
    }
}

fn render_inline(inline: &Inline, place: Place) -> Html {
    match inline {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Strong(children) => html! { <strong>{ render_inlines(children, place) }</strong> },
        Inline::Emphasis(children) => html! { <em>{ render_inlines(children, place) }</em> },
        Inline::Link { href, children } if link_scheme_allowed(href) => {
            // No target: the patient comes back with the back button, where
            // they left off. noopener/noreferrer keep the clinic page private.
            let external = href
                .get(..4)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http"));
            let rel = external.then_some("noopener noreferrer");
            html! { <a href={href.clone()} {rel}>{ render_inlines(children, place) }</a> }
        }
        Inline::Link { children, .. } => render_inlines(children, place),
        Inline::LineBreak => html! { <br /> },
        Inline::Region(which) => {
            let filled = reference(*which, place.region, place.lang);
            // The phrase is English in a language the widget has no words for.
            let own = crisis_language(place.lang);
            let lang = (own != primary_language(place.lang)).then_some(own);
            html! {
                <span class="ig-ref" data-ref={which.name()} {lang}>
                    { filled.before }
                    if let Some((label, href)) = filled.link {
                        <a {href}>{ label }</a>
                    }
                    { filled.after }
                </span>
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::content::rich::{parse, RichText};
    use crate::ssr::render_html;

    fn render(text: RichText) -> String {
        render_html(render_rich(&text, US_ENGLISH))
    }

    const US_ENGLISH: Place = Place {
        region: Region::Us,
        lang: "en",
    };

    fn render_source(source: &str) -> String {
        match parse(source) {
            Ok(text) => render(text),
            Err(errors) => panic!("{source:?}: {errors:?}"),
        }
    }

    const ELEMENTS: [&str; 9] = ["p", "strong", "em", "ul", "ol", "li", "a", "br", "span"];
    const ATTRIBUTES: [&str; 6] = ["href", "rel", "start", "class", "data-ref", "lang"];

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
    fn placeholders_show_the_numbers_of_the_region_and_language() {
        let text = parse("Get help now: {crisis}. In an emergency, call {emergency}.")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let html = |region, lang| render_html(render_rich(&text, Place { region, lang }));
        let us = html(Region::Us, "en");
        assert_eq!(
            us,
            "<p>Get help now: <span data-ref=\"crisis\" class=\"ig-ref\">call or text \
             <a href=\"tel:988\">988</a>, the Suicide and Crisis Lifeline</span>. In an emergency, \
             call <span data-ref=\"emergency\" class=\"ig-ref\"><a href=\"tel:911\">911</a></span>.</p>"
        );
        check_html(&us).unwrap_or_else(|e| panic!("{e}"));
        let uk = html(Region::Uk, "en");
        assert!(uk.contains("tel:116123") && uk.contains("tel:999"), "{uk}");
        assert!(!uk.contains("988") && !uk.contains("911"), "{uk}");
        let es = html(Region::Es, "es");
        assert!(
            es.contains("llame al <a href=\"tel:024\">024</a>") && es.contains("tel:112"),
            "{es}"
        );
        let other = html(Region::Other, "en");
        assert!(
            other.contains("call your local emergency number") && !other.contains("<a"),
            "{other}"
        );
        // French has no words of its own here: the phrase is marked English.
        assert!(html(Region::Uk, "fr").contains("lang=\"en\""));
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
