//! Native tests of the content pipeline through its public API: the default
//! guide, its reading level, the merge rules for clinic files, the error
//! reports, the JSONTestSuite corpus, XSS payloads in every kind of field, and
//! a large file.
//!
//! Run with `cargo test --test content` (add `-- --nocapture` to see the
//! reading-level table and the large-file timing). The shared corpora are read
//! from `../shared/testdata`, or from the folder named by the environment
//! variable `INFUSION_GUIDE_TESTDATA`.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::future::Future;
use std::path::PathBuf;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use infusion_guide::components::rich_text::{RichTextView, RichTextViewProps};
use infusion_guide::content::json::{self, Pos};
use infusion_guide::content::rich::{link_scheme_allowed, Block, Inline, RichText};
use infusion_guide::content::{
    default_content, load_clinic, load_clinic_bytes, load_document, Content, ContentError, Date,
    ErrorKind, Section, DEFAULT_JSON, MAX_CONTENT_BYTES,
};
use infusion_guide::readability;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// `s` as a JSON string literal, quotes included.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain text in both default languages: `{ "en": ..., "es": ... }`.
fn both(en: &str, es: &str) -> String {
    format!(
        "{{ \"en\": {}, \"es\": {} }}",
        json_string(en),
        json_string(es)
    )
}

/// The built-in guide; it must load.
fn default_guide() -> Rc<Content> {
    match default_content() {
        Ok(content) => content,
        Err(errors) => panic!("the default guide does not load:\n{}", lines(&errors)),
    }
}

/// Loads a clinic file that must be valid.
fn load_ok(text: &str) -> Content {
    match load_clinic(text) {
        Ok(content) => content,
        Err(errors) => panic!("expected {text} to load, got:\n{}", lines(&errors)),
    }
}

/// Loads a clinic file that must be invalid, and returns its problems.
fn load_err(text: &str) -> Vec<ContentError> {
    match load_clinic(text) {
        Ok(_) => panic!("expected errors for {text}"),
        Err(errors) => errors,
    }
}

fn lines(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {:?} {}", e.kind, e.to_line("clinic.json")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn pos(line: u32, column: u32) -> Option<Pos> {
    Some(Pos { line, column })
}

fn faq_index(content: &Content, id: &str) -> usize {
    content
        .faq
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("no FAQ item {id}"))
}

fn faq_ids(content: &Content) -> Vec<&str> {
    content.faq.iter().map(|f| f.id.as_str()).collect()
}

/// Replaces the only occurrence of `needle` in `text`.
fn replace_once(text: &str, needle: &str, with: &str) -> String {
    assert_eq!(
        text.matches(needle).count(),
        1,
        "{needle:?} must occur exactly once"
    );
    text.replacen(needle, with, 1)
}

/// DEFAULT_JSON as a complete document of its own (`"base": "none"`).
fn default_as_complete_document() -> String {
    replace_once(
        DEFAULT_JSON,
        "{\n  \"format\": 1,",
        "{\n  \"base\": \"none\",\n  \"format\": 1,",
    )
}

/// The shared test data folder: `INFUSION_GUIDE_TESTDATA`, else
/// `../shared/testdata` next to this crate.
fn testdata(name: &str) -> PathBuf {
    std::env::var_os("INFUSION_GUIDE_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata"))
        })
        .join(name)
}

