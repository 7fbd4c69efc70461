//! Tests of the static page ([`render_static`]): the default guide rendered
//! in English and Spanish holds every part a patient needs, as text, and
//! none of the controls that need JavaScript; clinic text is escaped; the
//! output is the same bytes every time; the `<noscript>` copy for browsers
//! without declarative shadow DOM is the same guide.
//!
//! Run with `cargo test --test render`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::rc::Rc;

use infusion_guide::content::rich::{Block, Inline, RichText};
use infusion_guide::content::{default_content, load_clinic, Content, Region, Rich};
use infusion_guide::render::{render_static, PageOptions};

const CSS: &str = "infusion-guide.css";

fn default_guide() -> Rc<Content> {
    default_content().unwrap_or_else(|errors| panic!("the default guide: {errors:?}"))
}

/// The page's options, as `render`'s arguments.
fn options<'a>(
    lang: &'a str,
    heading_level: u8,
    region: Option<Region>,
    css_href: &'a str,
) -> PageOptions<'a> {
    PageOptions {
        lang,
        heading_level,
        region,
        css_href,
    }
}

fn render(lang: &str) -> String {
    render_static(default_guide(), options(lang, 2, None, CSS))
}

/// The guide inside the output's shadow root template. A browser shows
/// either it or the `<noscript>` copy, never both, so ids need only be
/// unique within one copy; the copy must be the same bytes.
fn one_copy(html: &str) -> &str {
    let (template, noscript) = html
        .strip_prefix("<template shadowrootmode=\"open\">")
        .and_then(|rest| rest.strip_suffix("</noscript>"))
        .and_then(|rest| rest.split_once("</template><noscript>"))
        .unwrap_or_else(|| {
            panic!(
                "not a template and a noscript copy: {}",
                &html[..200.min(html.len())]
            )
        });
    assert_eq!(
        template, noscript,
        "the <noscript> copy differs from the template"
    );
    template
}

/// `text` as it appears in HTML text: Yew escapes `&`, `<` and `>`.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The runs of text in a formatted text, as they become text nodes.
fn text_runs(rich: &RichText) -> Vec<String> {
    fn walk(inlines: &[Inline], runs: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => runs.push(text.clone()),
                Inline::Strong(children) | Inline::Emphasis(children) => walk(children, runs),
                Inline::Link { children, .. } => walk(children, runs),
                Inline::LineBreak | Inline::Region(_) => {}
            }
        }
    }
    let mut runs = Vec::new();
    for block in &rich.blocks {
        match block {
            Block::Paragraph(inlines) => walk(inlines, &mut runs),
            Block::BulletList(items) | Block::NumberedList { items, .. } => {
                items.iter().for_each(|item| walk(item, &mut runs))
            }
        }
    }
    runs.retain(|run| !run.trim().is_empty());
    runs
}

fn rich_runs(content: &Content, rich: &Rich, lang: &str) -> Vec<String> {
    text_runs(&rich.get(lang, &content.fallback_language))
}

