//! What the loader shows before the wasm has started, and wherever it cannot
//! start (`infusion-guide prerender`, run by `web/bundle.mjs` at build
//! time): the built-in guide rendered by the app's own components, with
//! marks where the loader puts the element's region, and the stylesheet
//! minified. Native only.

use std::rc::Rc;

use crate::components::context::RenderMode;
use crate::components::rich_text::{render_rich, Place};
use crate::content::crisis::Reference;
use crate::content::json::string_literal;
use crate::content::rich::{Block, Inline, RichText};
use crate::content::{Content, Region};
use crate::render::guide_in_mode;
use crate::ssr::block_on;

/// The static guide's own markup (the `<article>`), without the wrapper.
fn guide_html(
    content: Rc<Content>,
    lang: &str,
    heading_level: u8,
    region: Option<Region>,
) -> String {
    block_on(guide_in_mode(
        content,
        lang,
        heading_level,
        region,
        RenderMode::StaticPage,
    ))
}

/// Where the loader puts the crisis notice of the element's region.
pub const CRISIS_MARK: &str = "<!--ig-crisis-->";

/// Where the loader puts a `{crisis}` or `{emergency}` placeholder filled in
/// for the element's region: `<!--ig-ref:crisis-->`.
const REF_MARK: (&str, &str) = ("<!--ig-ref:", "-->");

