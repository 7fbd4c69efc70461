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