/// Every rich text of the content, with where it is.
fn rich_texts(content: &Content) -> Vec<(String, &RichText)> {
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
fn links(text: &RichText) -> Vec<String> {
    fn walk(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    walk(children, out);
                }
                Inline::Strong(children) | Inline::Emphasis(children) => walk(children, out),
                Inline::Text(_) | Inline::LineBreak => {}
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

/// Runs a future that needs no runtime (server rendering without suspense).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("server rendering did not finish");
}

fn render(text: &RichText) -> String {
    let props = RichTextViewProps {
        text: Rc::new(text.clone()),
    };
    block_on(
        yew::LocalServerRenderer::<RichTextView>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Checks rendered HTML: only the subset's elements and attributes, and only
/// allowed link addresses. Text is escaped on output, so every `<` is a tag.
fn check_html(html: &str) -> Result<(), String> {
    const ELEMENTS: [&str; 8] = ["p", "strong", "em", "ul", "ol", "li", "a", "br"];
    const ATTRIBUTES: [&str; 3] = ["href", "rel", "start"];
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let tag = tag.strip_suffix('/').unwrap_or(tag);
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        if !ELEMENTS.contains(&name) {
            return Err(format!("element <{name}>"));
        }
        while !attributes.trim().is_empty() {
            let trimmed = attributes.trim_start();
            let (attribute, after) = trimmed
                .split_once("=\"")
                .ok_or_else(|| format!("odd attribute {trimmed:?}"))?;
            let close = after.find('"').ok_or("unclosed attribute")?;
            let value = after[..close]
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            attributes = &after[close + 1..];
            if !ATTRIBUTES.contains(&attribute) {
                return Err(format!("attribute {attribute}"));
            }
            if attribute == "href" && !link_scheme_allowed(&value) {
                return Err(format!("href {value:?}"));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// 1. The default guide
// ---------------------------------------------------------------------------

#[test]
fn default_guide_loads_and_is_complete_in_english_and_spanish() {
    let guide = default_guide();
    assert!(guide.steps.len() >= 7, "{} steps", guide.steps.len());
    assert_eq!(guide.timeline.len(), 6, "timeline phases");
    assert!(guide.faq.len() >= 15, "{} FAQ entries", guide.faq.len());
    assert!(!guide.checklist.is_empty(), "no checklist");
    assert!(!guide.questions_to_ask.is_empty(), "no questions to ask");
    assert_eq!(guide.languages, ["en", "es"]);

    let has_both = |what: &str, langs: Vec<(String, bool)>| {
        for lang in ["en", "es"] {
            assert!(
                langs.iter().any(|(l, non_empty)| *l == lang && *non_empty),
                "{what} has no {lang} text"
            );
        }
    };
    let plain = |t: &infusion_guide::content::Text| {
        t.iter()
            .map(|(l, s)| (l.to_owned(), !s.is_empty()))
            .collect::<Vec<_>>()
    };
    let rich = |r: &infusion_guide::content::Rich| {
        r.iter()
            .map(|(l, t)| (l.to_owned(), !t.plain_text().is_empty()))
            .collect::<Vec<_>>()
    };
    has_both("guide.title", plain(&guide.guide.title));
    has_both("disclaimer", rich(&guide.disclaimer));
    for step in &guide.steps {
        has_both(&step.id, plain(&step.title));
        has_both(&step.id, rich(&step.body));
    }
    for phase in &guide.timeline {
        has_both(&phase.id, plain(&phase.label));
        has_both(&phase.id, plain(&phase.when));
        assert!(!phase.items.is_empty(), "{} has no items", phase.id);
        for item in &phase.items {
            has_both(&phase.id, plain(item));
        }
    }
    for faq in &guide.faq {
        has_both(&faq.id, plain(&faq.question));
        has_both(&faq.id, rich(&faq.answer));
    }
    for item in guide.checklist.iter().chain(&guide.questions_to_ask) {
        has_both(&item.id, plain(&item.text));
    }
    for lang in ["en", "es"] {
        assert!(!guide.ui.word(lang, lang, "next_step").is_empty());
    }
}

// ---------------------------------------------------------------------------
// 2. Readability
// ---------------------------------------------------------------------------

#[test]
fn english_sections_read_at_grade_8_or_below() {
    let guide = default_guide();
    let mut table = String::from("section                                   FK grade\n");
    let mut too_hard = Vec::new();
    let mut max = f64::MIN;
    for (name, text) in guide.sections("en") {
        let grade = readability::stats(&text).flesch_kincaid_grade();
        match grade {
            Some(grade) => {
                let _ = writeln!(table, "{name:<42}{grade:>6.2}");
                max = max.max(grade);
                if grade > 8.0 {
                    too_hard.push(format!("{name}: grade {grade:.1}"));
                }
            }
            None => {
                let _ = writeln!(table, "{name:<42}   (no words)");
                too_hard.push(format!("{name}: no words to score"));
            }
        }
    }
    let _ = writeln!(table, "{:<42}{max:>6.2}", "max");
    eprintln!("{table}");
    assert!(
        too_hard.is_empty(),
        "sections above grade 8:\n{}",
        too_hard.join("\n")
    );
}

#[test]
fn the_example_clinic_file_loads_and_reads_easily() {
    let content = load_ok(include_str!("../examples/clinic.json"));
    let guide = default_guide();
    assert_eq!(content.clinic.phone.as_deref(), Some("+1 555 010 0199"));
    assert_eq!(
        content.clinic.booking_url.as_deref(),
        Some("https://riverbend.example/book")
    );
    // The loader refuses an accent under 4.5 to 1 with its text and on the background.
    assert_eq!(
        (
            content.theme.accent.as_str(),
            content.theme.accent_text.as_str(),
            content.theme.background.as_str()
        ),
        ("#2f6b4f", "#ffffff", "#ffffff")
    );
    let cost = &content.faq[faq_index(&content, "what-does-it-cost")];
    assert!(cost
        .answer
        .get("en", "en")
        .plain_text()
        .starts_with("At our clinic"));
    assert_eq!(
        faq_index(&content, "what-does-it-cost"),
        faq_index(&guide, "what-does-it-cost")
    );
    assert_eq!(
        faq_index(&content, "where-to-park"),
        faq_index(&content, "how-long-is-the-visit") + 1
    );
    assert_eq!(content.checklist.len(), guide.checklist.len() - 1);
    assert!(content.crisis.note.is_some());
    let too_hard: Vec<String> = content
        .sections("en")
        .into_iter()
        .filter_map(|(name, text)| {
            let grade = readability::stats(&text).flesch_kincaid_grade()?;
            (grade > 8.0).then(|| format!("{name}: {grade:.1}"))
        })
        .collect();
    assert!(too_hard.is_empty(), "{too_hard:?}");
}

// ---------------------------------------------------------------------------
// 3. Merge rules
// ---------------------------------------------------------------------------

#[test]
fn a_scalar_replaces_the_default() {
    let content = load_ok(r#"{ "last_reviewed": "2027-01-15", "theme": { "radius": 4 } }"#);
    assert_eq!(
        content.last_reviewed,
        Date {
            year: 2027,
            month: 1,
            day: 15
        }
    );
    assert_eq!(content.theme.radius, 4);
    // The rest of the theme object is kept.
    assert_eq!(content.theme.accent, default_guide().theme.accent);
}

#[test]
fn one_language_of_a_text_changes_alone() {
    let guide = default_guide();
    let content = load_ok(r#"{ "guide": { "title": { "en": "Our ketamine program" } } }"#);
    assert_eq!(content.guide.title.get("en", "en"), "Our ketamine program");
    assert_eq!(
        content.guide.title.get("es", "en"),
        guide.guide.title.get("es", "en")
    );
    assert_eq!(content.guide.summary, guide.guide.summary);
}

#[test]
fn a_faq_item_changes_by_id_and_keeps_its_place() {
    let guide = default_guide();
    let index = faq_index(&guide, "does-it-hurt");
    let content =
        load_ok(r#"{ "faq": [ { "id": "does-it-hurt", "answer": { "en": "Only a little." } } ] }"#);
    assert_eq!(faq_ids(&content), faq_ids(&guide));
    let item = &content.faq[index];
    assert_eq!(item.answer.get("en", "en").plain_text(), "Only a little.");
    assert_eq!(
        item.answer.get("es", "en"),
        guide.faq[index].answer.get("es", "en")
    );
    assert_eq!(item.question, guide.faq[index].question);
    assert_eq!(item.category, guide.faq[index].category);
}

#[test]
fn a_new_id_is_appended() {
    let guide = default_guide();
    let content = load_ok(&format!(
        r#"{{ "faq": [ {{ "id": "parking", "question": {}, "answer": {} }} ] }}"#,
        both("Where can I park?", "¿Dónde estaciono?"),
        both("In our car park.", "En nuestro estacionamiento.")
    ));
    let mut expected = faq_ids(&guide);
    expected.push("parking");
    assert_eq!(faq_ids(&content), expected);
}

#[test]
fn after_places_a_new_or_existing_item() {
    let guide = default_guide();
    let content = load_ok(&format!(
        r#"{{ "faq": [
            {{ "id": "parking", "after": "does-it-hurt", "question": {}, "answer": {} }},
            {{ "id": "what-does-it-cost", "after": "how-does-it-work" }}
        ] }}"#,
        both("Where can I park?", "¿Dónde estaciono?"),
        both("In our car park.", "En nuestro estacionamiento.")
    ));
    let ids = faq_ids(&content);
    assert_eq!(ids.len(), guide.faq.len() + 1);
    let at = |id: &str| ids.iter().position(|i| *i == id);
    assert_eq!(at("parking"), at("does-it-hurt").map(|i| i + 1));
    assert_eq!(
        at("what-does-it-cost"),
        at("how-does-it-work").map(|i| i + 1)
    );
    // The moved item is the same item.
    let moved = &content.faq[faq_index(&content, "what-does-it-cost")];
    assert_eq!(*moved, guide.faq[faq_index(&guide, "what-does-it-cost")]);
}

#[test]
fn after_empty_places_an_item_first() {
    let guide = default_guide();
    let content = load_ok(
        r#"{ "checklist": [ { "id": "bring-snack", "after": "", "text": { "en": "Bring a snack.", "es": "Traiga algo de comer." } } ],
             "steps": [ { "id": "going-home", "after": "" } ] }"#,
    );
    assert_eq!(content.checklist[0].id, "bring-snack");
    assert_eq!(content.checklist.len(), guide.checklist.len() + 1);
    assert_eq!(content.steps[0].id, "going-home");
    assert_eq!(content.steps.len(), guide.steps.len());
}

#[test]
fn remove_true_removes_an_item() {
    let guide = default_guide();
    let content = load_ok(r#"{ "faq": [ { "id": "what-does-it-cost", "remove": true } ] }"#);
    let expected: Vec<&str> = faq_ids(&guide)
        .into_iter()
        .filter(|id| *id != "what-does-it-cost")
        .collect();
    assert_eq!(faq_ids(&content), expected);
}

#[test]
fn removing_an_unknown_id_is_an_error_where_the_item_is() {
    let errors =
        load_err("{\n  \"faq\": [\n    { \"id\": \"no-such-question\", \"remove\": true }\n  ]\n}");
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    let error = &errors[0];
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.path, "faq[0].remove");
    assert_eq!(error.pos, pos(3, 5));
    assert!(
        error.message.contains("no-such-question"),
        "{}",
        error.message
    );
}

#[test]
fn an_item_without_id_is_an_error() {
    let errors = load_err(
        "{\n  \"checklist\": [\n    { \"id\": \"ride-home\" },\n    { \"text\": { \"en\": \"x\", \"es\": \"y\" } }\n  ]\n}",
    );
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Missing);
    assert_eq!(errors[0].path, "checklist[1].id");
    assert_eq!(errors[0].pos, pos(4, 5));
    assert!(
        errors[0].message.contains("\"id\""),
        "{}",
        errors[0].message
    );
}

#[test]
fn null_removes_an_optional_field() {
    let guide = default_guide();
    let step = guide
        .steps
        .iter()
        .find(|s| s.duration.is_some())
        .expect("a default step has a duration");
    let content = load_ok(&format!(
        r#"{{ "steps": [ {{ "id": "{}", "duration": null }} ] }}"#,
        step.id
    ));
    let index = guide.steps.iter().position(|s| s.id == step.id);
    let changed = index.map(|i| &content.steps[i]);
    assert_eq!(changed.map(|s| s.id.as_str()), Some(step.id.as_str()));
    assert_eq!(changed.and_then(|s| s.duration.as_ref()), None);
    assert_eq!(changed.map(|s| &s.title), Some(&step.title));
}

#[test]
fn null_on_a_required_field_is_a_required_error() {
    let errors =
        load_err("{\n  \"steps\": [\n    { \"id\": \"check-in\", \"title\": null }\n  ]\n}");
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Missing);
    assert_eq!(errors[0].path, "steps[0].title");
    assert_eq!(errors[0].pos, pos(3, 5));
    assert!(
        errors[0].message.contains("required"),
        "{}",
        errors[0].message
    );
}

#[test]
fn hide_hides_a_section() {
    let content = load_ok(r#"{ "hide": ["faq"] }"#);
    assert_eq!(content.hidden, [Section::Faq]);
    assert!(!content.shows(Section::Faq));
    assert!(content.shows(Section::Steps));
    assert!(default_guide().hidden.is_empty());
}

#[test]
fn crisis_and_disclaimer_cannot_be_hidden() {
    let errors = load_err("{\n  \"hide\": [\"faq\", \"crisis\", \"disclaimer\"]\n}");
    assert_eq!(errors.len(), 2, "{}", lines(&errors));
    assert_eq!(errors[0].path, "hide[1]");
    assert_eq!(errors[0].pos, pos(2, 19));
    assert_eq!(errors[1].path, "hide[2]");
    assert_eq!(errors[1].pos, pos(2, 29));
    for error in &errors {
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert!(
            error.message.contains("cannot be hidden"),
            "{}",
            error.message
        );
    }
}

#[test]
fn base_none_with_a_complete_document_loads_without_merging() {
    let complete = default_as_complete_document();
    let loaded = load_ok(&complete);
    assert_eq!(loaded, *default_guide());
    assert_eq!(load_document(DEFAULT_JSON).as_ref(), Ok(&*default_guide()));

    // Without merging, a list is the document's own, not merged by id.
    let start = complete.find("\"checklist\": [").expect("a checklist");
    let end = start + complete[start..].find("\n  ],").expect("its end");
    let one_item = format!(
        "{}\"checklist\": [ {{ \"id\": \"only-one\", \"text\": {} }} ]{}",
        &complete[..start],
        both("One thing.", "Una cosa."),
        &complete[end + 4..]
    );
    let loaded = load_ok(&one_item);
    assert_eq!(loaded.checklist.len(), 1);
    assert_eq!(loaded.checklist[0].id, "only-one");
}

#[test]
fn base_none_with_an_incomplete_document_reports_the_missing_fields() {
    let errors = load_err(
        r#"{ "base": "none", "format": 1, "languages": ["en"], "fallback_language": "en" }"#,
    );
    assert!(
        errors.iter().all(|e| e.kind == ErrorKind::Missing),
        "{}",
        lines(&errors)
    );
    let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "checklist",
            "crisis",
            "disclaimer",
            "faq",
            "guide",
            "last_reviewed",
            "questions_to_ask",
            "reviewed_by",
            "steps",
            "theme",
            "timeline",
            "ui"
        ]
    );
}

#[test]
fn a_new_language_without_texts_gives_missing_language_errors() {
    let errors = load_err(r#"{ "languages": ["en", "es", "fr"] }"#);
    assert!(
        errors.iter().all(|e| e.kind == ErrorKind::MissingLanguage),
        "{}",
        lines(&errors)
    );
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    for expected in [
        "guide.title.fr",
        "disclaimer.fr",
        "faq[0].answer.fr",
        "ui.fr",
    ] {
        assert!(paths.contains(&expected), "no error for {expected}");
    }
    // One for every text of the guide: far more than a handful.
    assert!(errors.len() > 100, "only {} errors", errors.len());
}

#[test]
fn a_word_added_after_the_first_format_may_be_missing_and_falls_back() {
    // A guide of its own ("base": "none") written before "remember_note"
    // existed in Spanish: still valid, and Spanish shows the English note.
    let spanish_note = DEFAULT_JSON
        .lines()
        .find(|l| l.contains("\"remember_note\": \"Safari y"))
        .expect("the built-in guide has a Spanish remember_note");
    let older = DEFAULT_JSON
        .replace(&format!("{spanish_note}\n"), "")
        .replacen('{', "{ \"base\": \"none\",", 1);
    let content = load_ok(&older);
    let english = content.ui.word("en", "en", "remember_note");
    assert!(english.contains("7 days"), "{english}");
    assert_eq!(content.ui.word("es", "en", "remember_note"), english);

    // A word of the first format is still required in every language.
    let search_label = DEFAULT_JSON
        .lines()
        .find(|l| l.contains("\"faq_search_label\": \"Buscar"))
        .expect("the built-in guide has a Spanish faq_search_label");
    let errors = load_err(&older.replace(&format!("{search_label}\n"), ""));
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].path, "ui.es.faq_search_label");
    assert_eq!(errors[0].kind, ErrorKind::MissingLanguage);
}

// ---------------------------------------------------------------------------
// 4. Errors
// ---------------------------------------------------------------------------

#[test]
fn a_syntax_error_has_its_line_and_column() {
    let errors = load_err("{\n  \"format\": 1,\n  \"hide\": [\"faq\",]\n}\n");
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Syntax);
    assert_eq!(errors[0].pos, pos(3, 17));
    assert_eq!(
        errors[0].to_line("clinic.json"),
        format!("clinic.json:3:17: {}", errors[0].message)
    );

    // Columns count characters, not bytes.
    let errors = load_err("{ \"reviewed_by\": { \"es\": \"Dra. Núñez\" } x }");
    assert_eq!(errors[0].kind, ErrorKind::Syntax);
    assert_eq!(errors[0].pos, pos(1, 41));
}