/// Every opening tag in `html`, as its name and its (attribute, value)
/// pairs. Text is escaped, so every `<` starts a tag.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let mut end = rest.len();
        let mut quoted = false;
        for (i, c) in rest.char_indices() {
            match (quoted, c) {
                (_, '"') => quoted = !quoted,
                (false, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        if tag.starts_with('/') {
            continue;
        }
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut list = Vec::new();
        loop {
            attributes = attributes.trim_start();
            if attributes.is_empty() {
                break;
            }
            let name_end = attributes
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(attributes.len());
            let attribute = attributes[..name_end].to_owned();
            attributes = &attributes[name_end..];
            let value = match attributes.strip_prefix("=\"") {
                Some(after) => {
                    let close = after.find('"').unwrap_or(after.len());
                    attributes = &after[(close + 1).min(after.len())..];
                    after[..close].to_owned()
                }
                None => String::new(),
            };
            list.push((attribute, value));
        }
        found.push((name.to_owned(), list));
    }
    found
}

fn assert_has(html: &str, what: &str, text: &str) {
    let escaped = escape_text(text);
    assert!(
        html.contains(&escaped),
        "the static page lacks {what} {text:?}"
    );
}

fn assert_whole_guide(html: &str, lang: &str) {
    let content = default_guide();
    let text =
        |t: &infusion_guide::content::Text| t.get(lang, &content.fallback_language).to_owned();
    assert_has(html, "the title", &text(&content.guide.title));
    for run in rich_runs(&content, &content.guide.summary, lang) {
        assert_has(html, "the summary", &run);
    }
    assert!(!content.steps.is_empty());
    for step in &content.steps {
        assert_has(html, "the step title", &text(&step.title));
        for run in rich_runs(&content, &step.body, lang) {
            assert_has(html, "the step text", &run);
        }
    }
    for phase in &content.timeline {
        assert_has(html, "the timeline phase", &text(&phase.label));
    }
    assert!(!content.faq.is_empty());
    for question in &content.faq {
        assert_has(html, "the question", &text(&question.question));
        let runs = rich_runs(&content, &question.answer, lang);
        assert!(!runs.is_empty(), "{} has no answer text", question.id);
        for run in runs {
            assert_has(html, "the answer text", &run);
        }
    }
    for item in &content.checklist {
        assert_has(html, "the checklist item", &text(&item.text));
    }
    for item in &content.questions_to_ask {
        assert_has(html, "the question to ask", &text(&item.text));
    }
    for run in rich_runs(&content, &content.disclaimer, lang) {
        assert_has(html, "the disclaimer", &run);
    }
    assert!(html.contains("data-testid=\"disclaimer\""));
    assert!(html.contains("data-testid=\"crisis\""));
    assert!(html.contains("988"), "the crisis numbers are missing");
    assert!(html.contains("href=\"tel:988\""), "988 is not a call link");
}

/// No control that needs JavaScript, nothing hidden but the place-keeping
/// boxes, no inline style or script, and unique ids.
fn assert_static(html: &str) {
    let tags = tags(html);
    let mut ids = BTreeSet::new();
    for (name, attributes) in &tags {
        assert!(
            !["button", "input", "select", "textarea", "script", "style", "form"]
                .contains(&name.as_str()),
            "a <{name}> in the static page"
        );
        for (attribute, value) in attributes {
            assert!(
                attribute != "hidden",
                "a hidden <{name}> in the static page: {attributes:?}"
            );
            assert!(
                attribute != "style" && !attribute.starts_with("on"),
                "<{name} {attribute}> in the static page"
            );
            if attribute == "id" {
                assert!(ids.insert(value.clone()), "the id {value} is used twice");
            }
            if attribute == "aria-hidden" {
                // Only what keeps a control's place, and the pictures and
                // their colour keys, whose words are beside them as text.
                let classes = attributes.iter().find(|(a, _)| a == "class");
                let decorative = ["ig-reserve", "ig-visit-bar", "ig-course-dots", "ig-key"];
                assert!(
                    classes.is_some_and(|(_, c)| c.split(' ').any(|c| decorative.contains(&c))),
                    "aria-hidden on <{name} {attributes:?}>"
                );
            }
        }
    }
    for control in ["<button", "<input", "<select"] {
        assert!(!html.contains(control), "{control} in the static page");
    }
    assert!(
        !html.contains(" hidden"),
        "a hidden element in the static page"
    );
    assert!(!html.contains("<nav"), "a contents list in the static page");
}

#[test]
fn the_english_page_is_the_whole_guide_without_controls() {
    let html = render("en");
    assert!(
        html.starts_with(
            "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"infusion-guide.css\"><div class=\"ig-root\"><article lang=\"en\""
        ),
        "{}",
        &html[..200.min(html.len())]
    );
    assert!(html.ends_with("</article></div></noscript>"));
    let guide = one_copy(&html);
    assert!(guide.ends_with("</article></div>"));
    assert_whole_guide(guide, "en");
    assert_static(guide);
}

#[test]
fn the_spanish_page_is_in_spanish() {
    let html = render("es");
    assert!(html.contains("<article lang=\"es\""));
    assert!(html.contains("En resumen"));
    let guide = one_copy(&html);
    assert_whole_guide(guide, "es");
    assert_static(guide);
    assert_ne!(html, render("en"));
}

#[test]
fn a_regional_language_gets_the_closest_one() {
    assert_eq!(render("es-MX"), render("es"));
}

#[test]
fn answers_are_open_and_steps_all_shown() {
    let html = render("en");
    let html = one_copy(&html);
    let content = default_guide();
    let answers = tags(html)
        .into_iter()
        .filter(|(name, _)| name == "dd")
        .filter(|(_, a)| a.iter().any(|(n, v)| n == "class" && v == "ig-answer"))
        .count();
    assert_eq!(answers, content.faq.len());
    assert!(html.contains("class=\"ig-steps is-all\""));
    let steps = html.matches("data-testid=\"step\"").count();
    assert_eq!(steps, content.steps.len());
}

#[test]
fn the_heading_level_is_respected() {
    for (level, title, sub, absent) in [
        (1, "<h1 class=\"ig-title\">", "<h2 id=\"ig-steps-h\"", "<h4"),
        (2, "<h2 class=\"ig-title\">", "<h3 id=\"ig-steps-h\"", "<h1"),
        (3, "<h3 class=\"ig-title\">", "<h4 id=\"ig-steps-h\"", "<h2"),
        (4, "<h4 class=\"ig-title\">", "<h5 id=\"ig-steps-h\"", "<h3"),
        (9, "<h4 class=\"ig-title\">", "<h5 id=\"ig-steps-h\"", "<h3"),
    ] {
        let html = render_static(default_guide(), options("en", level, None, CSS));
        assert!(html.contains(title), "level {level}: no {title}");
        assert!(html.contains(sub), "level {level}: no {sub}");
        assert!(!html.contains(absent), "level {level}: {absent}");
    }
}

#[test]
fn the_output_is_the_same_every_time() {
    assert_eq!(render("en"), render("en"));
    let content = default_guide();
    assert_eq!(
        render_static(content.clone(), options("es", 3, None, CSS)),
        render_static(content, options("es", 3, None, CSS))
    );
}

#[test]
fn clinic_text_is_escaped() {
    let clinic = r#"{
        "guide": { "title": { "en": "Our <script>alert(1)</script> & \"guide\"", "es": "x" } },
        "clinic": { "name": { "en": "<img src=x onerror=alert(1)>", "es": "y" }, "phone": "+1 555 010 0199" }
    }"#;
    let content = load_clinic(clinic).unwrap_or_else(|e| panic!("{e:?}"));
    let html = render_static(Rc::new(content), options("en", 2, None, CSS));
    assert!(html.contains("Our &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"guide\""));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert_static(one_copy(&html));
}

