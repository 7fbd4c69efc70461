//! Helpers shared by the native content tests (`tests/content.rs`,
//! `tests/corpora.rs`, `tests/rich_text.rs`): loading clinic files, reading the shared corpora,
//! walking formatted texts and checking rendered HTML. Each test file uses
//! some of them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::rc::Rc;

use infusion_guide::components::rich_text::{render_rich, Place};
use infusion_guide::content::json::{self, Pos};
use infusion_guide::content::rich::{link_scheme_allowed, Block, Inline, RichText};
use infusion_guide::content::{
    default_content, load_clinic, Content, ContentError, Region, DEFAULT_JSON,
};
use infusion_guide::ssr::render_html;

/// A plain text in both default languages: `{ "en": ..., "es": ... }`.
pub fn both(en: &str, es: &str) -> String {
    format!(
        "{{ \"en\": {}, \"es\": {} }}",
        json::string_literal(en),
        json::string_literal(es)
    )
}

/// The built-in guide; it must load.
pub fn default_guide() -> Rc<Content> {
    match default_content() {
        Ok(content) => content,
        Err(errors) => panic!("the default guide does not load:\n{}", lines(&errors)),
    }
}

/// Loads a clinic file that must be valid.
pub fn load_ok(text: &str) -> Content {
    match load_clinic(text) {
        Ok(content) => content,
        Err(errors) => panic!("expected {text} to load, got:\n{}", lines(&errors)),
    }
}

/// Loads a clinic file that must be invalid, and returns its problems.
pub fn load_err(text: &str) -> Vec<ContentError> {
    match load_clinic(text) {
        Ok(_) => panic!("expected errors for {text}"),
        Err(errors) => errors,
    }
}

pub fn lines(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {:?} {}", e.kind, e.to_line("clinic.json")))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn pos(line: u32, column: u32) -> Option<Pos> {
    Some(Pos { line, column })
}

pub fn faq_index(content: &Content, id: &str) -> usize {
    content
        .faq
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("no FAQ item {id}"))
}

pub fn faq_ids(content: &Content) -> Vec<&str> {
    content.faq.iter().map(|f| f.id.as_str()).collect()
}

/// Replaces the only occurrence of `needle` in `text`.
pub fn replace_once(text: &str, needle: &str, with: &str) -> String {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur exactly once"
    );
    text.replacen(needle, with, 1)
}

/// DEFAULT_JSON as a complete document of its own (`"base": "none"`).
pub fn default_as_complete_document() -> String {
    replace_once(
        DEFAULT_JSON,
        "{\n  \"format\": 1,",
        "{\n  \"base\": \"none\",\n  \"format\": 1,",
    )
}

/// The shared test data folder: `INFUSION_GUIDE_TESTDATA`, else
/// `../shared/testdata` next to this crate.
pub fn testdata(name: &str) -> PathBuf {
    std::env::var_os("INFUSION_GUIDE_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata"))
        })
        .join(name)
}

/// Every rich text of the content, with where it is.
pub fn rich_texts(content: &Content) -> Vec<(String, &RichText)> {
    let mut out = Vec::new();
    let guide = &content.guide;
    for (name, rich) in [
        ("guide.summary", &guide.summary),
        ("guide.what_it_is", &guide.what_it_is),
        ("guide.who_it_is_for", &guide.who_it_is_for),
        (
            "guide.who_may_not_be_suitable",
            &guide.who_may_not_be_suitable,
        ),
        ("disclaimer", &content.disclaimer),
    ] {
        out.extend(
            rich.iter()
                .map(|(lang, text)| (format!("{name}.{lang}"), text)),
        );
    }
    for step in &content.steps {
        out.extend(
            step.body
                .iter()
                .map(|(lang, text)| (format!("steps/{}.body.{lang}", step.id), text)),
        );
    }
    for faq in &content.faq {
        out.extend(
            faq.answer
                .iter()
                .map(|(lang, text)| (format!("faq/{}.answer.{lang}", faq.id), text)),
        );
    }
    out
}

/// Every link address in a formatted text.
pub fn links(text: &RichText) -> Vec<String> {
    fn walk(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    walk(children, out);
                }
                Inline::Strong(children) | Inline::Emphasis(children) => walk(children, out),
                Inline::Text(_) | Inline::LineBreak | Inline::Region(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    for block in &text.blocks {
        match block {
            Block::Paragraph(inlines) => walk(inlines, &mut out),
            Block::BulletList(items) | Block::NumberedList { items, .. } => {
                items.iter().for_each(|item| walk(item, &mut out));
            }
        }
    }
    out
}

/// `text` rendered for a US page in English.
pub fn render(text: &RichText) -> String {
    render_html(render_rich(
        text,
        Place {
            region: Region::Us,
            lang: "en",
        },
    ))
}

/// Checks rendered HTML: only the subset's elements and attributes, and only
/// allowed link addresses. Text is escaped on output, so every `<` is a tag.
/// The error names what was found and quotes `html`.
pub fn check_html(html: &str) -> Result<(), String> {
    const ELEMENTS: [&str; 9] = ["p", "strong", "em", "ul", "ol", "li", "a", "br", "span"];
    const ATTRIBUTES: [&str; 6] = ["href", "rel", "start", "class", "data-ref", "lang"];
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
            let value = after[..close]
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            attributes = &after[close + 1..];
            if !ATTRIBUTES.contains(&attribute) {
                return Err(format!("attribute {attribute} in {html}"));
            }
            if attribute == "href" && !link_scheme_allowed(&value) {
                return Err(format!("href {value:?} in {html}"));
            }
        }
    }
    if html.to_ascii_lowercase().contains("<script") {
        return Err(format!("script in {html}"));
    }
    Ok(())
}