#[test]
fn a_type_error_names_the_path_and_what_was_expected() {
    let guide = default_guide();
    // A new item lands at the end.
    let appended = guide.faq.len();
    let errors = load_err(&format!(
        "{{\n  \"faq\": [\n    {{ \"id\": \"parking\", \"question\": {},\n      \"answer\": {{ \"en\": \"In our car park.\", \"es\": 5 }} }}\n  ]\n}}",
        both("Where?", "¿Dónde?")
    ));
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Type);
    assert_eq!(errors[0].path, format!("faq[{appended}].answer.es"));
    assert_eq!(errors[0].pos, pos(4, 51));
    assert!(
        errors[0].message.contains("expected text"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message.contains("a number"),
        "{}",
        errors[0].message
    );

    // An existing item keeps its place, and so its index.
    let existing = faq_index(&guide, "does-it-hurt");
    let errors = load_err(r#"{ "faq": [ { "id": "does-it-hurt", "answer": { "es": ["no"] } } ] }"#);
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Type);
    assert_eq!(errors[0].path, format!("faq[{existing}].answer.es"));
    assert!(
        errors[0].message.contains("found a list"),
        "{}",
        errors[0].message
    );

    // Placed with "after": the index where it lands.
    let errors = load_err(&format!(
        r#"{{ "faq": [ {{ "id": "parking", "after": "", "question": {}, "answer": {{ "en": true, "es": "x" }} }} ] }}"#,
        both("Where?", "¿Dónde?")
    ));
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].path, "faq[0].answer.en");
}