/// `html` with each placeholder's `<span class="ig-ref" data-ref="NAME">…</span>`
/// replaced by its [`REF_MARK`].
fn mark_references(html: &str) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<span ") {
        let tag_end = rest[start..].find('>').ok_or("an unclosed <span")? + start;
        let tag = &rest[start..tag_end];
        out.push_str(&rest[..start]);
        let name = tag
            .contains("class=\"ig-ref\"")
            .then(|| tag.split("data-ref=\"").nth(1)?.split('"').next())
            .flatten();
        match name {
            Some(name) => {
                let end = rest[tag_end..]
                    .find("</span>")
                    .ok_or("an unclosed placeholder")?
                    + tag_end;
                out.push_str(&format!("{}{name}{}", REF_MARK.0, REF_MARK.1));
                rest = &rest[end + "</span>".len()..];
            }
            None => {
                out.push_str(tag);
                rest = &rest[tag_end..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The placeholder `reference` filled in for `region` in `lang`, as the app renders it.
fn reference_html(reference: Reference, region: Region, lang: &str) -> String {
    let text = RichText {
        blocks: vec![Block::Paragraph(vec![Inline::Region(reference)])],
    };
    let html = crate::ssr::render_html(render_rich(&text, Place { region, lang }));
    html.trim_start_matches("<p>")
        .trim_end_matches("</p>")
        .to_owned()
}

/// What the loader shows before the wasm has started, and wherever it cannot
/// start, as a JSON object (`web/bundle.mjs` compiles it into the loader):
///
/// - `live`: for each language of `content`, the guide's markup as the app
///   first renders it ([`RenderMode::Live`]: one step, answers closed, its
///   controls), at heading level 2, with [`CRISIS_MARK`] in place of the
///   crisis notice: shown until the app takes its place;
/// - `guides`: the same as the static page shows it (every step and answer,
///   no controls): shown where the app cannot start or has stopped;
/// - `crisis`: for each region and language, that crisis notice;
/// - `refs`: for each region and language, the `{crisis}` and `{emergency}`
///   placeholders filled in, which the guides carry as `<!--ig-ref:NAME-->`;
/// - `languages`, `fallbackLanguage`, `region`: what the loader needs to pick
///   them as the app does (`Content::pick_language`, the content's region);
/// - `css`: the widget's stylesheet, minified (`css` is styles/widget.css).
///
/// The heading level and theme are the loader's to change: headings are the
/// only `<hN` tags and the theme the only `data-theme` attribute.
pub fn prerender_json(content: Rc<Content>, css: &str) -> Result<String, String> {
    let crisis_of = |html: &str| -> Result<(usize, usize), String> {
        let start = html
            .find(" id=\"ig-crisis\"")
            .and_then(|id| html[..id].rfind("<aside"))
            .ok_or("the guide has no crisis notice")?;
        let end = html[start..]
            .find("</aside>")
            .map(|end| start + end + "</aside>".len())
            .ok_or("the crisis notice is not closed")?;
        Ok((start, end))
    };
    let marked = |html: String| -> Result<String, String> {
        let (start, end) = crisis_of(&html)?;
        Ok(string_literal(&mark_references(&format!(
            "{}{CRISIS_MARK}{}",
            &html[..start],
            &html[end..]
        ))?))
    };
    let mut guides = Vec::new();
    let mut live = Vec::new();
    // Entries by region, in Region::ALL's order: `"lang": ...` for each language.
    let add = |by_region: &mut Vec<(&'static str, Vec<String>)>, name, entry| match by_region
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some((_, list)) => list.push(entry),
        None => by_region.push((name, vec![entry])),
    };
    let mut crisis: Vec<(&str, Vec<String>)> = Vec::new();
    let mut refs: Vec<(&str, Vec<String>)> = Vec::new();
    for lang in &content.languages {
        let key = string_literal(lang);
        let html = guide_html(content.clone(), lang, 2, None);
        guides.push(format!("{key}:{}", marked(html)?));
        let html = block_on(guide_in_mode(
            content.clone(),
            lang,
            2,
            None,
            RenderMode::Live,
        ));
        live.push(format!("{key}:{}", marked(html)?));
        for (name, region) in Region::ALL {
            let html = guide_html(content.clone(), lang, 2, Some(region));
            let (start, end) = crisis_of(&html)?;
            let entry = format!(
                "{}:{}",
                string_literal(lang),
                string_literal(&html[start..end])
            );
            add(&mut crisis, name, entry);
            let filled = Reference::ALL
                .iter()
                .map(|(key, reference)| {
                    format!(
                        "{}:{}",
                        string_literal(key),
                        string_literal(&reference_html(*reference, region, lang))
                    )
                })
                .collect::<Vec<_>>()
                .join(",");
            let entry = format!("{}:{{{filled}}}", string_literal(lang));
            add(&mut refs, name, entry);
        }
    }
    let by_region = |entries: &[(&str, Vec<String>)]| {
        entries
            .iter()
            .map(|(name, list)| format!("{}:{{{}}}", string_literal(name), list.join(",")))
            .collect::<Vec<_>>()
            .join(",")
    };
    let (crisis, refs) = (by_region(&crisis), by_region(&refs));
    let languages = content
        .languages
        .iter()
        .map(|l| string_literal(l))
        .collect::<Vec<_>>()
        .join(",");
    Ok(format!(
        "{{\"live\":{{{}}},\"guides\":{{{}}},\"crisis\":{{{crisis}}},\"refs\":{{{refs}}},\"languages\":[{languages}],\"fallbackLanguage\":{},\"region\":{},\"css\":{}}}\n",
        live.join(","),
        guides.join(","),
        string_literal(&content.fallback_language),
        string_literal(content.crisis.region.name()),
        string_literal(&minify_css(css)),
    ))
}

/// Minified CSS: comments dropped, whitespace collapsed to one space and
/// removed next to `{`, `}`, `;` and `,`, where CSS never needs it. Quoted
/// strings are kept as written; spaces elsewhere (descendant selectors,
/// `a :is()`, values) stay.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes one pending space before `next`, unless a brace, semicolon or comma
/// is on either side of it.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
    if *space && !out.is_empty() && !out.ends_with(tight) && !tight(next) {
        out.push(' ');
    }
    *space = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_minified_without_changing_strings_or_selectors() {
        let css = "/* c */\n:host  a  .b ,\n.c {\n  content: \"a  ; b\";\n  margin: 0 auto ;\n}\n";
        assert_eq!(
            minify_css(css),
            ":host a .b,.c{content: \"a  ; b\";margin: 0 auto;}"
        );
    }

    #[test]
    fn the_prerender_has_every_language_and_region_and_one_crisis_mark_each() {
        let content = crate::content::default_content().unwrap_or_else(|e| panic!("{e:?}"));
        let json =
            prerender_json(content.clone(), "a { color: red }").unwrap_or_else(|e| panic!("{e}"));
        for lang in &content.languages {
            assert!(
                json.contains(&format!("\"{lang}\":\"<article")),
                "no guide in {lang}"
            );
        }
        assert_eq!(
            json.matches(CRISIS_MARK).count(),
            2 * content.languages.len()
        );
        assert!(
            json.contains("hidden=\\\"until-found\\\""),
            "the live form has closed answers"
        );
        for (name, _) in Region::ALL {
            assert!(
                json.contains(&format!("\"{name}\":{{\"en\":\"<aside ")),
                "no crisis notice for {name}"
            );
        }
        assert!(json.contains("988") && json.contains("Samaritans"));
        assert!(
            json.contains("<!--ig-ref:emergency-->"),
            "the disclaimer's placeholder is marked"
        );
        let guides = &json[..json.find("\"crisis\":").unwrap_or(json.len())];
        assert!(
            !guides.contains("class=\\\"ig-ref\\\""),
            "no placeholder left filled in"
        );
        assert!(json.contains("\"refs\":{\"us\":{\"en\":{\"crisis\":\"<span "));
        assert!(json.contains("\"css\":\"a{color: red}\""));
    }
}