#[test]
fn the_stylesheet_address_is_escaped() {
    let html = render_static(
        default_guide(),
        options("en", 2, None, "/a b/\"x\".css?v=1&w=<2>"),
    );
    assert!(html.starts_with(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/a b/&quot;x&quot;.css?v=1&amp;w=&lt;2&gt;\">"
    ));
}

#[test]
fn the_region_option_chooses_the_crisis_numbers() {
    let uk = render_static(default_guide(), options("en", 2, Some(Region::Uk), CSS));
    let start = uk.find(" id=\"ig-crisis\"").expect("a crisis notice");
    let notice = &uk[start..start + uk[start..].find("</aside>").expect("closed")];
    assert!(notice.contains("Samaritans") && notice.contains("tel:116123"));
    assert!(!notice.contains("tel:988"));
    assert!(
        render("en").contains("tel:988"),
        "the content's region (us) by default"
    );
}

/// Every `tel:` and `sms:` address in `html`.
fn phone_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("tel:") || href.starts_with("sms:"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_page_of_each_region_links_only_that_regions_numbers() {
    use infusion_guide::content::crisis::{crisis_lines, reference, Reference};
    for (name, region) in Region::ALL {
        for lang in ["en", "es"] {
            let html = render_static(default_guide(), options(lang, 2, Some(region), CSS));
            let mut allowed: BTreeSet<String> = crisis_lines(region, lang)
                .iter()
                .flat_map(|line| line.actions.iter().map(|(_, href)| (*href).to_owned()))
                .collect();
            for (_, which) in Reference::ALL {
                allowed.extend(
                    reference(which, region, lang)
                        .link
                        .map(|(_, href)| href.to_owned()),
                );
            }
            let found = phone_links(&html);
            let foreign: Vec<_> = found.difference(&allowed).collect();
            assert!(foreign.is_empty(), "{name} {lang}: {foreign:?}");
            // The placeholders are filled in (the FAQ and the disclaimer).
            assert!(html.contains("data-ref=\"crisis\""), "{name} {lang}");
            assert!(html.contains("data-ref=\"emergency\""), "{name} {lang}");
        }
    }
    let uk = render_static(default_guide(), options("en", 2, Some(Region::Uk), CSS));
    assert!(
        !uk.contains("988") && !uk.contains("911"),
        "a UK page names 988 or 911"
    );
    let us = render_static(default_guide(), options("en", 2, Some(Region::Us), CSS));
    assert!(!us.contains("999") && !us.contains("116 123") && !us.contains("tel:111"));
}

#[test]
fn the_pictures_are_drawn_from_the_contents_numbers() {
    let html = render("en");
    assert!(html.contains("data-testid=\"visit-picture\""));
    assert!(html.contains("The whole visit: about 1.5 to 2 hours"));
    assert!(html.contains("The infusion: about 40 minutes"));
    assert!(html.contains("often 15 to 60 minutes"));
    assert!(html.contains("A course: about 6 infusions over 2 to 4 weeks"));
    assert_eq!(
        html.matches("class=\"ig-dot\"").count(),
        2 * 6,
        "six dots, in the template and the noscript copy"
    );
    let content =
        load_clinic(r#"{ "schedule": { "infusion_minutes": 60, "course_infusions": 8, "visit_minutes": [120, 150] } }"#)
            .unwrap_or_else(|e| panic!("{e:?}"));
    let html = render_static(Rc::new(content), options("es", 2, None, CSS));
    assert!(html.contains("La infusión: unos 60 minutos"));
    assert!(html.contains("Toda la visita: unas 2 a 2,5 horas"));
    assert!(
        html.contains("width=\"60\""),
        "the infusion's bar is 60 minutes long"
    );
    assert_eq!(html.matches("class=\"ig-dot\"").count(), 2 * 8);
}