#[test]
fn an_unknown_field_gets_did_you_mean() {
    let errors = load_err(
        "{\n  \"guide\": { \"sumary\": { \"en\": \"x\", \"es\": \"y\" } },\n  \"clinc\": {}\n}",
    );
    assert_eq!(errors.len(), 2, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::UnknownField);
    assert_eq!(errors[0].path, "guide.sumary");
    assert_eq!(errors[0].pos, pos(2, 14));
    assert!(
        errors[0].message.contains("did you mean \"summary\""),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[1].path, "clinc");
    assert!(
        errors[1].message.contains("did you mean \"clinic\""),
        "{}",
        errors[1].message
    );
}

#[test]
fn unknown_field_with_swapped_letters_gets_did_you_mean() {
    let errors = load_err(r#"{ "guide": { "titel": { "en": "x" } } }"#);
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert!(
        errors[0].message.contains("did you mean \"title\""),
        "{}",
        errors[0].message
    );
}

/// How many errors of each kind, for comparing sets of problems.
fn kinds(errors: &[ContentError]) -> Vec<String> {
    let mut kinds: Vec<String> = errors.iter().map(|e| format!("{:?}", e.kind)).collect();
    kinds.sort();
    kinds
}

fn assert_sorted_by_position(errors: &[ContentError]) {
    for pair in errors.windows(2) {
        assert!(
            pair[0].pos <= pair[1].pos,
            "not sorted by position:\n{}",
            lines(errors)
        );
    }
}

#[test]
fn every_problem_of_a_complete_document_is_reported() {
    let mut text = default_as_complete_document();
    // 1. Duplicate ids.
    text = replace_once(&text, "\"id\": \"recovery\"", "\"id\": \"monitoring\"");
    // 2. An empty text.
    text = replace_once(&text, "\"en\": \"Vital signs\"", "\"en\": \"  \"");
    // 3. A missing language.
    text = replace_once(
        &text,
        "\"en\": \"The IV line\",\n        \"es\": \"La vía IV\"",
        "\"en\": \"The IV line\"",
    );
    // 4. A javascript: link in an answer.
    text = replace_once(
        &text,
        "\"en\": \"No. An adult must drive you home.",
        "\"en\": \"No. [Call us](javascript:alert(1)). An adult must drive you home.",
    );
    // 5. An invalid colour.
    text = replace_once(&text, "\"accent\": \"#1d5e8c\"", "\"accent\": \"blue\"");
    // 6. An invalid date.
    text = replace_once(&text, "\"2026-11-01\"", "\"2026-02-30\"");

    let errors = load_err(&text);
    assert_eq!(errors.len(), 6, "{}", lines(&errors));
    let find = |path: &str| {
        errors
            .iter()
            .find(|e| e.path == path)
            .unwrap_or_else(|| panic!("no error at {path}:\n{}", lines(&errors)))
    };
    assert_eq!(find("steps[5].id").kind, ErrorKind::Duplicate);
    assert_eq!(find("steps[1].title.en").kind, ErrorKind::Empty);
    assert_eq!(find("steps[2].title.es").kind, ErrorKind::MissingLanguage);
    let link = errors
        .iter()
        .find(|e| e.path.starts_with("faq[") && e.path.ends_with(".answer.en"))
        .unwrap_or_else(|| panic!("no link error:\n{}", lines(&errors)));
    assert!(
        matches!(link.kind, ErrorKind::Formatting | ErrorKind::Link),
        "{link:?}"
    );
    assert!(link.message.contains("javascript:"), "{}", link.message);
    assert_eq!(find("theme.accent").kind, ErrorKind::Invalid);
    assert_eq!(find("last_reviewed").kind, ErrorKind::Invalid);
    assert!(errors.iter().all(|e| e.pos.is_some()), "{}", lines(&errors));
    assert_sorted_by_position(&errors);
}

#[test]
fn every_problem_of_a_clinic_file_is_reported() {
    let text = format!(
        r##"{{
  "last_reviewed": "2026-13-01",
  "theme": {{ "accent": "#12345" }},
  "faq": [
    {{ "id": "does-it-hurt", "answer": {{ "en": "See [this](javascript:alert(1))." }} }},
    {{ "id": "parking", "question": {{ "en": "Where can I park?" }}, "answer": {} }}
  ],
  "checklist": [ {{ "id": "ride-home", "text": {{ "es": "" }} }} ]
}}"##,
        both("In our car park.", "En nuestro estacionamiento.")
    );
    let errors = load_err(&text);
    let appended = default_guide().faq.len();
    let hurt = faq_index(&default_guide(), "does-it-hurt");
    let mut found: Vec<(u32, ErrorKind, &str)> = errors
        .iter()
        .map(|e| (e.pos.map_or(0, |p| p.line), e.kind, e.path.as_str()))
        .collect();
    found.sort_by_key(|(line, _, path)| (*line, path.to_string()));
    let link_kind = errors
        .iter()
        .find(|e| e.path.ends_with("answer.en"))
        .map(|e| e.kind)
        .unwrap_or(ErrorKind::Formatting);
    assert!(matches!(link_kind, ErrorKind::Formatting | ErrorKind::Link));
    let hurt_path = format!("faq[{hurt}].answer.en");
    let parking_path = format!("faq[{appended}].question.es");
    assert_eq!(
        found,
        [
            (2, ErrorKind::Invalid, "last_reviewed"),
            (3, ErrorKind::Invalid, "theme.accent"),
            (5, link_kind, hurt_path.as_str()),
            (6, ErrorKind::MissingLanguage, parking_path.as_str()),
            (8, ErrorKind::Empty, "checklist[0].text.es"),
        ],
        "{}",
        lines(&errors)
    );
    assert_sorted_by_position(&errors);
}

