//! Native tests of the content pipeline through its public API: the default
//! guide, its reading level, the merge rules for clinic files, the error
//! reports and a large file. The public corpora (JSONTestSuite, XSS payloads)
//! are in `tests/corpora.rs`.
//!
//! Run with `cargo test --test content` (add `-- --nocapture` to see the
//! reading-level table and the large-file timing). The shared corpora are read
//! from `../shared/testdata`, or from the folder named by the environment
//! variable `INFUSION_GUIDE_TESTDATA`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use infusion_guide::content::{
    load_clinic, load_clinic_bytes, load_document, ContentError, Date, ErrorKind, Section,
    DEFAULT_JSON, MAX_CONTENT_BYTES,
};
use infusion_guide::readability;

use common::*;

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
fn english_sections_read_at_grade_6_or_below() {
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
                if grade > 6.0 {
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
        "sections above grade 6:\n{}",
        too_hard.join("\n")
    );
}

/// Spanish is scored with Spanish formulas (Szigriszt-Pazos on the INFLESZ
/// scale, with Spanish syllables), not English's, which flagged 30 of 37
/// Spanish parts as "above grade 8".
#[test]
fn spanish_sections_read_at_inflesz_65_or_above() {
    use infusion_guide::content::readability::{stats_in, Formula};
    let guide = default_guide();
    let mut table = String::from("section                                   INFLESZ\n");
    let mut too_hard = Vec::new();
    let mut min = f64::MAX;
    for (name, text) in guide.sections("es") {
        let ease = stats_in(&text, Formula::Spanish)
            .szigriszt_pazos()
            .unwrap_or(0.0);
        let _ = writeln!(table, "{name:<42}{ease:>6.1}");
        min = min.min(ease);
        if ease < 65.0 {
            too_hard.push(format!("{name}: INFLESZ {ease:.1}"));
        }
    }
    let _ = writeln!(table, "{:<42}{min:>6.1}", "min");
    eprintln!("{table}");
    assert!(
        too_hard.is_empty(),
        "Spanish sections below 65 (fairly easy):\n{}",
        too_hard.join("\n")
    );
    // And the report a clinic sees uses those formulas, flagging nothing here.
    let rows = guide.readability();
    assert!(rows
        .iter()
        .filter(|r| r.lang == "es")
        .all(|r| r.formula == Some(Formula::Spanish)));
    assert!(rows.iter().all(|r| !r.too_hard()), "a part is flagged");
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
fn an_unknown_crisis_region_names_every_region_or_the_one_meant() {
    let errors = load_err(r#"{ "crisis": { "region": "fr" } }"#);
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(errors[0].path, "crisis.region");
    assert_eq!(
        errors[0].message,
        "\"fr\" is not a crisis region; the regions are us, uk, ca, ie, au, nz, es, mx or other"
    );
    let errors = load_err(r#"{ "crisis": { "region": "mex" } }"#);
    assert_eq!(
        errors[0].message,
        "\"mex\" is not a crisis region; did you mean \"mx\"?"
    );
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
fn a_new_language_without_texts_gives_one_missing_language_error() {
    // Every built-in text lacks French: one error at "fr" in the clinic's
    // list says so, with how many parts and the first of them (it was one
    // unlocated line per part, over a hundred: see the regression below).
    let errors = load_err(r#"{ "languages": ["en", "es", "fr"] }"#);
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    let error = &errors[0];
    assert_eq!(error.kind, ErrorKind::MissingLanguage);
    assert_eq!(error.path, "languages[2]");
    assert!(error.pos.is_some());
    for expected in ["guide.title.fr", "\"ui\": { \"fr\""] {
        assert!(
            error.message.contains(expected),
            "no {expected} in {}",
            error.message
        );
    }
    let parts: usize = error
        .message
        .split("version of the ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(parts > 100, "{}", error.message);
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
// 5. A large file
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

// ---------------------------------------------------------------------------
// Regressions
// ---------------------------------------------------------------------------

/// Issue 13: a clinic adding "fr" got 128 lines without a line or column.
#[test]
fn a_clinic_adding_a_language_gets_one_located_error_at_its_languages_entry() {
    let text = "{\n  \"languages\": [\"en\", \"fr\"],\n  \"clinic\": { \"phone\": \"+1 555 010 0199\" }\n}";
    let errors = load_clinic(text).expect_err("French is missing everywhere");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error.path, "languages[1]");
    assert_eq!(error.pos.map(|p| (p.line, p.column)), Some((2, 23)));
    assert!(error.message.contains("\"fr\""), "{}", error.message);
    assert!(
        error.message.contains("guide.title.fr"),
        "{}",
        error.message
    );
    // Parts the clinic wrote itself keep their own located errors.
    let text = "{\n  \"languages\": [\"en\", \"fr\"],\n  \"faq\": [ { \"id\": \"new-q\", \"question\": { \"en\": \"New?\" }, \"answer\": { \"en\": \"Yes.\" } } ]\n}";
    let errors = load_clinic(text).expect_err("French is missing");
    let paths: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
    // The new question comes after the built-in ones.
    let new = default_guide().faq.len();
    assert_eq!(
        paths,
        [
            "languages[1]".to_owned(),
            format!("faq[{new}].question.fr"),
            format!("faq[{new}].answer.fr")
        ]
    );
    assert!(errors.iter().all(|e| e.pos.is_some()), "{errors:?}");
}

/// Issue 13: the words crisis_show and loading were required of every new
/// language, and never shown.
#[test]
fn retired_ui_words_need_no_translation_and_are_still_accepted() {
    let with_retired =
        r#"{ "ui": { "en": { "crisis_show": "Crisis help", "loading": "Loading" } } }"#;
    assert!(load_clinic(with_retired).is_ok(), "older files stay valid");
    assert!(!DEFAULT_JSON.contains("crisis_show") && !DEFAULT_JSON.contains("\"loading\""));
}

/// Issue 13: the suicidal-thoughts answer and the disclaimer named 988 and
/// 911 whatever the region. No built-in text writes a number.
#[test]
fn no_built_in_text_names_a_crisis_or_emergency_number() {
    for number in ["988", "911", "999", "116 123", "112", "000", "1737", "024"] {
        assert!(
            !DEFAULT_JSON.contains(number),
            "content/default.json names {number}"
        );
    }
    assert!(DEFAULT_JSON.contains("{crisis}") && DEFAULT_JSON.contains("{emergency}"));
}

// ---------------------------------------------------------------------------
// The numbers the pictures are drawn from
// ---------------------------------------------------------------------------

#[test]
fn the_schedule_merges_field_by_field_and_ranges_replace_whole() {
    let content =
        load_clinic(r#"{ "schedule": { "infusion_minutes": 60, "visit_minutes": [120, 150] } }"#)
            .unwrap_or_else(|e| panic!("{e:?}"));
    let schedule = content.schedule.expect("a schedule");
    assert_eq!(schedule.infusion_minutes, 60);
    assert_eq!(schedule.visit_minutes, (120, 150));
    assert_eq!(
        schedule.recovery_minutes,
        (15, 60),
        "the built-in recovery stays"
    );
    assert_eq!(schedule.course_infusions, 6);
    assert_eq!(schedule.course_weeks, (2, 4));
    let without = load_clinic(r#"{ "schedule": null }"#).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(without.schedule, None, "null removes the pictures");
}

#[test]
fn a_wrong_schedule_number_is_a_located_error() {
    for (text, path, expected) in [
        (
            r#"{ "schedule": { "infusion_minutes": [40, 50] } }"#,
            "schedule.infusion_minutes",
            "one number of minutes",
        ),
        (
            r#"{ "schedule": { "visit_minutes": [120, 90] } }"#,
            "schedule.visit_minutes",
            "least first",
        ),
        (
            r#"{ "schedule": { "course_weeks": 2.5 } }"#,
            "schedule.course_weeks",
            "a whole number of weeks",
        ),
        (
            r#"{ "schedule": { "visit_minutes": 30 } }"#,
            "schedule.visit_minutes",
            "shorter than the infusion",
        ),
    ] {
        let errors = load_clinic(text).expect_err(text);
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        assert_eq!(errors[0].path, path, "{text}");
        assert!(errors[0].pos.is_some(), "{text}: located");
        assert!(
            errors[0].message.contains(expected),
            "{text}: {}",
            errors[0].message
        );
    }
}