#[test]
fn duplicate_ids_in_a_clinic_file_are_reported() {
    let errors = load_err(&format!(
        "{{\n  \"faq\": [\n    {{ \"id\": \"parking\", \"question\": {q}, \"answer\": {a} }},\n    {{ \"id\": \"parking\", \"question\": {q}, \"answer\": {a} }}\n  ]\n}}",
        q = both("Where can I park?", "¿Dónde estaciono?"),
        a = both("In our car park.", "En nuestro estacionamiento.")
    ));
    assert_eq!(kinds(&errors), ["Duplicate"], "{}", lines(&errors));
    assert_eq!(errors[0].pos.map(|p| p.line), Some(4));
}

#[test]
fn a_duplicate_id_is_reported_even_when_its_item_has_another_problem() {
    let mut text = default_as_complete_document();
    text = replace_once(&text, "\"id\": \"vital-signs\"", "\"id\": \"check-in\"");
    text = replace_once(&text, "\"en\": \"Vital signs\"", "\"en\": \"\"");
    let errors = load_err(&text);
    assert_eq!(kinds(&errors), ["Duplicate", "Empty"], "{}", lines(&errors));
}

#[test]
fn a_refused_link_in_formatted_text_is_a_link_error() {
    let errors = load_err(
        r#"{ "faq": [ { "id": "does-it-hurt", "answer": { "en": "[Call](javascript:alert(1))" } } ] }"#,
    );
    assert_eq!(kinds(&errors), ["Link"], "{}", lines(&errors));
}

#[test]
fn low_contrast_theme_is_reported() {
    let errors = load_err("{\n  \"theme\": { \"text\": \"#aaaaaa\" }\n}");
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].kind, ErrorKind::Invalid);
    assert_eq!(errors[0].path, "theme.text");
    assert_eq!(errors[0].pos, pos(2, 22));
    assert!(
        errors[0].message.contains("contrast"),
        "{}",
        errors[0].message
    );
    assert!(errors[0].message.contains("4.5"), "{}", errors[0].message);

    // A light accent fails twice: white text on it, and it on white.
    let errors = load_err(r##"{ "theme": { "accent": "#ffff00" } }"##);
    let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        ["theme.accent", "theme.accent_text"],
        "{}",
        lines(&errors)
    );
    assert!(errors.iter().all(|e| e.message.contains("contrast")));

    // Just under the line (4.48 to 1) is written rounded down, never as a passing 4.5.
    let errors = load_err(r##"{ "theme": { "text": "#777777" } }"##);
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert!(
        errors[0].message.contains("a contrast of 4.4 to 1"),
        "{}",
        errors[0].message
    );

    // Readable pairs load.
    let content = load_ok(r##"{ "theme": { "accent": "#0b5d4b", "text": "#222" } }"##);
    assert_eq!(content.theme.text, "#222222");
}

#[test]
fn a_contrast_error_caused_by_the_clinic_points_into_its_file() {
    let errors = load_err("{\n  \"theme\": { \"accent\": \"#ffff00\" }\n}");
    assert!(errors.iter().all(|e| e.pos.is_some()), "{}", lines(&errors));
}

#[test]
fn an_english_only_clinic_drops_the_default_spanish() {
    let content = load_ok(r#"{ "languages": ["en"] }"#);
    assert_eq!(content.languages, ["en"]);
}

#[test]
fn utf16_without_byte_order_mark_is_named() {
    let utf16le: Vec<u8> = "{ \"hide\": [] }".bytes().flat_map(|b| [b, 0]).collect();
    let Err(errors) = load_clinic_bytes(&utf16le) else {
        panic!("UTF-16 loaded");
    };
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert!(
        errors[0].message.contains("UTF-16"),
        "{}",
        errors[0].message
    );
}

#[test]
fn errors_are_sorted_by_position() {
    let errors = load_err(
        "{\n  \"theme\": { \"radius\": 99, \"font\": \"comic\" },\n  \"clinic\": { \"email\": \"nope\", \"website\": \"ftp://x.org\" },\n  \"last_reviewed\": \"yesterday\",\n  \"guide\": { \"title\": { \"en\": \"\" } }\n}",
    );
    assert_eq!(errors.len(), 6, "{}", lines(&errors));
    assert_sorted_by_position(&errors);
    assert_eq!(errors[0].path, "theme.radius");
    assert_eq!(errors[5].path, "guide.title.en");
    assert_eq!(errors[3].kind, ErrorKind::Link);
}

// ---------------------------------------------------------------------------
// 5. JSONTestSuite
// ---------------------------------------------------------------------------

#[test]
fn jsontestsuite_files_parse_or_fail_as_they_should() {
    let folder = testdata("jsontestsuite");
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| {
        panic!(
            "cannot read the JSONTestSuite folder {} ({e}); set INFUSION_GUIDE_TESTDATA to a folder containing jsontestsuite/",
            folder.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 300,
        "only {} files in {}",
        files.len(),
        folder.display()
    );

    let mut failures = Vec::new();
    let mut counts = [0usize; 3];
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = std::panic::catch_unwind(|| load_clinic_bytes(&bytes));
        let Ok(result) = result else {
            failures.push(format!("{name}: panicked"));
            continue;
        };
        if name.starts_with("n_") {
            counts[0] += 1;
            match &result {
                Ok(_) => failures.push(format!("{name}: accepted")),
                Err(errors) => {
                    let located = errors.iter().any(|e| {
                        e.kind == ErrorKind::Syntax
                            && e.pos.is_some_and(|p| p.line >= 1 && p.column >= 1)
                    });
                    if !located {
                        failures.push(format!(
                            "{name}: no located syntax error:\n{}",
                            lines(errors)
                        ));
                    }
                }
            }
        } else if name.starts_with("y_") {
            counts[1] += 1;
            if let Err(errors) = &result {
                if errors.is_empty()
                    || errors
                        .iter()
                        .any(|e| e.kind == ErrorKind::Syntax || e.message.trim().is_empty())
                {
                    failures.push(format!("{name}: valid JSON refused:\n{}", lines(errors)));
                }
            }
        } else {
            counts[2] += 1;
        }
    }
    eprintln!(
        "JSONTestSuite: {} n_, {} y_, {} i_ files",
        counts[0], counts[1], counts[2]
    );
    assert!(counts[0] > 0 && counts[1] > 0, "{counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// 6. XSS payloads in every kind of field
// ---------------------------------------------------------------------------

/// The strings of the XSS corpus (a JSON array of strings).
fn xss_payloads() -> Vec<String> {
    let path = testdata("xss_payloads.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); set INFUSION_GUIDE_TESTDATA to a folder containing xss_payloads.json",
            path.display()
        )
    });
    let node = json::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let items = node
        .value
        .as_array()
        .unwrap_or_else(|| panic!("{} is not a list", path.display()));
    items
        .iter()
        .map(|item| match item.value.as_str() {
            Some(s) => s.to_owned(),
            None => panic!("{}: not a string: {}", path.display(), item.to_json()),
        })
        .collect()
}

/// Where a payload goes, and how to read it back from the loaded content.
#[derive(Clone, Copy, Debug)]
enum Field {
    Title,
    FaqAnswer,
    StepBody,
    ClinicName,
    CrisisNote,
    UiWord,
    Website,
    BookingUrl,
    /// A real web address with the payload after it.
    WebsitePath,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Title,
        Field::FaqAnswer,
        Field::StepBody,
        Field::ClinicName,
        Field::CrisisNote,
        Field::UiWord,
        Field::Website,
        Field::BookingUrl,
        Field::WebsitePath,
    ];

    fn clinic_file(self, payload: &str) -> String {
        let p = json_string(payload);
        match self {
            Field::Title => format!(r#"{{ "guide": {{ "title": {{ "en": {p} }} }} }}"#),
            Field::FaqAnswer => {
                format!(r#"{{ "faq": [ {{ "id": "does-it-hurt", "answer": {{ "en": {p} }} }} ] }}"#)
            }
            Field::StepBody => {
                format!(r#"{{ "steps": [ {{ "id": "check-in", "body": {{ "en": {p} }} }} ] }}"#)
            }
            Field::ClinicName => {
                format!(r#"{{ "clinic": {{ "name": {{ "en": {p}, "es": {p} }} }} }}"#)
            }
            Field::CrisisNote => {
                format!(r#"{{ "crisis": {{ "note": {{ "en": {p}, "es": {p} }} }} }}"#)
            }
            Field::UiWord => format!(r#"{{ "ui": {{ "en": {{ "next_step": {p} }} }} }}"#),
            Field::Website => format!(r#"{{ "clinic": {{ "website": {p} }} }}"#),
            Field::BookingUrl => format!(r#"{{ "clinic": {{ "booking_url": {p} }} }}"#),
            Field::WebsitePath => {
                let url = json_string(&format!("https://riverbend.example/{payload}"));
                format!(r#"{{ "clinic": {{ "website": {url} }} }}"#)
            }
        }
    }

    /// Checks the loaded content; an `Err` says what is wrong.
    fn check(self, payload: &str, content: &Content) -> Result<(), String> {
        let verbatim = payload.trim();
        let expect_plain = |found: Option<&str>| match found {
            Some(found) if found == verbatim => Ok(()),
            other => Err(format!("plain text not kept verbatim: {other:?}")),
        };
        let expect_web = |found: Option<&String>| match found {
            Some(url) => {
                let lower = url.to_ascii_lowercase();
                if (lower.starts_with("https://") || lower.starts_with("http://"))
                    && link_scheme_allowed(url)
                {
                    Ok(())
                } else {
                    Err(format!("URL {url:?} is not http(s)"))
                }
            }
            None => Err("URL missing".to_owned()),
        };
        match self {
            Field::Title => expect_plain(Some(content.guide.title.get("en", "en"))),
            Field::ClinicName => {
                expect_plain(content.clinic.name.as_ref().map(|t| t.get("en", "en")))
            }
            Field::CrisisNote => {
                expect_plain(content.crisis.note.as_ref().map(|t| t.get("en", "en")))
            }
            Field::UiWord => expect_plain(Some(content.ui.word("en", "en", "next_step"))),
            Field::Website | Field::WebsitePath => expect_web(content.clinic.website.as_ref()),
            Field::BookingUrl => expect_web(content.clinic.booking_url.as_ref()),
            Field::FaqAnswer | Field::StepBody => {
                let text = match self {
                    Field::FaqAnswer => content.faq[faq_index(content, "does-it-hurt")]
                        .answer
                        .get("en", "en"),
                    _ => content.steps[0].body.get("en", "en"),
                };
                check_html(&render(&text)).map_err(|e| format!("rendered HTML: {e}"))
            }
        }
    }
}

#[test]
fn xss_payloads_are_refused_or_inert_in_every_field() {
    let payloads = xss_payloads();
    assert!(payloads.len() >= 300, "only {} payloads", payloads.len());
    let mut failures = Vec::new();
    let mut loaded = [0usize; Field::ALL.len()];
    for payload in &payloads {
        for (n, field) in Field::ALL.into_iter().enumerate() {
            let Ok(content) = load_clinic(&field.clinic_file(payload)) else {
                continue;
            };
            loaded[n] += 1;
            if let Err(problem) = field.check(payload, &content) {
                failures.push(format!("{field:?} {payload:?}: {problem}"));
            }
            for (name, text) in rich_texts(&content) {
                for href in links(text) {
                    if !link_scheme_allowed(&href) {
                        failures.push(format!("{field:?} {payload:?}: {name} links to {href:?}"));
                    }
                }
            }
        }
    }
    eprintln!(
        "XSS payloads loaded per field: {:?}",
        Field::ALL.iter().zip(loaded).collect::<Vec<_>>()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Plain texts take (almost) anything: they are inert as text.
    assert!(loaded[0] > payloads.len() / 2, "{loaded:?}");
}

// ---------------------------------------------------------------------------
// 7. A large file
// ---------------------------------------------------------------------------

#[test]
fn a_one_megabyte_file_loads() {
    const COUNT: usize = 1_000;
    let filler_en = "You can ask the staff about this at any time. They are there to help you and to answer your questions. ";
    let filler_es = "Puede preguntar al personal sobre esto en cualquier momento. Están para ayudarle y responder sus preguntas. ";
    let mut items = String::new();
    for i in 0..COUNT {
        let _ = write!(
            items,
            "\n    {{ \"id\": \"generated-{i}\", \"question\": {}, \"answer\": {}, \"category\": \"about\" }},",
            both(&format!("Question number {i}?"), &format!("¿Pregunta número {i}?")),
            both(&filler_en.repeat(4), &filler_es.repeat(4)),
        );
    }
    let text = replace_once(
        &default_as_complete_document(),
        "\"faq\": [",
        &format!("\"faq\": [{items}"),
    );
    assert!(text.len() >= 1_000_000, "{} bytes", text.len());
    assert!(text.len() <= MAX_CONTENT_BYTES, "{} bytes", text.len());

    let start = Instant::now();
    let content = load_ok(&text);
    let elapsed = start.elapsed();
    eprintln!(
        "loaded {} KB with {} FAQ entries in {elapsed:?}",
        text.len() / 1024,
        content.faq.len()
    );
    assert_eq!(content.faq.len(), default_guide().faq.len() + COUNT);
    assert_eq!(content.faq[0].id, "generated-0");
}
